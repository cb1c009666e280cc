#!/usr/bin/env bash
# A prefecture's 実態把握調査 at scale (issue 18, point 10): みどり県 with 30
# municipalities × 20 districts, 5 民生委員 a district (3,000 respondents),
# 50,000 sent cards and the population of every district by age band,
# generated in SQL on a demo database (the survey itself is made through the
# API, so its questionnaire is the real template). Timed, sequentially after
# one warm-up, as the survey's coordinator: response by district, district
# rates, results per item, duplicates, capture–recapture (five lists: three
# further lists of 5,000 rows) and the whole report. Target: ≤ 200 ms
# each. Writes bench/results/YYYY-MM-DD-survey-report.md.
#
#   bench/survey_report.sh                        # 50,000 cards
#   BENCH_CARDS=5000 bench/survey_report.sh       # a quick check that it works
#   TSUNAGU_BUILD=/path/to/build bench/survey_report.sh
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/lib.sh"

CARDS="${BENCH_CARDS:-50000}"
TOWNS="${BENCH_TOWNS:-30}"
DISTRICTS="${BENCH_DISTRICTS_PER_TOWN:-20}"
PER_DISTRICT="${BENCH_RESPONDENTS_PER_DISTRICT:-5}"
RUNS="${BENCH_RUNS:-10}"
FURTHER="${BENCH_FURTHER_ROWS:-5000}"

command -v sqlite3 >/dev/null || as_root apt-get install -y sqlite3 >/dev/null
if [ -n "${TSUNAGU_BUILD:-}" ]; then BUILD="$TSUNAGU_BUILD"; else build_server; fi
TSUNAGU_BIN="$BUILD/tsunagu"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
TMP="$(mktemp -d /tmp/tsunagu-bench-survey.XXXXXX)"
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && { kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
DBF="$TMP/bench.sqlite"
"$TSUNAGU_BIN" demo --db "sqlite:$DBF" >/dev/null

# Municipalities and districts of みどり県 (generated here, no input).
sqlite3 "$DBF" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $TOWNS)
INSERT INTO areas (id, parent_id, level, name, code, population, version, created_at, updated_at)
SELECT 'bm' || i, (SELECT id FROM areas WHERE level = 'prefecture' AND name = 'みどり県'), 'municipality', '試験市' || i,
       '98' || printf('%03d', i), 60000, 1, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $DISTRICTS)
INSERT INTO areas (id, parent_id, level, name, code, population, version, created_at, updated_at)
SELECT m.id || 'd' || i, m.id, 'district', m.name || '第' || i || '地区', m.code || '-' || printf('%02d', i), 3000, 1,
       '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z' FROM areas m, n WHERE m.id LIKE 'bm%';
COMMIT;
SQL

PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
"$TSUNAGU_BIN" serve --db "sqlite:$DBF" --listen 127.0.0.1 --port "$PORT" --no-access-log >"$TMP/server.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 600); do curl -fsS -o /dev/null "$URL/healthz" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "$URL/healthz"
curl -fsS -D "$TMP/login.txt" -o "$TMP/login.json" -H 'Content-Type: application/json' \
  -d '{"login":"suzuki","password":"demo-suzuki-pass"}' "$URL/api/v1/session"
COOKIE="$(grep -i '^set-cookie: tsunagu_session=' "$TMP/login.txt" | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: (tsunagu_session=[^;]*).*/\1/' | tr -d '\r')"
CSRF="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$TMP/login.json")"
PREF="$(sqlite3 "$DBF" "SELECT id FROM areas WHERE level = 'prefecture' AND name = 'みどり県'")"
TODAY="$(python3 -c 'import datetime as d; print((d.datetime.utcnow() + d.timedelta(hours=9)).date())')"
FY="$(python3 -c 'import datetime as d; t = d.datetime.utcnow() + d.timedelta(hours=9); print(t.year if t.month >= 4 else t.year - 1)')"
curl -fsS -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' -o "$TMP/survey.json" \
  -d "{\"year\":$FY,\"title\":\"みどり県 実態把握調査（ベンチ）\",\"area_id\":\"$PREF\",\"respondent_kind\":\"民生委員・児童委員\",\"starts_on\":\"$TODAY\",\"ends_on\":\"$TODAY\"}" \
  "$URL/api/v1/surveys"
