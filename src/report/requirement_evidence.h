// What counts as evidence for the twelve activities of the program
// requirement matrix (report/requirements.h), as a registration: one row a
// source, each counting one kind of record for one activity. A module whose
// records are evidence of an activity (居場所づくり ②, 家族会 ④, 講演会 ⑤,
// サポーター ⑥ …) writes its counting function and adds its row to
// evidence_sources() (report/requirement_evidence.cc); requirements.cc is
// not edited.
//
// An activity with no source shows 記録なし; one with sources shows their
// counts in the order of the rows, zeros included.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "domain/program_requirement.h"
#include "report/organisation_year.h"
#include "store/db.h"

namespace tsunagu::report {

struct EvidenceSource {
  std::size_t activity;  // 1..12 (①…⑫)
  // The migration that made the records; the source counts only on a
  // database where it has run (0: always).
  int since_migration;
  std::vector<domain::EvidenceCount> (*count)(store::Connection& db, const OrganisationYear& scope);
};

// Every registered source, in the order their counts are listed.
std::span<const EvidenceSource> evidence_sources();

// The evidence of each activity from the sources (index 0 is ①).
std::array<domain::ActivityEvidence, 12> count_evidence(store::Connection& db, const OrganisationYear& scope);

// True once migration `version` has run on this database: features built
// by other work (meetings, 0007) are counted only when their tables exist.
bool has_migration(store::Connection& db, int version);

}  // namespace tsunagu::report
