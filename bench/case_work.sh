#!/usr/bin/env bash
# Case-work latency on a prefecture-size database (issue 3, point 14): case
# list, case detail, search (3+ characters and 2 characters) and the home
# screen (GET /api/v1/home, issue 15 point 3; bench/home.sh alone) under wrk,
# signed in as the demo coordinator suzuki. Writes
# bench/results/YYYY-MM-DD-case-work.md.
#
#   bench/case_work.sh                                   # 100k cases × 20 contacts (2M), 50 % with a note
#   BENCH_CASES=5000 bench/case_work.sh                  # a quick run
#   BENCH_CONTACTS_PER_CASE=20 BENCH_NOTE_PERCENT=50 BENCH_DURATION=10s BENCH_WARMUP=3s \
#     BENCH_CONNECTIONS="1 8 64" BENCH_REGENERATE=1 bench/case_work.sh
#
# The generated database is kept under /tmp/tsunagu-bench-cases-<cases>x<contacts>-<note%>/
# and reused by the next run with the same scale (BENCH_REGENERATE=1 makes it
# again); each run serves a copy of it. Everything listens on 127.0.0.1 only.
set -euo pipefail
# bench/lib.sh: the scale and wrk settings (BENCH_*), the build, free_port,
# wait_http, sign_in, the wrk scripts and run_wrk.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

bench_build

CACHE="/tmp/tsunagu-bench-cases-${CASES}x${PER_CASE}-${NOTE_PCT}"
GEN_SECONDS="$(cat "$CACHE/done" 2>/dev/null || true) (in an earlier run; database reused)"
if [ -n "${BENCH_REGENERATE:-}" ] || [ ! -f "$CACHE/done" ]; then
  rm -rf "$CACHE"; mkdir -p "$CACHE"
  "$TSUNAGU_BIN" demo --db "sqlite:$CACHE/bench.sqlite" >/dev/null
  t0=$(date +%s.%N)
  "$GEN_BIN" --db "sqlite:$CACHE/bench.sqlite" --cases "$CASES" --contacts-per-case "$PER_CASE" \
    --note-percent "$NOTE_PCT" | tee "$CACHE/generate.txt"
  GEN_SECONDS="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f s", b - a}')"
  echo "$GEN_SECONDS" >"$CACHE/done"
fi
# Bring the cached database to this build's schema once (a no-op when it is
# current), so that a server started on a copy does not spend its start-up
# migrating 2 GB.
"$TSUNAGU_BIN" migrate --db "sqlite:$CACHE/bench.sqlite" >/dev/null

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
bench_tmp
cp -a "$CACHE"/. "$TMP/"
DB="sqlite:$TMP/bench.sqlite"
DB_SIZE="$(du -h "$TMP/bench.sqlite" | cut -f1)"
COUNTS="$(sqlite3 "$TMP/bench.sqlite" "SELECT (SELECT COUNT(*) FROM cases) || ' cases, ' || (SELECT COUNT(*) FROM persons) || ' persons, ' || (SELECT COUNT(*) FROM contacts) || ' contacts, ' || (SELECT COUNT(*) FROM contacts WHERE note IS NOT NULL) || ' notes, ' || (SELECT COUNT(*) FROM search_entries) || ' search entries, ' || (SELECT COUNT(DISTINCT organisation_id) FROM cases) || ' organisations'")"
ORG_CASES="$(sqlite3 "$TMP/bench.sqlite" "SELECT COUNT(*) FROM cases c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.login = 'suzuki'")"

COMMANDS=("$TSUNAGU_BIN demo --db sqlite:\$DB_FILE"
          "$GEN_BIN --db sqlite:\$DB_FILE --cases $CASES --contacts-per-case $PER_CASE --note-percent $NOTE_PCT")
APP_PORT="$(free_port)"
APP_URL="http://127.0.0.1:$APP_PORT"
# The server is restarted before every endpoint's warm-up: requests that wrk gave up
# on (a slow endpoint at 64 connections) would otherwise still be queued in
# the server and be charged to the next measurement. Sessions live in the
# database, so the cookie stays valid across restarts.
APP_PID=""
start_server() {
  # shellcheck disable=SC2086
  "$TSUNAGU_BIN" serve --db "$DB" --listen 127.0.0.1 --port "$APP_PORT" $SERVE_FLAGS >>"$TMP/tsunagu-access.log" 2>&1 &
  APP_PID=$!
  PIDS+=("$APP_PID")
  wait_http "$APP_URL/healthz"
}
stop_server() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
}
start_server
COMMANDS+=("$TSUNAGU_BIN serve --db sqlite:\$DB_FILE --listen 127.0.0.1 --port $APP_PORT $SERVE_FLAGS >>\$TMP/tsunagu-access.log 2>&1   # restarted before each wrk run")

sign_in "$APP_URL"

