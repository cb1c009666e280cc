#!/usr/bin/env bash
# Yearly group figures at scale (issue 16, point 10): 200 groups of one
# organisation with 5 fiscal years of sessions (≈ 100k sessions) and ≈ 1M
# attendance rows, generated in SQL on a demo database. Timed, sequentially
# after one warm-up: GET /api/v1/reports/groups (every group of the
# organisation, one fiscal year) and GET /api/v1/groups/:id/figures (one
# group's months, sides, municipalities, returning). Target: ≤ 100 ms each.
# Writes bench/results/YYYY-MM-DD-groups-figures.md.
#
#   bench/groups_figures.sh                       # 200 groups × 5 years
#   BENCH_GROUPS=20 bench/groups_figures.sh       # a quick check that it works
#   TSUNAGU_BUILD=/path/to/build bench/groups_figures.sh
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/lib.sh"

GROUPS_N="${BENCH_GROUPS:-200}"
YEARS="${BENCH_YEARS:-5}"
PER_YEAR="${BENCH_SESSIONS_PER_YEAR:-100}"   # about twice a week
PEOPLE="${BENCH_PARTICIPANTS_PER_GROUP:-40}"
PRESENT="${BENCH_PRESENT_PER_SESSION:-10}"
RUNS="${BENCH_RUNS:-10}"

command -v sqlite3 >/dev/null || as_root apt-get install -y sqlite3 >/dev/null
if [ -n "${TSUNAGU_BUILD:-}" ]; then BUILD="$TSUNAGU_BUILD"; else build_server; fi
TSUNAGU_BIN="$BUILD/tsunagu"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
TMP="$(mktemp -d /tmp/tsunagu-bench-groups.XXXXXX)"
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && { kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
DBF="$TMP/bench.sqlite"
"$TSUNAGU_BIN" demo --db "sqlite:$DBF" >/dev/null

FY="$(python3 -c 'import datetime as d; t = d.datetime.utcnow() + d.timedelta(hours=9); print((t.year if t.month >= 4 else t.year - 1) - 1)')"
FIRST=$((FY - YEARS + 1))
t0=$(date +%s.%N)
# Every value below is generated here (no input): groups g, their
# participants, sessions spread over each fiscal year, and PRESENT people
# present at each session (a sliding window over the group's participants,
# so that 実人数 < 延べ), one anonymous headcount row per session.
sqlite3 "$DBF" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TEMP TABLE k(org TEXT, usr TEXT, town TEXT);
INSERT INTO k SELECT o.id, u.id, (SELECT id FROM areas WHERE level = 'municipality' ORDER BY name LIMIT 1)
  FROM organisations o JOIN users u ON u.organisation_id = o.id WHERE u.login = 'watanabe';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $GROUPS_N)
INSERT INTO groups (id, organisation_id, kind, audience, name, online, cost, registration_required, gender, public_listing,
                    active, created_by, version, created_at, updated_at)
SELECT 'bg' || i, k.org, '居場所', '本人', '居場所' || printf('%03d', i), 0, '無料', 0, '指定なし', 0, 1, k.usr, 1,
       '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z' FROM n, k;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $PEOPLE - 1)
INSERT INTO group_participants (id, group_id, organisation_id, nickname, side, municipality_area_id, joined_on,
                                created_by, version, created_at, updated_at)
SELECT g.id || 'p' || i, g.id, g.organisation_id, '参加者' || i, CASE WHEN i % 4 = 0 THEN '家族' ELSE '本人' END,
       k.town, '$FIRST-04-01', k.usr, 1, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'
FROM groups g, n, k WHERE g.id LIKE 'bg%';
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $YEARS * $PER_YEAR - 1)
INSERT INTO group_sessions (id, group_id, organisation_id, held_on, state, staff, version, created_at, updated_at)
SELECT g.id || 's' || i, g.id, g.organisation_id,
       date('$FIRST-04-01', '+' || ((i / $PER_YEAR) * 365 + (i % $PER_YEAR) * 3) || ' days'),
       CASE WHEN i % 37 = 5 THEN '中止' ELSE '実施' END, '[]', 1, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'
FROM groups g, n WHERE g.id LIKE 'bg%';
WITH RECURSIVE n(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM n WHERE j < $PRESENT - 1)
INSERT INTO group_attendance (session_id, participant_id, group_id, organisation_id, held_on, status, recorded_by, recorded_at)
SELECT s.id, s.group_id || 'p' || ((CAST(substr(s.id, instr(s.id, 's') + 1) AS INTEGER) * 3 + j * 4) % $PEOPLE), s.group_id,
       s.organisation_id, s.held_on, CASE WHEN j = $PRESENT - 1 THEN '欠席' ELSE '出席' END, k.usr, '2020-01-01T00:00:00.000Z'
