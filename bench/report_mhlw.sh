#!/usr/bin/env bash
# The MHLW annual report over a prefecture-size database (issue 5, point 10):
# GET /api/v1/reports/mhlw for the whole prefecture and the last complete
# fiscal year, timed against the equivalent hand-written SQL in the `sqlite3`
# shell in the same run: the three GROUP BYs over the summary tables the
# server reads (contact_day_counts, mhlw_person_years, referrals; see
# docs/reports/counting-rules.md §8). Targets: ≤ 200 ms, and ≤ 1.5 × the SQL.
# For information, the same figures straight from contacts (the SQL the
# report ran before the summaries) are timed too, and both SQL answers must
# be equal. Writes bench/results/YYYY-MM-DD-report-mhlw.md.
#
#   bench/report_mhlw.sh                     # 100k cases × 20 contacts (2M): the database of bench/case_work.sh
#   BENCH_CASES=2000 bench/report_mhlw.sh    # a quick check that it works
#   BENCH_RUNS=20 BENCH_FY=2024 bench/report_mhlw.sh
#   BENCH_RAW_RUNS=0 bench/report_mhlw.sh    # skip timing the raw-table SQL (default 3 runs)
#
# The generated database is shared with bench/case_work.sh
# (/tmp/tsunagu-bench-cases-<cases>x<contacts>-<note%>/, made when missing);
# each run works on a copy, so migrations newer than the copy (e.g. 0012,
# which fills the summaries from all contacts) run on it when the server
# starts; BENCH_REGENERATE=1 makes a new one. Sequential requests, one at a time: the
# figure is the latency of one report, not throughput.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/lib.sh"

CASES="${BENCH_CASES:-100000}"
PER_CASE="${BENCH_CONTACTS_PER_CASE:-20}"
NOTE_PCT="${BENCH_NOTE_PERCENT:-50}"
RUNS="${BENCH_RUNS:-10}"
RAW_RUNS="${BENCH_RAW_RUNS:-3}"

install_packages
command -v sqlite3 >/dev/null || as_root apt-get install -y sqlite3 >/dev/null
# TSUNAGU_BUILD: an existing build directory to use as it is (a helper's own).
if [ -n "${TSUNAGU_BUILD:-}" ]; then BUILD="$TSUNAGU_BUILD"; else build_server; fi
cmake --build "$BUILD" --target bench_generate_cases | grep -vE '^\[[0-9]+/[0-9]+\]' || true
TSUNAGU_BIN="$BUILD/tsunagu"
GEN_BIN="$BUILD/bench_generate_cases"

CACHE="/tmp/tsunagu-bench-cases-${CASES}x${PER_CASE}-${NOTE_PCT}"
if [ -n "${BENCH_REGENERATE:-}" ] || [ ! -f "$CACHE/done" ]; then
  rm -rf "$CACHE"; mkdir -p "$CACHE"
  "$TSUNAGU_BIN" demo --db "sqlite:$CACHE/bench.sqlite" >/dev/null
  t0=$(date +%s.%N)
  "$GEN_BIN" --db "sqlite:$CACHE/bench.sqlite" --cases "$CASES" --contacts-per-case "$PER_CASE" \
    --note-percent "$NOTE_PCT" | tee "$CACHE/generate.txt"
  awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f s\n", b - a}' >"$CACHE/done"