SURVEY="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$TMP/survey.json")"

t0=$(date +%s.%N)
# Respondents (PER_DISTRICT a district), CARDS sent cards spread over them
# with answers cycling through the template's choices, and populations.
sqlite3 "$DBF" <<SQL
PRAGMA busy_timeout = 10000;
BEGIN;
CREATE TEMP TABLE k(org TEXT, usr TEXT);
INSERT INTO k SELECT organisation_id, id FROM users WHERE login = 'suzuki';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $PER_DISTRICT)
INSERT INTO survey_respondents (id, survey_id, organisation_id, label, district_id, no_one, version, created_at, updated_at)
SELECT d.id || 'r' || i, '$SURVEY', k.org, '民生委員 ' || i, d.id, CASE WHEN i = $PER_DISTRICT THEN 1 ELSE 0 END, 1,
       '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'
FROM areas d, n, k WHERE d.level = 'district' AND d.id LIKE 'bm%';
CREATE TEMP TABLE r AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, district_id FROM survey_respondents
  WHERE survey_id = '$SURVEY' AND no_one = 0;
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < $CARDS - 1),
  v AS (SELECT i, r.id AS rid, r.district_id AS did,
               json_extract('["10代","20代","30代","40代","50代","60代","70代以上","分からない"]', '\$[' || ((i * 2654435761) % 4294967291 / 7 % 8) || ']') AS age,
               json_extract('["男性","女性","その他","分からない"]', '\$[' || ((i * 2654435761) % 4294967291 / 7 / 8 % 4) || ']') AS gender,
               json_extract('["単身","親と同居","高齢の親と同居（8050など）","配偶者・子と同居","きょうだいと同居","その他","分からない"]', '\$[' || ((i * 2654435761) % 4294967291 / 7 / 32 % 7) || ']') AS household
        FROM c JOIN r ON r.n = c.i % (SELECT COUNT(*) FROM r))
INSERT INTO survey_cards (id, survey_id, organisation_id, respondent_id, district_id, reported_on, age_band, gender, household,
                          answers, state, entered_by, sent_at, version, created_at, updated_at)
SELECT 'bc' || i, '$SURVEY', k.org, rid, did, '$TODAY', age, gender, household,
       json_object('age_band', json_array(age), 'gender', json_array(gender), 'household', json_array(household),
                   'duration', json_array(CASE i % 3 WHEN 0 THEN '分からない' ELSE '3年～5年未満' END),
                   'outing', json_array(CASE i % 4 WHEN 0 THEN '分からない' ELSE '近所のコンビニなどには出かける' END),
                   'trigger', json_array('分からない'), 'support', json_array('分からない'),
                   'knows_centre', json_array('知らない'), 'needs', json_array('居場所', '訪問による支援')),
       '送信済み', k.usr, '2020-01-01T00:00:00.000Z', 1, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'
