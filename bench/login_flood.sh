#!/usr/bin/env bash
# Case reads while strangers loop on valid sign-ins (issue 13, point 3).
# Sign-in checks a password with argon2id (~55 ms, 64 MiB); they run on a
# low-priority pool of their own, so the people at work keep their speed.
# Measures, in one run on this machine: case-detail reads alone, then the
# same reads while a second wrk loops on POST /api/v1/session with a valid
# password — once with the default sign-in throttles (most of the flood is
# refused with 429 before any hash) and once with them lifted (every
# request hashes: the pool alone protects the reads). Writes
# bench/results/YYYY-MM-DD-login-flood.md.
#
#   bench/login_flood.sh
#   BENCH_DURATION=10s BENCH_CONNECTIONS=8 BENCH_FLOOD_CONNECTIONS=16 bench/login_flood.sh
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/lib.sh"

DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-8}"
FLOOD_CONNECTIONS="${BENCH_FLOOD_CONNECTIONS:-16}"
install_packages
if [ -z "${TSUNAGU_BIN:-}" ]; then build_server; TSUNAGU_BIN="$BUILD/tsunagu"; fi

TMP="$(mktemp -d /tmp/tsunagu-flood.XXXXXX)"
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT INT TERM
PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
"$TSUNAGU_BIN" demo --db "sqlite:$TMP/db.sqlite" >/dev/null

cat >"$TMP/flood.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"login":"suzuki","password":"demo-suzuki-pass"}'
LUA

start() {  # extra serve flags
  "$TSUNAGU_BIN" serve --db "sqlite:$TMP/db.sqlite" --port "$PORT" --no-access-log --insecure-cookies \
    --user-requests-per-second 0 "$@" >"$TMP/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do curl -fs "$URL/healthz" >/dev/null && break; sleep 0.1; done
  # The reader: another coordinator (not the flooded account; password-only
  # sign-in, as a supervisor now needs a second factor) reading one case.
  COOKIE="$(curl -s -i -H 'content-type: application/json' -d '{"login":"takahashi","password":"demo-takahashi-pass"}' \
    "$URL/api/v1/session" | grep -io 'tsunagu_session=[^;]*' | head -1)"
  CASE="$(curl -s -H "cookie: $COOKIE" "$URL/api/v1/cases?limit=1" | grep -o '"id":"[a-z0-9]*"' | head -1 | cut -d\" -f4)"
  test -n "$CASE"
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""; }
reads() { wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -H "cookie: $COOKIE" "$URL/api/v1/cases/$CASE" \
  | awk '/Requests\/sec/ {rps=$2} /99%/ {p99=$2} END {printf "%s %s\n", rps, p99}'; }

run() {  # label, serve flags...
  local label="$1"; shift
  start "$@"
  read -r alone alone_p99 <<<"$(reads)"
  wrk -t1 -c"$FLOOD_CONNECTIONS" -d"$DURATION" -s "$TMP/flood.lua" "$URL/api/v1/session" >"$TMP/flood.out" 2>&1 &
  local flood=$!
  sleep 1
  read -r under under_p99 <<<"$(reads)"
  wait "$flood" || true
  local logins; logins="$(awk '/Requests\/sec/ {print $2}' "$TMP/flood.out")"
  local refused; refused="$(awk '/Non-2xx/ {print $5}' "$TMP/flood.out")"
  local total; total="$(awk '/requests in/ {print $1}' "$TMP/flood.out")"
  stop
  printf '| %s | %s | %s | %s | %s | %.0f %% | %s / s (%s) |\n' "$label" "$alone" "$alone_p99" "$under" "$under_p99" \
    "$(echo "100 * $under / $alone" | bc -l)" "$logins" "${refused:-0} of $total refused"
}

OUT="$(cd "$(dirname "$0")" && pwd)/results/$(date +%F)-login-flood.md"
{
  # This block runs in a subshell (it is piped to tee): the server it
  # starts is stopped by a trap of its own.
  trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null' EXIT
  echo "# Case reads under a sign-in flood — $(date +%F)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); commit $(git -C "$ROOT" rev-parse --short HEAD)."
  echo "Reads: \`GET /api/v1/cases/:id\` as a supervisor, $CONNECTIONS connections, $DURATION. Flood: valid"
  echo "\`POST /api/v1/session\` for another user, $FLOOD_CONNECTIONS connections, $DURATION, started 1 s before the second read."
  echo
  echo "| sign-in limits | reads alone (req/s) | p99 | reads under flood (req/s) | p99 | kept | flood |"
  echo "|---|---|---|---|---|---|---|"
  run "defaults (30 per user, 120 per address in 15 min)"
  run "lifted (every sign-in hashes)" --user-sign-ins 100000 --client-sign-ins 100000 --sessions-per-user 1000
  echo
  echo "Command: \`bench/login_flood.sh\` (BENCH_DURATION=$DURATION BENCH_CONNECTIONS=$CONNECTIONS BENCH_FLOOD_CONNECTIONS=$FLOOD_CONNECTIONS)"
} | tee "$OUT"