# Case detail: rotate over up to 300 case ids of suzuki's organisation.
write_wrk_scripts < <(sqlite3 "$TMP/bench.sqlite" "SELECT c.id FROM cases c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.login = 'suzuki' ORDER BY random() LIMIT 300")

declare -A BYTES
# A fresh server for each measurement, warmed up on the same requests, then
# measured: each connection's SQLite page cache lives in the server
# process, so a restart between the warm-up and the measurement made the
# first second of every measurement a cold start (measured: p99.9 up to
# 77 ms instead of 13–21 ms for case detail at 64 connections).
before_measure() { stop_server; start_server; }
RUN_NOTE="on a fresh server after a $WARMUP warm-up and a 2 s pause"
body_bytes() { curl -fsS -H "$COOKIE_HEADER" "$APP_URL$1" | wc -c; }
items() { curl -fsS -H "$COOKIE_HEADER" "$APP_URL$1" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))'; }

case_work_paths  # PATHS: the endpoints measured (bench/lib.sh)
for l in list detail search-3-name search-3-note search-2 home; do
  BYTES[$l]="$(body_bytes "${PATHS[$l]}")"
done
PATHS[detail]="/api/v1/cases/<id>"   # rotating, see above
HITS_3N="$(items "${PATHS[search-3-name]}")"; HITS_3T="$(items "${PATHS[search-3-note]}")"; HITS_2="$(items "${PATHS[search-2]}")"

for c in $CONNECTIONS; do
  run_wrk detail "$c" "$APP_URL" "/api/v1/cases/<rotating>" "$TMP/detail.lua"
  run_wrk list "$c" "$APP_URL" "${PATHS[list]}" "$TMP/report.lua"
  run_wrk search-3-name "$c" "$APP_URL" "${PATHS[search-3-name]}" "$TMP/report.lua"
  run_wrk search-2 "$c" "$APP_URL" "${PATHS[search-2]}" "$TMP/report.lua"
  run_wrk search-3-note "$c" "$APP_URL" "${PATHS[search-3-note]}" "$TMP/report.lua"
  run_wrk home "$c" "$APP_URL" "${PATHS[home]}" "$TMP/report.lua"
done

# ---- report ----------------------------------------------------------------
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
DATE="$(date +%F)"
OUT_DIR="$ROOT/bench/results"
mkdir -p "$OUT_DIR"
OUT="$OUT_DIR/$DATE-case-work.md"
MAXC="$(max_connections)"

{
  echo "# Case work on a generated database — $DATE"
  echo
  echo "Generated by \`bench/case_work.sh\`. Scale: $CASES cases × $PER_CASE contacts, $NOTE_PCT % with a note."
  echo
  machine_lines
  echo "- Database: $COUNTS; file $DB_SIZE; generation $GEN_SECONDS"
  echo "- suzuki's organisation holds $ORG_CASES cases; case detail rotates over $DETAIL_IDS of them"
  echo "- wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), $WRK_THREADS threads, $DURATION after a $WARMUP warm-up"
  echo
  echo "Queries: search-3-name q=\`$Q3_NAME\`, search-3-note q=\`$Q3_NOTE\`, search-2 q=\`$Q2\` (URL-encoded in the paths)."
  echo
  echo "| request | conns | req/s | p50 ms | p95 ms | p99 ms | non-2xx / socket errors | body bytes |"
  echo "|---|---:|---:|---:|---:|---:|---|---:|"
  for c in $CONNECTIONS; do
    for l in "${LABELS[@]}"; do
      echo "| $l \`${PATHS[$l]}\` | $c | ${RPS[$l,$c]} | ${P50[$l,$c]} | ${P95[$l,$c]} | ${P99[$l,$c]} | ${ERRS[$l,$c]} | ${BYTES[$l]} |"
    done
  done
  echo
  echo "Search hits (cases on the first page, at most 50): \`$Q3_NAME\` $HITS_3N, \`$Q3_NOTE\` $HITS_3T, \`$Q2\` $HITS_2."
  echo
  echo "Targets (issue 3, point 14):"
  echo
  echo "- case detail p99 ≤ 10 ms at $MAXC connections: ${P99[detail,$MAXC]} ms — $(mark "${P99[detail,$MAXC]}" 10)"
  for c in $CONNECTIONS; do
    for l in search-3-name search-3-note search-2; do
      echo "- search p95 ≤ 20 ms ($l, $c connections): ${P95[$l,$c]} ms — $(mark "${P95[$l,$c]}" 20)"
    done
  done
  echo
  echo "## Commands"
  echo
  echo '```sh'
  printf '%s\n' "${COMMANDS[@]}"
  echo '```'
  echo
  echo "## Raw wrk output"
  for c in $CONNECTIONS; do
    for l in "${LABELS[@]}"; do
      echo; echo "### $l, $c connections"; echo; echo '```'; cat "$TMP/wrk-$l-$c.txt"; echo '```'
    done
  done
} >"$OUT"
echo "==> $OUT"
