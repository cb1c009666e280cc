#!/usr/bin/env bash
# Case work on PostgreSQL 15 at prefecture scale (issue 20, point 2): case
# list, case detail and search under wrk, signed in as the demo coordinator
# suzuki, against
#   one   one tsunagu server, directly;
#   two   two tsunagu servers behind nginx (upstream, keepalive);
# and, for case detail, also
#   one-nginx  one server behind the same nginx (what the proxy alone costs);
#   static     nginx serving a static JSON file of the same size as the case
#              detail answer: the ceiling, in the same run.
# Writes bench/results/YYYY-MM-DD-case-work-postgres.md.
#
#   bench/case_work_postgres.sh                     # 100k cases × 20 contacts (2M), 50 % with a note
#   BENCH_CASES=2000 bench/case_work_postgres.sh    # a quick run
#   BENCH_REGENERATE=1 BENCH_CONNECTIONS="1 64" TSUNAGU_BUILD=/tmp/mybuild bench/case_work_postgres.sh
#
# The cluster (its data directory, the key files of the generated database
# and the generation's log) is kept, stopped, under
# /tmp/tsunagu-bench-pg-<cases>x<contacts>-<note%>/ and reused by the next
# run with the same scale (BENCH_REGENERATE=1 makes it again). Each run
# serves a copy of the generated database (CREATE DATABASE … TEMPLATE), so
# the sessions and audit entries of one run do not pile up in the next, and
# drops it at the end. Everything listens on 127.0.0.1 or a Unix socket only.
set -euo pipefail
# bench/lib.sh: the scale and wrk settings (BENCH_*), the build, free_port,
# wait_http, sign_in, the wrk scripts and run_wrk.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

PG_BIN=/usr/lib/postgresql/15/bin
# Wait for the machine to be quiet before measuring: until the 1-minute load
# average is at most BENCH_QUIET_LOAD, for at most BENCH_QUIET_WAIT seconds
# (other sessions build and test on the same cores).
QUIET_LOAD="${BENCH_QUIET_LOAD:-0.5}"
QUIET_WAIT="${BENCH_QUIET_WAIT:-900}"

bench_build
test -x "$PG_BIN/postgres" || { echo "PostgreSQL 15 がありません ($PG_BIN)" >&2; exit 1; }

# The cluster's settings, for this 2-core / 24 GiB machine and a database of
# a few GB that should stay in memory. Durability as in production: fsync
# and synchronous_commit on (the generator alone turns synchronous_commit
# off for its own session). Written into the data directory at every start,
# so the results always show what was in force.
PG_SETTINGS="$(cat <<'EOF'
max_connections = 200
shared_buffers = 4GB
effective_cache_size = 16GB
work_mem = 16MB
maintenance_work_mem = 1GB
wal_buffers = 64MB
max_wal_size = 8GB
checkpoint_timeout = 15min
checkpoint_completion_target = 0.9
random_page_cost = 1.1
effective_io_concurrency = 200
fsync = on
synchronous_commit = on
full_page_writes = on
jit = off
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
track_io_timing = on
EOF
)"

CACHE="/tmp/tsunagu-bench-pg-${CASES}x${PER_CASE}-${NOTE_PCT}"
PG_DIR="$CACHE/pg"            # owned by postgres: data/, the log and the socket
PGDATA="$PG_DIR/data"
KEYS=(--key-file "$CACHE/tsunagu.key" --audit-key-file "$CACHE/tsunagu.audit-key")
PG_RUN=()
[ "$(id -u)" = 0 ] && PG_RUN=(runuser -u postgres --)
PG_PORT="$(free_port)"
PG_UP=""
RUN_DB="bench_run"

