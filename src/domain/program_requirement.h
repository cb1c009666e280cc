// The program requirement matrix filled from records (取組の実施状況).
//
// For one organisation and fiscal year, each of the twelve activities of
// the national table gets the organisation's mark under its program type
// (◎ required / ○ optional / – not part of it, domain/organisation.h) and
// the evidence counted from tsunagu's records. Some activities have no
// feature recording them yet (サポーター, 専門職 …): their
// evidence is "記録なし" — not 0, because 0 would claim that nothing was
// done. A required activity without evidence (nothing counted, or nothing
// recordable) is flagged so that the screen can point at it; the flag says
// "no evidence in tsunagu", never that the organisation failed.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/organisation.h"

namespace tsunagu::domain {

inline constexpr std::string_view kNoRecordFeature = "記録なし";

// One counted figure that backs an activity ("相談・支援記録 12件").
struct EvidenceCount {
  std::string label;
  std::int64_t count = 0;
  std::string unit;  // 件, 人, 回 …
};

// Evidence for one activity: nullopt when no feature records it yet.
using ActivityEvidence = std::optional<std::vector<EvidenceCount>>;

enum class EvidenceState {
  kPresent,     // some count > 0
  kNone,        // recorded by a feature, but nothing counted this year
  kNoFeature,   // 記録なし: tsunagu has no record of this kind yet
};

// "あり", "なし" or "記録なし".
std::string_view evidence_state_label(EvidenceState s);

EvidenceState evidence_state(const ActivityEvidence& evidence);

struct RequirementRow {
  std::size_t number = 0;  // 1..12 (①…⑫)
  std::string_view activity;
  // nullopt when the organisation has no (known) program type.
  std::optional<ActivityRequirement> requirement;
  ActivityEvidence evidence;
  EvidenceState state = EvidenceState::kNoFeature;
  // ◎ and not kPresent.
  bool required_without_evidence = false;
};

// The twelve rows in table order. `program_type` may be empty or unknown
// (then no marks and no flags).
std::vector<RequirementRow> requirement_rows(
    std::optional<std::string_view> program_type,
    const std::array<ActivityEvidence, 12>& evidence);

// "①" … "⑫" for 1..12; empty otherwise.
std::string_view circled_number(std::size_t n);

}  // namespace tsunagu::domain
