// Status of a support case (支援ケース) and the moves between statuses.
//
//   受付 ⇄ 継続支援 ⇄ 見守り (and 受付 ⇄ 見守り): free, no reason needed —
//     moving back and forth is ordinary work, not a setback (principle 1).
//   any open status → 終結 or 中断: needs a reason.
//   終結 or 中断 → 受付 or 継続支援: a reopen, needs a reason. A person may
//     come back years later; the case keeps its history instead of a new one.
// 終結 ⇄ 中断 directly is not a move: reopen first, so the record says why.
#pragma once

#include <array>
#include <string_view>

#include "domain/enumeration.h"
#include "domain/state_machine.h"

namespace tsunagu::domain {

inline constexpr std::array<std::string_view, 5> kCaseStatusValues{
    "受付", "継続支援", "見守り", "終結", "中断"};
inline constexpr EnumSpec kCaseStatus{"case_status", "ケースの状況",
                                      kCaseStatusValues};

// The case status machine; initial state 受付.
const StateMachine& case_status_machine();

// True for 受付, 継続支援, 見守り (counted in caseload).
bool is_open_case_status(std::string_view status);

// True iff from is 終結/中断 and to is an open status.
bool is_reopen(std::string_view from, std::string_view to);

}  // namespace tsunagu::domain
