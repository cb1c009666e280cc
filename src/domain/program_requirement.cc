#include "domain/program_requirement.h"

namespace tsunagu::domain {

std::string_view evidence_state_label(EvidenceState s) {
  switch (s) {
    case EvidenceState::kPresent:
      return "あり";
    case EvidenceState::kNone:
      return "なし";
    case EvidenceState::kNoFeature:
      return kNoRecordFeature;
  }
  return {};
}

EvidenceState evidence_state(const ActivityEvidence& evidence) {
  if (!evidence) return EvidenceState::kNoFeature;
  for (const auto& e : *evidence)
    if (e.count > 0) return EvidenceState::kPresent;
  return EvidenceState::kNone;
}

std::vector<RequirementRow> requirement_rows(
    std::optional<std::string_view> program_type,
    const std::array<ActivityEvidence, 12>& evidence) {
  std::vector<RequirementRow> rows;
  rows.reserve(kProgramActivityValues.size());
  for (std::size_t i = 0; i < kProgramActivityValues.size(); ++i) {
    RequirementRow row;
    row.number = i + 1;
    row.activity = kProgramActivityValues[i];
    if (program_type)
      row.requirement = activity_requirement(*program_type, row.activity);
    row.evidence = evidence[i];
    row.state = evidence_state(row.evidence);
    row.required_without_evidence =
        row.requirement == ActivityRequirement::kRequired &&
        row.state != EvidenceState::kPresent;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string_view circled_number(std::size_t n) {
  static constexpr std::array<std::string_view, 12> kCircled{
      "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩", "⑪", "⑫"};
  if (n < 1 || n > kCircled.size()) return {};
  return kCircled[n - 1];
}

}  // namespace tsunagu::domain
