// The counting rules of the MHLW annual figures (相談件数・相談実人数・
// 関係機関へのつなぎ件数), as pure functions. The report computes them with
// SQL aggregation (report/mhlw_query.*) and the API test checks both agree
// with hand-computed figures; these functions are the rules written once,
// unit-tested, and the SQL follows them. The prose is in
// docs/reports/counting-rules.md.
#pragma once

#include "domain/validation.h"  // tokyo_day_of_utc

#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"
#include "domain/fiscal_year.h"

namespace tsunagu::domain {

// Rule 1 (年度). A contact belongs to the fiscal year of its day in
// Asia/Tokyo: 2026-03-31T14:59:59.999Z is 31 March (FY2025),
// 2026-03-31T15:00:00.000Z is 1 April (FY2026). Japan has no daylight
// saving time, so the bounds are fixed instants.
// The half-open UTC range [from, to) of `fiscal_year`, in the stored
// format of contacts.occurred_at ("YYYY-MM-DDTHH:MM:SS.sssZ"), so text
// comparison in SQL selects exactly the year.
struct UtcRange {
  std::string from, to;
};
UtcRange fiscal_year_utc_range(int fiscal_year);


// Rule 2 (件). Every contact record is one 件 in the column of its channel;
// the sub-kinds (訪問, 手紙, オンライン面談, 同行, 出張相談) are all
// その他（訪問等）. Index into kContactChannelValues; nullopt for a channel
// that is not one of the five (none is stored: the API refuses them).
std::optional<std::size_t> channel_column(std::string_view channel);

// Rule 3 (実人数). One person is one 本人 of a case, counted once per
// organisation and fiscal year however many contacts and cases; a case
// whose 本人 is not yet known (family-only consultation) counts as one
// person of its own. The key that is counted distinct:
std::string person_key(const std::optional<std::string>& subject_person_id, std::string_view case_id);

// Rule 4 (つなぎ件数). A referral counts in the fiscal year of its 依頼
// date (referred_on), for the sending organisation, in its category; it
// counts unless the sender withdrew it (取消) before the receiver accepted
// it — a request withdrawn while still 依頼 was not a つなぎ. One withdrawn
// after 受理 counts: the receiver had taken the person on (and opened its
// case), the つなぎ happened. 辞退 (the receiver declined) still counts: the
// centre did connect, the other side answered. `was_accepted`: the
// referral's history has a move to 受理.
// The report (report/mhlw_query.cc) asks this for every state it finds.
bool referral_counts(std::string_view state, bool was_accepted);

}  // namespace tsunagu::domain
