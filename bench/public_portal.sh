#!/usr/bin/env bash
# The public side under load (issue 19, point 8): the only surface without
# a login. Measures, in one run on this machine:
#   1. 1,000 concurrent connections on the portal's data
#      (GET /api/public/v1/portal, and with ?municipality=) and on its page
#      (GET /, the built front end's index.html): requests/s, p50, p99,
#      errors;
#   2. a posting flood of new anonymous consultations, each request from
#      another address (X-Forwarded-For through --trusted-proxy 127.0.0.1):
#      what the flood got (created, refused) and a coordinator's case reads
#      alone and during the flood.
# Writes bench/results/YYYY-MM-DD-public-portal.md.
#
#   bench/public_portal.sh
#   BENCH_DURATION=20s BENCH_PORTAL_CONNECTIONS=1000 BENCH_FLOOD_CONNECTIONS=64 bench/public_portal.sh
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/lib.sh"

DURATION="${BENCH_DURATION:-20s}"
PORTAL_CONNECTIONS="${BENCH_PORTAL_CONNECTIONS:-1000}"
READ_CONNECTIONS="${BENCH_CONNECTIONS:-8}"
FLOOD_CONNECTIONS="${BENCH_FLOOD_CONNECTIONS:-64}"
install_packages
if [ -z "${TSUNAGU_BIN:-}" ]; then build_server; TSUNAGU_BIN="$BUILD/tsunagu"; fi
WEB_ROOT="${TSUNAGU_WEB_ROOT:-$ROOT/web/dist}"
test -f "$WEB_ROOT/index.html" || { echo "web/dist がありません: (cd web && npm run build)" >&2; exit 1; }
# 1,000 connections of wrk and as many of the server.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

TMP="$(mktemp -d /tmp/tsunagu-public.XXXXXX)"
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT INT TERM
PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
"$TSUNAGU_BIN" demo --db "sqlite:$TMP/db.sqlite" >/dev/null
# RESTinio's I/O threads: 1 (the default) and 2 (what a public-facing
# server is run with: docs/operations/public-side.md).
IO_THREADS="${BENCH_IO_THREADS:-1 2}"
start_server() {  # io threads
  "$TSUNAGU_BIN" serve --db "sqlite:$TMP/db.sqlite" --port "$PORT" --no-access-log --insecure-cookies \
    --web-root "$WEB_ROOT" --user-requests-per-second 0 --trusted-proxy 127.0.0.1/32 --io-threads "$1" >"$TMP/server.log" 2>&1 &
  SERVER=$!
  wait_http "$URL/healthz"
}
stop_server() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""; }
start_server 1
MUNICIPALITY="$(curl -s "$URL/api/public/v1/portal" | grep -o '"municipalities":\[{"id":"[a-z0-9]*"' | cut -d\" -f6)"
test -n "$MUNICIPALITY"

# "rps p50 p99 errors" of one wrk run (errors: socket errors and non-2xx).
measure() {  # connections url [wrk args...]
  local c="$1" url="$2"; shift 2
  wrk -t2 -c"$c" -d"$DURATION" --latency "$@" "$url" >"$TMP/wrk.out" 2>&1 || true
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       /Socket errors/ {gsub(",", ""); e += $4 + $6 + $8 + $10} /Non-2xx/ {e += $5}
       END {printf "%s %s %s %d\n", rps, p50, p99, e}' "$TMP/wrk.out"
}

cat >"$TMP/flood.lua" <<'LUA'
-- Each request from another address, as a flood from many machines.
local n = 0
request = function()
  n = n + 1
  local ip = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format("POST", "/api/public/v1/consultations",
    { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = ip },
    '{"writer":"本人","message":"ベンチマークの書き込みです。"}')
end
LUA