pg_up() {
  printf '%s\n' "$PG_SETTINGS" | "${PG_RUN[@]}" tee "$PGDATA/bench.conf" >/dev/null
  "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PG_DIR/log" -w -t 600 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=''" start >/dev/null
  PG_UP=1
}
pg_down() {
  [ -n "$PG_UP" ] || return 0
  # A clean stop (a checkpoint), so that the cached cluster starts at once
  # next time.
  "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 600 stop >/dev/null || true
  PG_UP=""
}
psql_db() {  # database sql
  "${PG_RUN[@]}" env PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -XAtq -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U postgres -d "$1" -c "$2"
}
url_of() { echo "postgresql:///$1?host=$PG_DIR&port=$PG_PORT&user=postgres"; }
# Stops the cluster whatever happens (bench_cleanup calls it after the
# servers are stopped); the copy of this run is dropped first.
bench_cleanup_hook() {
  if [ -n "$PG_UP" ]; then psql_db postgres "DROP DATABASE IF EXISTS $RUN_DB" 2>/dev/null || true; fi
  pg_down
}
bench_tmp
# The generated database's size and counts and the generation's time, as
# kept by the generating run.
GEN_INFO="$CACHE/generated.txt"

if [ -n "${BENCH_REGENERATE:-}" ] || [ ! -f "$CACHE/done" ]; then
  rm -rf "$CACHE"; mkdir -p "$PG_DIR"; chmod 711 "$CACHE"; chmod 755 "$PG_DIR"
  chown postgres "$PG_DIR" 2>/dev/null || true
  "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  echo "include_if_exists 'bench.conf'" | "${PG_RUN[@]}" tee -a "$PGDATA/postgresql.conf" >/dev/null
  pg_up
  psql_db postgres "CREATE DATABASE bench"
  "$TSUNAGU_BIN" demo --db "$(url_of bench)" "${KEYS[@]}" --audit-anchor-file "$CACHE/demo.audit-anchor" >/dev/null
  t0=$(date +%s.%N)
  "$GEN_BIN" --db "$(url_of bench)" --cases "$CASES" --contacts-per-case "$PER_CASE" \
    --note-percent "$NOTE_PCT" 2>&1 | tee "$CACHE/generate.txt"
  gen_s="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f s", b - a}')"
  {
    echo "- generation: $gen_s (\`bench_generate_cases\`, after \`tsunagu demo\`), on $(date +%F)"
    echo "- database size after generation: $(psql_db bench "SELECT pg_size_pretty(pg_database_size('bench'))")" \
      "(data directory $(du -sh "$PGDATA" | cut -f1), WAL included)"
    echo "- largest relations (table with its indexes and TOAST):"
    psql_db bench "SELECT '  - ' || c.relname || ': ' || pg_size_pretty(pg_total_relation_size(c.oid))
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind = 'r' AND n.nspname = 'public'
                    ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 6"
  } >"$GEN_INFO"
  echo "$gen_s" >"$CACHE/done"
else
  pg_up
fi
# Bring the cached database to this build's schema once (a no-op when it is
# current).
"$TSUNAGU_BIN" migrate --db "$(url_of bench)" "${KEYS[@]}" --audit-anchor-file "$CACHE/demo.audit-anchor" >/dev/null

# This run's copy of the generated database. FILE_COPY copies the files
# (seconds) instead of writing every page into the WAL.
psql_db postgres "DROP DATABASE IF EXISTS $RUN_DB"
t0=$(date +%s.%N)
psql_db postgres "CREATE DATABASE $RUN_DB TEMPLATE bench STRATEGY FILE_COPY"
COPY_SECONDS="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')"
psql_db "$RUN_DB" "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
DB="$(url_of "$RUN_DB")"
DB_SIZE="$(psql_db "$RUN_DB" "SELECT pg_size_pretty(pg_database_size('$RUN_DB'))")"
COUNTS="$(psql_db "$RUN_DB" "SELECT (SELECT COUNT(*) FROM cases) || ' cases, ' || (SELECT COUNT(*) FROM persons) || ' persons, ' || (SELECT COUNT(*) FROM contacts) || ' contacts, ' || (SELECT COUNT(*) FROM contacts WHERE note IS NOT NULL) || ' notes, ' || (SELECT COUNT(*) FROM search_entries) || ' search entries, ' || (SELECT COUNT(DISTINCT organisation_id) FROM cases) || ' organisations'")"
ORG_CASES="$(psql_db "$RUN_DB" "SELECT COUNT(*) FROM cases c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.login = 'suzuki'")"
PG_VERSION="$(psql_db "$RUN_DB" "SHOW server_version")"