FROM group_sessions s, n, k WHERE s.id LIKE 'bg%' AND s.state = '実施';
INSERT INTO group_headcounts (session_id, group_id, organisation_id, held_on, side, visit, count)
SELECT id, group_id, organisation_id, held_on, '本人', CASE WHEN held_on LIKE '%-01' THEN '初めて' ELSE '2回目以降' END, 2
FROM group_sessions WHERE id LIKE 'bg%' AND state = '実施';
UPDATE group_participants SET first_present_on = (SELECT MIN(held_on) FROM group_attendance a
  WHERE a.participant_id = group_participants.id AND a.status = '出席') WHERE id LIKE 'bg%';
COMMIT;
ANALYZE;
SQL
GEN_S="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')"
COUNTS="$(sqlite3 "$DBF" "SELECT (SELECT COUNT(*) FROM groups) || ' groups, ' || (SELECT COUNT(*) FROM group_sessions) || ' sessions, ' || (SELECT COUNT(*) FROM group_participants) || ' participants, ' || (SELECT COUNT(*) FROM group_attendance) || ' attendance rows, ' || (SELECT COUNT(*) FROM group_headcounts) || ' headcount rows'")"
YEAR_ROWS="$(sqlite3 "$DBF" "SELECT COUNT(*) FROM group_attendance WHERE held_on >= '$FY-04-01' AND held_on <= '$((FY + 1))-03-31'")"
ORG="$(sqlite3 "$DBF" "SELECT organisation_id FROM groups WHERE id = 'bg1'")"

PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
"$TSUNAGU_BIN" serve --db "sqlite:$DBF" --listen 127.0.0.1 --port "$PORT" --no-access-log >"$TMP/server.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 600); do curl -fsS -o /dev/null "$URL/healthz" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "$URL/healthz"
curl -fsS -D "$TMP/login.txt" -o /dev/null -H 'Content-Type: application/json' \
  -d '{"login":"watanabe","password":"demo-watanabe-pass"}' "$URL/api/v1/session"
COOKIE="$(grep -i '^set-cookie: tsunagu_session=' "$TMP/login.txt" | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: (tsunagu_session=[^;]*).*/\1/' | tr -d '\r')"

time_path() {  # prints each run's time in ms
  curl -fsS -H "Cookie: $COOKIE" -o "$TMP/answer.json" "$URL$1"
  for _ in $(seq 1 "$RUNS"); do
    curl -fsS -H "Cookie: $COOKIE" -o /dev/null -w '%{time_total}\n' "$URL$1" | awk '{printf "%.1f\n", $1 * 1000}'
  done
}
ORG_PATH="/api/v1/reports/groups?organisation=$ORG&fiscal_year=$FY"
GROUP_PATH="/api/v1/groups/bg1/figures?fiscal_year=$FY"
mapfile -t ORG_MS < <(time_path "$ORG_PATH")
ORG_ROWS="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["tables"][0]["rows"]))' "$TMP/answer.json")"
mapfile -t GROUP_MS < <(time_path "$GROUP_PATH")
GROUP_TOTAL="$(python3 -c 'import json,sys; t = json.load(open(sys.argv[1]))["tables"][0]; print(dict(zip([c["key"] for c in t["columns"]], t["rows"][-1])))' "$TMP/answer.json")"
ORG_MED="$(median "${ORG_MS[@]}")"; GROUP_MED="$(median "${GROUP_MS[@]}")"
verdict() { awk -v a="$1" 'BEGIN {print (a <= 100) ? "met" : "missed"}'; }

mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/$(date +%F)-groups-figures.md"
{
  echo "# Yearly group figures at scale ($(date '+%F %H:%M %Z'))"
  echo
  echo "- Database (SQLite): $COUNTS; generated in ${GEN_S} s; FY$FY holds $YEAR_ROWS attendance rows"
  echo "- Requests as the demo 居場所スタッフ, $RUNS sequential runs after one warm-up"
  echo "- Machine: $(nproc) cores (shared); load average before: $LOAD_BEFORE"
  echo
  echo "| request | median ms | all runs (ms) | target |"
  echo "|---|---:|---|---|"
  echo "| \`GET /api/v1/reports/groups\` ($ORG_ROWS groups, FY$FY) | $ORG_MED | ${ORG_MS[*]} | ≤ 100 ms: $(verdict "$ORG_MED") |"
  echo "| \`GET /api/v1/groups/:id/figures\` (one group, FY$FY) | $GROUP_MED | ${GROUP_MS[*]} | ≤ 100 ms: $(verdict "$GROUP_MED") |"
  echo
  echo "One group's year total: \`$GROUP_TOTAL\`"
  echo
  echo "Reproduce: \`BENCH_GROUPS=$GROUPS_N BENCH_YEARS=$YEARS BENCH_RUNS=$RUNS bench/groups_figures.sh\`. The generator SQL is in the script."
} | tee "$OUT"
echo "==> $OUT"