OUT="$(cd "$(dirname "$0")" && pwd)/results/$(date +%F)-public-portal.md"
{
  trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null' EXIT
  echo "# The public side under load — $(date +%F)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); commit $(git -C "$ROOT" rev-parse --short HEAD);"
  echo "wrk (2 threads) on the same machine as the server; SQLite demo database; $DURATION per line."
  echo
  echo "## 1. The portal, $PORTAL_CONNECTIONS connections at once"
  echo
  echo "| I/O threads | what | req/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|---|"
  for io in $IO_THREADS; do
    stop_server
    start_server "$io"
    for target in "GET /api/public/v1/portal|$URL/api/public/v1/portal" \
                  "GET /api/public/v1/portal?municipality=…|$URL/api/public/v1/portal?municipality=$MUNICIPALITY" \
                  "GET / (the page)|$URL/"; do
      read -r rps p50 p99 errors <<<"$(measure "$PORTAL_CONNECTIONS" "${target#*|}")"
      echo "| $io | \`${target%%|*}\` | $rps | $p50 | $p99 | $errors |"
    done
  done
  stop_server
  start_server 1
  echo
  echo "## 2. A posting flood from many addresses, and staff at work (1 I/O thread)"
  echo
  COOKIE="$(curl -s -i -H 'content-type: application/json' -d '{"login":"takahashi","password":"demo-takahashi-pass"}' \
    "$URL/api/v1/session" | grep -io 'tsunagu_session=[^;]*' | head -1)"
  CASE="$(curl -s -H "cookie: $COOKIE" "$URL/api/v1/cases?limit=1" | grep -o '"id":"[a-z0-9]*"' | head -1 | cut -d\" -f4)"
  reads() { measure "$READ_CONNECTIONS" "$URL/api/v1/cases/$CASE" -H "cookie: $COOKIE"; }
  read -r alone _ alone_p99 _ <<<"$(reads)"
  echo "Case reads alone: $alone req/s, p99 $alone_p99."
  echo
  echo "| flood | case reads during it (req/s) | p99 | kept | flood: sent | created | answered non-2xx |"
  echo "|---|---|---|---|---|---|---|"
  flood_row() {  # label, wrk args...
    local label="$1"; shift
    local before; before="$(sqlite3 "$TMP/db.sqlite" 'SELECT COUNT(*) FROM consultation_threads')"
    wrk -t1 -c"$FLOOD_CONNECTIONS" -d"$DURATION" "$@" >"$TMP/flood.out" 2>&1 &
    local flood=$!
    sleep 1
    read -r under _ under_p99 _ <<<"$(reads)"
    wait "$flood" || true
    local created=$(( $(sqlite3 "$TMP/db.sqlite" 'SELECT COUNT(*) FROM consultation_threads') - before ))
    local total; total="$(awk '/requests in/ {print $1}' "$TMP/flood.out")"
    local refused; refused="$(awk '/Non-2xx/ {print $5}' "$TMP/flood.out")"
    printf '| %s | %s | %s | %.0f %% | %s | %s | %s |\n' "$label" "$under" "$under_p99" \
      "$(echo "100 * $under / $alone" | bc -l)" "$total" "$created" "${refused:-0}"
  }
  flood_row "new consultations, each from another address" -s "$TMP/flood.lua" "$URL"
  flood_row "control: GET of a file that does not exist" "$URL/no-such-file.txt"
  echo
  echo "Reads: \`GET /api/v1/cases/:id\` as a coordinator, $READ_CONNECTIONS connections. Flood: \`POST"
  echo "/api/public/v1/consultations\`, $FLOOD_CONNECTIONS connections, every request from another address, started"
  echo "1 s before the reads. Each consultation costs two argon2id computations on the public"
  echo "pool (one thread, 32 waiting): what does not fit is refused at once with 503. The control"
  echo "floods as many connections with the cheapest request there is (a 404 from the static files),"
  echo "to tell the cost of the request rate itself from that of posting."
  echo
  echo "Command: \`bench/public_portal.sh\` (BENCH_DURATION=$DURATION BENCH_PORTAL_CONNECTIONS=$PORTAL_CONNECTIONS BENCH_FLOOD_CONNECTIONS=$FLOOD_CONNECTIONS)"
} | tee "$OUT"