FROM v, k;
-- The answer counts the server keeps on every card write (survey_cards.cc).
INSERT INTO survey_answer_counts (survey_id, item_key, answer, count)
SELECT c.survey_id, j.key, a.value, COUNT(*) FROM survey_cards c, json_each(c.answers) j, json_each(j.value) a
WHERE c.survey_id = '$SURVEY' AND c.state = '送信済み' GROUP BY c.survey_id, j.key, a.value;
WITH b(band, share) AS (VALUES ('10代', 9), ('20代', 10), ('30代', 12), ('40代', 14), ('50代', 14), ('60代', 13), ('70代以上', 28))
INSERT INTO area_populations (area_id, year, age_band, population, updated_by, updated_at)
SELECT d.id, $FY, b.band, 30 * b.share, k.usr, '2020-01-01T00:00:00.000Z'
FROM areas d, b, k WHERE d.level = 'district' AND d.id LIKE 'bm%';
-- Three further lists of FURTHER rows each (a 地域包括支援センター's …): with the cards and the case
-- records, five lists and 1,024 log-linear models in the capture–recapture answer and the report.
WITH l(n) AS (VALUES (1), (2), (3))
INSERT INTO survey_further_lists (id, survey_id, organisation_id, name, row_count, created_by, created_at)
SELECT 'bfl' || l.n, '$SURVEY', k.org, '追加の名簿' || l.n, $FURTHER, k.usr, '2020-01-01T00:00:0' || l.n || '.000Z' FROM l, k;
CREATE TEMP TABLE fd AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM areas WHERE level = 'district' AND id LIKE 'bm%';
WITH RECURSIVE q(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM q WHERE i < $FURTHER), l(n) AS (VALUES (1), (2), (3))
INSERT INTO survey_further_list_rows (list_id, row_no, district_id, gender, age_band, birth_month)
SELECT 'bfl' || l.n, q.i, fd.id, CASE q.i % 2 WHEN 0 THEN '男性' ELSE '女性' END,
       json_extract('["20代","30代","40代","50代","60代"]', '\$[' || ((q.i * l.n) % 5) || ']'), NULL
FROM q, l JOIN fd ON fd.n = (q.i * 7 + l.n) % (SELECT COUNT(*) FROM fd);
COMMIT;
ANALYZE;
SQL
GEN_S="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')"
COUNTS="$(sqlite3 "$DBF" "SELECT (SELECT COUNT(*) FROM survey_cards WHERE survey_id = '$SURVEY') || ' cards, ' || (SELECT COUNT(*) FROM survey_respondents WHERE survey_id = '$SURVEY') || ' respondents, ' || (SELECT COUNT(*) FROM areas WHERE level = 'district') || ' districts'")"

time_path() {  # prints each run's time in ms
  curl -fsS -H "Cookie: $COOKIE" -o "$TMP/answer.json" "$URL$1"
  for _ in $(seq 1 "$RUNS"); do
    curl -fsS -H "Cookie: $COOKIE" -o /dev/null -w '%{time_total}\n' "$URL$1" | awk '{printf "%.1f\n", $1 * 1000}'
  done
}
verdict() { awk -v a="$1" 'BEGIN {print (a <= 200) ? "met" : "missed"}'; }

ROWS=()
for part in responses district-rates results duplicates capture-recapture report; do
  mapfile -t MS < <(time_path "/api/v1/surveys/$SURVEY/$part")
  MED="$(median "${MS[@]}")"
  ROWS+=("| \`GET /api/v1/surveys/:id/$part\` | $MED | ${MS[*]} | ≤ 200 ms: $(verdict "$MED") |")
  if [ "$part" = "duplicates" ]; then
    DUPS="$(python3 -c 'import json,sys; j = json.load(open(sys.argv[1])); print(len(j["items"]), "possible pairs,", j["persons"], "persons")' "$TMP/answer.json")"
  fi
done

mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/$(date +%F)-survey-report.md"
{
  echo "# A prefecture's 実態把握調査 at scale ($(date '+%F %H:%M %Z'))"
  echo
  echo "- Database (SQLite): $COUNTS, 3 further lists of $FURTHER rows; generated in ${GEN_S} s; duplicates: $DUPS"
  echo "- Requests as the survey's coordinator (demo suzuki), $RUNS sequential runs after one warm-up"
  echo "- Machine: $(nproc) cores (shared); load average before: $LOAD_BEFORE"
  echo
  echo "| request | median ms | all runs (ms) | target |"
  echo "|---|---:|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Reproduce: \`BENCH_CARDS=$CARDS BENCH_TOWNS=$TOWNS BENCH_DISTRICTS_PER_TOWN=$DISTRICTS BENCH_FURTHER_ROWS=$FURTHER BENCH_RUNS=$RUNS bench/survey_report.sh\`. The generator SQL is in the script."
} | tee "$OUT"
echo "==> $OUT"