COMMANDS=("$PG_BIN/initdb -D \$PGDATA -A trust -U postgres -E UTF8 --locale=C.UTF-8   # as postgres; the settings below in \$PGDATA/bench.conf"
          "$PG_BIN/pg_ctl -D \$PGDATA -o \"-p $PG_PORT -k \$CACHE/pg -c listen_addresses=''\" start"
          "$TSUNAGU_BIN demo --db \$BENCH_URL --key-file \$CACHE/tsunagu.key --audit-key-file \$CACHE/tsunagu.audit-key --audit-anchor-file \$CACHE/demo.audit-anchor"
          "$GEN_BIN --db \$BENCH_URL --cases $CASES --contacts-per-case $PER_CASE --note-percent $NOTE_PCT"
          "psql -c 'CREATE DATABASE $RUN_DB TEMPLATE bench STRATEGY FILE_COPY'   # each run; \$DB is its URL")

# ---- servers and nginx -----------------------------------------------------
SERVER_NAMES=(a b)
declare -A SERVER_PORT SERVER_PID
for s in "${SERVER_NAMES[@]}"; do SERVER_PORT[$s]="$(free_port)"; SERVER_PID[$s]=""; done
while [ "${SERVER_PORT[a]}" = "${SERVER_PORT[b]}" ]; do SERVER_PORT[b]="$(free_port)"; done
# The same two key files for both servers, a checkpoint file each; requests
# from nginx carry X-Forwarded-For, trusted from the loopback address only.
server_flags() {  # name
  echo "--db $DB --listen 127.0.0.1 --port ${SERVER_PORT[$1]} ${KEYS[*]} --audit-anchor-file $TMP/$1.audit-anchor --trusted-proxy 127.0.0.1 $SERVE_FLAGS"
}
start_server() {  # name
  # shellcheck disable=SC2046
  "$TSUNAGU_BIN" serve $(server_flags "$1") >>"$TMP/tsunagu-$1.log" 2>&1 &
  SERVER_PID[$1]=$!
  PIDS+=("$!")
  wait_http "http://127.0.0.1:${SERVER_PORT[$1]}/healthz"
}
# SIGTERM lets the requests in progress finish, and a server stopped with 64
# slow searches queued took minutes (the note search on PostgreSQL, 5–8 s
# each): after 10 s it is killed. Nothing is lost, the data is in PostgreSQL.
stop_server() {  # name
  local p="${SERVER_PID[$1]}"
  [ -n "$p" ] || return 0
  kill "$p" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
  SERVER_PID[$1]=""
}
rss_mb() {  # name -> "resident / peak" MB of a running server
  local p="${SERVER_PID[$1]}"
  [ -n "$p" ] && [ -r "/proc/$p/status" ] || { echo "-"; return; }
  awk '/^VmRSS/ {r = $2} /^VmHWM/ {h = $2} END {printf "%.0f / %.0f", r / 1024, h / 1024}' "/proc/$p/status"
}
for s in "${SERVER_NAMES[@]}"; do
  COMMANDS+=("$TSUNAGU_BIN serve $(server_flags "$s" | sed "s|$TMP|\$TMP|g; s|$CACHE|\$CACHE|g; s|--db [^ ]*|--db \$DB|") >>\$TMP/tsunagu-$s.log 2>&1   # server $s; restarted before each wrk run")
done