fi
# Bring the cached database to this build's schema once (a no-op when it is
# current), so that a server started on a copy does not spend its start-up
# migrating 2 GB.
"$TSUNAGU_BIN" migrate --db "sqlite:$CACHE/bench.sqlite" >/dev/null

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
TMP="$(mktemp -d /tmp/tsunagu-bench-report.XXXXXX)"
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && { kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
cp -a "$CACHE"/. "$TMP/"
DBF="$TMP/bench.sqlite"

PORT=$((20000 + RANDOM % 40000))
while ss -Htln "sport = :$PORT" | grep -q .; do PORT=$((20000 + RANDOM % 40000)); done
URL="http://127.0.0.1:$PORT"
"$TSUNAGU_BIN" serve --db "sqlite:$DBF" --listen 127.0.0.1 --port "$PORT" --no-access-log >"$TMP/server.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 6000); do curl -fsS -o /dev/null "$URL/healthz" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "$URL/healthz"

COUNTS="$(sqlite3 "$DBF" "SELECT (SELECT COUNT(*) FROM cases) || ' cases, ' || (SELECT COUNT(*) FROM contacts) || ' contacts, ' || (SELECT COUNT(*) FROM organisations) || ' organisations'")"
FY="${BENCH_FY:-$(python3 -c 'import datetime as d; t = d.datetime.utcnow() + d.timedelta(hours=9); print((t.year if t.month >= 4 else t.year - 1) - 1)')}"
AREA="$(sqlite3 "$DBF" "SELECT id FROM areas WHERE level = 'prefecture' ORDER BY name LIMIT 1")"
FROM="$(printf '%04d-03-31T15:00:00.000Z' "$FY")"; TO="$(printf '%04d-03-31T15:00:00.000Z' "$((FY + 1))")"
YEAR_CONTACTS="$(sqlite3 "$DBF" "SELECT COUNT(*) FROM contacts WHERE occurred_at >= '$FROM' AND occurred_at < '$TO'")"

curl -fsS -D "$TMP/login.txt" -o /dev/null -H 'Content-Type: application/json' \
  -d '{"login":"kobayashi","password":"demo-kobayashi-pass"}' "$URL/api/v1/session"
COOKIE="$(grep -i '^set-cookie: tsunagu_session=' "$TMP/login.txt" | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: (tsunagu_session=[^;]*).*/\1/' | tr -d '\r')"
PATH_Q="/api/v1/reports/mhlw?fiscal_year=$FY&area=$AREA"

# Warm-up (page cache), then RUNS timed requests, one after another.
curl -fsS -H "Cookie: $COOKIE" -o "$TMP/report.json" "$URL$PATH_Q"
HTTP_MS=()
for _ in $(seq 1 "$RUNS"); do
  HTTP_MS+=("$(curl -fsS -H "Cookie: $COOKIE" -o /dev/null -w '%{time_total}' "$URL$PATH_Q" | awk '{printf "%.1f", $1 * 1000}')")
done
curl -fsS -H "Cookie: $COOKIE" -o "$TMP/report.xlsx" -w '%{time_total}\n' "$URL$PATH_Q&format=xlsx" >"$TMP/xlsx-time.txt"
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""

# The equivalent hand-written SQL: the three GROUP BYs over the tables the
# server reads, the organisations of the prefecture inlined as a subquery
# (the server binds their ids).
ORGS="SELECT o.id FROM organisations o JOIN areas a ON a.id = o.area_id LEFT JOIN areas p ON p.id = a.parent_id LEFT JOIN areas g ON g.id = p.parent_id WHERE '$AREA' IN (a.id, p.id, g.id)"
cat >"$TMP/hand.sql" <<SQL
SELECT organisation_id, channel, SUM(contacts) FROM contact_day_counts
 WHERE day >= '$FY-04-01' AND day <= '$((FY + 1))-03-31' AND organisation_id IN ($ORGS)
 GROUP BY organisation_id, channel;
SELECT organisation_id, age_band, COUNT(*) FROM mhlw_person_years
 WHERE fiscal_year = $FY AND organisation_id IN ($ORGS)
 GROUP BY organisation_id, age_band;
SELECT organisation_id, category, COUNT(*) FROM referrals
 WHERE referred_on >= '$FY-04-01' AND referred_on <= '$((FY + 1))-03-31' AND state <> '取消' AND organisation_id IN ($ORGS)
 GROUP BY organisation_id, category;
SQL
# For information: the same figures straight from contacts, as the report
# computed them before the summary tables (5.5 s at full scale).
cat >"$TMP/raw.sql" <<SQL
SELECT organisation_id, channel, COUNT(*) FROM contacts
 WHERE occurred_at >= '$FROM' AND occurred_at < '$TO' AND organisation_id IN ($ORGS)
 GROUP BY organisation_id, channel;
SELECT organisation_id, band, COUNT(*) FROM (
  SELECT f.organisation_id,
    CASE WHEN p.birth_date IS NOT NULL AND p.birth_date <= f.day THEN
      CASE WHEN CAST(substr(f.day, 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER)
                - (substr(f.day, 6, 5) < substr(p.birth_date, 6, 5)) < 20 THEN '〜10代'
           WHEN CAST(substr(f.day, 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER)
                - (substr(f.day, 6, 5) < substr(p.birth_date, 6, 5)) < 30 THEN '20代'
           WHEN CAST(substr(f.day, 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER)
                - (substr(f.day, 6, 5) < substr(p.birth_date, 6, 5)) < 40 THEN '30代'
           WHEN CAST(substr(f.day, 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER)
                - (substr(f.day, 6, 5) < substr(p.birth_date, 6, 5)) < 50 THEN '40代'
           ELSE '50代〜' END
    WHEN p.age_band IN ('〜10代', '10歳未満', '10代') THEN '〜10代'
    WHEN p.age_band IN ('20代', '30代', '40代') THEN p.age_band
    WHEN p.age_band IN ('50代〜', '50代', '60代', '70代', '80代', '90代以上') THEN '50代〜'
    ELSE '年齢不明' END AS band
  FROM (SELECT c.organisation_id, k.subject_person_id AS person_id, date(MIN(c.occurred_at), '+9 hours') AS day
        FROM contacts c JOIN cases k ON k.id = c.case_id
        WHERE c.occurred_at >= '$FROM' AND c.occurred_at < '$TO' AND c.organisation_id IN ($ORGS)
        GROUP BY c.organisation_id, k.subject_person_id, CASE WHEN k.subject_person_id IS NULL THEN k.id END) f
  LEFT JOIN persons p ON p.id = f.person_id)
 GROUP BY organisation_id, band;
SELECT organisation_id, category, COUNT(*) FROM referrals
 WHERE referred_on >= '$FY-04-01' AND referred_on <= '$((FY + 1))-03-31' AND state <> '取消' AND organisation_id IN ($ORGS)
 GROUP BY organisation_id, category;
SQL
# The summaries must give exactly the figures of the raw tables.
sqlite3 "$DBF" <"$TMP/hand.sql" | sort >"$TMP/hand.out"
sqlite3 "$DBF" <"$TMP/raw.sql" | sort >"$TMP/raw.out"
if cmp -s "$TMP/hand.out" "$TMP/raw.out"; then SAME="yes ($(wc -l <"$TMP/hand.out") rows)"; else SAME="**NO**"; diff "$TMP/raw.out" "$TMP/hand.out" >&2 || true; fi

# Times of `sqlite3 FILE <SQL>`: one warm-up, then $2 runs; prints each
# run's sum of the three queries' real time in ms.
time_sql() {
  local sql="$1" runs="$2"
  {
    echo ".timer on"
    cat "$sql"                       # warm-up
    for _ in $(seq 1 "$runs"); do echo "SELECT 'RUN';"; cat "$sql"; done
  } >"$TMP/timed.sql"
  sqlite3 "$DBF" <"$TMP/timed.sql" 2>&1 | grep '^Run Time' >"$TMP/sql-times.txt" || true
  # Lines: 3 warm-up, then per run 1 ('RUN') + 3 queries; sum the queries' real time.
  awk '{ n++; if (n <= 3) next; k = (n - 4) % 4; if (k == 0) { if (s != "") print s; s = 0 } else s += $4 * 1000 } END { print s }' \
    "$TMP/sql-times.txt" | awk '{printf "%.1f\n", $1}'
}
mapfile -t SQL_MS < <(time_sql "$TMP/hand.sql" "$RUNS")
RAW_MS=()
[ "$RAW_RUNS" -gt 0 ] && mapfile -t RAW_MS < <(time_sql "$TMP/raw.sql" "$RAW_RUNS")

HTTP_MED="$(median "${HTTP_MS[@]}")"; SQL_MED="$(median "${SQL_MS[@]}")"
RAW_MED="$([ ${#RAW_MS[@]} -gt 0 ] && median "${RAW_MS[@]}" || echo -)"
RATIO="$(awk -v a="$HTTP_MED" -v b="$SQL_MED" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')"
T200="$(awk -v a="$HTTP_MED" 'BEGIN {print (a <= 200) ? "met" : "missed"}')"
T15="$(awk -v r="$RATIO" 'BEGIN {print (r <= 1.5) ? "met" : "missed"}')"
TOTAL_CELL="$(python3 -c 'import json,sys; r = json.load(open(sys.argv[1])); t = [x for x in r["tables"] if x["id"] == "mhlw_contacts"][0]; print(t["rows"][0][0])' "$TMP/report.json")"

mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/$(date +%F)-report-mhlw.md"
{
  echo "# MHLW annual report: endpoint vs hand-written SQL ($(date '+%F %H:%M %Z'))"
  echo
  echo "- Database: $COUNTS (BENCH_CASES=$CASES × $PER_CASE contacts); FY$FY holds $YEAR_CONTACTS contacts; report 相談件数 合計 = $TOTAL_CELL"
  echo "- Request: \`GET $PATH_Q\` as the demo analyst (whole prefecture, small cells suppressed), $RUNS sequential runs after one warm-up"
  echo "- SQL: the same three GROUP BY queries by hand over the summary tables in \`sqlite3\` ($(sqlite3 --version | cut -d' ' -f1)), \`.timer on\`, $RUNS runs after one warm-up, same database file; for information the figures straight from contacts (the report's SQL before the summaries), $RAW_RUNS runs"
  echo "- Summary tables and raw tables give the same figures: $SAME"
  echo "- Machine: $(nproc) cores; load average before: $LOAD_BEFORE"
  echo
  echo "| | median ms | all runs (ms) |"
  echo "|---|---:|---|"
  echo "| endpoint (HTTP, JSON) | $HTTP_MED | ${HTTP_MS[*]} |"
  echo "| hand-written SQL (sqlite3) | $SQL_MED | ${SQL_MS[*]} |"
  echo "| for information: SQL over contacts (sqlite3) | $RAW_MED | ${RAW_MS[*]:-} |"
  echo
  echo "- Ratio endpoint / SQL: **$RATIO** (target ≤ 1.5: $T15); endpoint median **$HTTP_MED ms** (target ≤ 200 ms: $T200)"
  echo "- xlsx of the same report: $(awk '{printf "%.0f", $1 * 1000}' "$TMP/xlsx-time.txt") ms, $(wc -c <"$TMP/report.xlsx") bytes"
  echo
  echo "Reproduce: \`BENCH_CASES=$CASES BENCH_RUNS=$RUNS BENCH_FY=$FY bench/report_mhlw.sh\`. The SQL is in the script."
} | tee "$OUT"
echo "==> $OUT"
