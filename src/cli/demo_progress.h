// Demo assessments, plans and stage changes on top of the demo cases
// (demo_cases.h): repeated assessments that show change, plans whose goals
// are in the person's own words with progress that goes up and down, and
// stage histories including a case that moved forward and back.
#pragma once

#include "store/db.h"

namespace tsunagu::cli {

// Precondition: the demo users and cases exist. Cases missing from the
// demo set are skipped, so this also runs on a partial demo.
void load_demo_progress(store::Connection& c);

}  // namespace tsunagu::cli
