#include "domain/enum_catalog.h"

#include <array>

#include "domain/age_band.h"
#include "domain/assessment.h"
#include "domain/case_attributes.h"
#include "domain/case_status.h"
#include "domain/contact.h"
#include "domain/duration_band.h"
#include "domain/meeting.h"
#include "domain/organisation.h"
#include "domain/outing.h"
#include "domain/person.h"
#include "domain/plan.h"
#include "domain/referral_category.h"
#include "domain/referral_state.h"

namespace tsunagu::domain {
namespace {

constexpr std::array kCatalog{
    kContactChannel,   kContactSubKind,   kContactCounterpart,
    kCaseStatus,       kIntakeRoute,      kPersonAwareness,
    kComplexNeed,      kSex,              kHouseholdRelation,
    kPersonAgeBand,    kMhlwAgeBand,      kWithdrawalPhase,
    kSupportGroup,     kAssessmentSide,   kLifeDifficulty,
    kTrigger,          kOutingLevel,      kOutingClassName,
    kDurationBand,     kPlanAxis,         kPlanTerm,
    kPlanConsent,      kReferralCategory, kReferralState,
    kOrganisationKind, kProgramType,      kProgramActivity,
    kMeetingKind,      kConsentMethod,
};

}  // namespace

std::span<const EnumSpec> enum_catalog() { return kCatalog; }

const EnumSpec* find_enum(std::string_view name) {
  for (const EnumSpec& spec : kCatalog) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

}  // namespace tsunagu::domain