nginx_setup
NGINX_PROXY_PORT="$(free_port)"; NGINX_ONE_PORT="$(free_port)"; NGINX_STATIC_PORT="$(free_port)"
nginx_conf "$(cat <<EOF
  upstream tsunagu_two {
    server 127.0.0.1:${SERVER_PORT[a]};
    server 127.0.0.1:${SERVER_PORT[b]};
    keepalive 64;
    keepalive_requests 1000000;
  }
  upstream tsunagu_one {
    server 127.0.0.1:${SERVER_PORT[a]};
    keepalive 64;
    keepalive_requests 1000000;
  }
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host \$host;
  proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
  server {
    listen 127.0.0.1:$NGINX_PROXY_PORT;
    location / { proxy_pass http://tsunagu_two; }
  }
  server {
    listen 127.0.0.1:$NGINX_ONE_PORT;
    location / { proxy_pass http://tsunagu_one; }
  }
  server {
    listen 127.0.0.1:$NGINX_STATIC_PORT;
    root $NGX/html;
  }
EOF
)"
nginx -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/logs/error.log" &
PIDS+=("$!")
COMMANDS+=("nginx -p \$TMP/nginx -c \$TMP/nginx/nginx.conf -e \$TMP/nginx/logs/error.log   # the configuration below")

declare -A BASE=(
  [one]="http://127.0.0.1:${SERVER_PORT[a]}"
  [one-nginx]="http://127.0.0.1:$NGINX_ONE_PORT"
  [two]="http://127.0.0.1:$NGINX_PROXY_PORT"
  [static]="http://127.0.0.1:$NGINX_STATIC_PORT"
)
start_server a
sign_in "${BASE[one]}"
write_wrk_scripts < <(psql_db "$RUN_DB" "SELECT c.id FROM cases c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.login = 'suzuki' ORDER BY random() LIMIT 300")

case_work_paths  # PATHS: the endpoints measured (bench/lib.sh)
declare -A BYTES
for l in list detail search-3-name search-3-note search-2; do
  BYTES[$l]="$(curl -fsS -H "$COOKIE_HEADER" "${BASE[one]}${PATHS[$l]}" | wc -c)"
done
items() { curl -fsS -H "$COOKIE_HEADER" "${BASE[one]}$1" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))'; }
HITS_3N="$(items "${PATHS[search-3-name]}")"; HITS_3T="$(items "${PATHS[search-3-note]}")"; HITS_2="$(items "${PATHS[search-2]}")"
# The ceiling: one real case detail answer, as a static file.
curl -fsS -D "$TMP/detail-headers.txt" -H "$COOKIE_HEADER" -o "$NGX/html/detail.json" "${BASE[one]}${PATHS[detail]}"
chmod 644 "$NGX/html/detail.json"
wait_http "${BASE[static]}/detail.json"
curl -fsS -D "$TMP/static-headers.txt" -o /dev/null "${BASE[static]}/detail.json"
APP_HEADER_BYTES="$(wc -c <"$TMP/detail-headers.txt")"
STATIC_HEADER_BYTES="$(wc -c <"$TMP/static-headers.txt")"
PATHS[detail]="/api/v1/cases/<rotating>"
PATHS[static]="/detail.json"
# A check that the proxies work before measuring through them.
start_server b
for s in two one-nginx; do curl -fsS -o /dev/null -H "$COOKIE_HEADER" "${BASE[$s]}/api/v1/cases?limit=1"; done

