#include "domain/outing.h"

#include "domain/duration_band.h"

namespace tsunagu::domain {

std::string_view OutingClassification::name() const {
  switch (cls) {
    case OutingClass::kNarrow:
      return kOutingClassValues[0];
    case OutingClass::kSemi:
      return kOutingClassValues[1];
    case OutingClass::kNone:
      return kOutingClassValues[3];
  }
  return kOutingClassValues[3];
}

std::optional<OutingClassification> classify_outing(const OutingInput& input) {
  const auto level = kOutingLevel.index_of(input.level);
  if (!level) return std::nullopt;
  if (!is_valid(input.assessed_on)) return std::nullopt;
  if (input.since &&
      (!is_valid(*input.since) || input.assessed_on < *input.since)) {
    return std::nullopt;
  }
  std::optional<bool> band_long;
  if (input.duration_band) {
    band_long = band_is_six_months_or_more(*input.duration_band);
    if (!band_long) return std::nullopt;
  }

  OutingClassification result;
  OutingClass candidate = OutingClass::kNone;
  if (*level >= 5) {
    candidate = OutingClass::kNarrow;
    result.reasons.push_back(OutingRule::kLevelNarrow);
  } else if (*level == 4) {
    candidate = OutingClass::kSemi;
    result.reasons.push_back(OutingRule::kLevelSemi);
  } else {
    result.reasons.push_back(OutingRule::kLevelOutside);
    return result;
  }

  bool counts = true;
  if (input.since) {
    const bool lasted = full_months_between(*input.since, input.assessed_on) >= 6;
    result.reasons.push_back(lasted ? OutingRule::kLastedSixMonths
                                    : OutingRule::kUnderSixMonths);
    counts = lasted;
  } else if (band_long) {
    result.reasons.push_back(*band_long ? OutingRule::kLastedSixMonths
                                        : OutingRule::kUnderSixMonths);
    counts = *band_long;
  } else {
    result.reasons.push_back(OutingRule::kDurationUnknown);
    counts = false;
  }

  if (input.employed) {
    result.reasons.push_back(OutingRule::kExcludedEmployed);
    counts = false;
  }
  if (input.reason_physical_illness) {
    result.reasons.push_back(OutingRule::kExcludedPhysicalIllness);
    counts = false;
  }
  if (input.homemaker_or_childcare && input.talked_with_non_family) {
    result.reasons.push_back(OutingRule::kExcludedHomemakerTalking);
    counts = false;
  }

  if (counts) {
    result.cls = candidate;
    result.broad = true;
  }
  return result;
}

std::string_view explain(OutingRule rule) {
  switch (rule) {
    case OutingRule::kLevelNarrow:
      return "外出状況が「近所のコンビニなどには出かける」「自室からは出るが、家からは出ない」「自室からほとんど出ない」のいずれか（狭義）";
    case OutingRule::kLevelSemi:
      return "外出状況が「趣味の用事のときだけ外出する」（準）";
    case OutingRule::kLevelOutside:
      return "外出状況が調査の定義（広義）の範囲外";
    case OutingRule::kLastedSixMonths:
      return "現在の外出状況になってから6か月以上";
    case OutingRule::kUnderSixMonths:
      return "現在の外出状況になってから6か月未満";
    case OutingRule::kDurationUnknown:
      return "現在の外出状況になってからの期間が不明";
    case OutingRule::kExcludedEmployed:
      return "就業者のため調査の定義から除く";
    case OutingRule::kExcludedPhysicalIllness:
      return "身体的な病気等が外出状況の理由のため調査の定義から除く";
    case OutingRule::kExcludedHomemakerTalking:
      return "専業主婦・主夫・家事手伝い又は出産・育児が理由で、最近6か月以内に家族以外の人と会話しているため調査の定義から除く";
  }
  return {};
}

}  // namespace tsunagu::domain
