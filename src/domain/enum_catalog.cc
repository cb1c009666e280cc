#include "domain/enum_catalog.h"

#include <array>

#include "domain/age_band.h"
#include "domain/area_level.h"
#include "domain/assessment.h"
#include "domain/case_attributes.h"
#include "domain/case_status.h"
#include "domain/contact.h"
#include "domain/duration_band.h"
#include "domain/consent_giver.h"
#include "domain/consultation.h"
#include "domain/group.h"
#include "domain/matching.h"
#include "domain/meeting.h"
#include "domain/organisation.h"
#include "domain/outing.h"
#include "domain/person.h"
#include "domain/person_preference.h"
#include "domain/plan.h"
#include "domain/plan_progress.h"
#include "domain/referral_category.h"
#include "domain/referral_state.h"
#include "domain/role.h"
#include "domain/sharing.h"
#include "domain/survey.h"
#include "domain/supporter.h"

namespace tsunagu::domain {
namespace {

// Roles and area levels keep their ids and labels in tables of their own;
// these views are built from those tables once, so nothing is written twice.
struct IdsAndLabels {
  std::array<std::string_view, kAllRoles.size()> role_ids, role_labels;
  std::array<std::string_view, kAreaLevels.size()> area_ids, area_labels;
};

const IdsAndLabels& ids_and_labels() {
  static const IdsAndLabels t = [] {
    IdsAndLabels x;
    for (std::size_t i = 0; i < kAllRoles.size(); ++i) {
      x.role_ids[i] = role_id(kAllRoles[i]);
      x.role_labels[i] = role_label(kAllRoles[i]);
    }
    for (std::size_t i = 0; i < kAreaLevels.size(); ++i) {
      x.area_ids[i] = kAreaLevels[i].id;
      x.area_labels[i] = kAreaLevels[i].label;
    }
    return x;
  }();
  return t;
}

std::span<const EnumSpec> catalog() {
  static const auto c = std::to_array<EnumSpec>({
      kContactChannel,    kContactSubKind,       kContactCounterpart,
      kCaseStatus,        kIntakeRoute,          kPersonAwareness,
      kComplexNeed,       kPersonNaming,         kSex,
      kContactPreference, kSupportPreference,
      kHouseholdRelation, kPersonAgeBand,        kMhlwAgeBand,
      kWithdrawalPhase,   kSupportGroup,         kAssessmentSide,
      kLifeDifficulty,    kTrigger,              kOutingLevel,
      kOutingClassName,   kDurationBand,         kPlanAxis,
      kPlanTerm,          kPlanConsent,          kProgressLevel,
      kProgressDirectionName, kReferralCategory, kReferralState,
      kSharingBasis,      kSharedPart,           kConsentMethod,
      kResourceGender,    kResourceCost,         kMeetingKind,
      kMeetingLegalBasis, kOrganisationKind,     kProgramType,
      kProgramActivity,   kGroupKind,            kGroupAudience,
      kSessionState,      kAttendanceStatus,     kParticipantSide,
      kVisitKind,         kConsultationWriter,   kConsultationState,
      kConsultationAuthor, kConsentGiver,         kRepresentativeBasis,
                          kSurveyRespondentKind, kSurveyCardState,
      kSurveyDuplicateDecision, kSurveyAgeBand, kPopulationAgeBand,
      kSurveyGender,      kSurveyHousehold,      kSurveySupport,
      kSurveyNeed,
                          kSupporterKind,        kSupporterActivity,
      kTrainingKind,      kDispatchState,
      EnumSpec{"area_level", "地域の区分", ids_and_labels().area_ids,
               ids_and_labels().area_labels},
      EnumSpec{"role", "役割", ids_and_labels().role_ids,
               ids_and_labels().role_labels},
  });
  return c;
}

}  // namespace

std::span<const EnumSpec> enum_catalog() { return catalog(); }

const EnumSpec* find_enum(std::string_view name) {
  for (const EnumSpec& spec : catalog()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

}  // namespace tsunagu::domain