# Fresh servers before each measurement (see run_wrk): only a for one and
# one-nginx, a and b for two, none for static. Their case-detail memory is
# refilled by the warm-up. pg_stat_statements starts afresh too.
before_measure() {
  local setup="${1%%:*}"
  stop_server a; stop_server b
  case "$setup" in
    one|one-nginx) start_server a ;;
    two) start_server a; start_server b ;;
  esac
  psql_db "$RUN_DB" "SELECT pg_stat_statements_reset()" >/dev/null
}
RUN_NOTE="on fresh servers after a $WARMUP warm-up and a 2 s pause"
declare -A RSS
# measure setup request conns
measure() {
  local setup="$1" req="$2" c="$3" label="$1:$2" script="$TMP/report.lua" path="${PATHS[$2]}"
  if [ "$setup" = static ]; then path="${PATHS[static]}"
  elif [ "$req" = detail ]; then script="$TMP/detail.lua"; fi
  run_wrk "$label" "$c" "${BASE[$setup]}" "$path" "$script"
  case "$setup" in
    one|one-nginx) RSS[$label,$c]="a $(rss_mb a)" ;;
    two) RSS[$label,$c]="a $(rss_mb a), b $(rss_mb b)" ;;
    *) RSS[$label,$c]="-" ;;
  esac
  # What the database spent its time on, per statement, during this measurement.
  psql_db "$RUN_DB" "SELECT calls, round(total_exec_time::numeric, 1) AS total_ms,
                            round(mean_exec_time::numeric, 3) AS mean_ms, rows,
                            shared_blks_hit, shared_blks_read, left(regexp_replace(query, '\s+', ' ', 'g'), 220)
                       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$RUN_DB')
                      ORDER BY total_exec_time DESC LIMIT 12" >"$TMP/pgss-$label-$c.txt" 2>&1 || true
}

# ---- the measured phase ----------------------------------------------------
waited=0
while ! le "$(cut -d' ' -f1 /proc/loadavg)" "$QUIET_LOAD" && [ "$waited" -lt "$QUIET_WAIT" ]; do
  [ $((waited % 60)) = 0 ] && echo "==> 負荷が下がるのを待っています (load $(cut -d' ' -f1-3 /proc/loadavg), $waited s)"
  sleep 10; waited=$((waited + 10))
done
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg) (after waiting $waited s for ≤ $QUIET_LOAD)"
for c in $CONNECTIONS; do
  measure static detail "$c"
  for setup in one one-nginx two; do measure "$setup" detail "$c"; done
  for req in list search-3-name search-2 search-3-note; do
    for setup in one two; do measure "$setup" "$req" "$c"; done
  done
done
# On a shared machine the ceiling itself moves by a quarter from one minute
# to the next, and one measurement of each is a poor ratio. So at the
# highest connection count static and one server are also measured in turn
# for BENCH_DETAIL_ROUNDS rounds (3; 0 for none), each round's ratio taken
# from its own pair, and the median reported beside the table.
DETAIL_ROUNDS="${BENCH_DETAIL_ROUNDS:-3}"
MAXC="$(max_connections)"
MAIN_LABELS=("${LABELS[@]}")
ROUND_RATIOS=()
for r in $(seq 1 "$DETAIL_ROUNDS"); do
  run_wrk "static:round-$r" "$MAXC" "${BASE[static]}" "${PATHS[static]}" "$TMP/report.lua"
  run_wrk "one:round-$r" "$MAXC" "${BASE[one]}" "${PATHS[detail]}" "$TMP/detail.lua"
  ROUND_RATIOS+=("$(ratio "${RPS[one:round-$r,$MAXC]}" "${RPS[static:round-$r,$MAXC]}")")
done
LABELS=("${MAIN_LABELS[@]}")  # the rounds have their own table
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
AUDIT_ROWS="$(psql_db "$RUN_DB" "SELECT COUNT(*) FROM reads.audit_log" 2>/dev/null || echo '?')"
stop_server a; stop_server b

