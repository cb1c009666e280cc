// About thirty fictional support cases for the demo organisations, shaped
// like real work (PRODUCT.md, seed 004): families consulting for months
// before 本人 is met, letters and unanswered visits, an 8050 household,
// anonymous one-off calls, a case closed and reopened, contacts on every
// channel over the last ~18 months (both sides of 31 March / 1 April).
//
// Every case title starts with a stable case number like an office ledger's
// ("S01 田中さん（40代男性）": S = さくら市, A = あおば町, P = 県センター), so
// other demo loaders (assessments, plans, stages) can find a case with
// demo_case_id(c, "S01").
#pragma once

#include <map>
#include <optional>
#include <string>

#include "service/actor.h"
#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::cli {

// Loads the demo cases. Precondition: the demo organisations and users exist.
void load_demo_cases(store::Connection& c, const service::SealKey& key);

// The id of the demo case with `key` ("S01" …), if loaded.
std::optional<std::string> demo_case_id(store::Connection& c, const std::string& key);

// Every user of the database as the actor the demo loaders write as, by
// login (client "demo").
std::map<std::string, service::Actor> demo_actors(store::Connection& c);

}  // namespace tsunagu::cli
