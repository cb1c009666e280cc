// A person's own wishes about support (issue 15 point 1): an enumerated list
// (domain/person_preference.h: 同性・同世代・ピアの支援者を希望, 手紙がよい …)
// as a JSON array, and 配慮してほしいこと in free text. The contact details
// with their wishes (折り返し可否, 家族に知られてよいか, この番号に名乗って
// よいか, 連絡方法の希望) stay inside the sealed contact_sealed, not here.
// The case detail's revision already follows every update of persons
// (0017_case_detail_revision.h), so no trigger is needed.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0029_person_details{29, "person_details", R"SQL(
ALTER TABLE persons ADD COLUMN preferences TEXT;
ALTER TABLE persons ADD COLUMN considerations TEXT;
)SQL"};

}  // namespace tsunagu::store::migrations