# ---- report ----------------------------------------------------------------
DATE="$(date +%F)"
OUT_DIR="$ROOT/bench/results"
mkdir -p "$OUT_DIR"
OUT="$OUT_DIR/$DATE-case-work-postgres.md"
cell() { echo "${RPS[$1,$2]} req/s, p99 ${P99[$1,$2]} ms"; }
{
  echo "# Case work on PostgreSQL — $DATE"
  echo
  echo "Generated by \`bench/case_work_postgres.sh\`. Scale: $CASES cases × $PER_CASE contacts, $NOTE_PCT % with a note."
  echo
  machine_lines
  echo "- PostgreSQL $PG_VERSION on the same machine (Unix socket), $(nginx -v 2>&1 | sed 's/^nginx version: //'), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), $WRK_THREADS threads, $DURATION after a $WARMUP warm-up"
  echo "- Database: $COUNTS; $DB_SIZE (this run's copy, made in $COPY_SECONDS s)"
  if [ -f "$GEN_INFO" ]; then cat "$GEN_INFO"; else echo "- generation: $(cat "$CACHE/done")"; fi
  echo "- suzuki's organisation holds $ORG_CASES cases; case detail rotates over $DETAIL_IDS of them"
  echo "- Read audit entries written during the run (warm-ups included): $AUDIT_ROWS"
  echo
  echo "Setups: **one** = one tsunagu server, directly; **one-nginx** = the same behind nginx;"
  echo "**two** = two tsunagu servers behind nginx (upstream, keepalive 64); **static** = nginx serving"
  echo "a static file with the body of one case detail answer (${BYTES[detail]} bytes; response headers"
  echo "$APP_HEADER_BYTES bytes from tsunagu, $STATIC_HEADER_BYTES from nginx). Everything shares the $(nproc) cores: wrk,"
  echo "nginx, the servers and PostgreSQL."
  echo
  echo "## Case detail against the ceiling"
  echo
  echo "| conns | static (ceiling) | one | one-nginx | two | one / ceiling | two / ceiling |"
  echo "|---:|---|---|---|---|---:|---:|"
  for c in $CONNECTIONS; do
    echo "| $c | $(cell static:detail "$c") | $(cell one:detail "$c") | $(cell one-nginx:detail "$c") | $(cell two:detail "$c") | $(ratio "${RPS[one:detail,$c]}" "${RPS[static:detail,$c]}") | $(ratio "${RPS[two:detail,$c]}" "${RPS[static:detail,$c]}") |"
  done
  if [ "$DETAIL_ROUNDS" -gt 0 ]; then
    echo
    echo "Then $DETAIL_ROUNDS rounds at $MAXC connections, static and one server in turn, each ratio from its own pair:"
    echo
    echo "| round | static (ceiling) | one | one / ceiling |"
    echo "|---:|---|---|---:|"
    for r in $(seq 1 "$DETAIL_ROUNDS"); do
      echo "| $r | $(cell "static:round-$r" "$MAXC") | $(cell "one:round-$r" "$MAXC") | ${ROUND_RATIOS[$((r - 1))]} |"
    done
    echo
    echo "Median of the rounds, one / ceiling: **$(median "${ROUND_RATIOS[@]}")**."
  fi
  echo
  echo "## All figures"
  echo
  echo "Queries: search-3-name q=\`$Q3_NAME\`, search-3-note q=\`$Q3_NOTE\`, search-2 q=\`$Q2\`."
  echo "Search hits (cases on the first page, at most 50): \`$Q3_NAME\` $HITS_3N, \`$Q3_NOTE\` $HITS_3T, \`$Q2\` $HITS_2."
  echo "Server memory: resident / peak MB of each server (a, b) right after the measurement."
  echo
  echo "| setup | request | conns | req/s | p50 ms | p95 ms | p99 ms | non-2xx / socket errors | body bytes | server MB |"
  echo "|---|---|---:|---:|---:|---:|---:|---|---:|---|"
  for c in $CONNECTIONS; do
    for l in "${LABELS[@]}"; do
      local_req="${l#*:}"
      echo "| ${l%%:*} | $local_req \`${PATHS[${l%%:*}]:-${PATHS[$local_req]}}\` | $c | ${RPS[$l,$c]} | ${P50[$l,$c]} | ${P95[$l,$c]} | ${P99[$l,$c]} | ${ERRS[$l,$c]} | ${BYTES[$local_req]} | ${RSS[$l,$c]} |"
    done
  done
  echo
  echo "Targets (issue 3, point 14; issue 20, point 2):"
  echo
  for s in one two; do
    echo "- case detail p99 ≤ 10 ms at $MAXC connections ($s): ${P99[$s:detail,$MAXC]} ms — $(mark "${P99[$s:detail,$MAXC]}" 10)"
  done
  for s in one two; do
    r="$(ratio "${RPS[$s:detail,$MAXC]}" "${RPS[static:detail,$MAXC]}")"
    echo "- case detail ≥ 0.5 × the ceiling at $MAXC connections ($s): ${r} — $(if le 0.5 "$r"; then echo '**met**'; else echo '**missed**'; fi)"
  done
  if [ "$DETAIL_ROUNDS" -gt 0 ]; then
    r="$(median "${ROUND_RATIOS[@]}")"
    echo "- the same, median of the $DETAIL_ROUNDS alternating rounds (one): ${r} — $(if le 0.5 "$r"; then echo '**met**'; else echo '**missed**'; fi)"
  fi
  for c in $CONNECTIONS; do
    for l in search-3-name search-3-note search-2; do
      echo "- search p95 ≤ 20 ms ($l, $c connections, one / two): ${P95[one:$l,$c]} / ${P95[two:$l,$c]} ms — $(mark "${P95[one:$l,$c]}" 20) / $(mark "${P95[two:$l,$c]}" 20)"
    done
  done
  echo
  echo "## PostgreSQL settings"
  echo
  echo "\`initdb -E UTF8 --locale=C.UTF-8\`, then \`include_if_exists 'bench.conf'\` in \`postgresql.conf\`:"
  echo
  echo '```'
  echo "$PG_SETTINGS"
  echo '```'
  echo
  echo "## Commands"
  echo
  echo "\`\$CACHE\` is \`$CACHE\` (kept), \`\$PGDATA\` \`\$CACHE/pg/data\`, \`\$BENCH_URL\` \`postgresql:///bench?host=\$CACHE/pg&port=…&user=postgres\`,"
  echo "\`\$TMP\` a fresh \`mktemp -d\` directory, removed at the end."
  echo
  echo '```sh'
  echo "bench/case_work_postgres.sh   # BENCH_CASES=$CASES BENCH_CONTACTS_PER_CASE=$PER_CASE BENCH_NOTE_PERCENT=$NOTE_PCT BENCH_DURATION=$DURATION BENCH_WARMUP=$WARMUP BENCH_CONNECTIONS=\"$CONNECTIONS\""
  printf '%s\n' "${COMMANDS[@]}" | sed "s|$TMP|\$TMP|g; s|$CACHE|\$CACHE|g; s|postgresql:///$RUN_DB?[^ ]*|\$DB|g"
  echo '```'
  echo
  echo "nginx configuration:"
  echo
  echo '```nginx'
  sed "s|$TMP|\$TMP|g" "$NGX/nginx.conf"
  echo '```'
  echo
  echo "## pg_stat_statements, case detail at $MAXC connections"
  for s in one two; do
    echo; echo "### $s"; echo
    echo "calls | total ms | mean ms | rows | shared blocks hit | read | statement"
    echo; echo '```'; cat "$TMP/pgss-$s:detail-$MAXC.txt"; echo '```'
  done
  echo
  echo "## Raw wrk output"
  for c in $CONNECTIONS; do
    for l in "${LABELS[@]}"; do
      echo; echo "### $l, $c connections"; echo; echo '```'; sed "s|$TMP|\$TMP|g" "$TMP/wrk-$l-$c.txt"; echo '```'
    done
  done
} >"$OUT"
echo "==> $OUT"
sed -n '/^## Case detail against/,/^## All figures/p' "$OUT"
