#!/usr/bin/env bash
# Two builds compared on one PostgreSQL 15 database (fsync and
# synchronous_commit on, Unix socket), alternating A and B for a few
# rounds: case detail rotating over 300 of suzuki's cases, 64 and 8
# connections, req/s and latency from wrk. The database is small (the demo
# and BENCH_CASES generated cases, 5000 by default) and made afresh in a
# temporary cluster, so a change to the server's PostgreSQL path can be
# checked in a few minutes; bench/case_work_postgres.sh gives the figures at
# prefecture scale.
#
#   bench/ab_postgres.sh BIN_A BIN_B            # the tsunagu binaries
#   BENCH_ROUNDS=2 bench/ab_postgres.sh /tmp/old/tsunagu build/tsunagu
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

A="${1:?BIN_A}"; B="${2:?BIN_B}"
ROUNDS="${BENCH_ROUNDS:-3}"
CASES="${BENCH_CASES:-5000}"
bench_build
bench_tmp
PG_BIN=/usr/lib/postgresql/15/bin
PGD="$TMP/pg"; mkdir -p "$PGD"
R=()
if [ "$(id -u)" = 0 ]; then chown postgres "$PGD"; R=(runuser -u postgres --); fi
"${R[@]}" "$PG_BIN/initdb" -D "$PGD/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
PGPORT="$(free_port)"
"${R[@]}" "$PG_BIN/pg_ctl" -D "$PGD/data" -l "$PGD/log" -w -o "-p $PGPORT -k $PGD -c listen_addresses='' -c fsync=on -c synchronous_commit=on -c shared_buffers=1GB -c max_connections=300" start >/dev/null
bench_cleanup_hook() { "${R[@]}" "$PG_BIN/pg_ctl" -D "$PGD/data" -m immediate stop >/dev/null 2>&1; }
"$PG_BIN/psql" -h "$PGD" -p "$PGPORT" -U postgres -qc "CREATE DATABASE ab"
URL="postgresql:///ab?host=$PGD&port=$PGPORT&user=postgres"
KEYS=(--key-file "$TMP/tsunagu.key" --audit-key-file "$TMP/audit.key" --audit-anchor-file "$TMP/audit.anchor")
"$A" demo --db "$URL" "${KEYS[@]}" >/dev/null
"$GEN_BIN" --db "$URL" --cases "$CASES" --contacts-per-case 20 --note-percent 50 >/dev/null
IDS="$("$PG_BIN/psql" -h "$PGD" -p "$PGPORT" -U postgres -d ab -Atc "SELECT c.id FROM cases c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.login = 'suzuki' ORDER BY random() LIMIT 300")"
COOKIE_HEADER=""
for r in $(seq 1 "$ROUNDS"); do
  for label in A B; do
    bin="$A"; [ "$label" = B ] && bin="$B"
    PORT="$(free_port)"
    "$bin" serve --db "$URL" --listen 127.0.0.1 --port "$PORT" "${KEYS[@]}" --user-requests-per-second 0 >"$TMP/server-$label.log" 2>&1 &
    SP=$!
    BASE="http://127.0.0.1:$PORT"
    wait_http "$BASE/healthz"
    if [ -z "$COOKIE_HEADER" ]; then COMMANDS=(); sign_in "$BASE"; write_wrk_scripts <<<"$IDS"; fi
    wrk -t2 -c64 -d3s -H "$COOKIE_HEADER" -s "$TMP/detail.lua" "$BASE/api/v1/cases/" >/dev/null
    for c in 64 8; do
      out="$(wrk -t2 -c$c -d10s --latency -H "$COOKIE_HEADER" -s "$TMP/detail.lua" "$BASE/api/v1/cases/" | grep '^BENCH')"
      echo "round $r $label c=$c $out"
    done
    kill "$SP"; wait "$SP" 2>/dev/null || true
  done
done
