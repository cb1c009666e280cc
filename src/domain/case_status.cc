#include "domain/case_status.h"

namespace tsunagu::domain {
namespace {

constexpr Move kCaseMoves[] = {
    {"受付", "継続支援", false},   {"受付", "見守り", false},
    {"継続支援", "受付", false},   {"継続支援", "見守り", false},
    {"見守り", "受付", false},     {"見守り", "継続支援", false},
    {"受付", "終結", true},        {"受付", "中断", true},
    {"継続支援", "終結", true},    {"継続支援", "中断", true},
    {"見守り", "終結", true},      {"見守り", "中断", true},
    {"終結", "受付", true},        {"終結", "継続支援", true},
    {"中断", "受付", true},        {"中断", "継続支援", true},
};

constexpr StateMachine kMachine{"case_status", kCaseStatusValues, "受付",
                                kCaseMoves};

}  // namespace

const StateMachine& case_status_machine() { return kMachine; }

bool is_open_case_status(std::string_view status) {
  return status == "受付" || status == "継続支援" || status == "見守り";
}

bool is_reopen(std::string_view from, std::string_view to) {
  return (from == "終結" || from == "中断") && is_open_case_status(to);
}

}  // namespace tsunagu::domain
