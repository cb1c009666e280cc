#!/usr/bin/env bash
# Throughput and latency of an authenticated small JSON endpoint
# (GET /api/v1/session with a session cookie) under wrk, against nginx
# serving a static JSON file of similar size on the same machine in the same
# run. Writes bench/results/YYYY-MM-DD-http-vs-nginx.md.
#
#   bench/http_vs_nginx.sh
#   TSUNAGU_BIN=/work/main/build-bench/tsunagu bench/http_vs_nginx.sh   # another build
#   BENCH_DURATION=10s BENCH_WARMUP=3s BENCH_CONNECTIONS="8 64" bench/http_vs_nginx.sh
#
# Everything listens on 127.0.0.1 only; nothing outside a temporary
# directory is written except the results file.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/lib.sh"
# nginx_setup, nginx_conf: the same nginx as the other benchmarks' ceiling.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/nginx.sh"

DURATION="${BENCH_DURATION:-10s}"
WARMUP="${BENCH_WARMUP:-3s}"
CONNECTIONS="${BENCH_CONNECTIONS:-8 64}"
WRK_THREADS="${BENCH_WRK_THREADS:-2}"
# Tsunagu's own flags for the main run (its defaults unless overridden).
# One benchmark user sends thousands of requests a second: the per-user
# limit (issue 13) is for people, not for this.
SERVE_FLAGS="--user-requests-per-second 0 ${BENCH_SERVE_FLAGS:-}"

install_packages
if [ -z "${TSUNAGU_BIN:-}" ]; then
  build_server
  TSUNAGU_BIN="$BUILD/tsunagu"
fi
test -x "$TSUNAGU_BIN"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
TMP="$(mktemp -d /tmp/tsunagu-bench.XXXXXX)"
chmod 755 "$TMP"  # nginx workers run as nobody and must read the static file
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

stop_pid() {  # pid
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local keep=()
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

# wrk latency "1.23ms" / "456.00us" / "1.02s" / "2.00m" -> milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
    printf "%.2f", n }'
}

COMMANDS=()
declare -A RPS P50 P99 ERRS

# run_wrk label conns url [header]
run_wrk() {
  local label="$1" c="$2" url="$3" header="${4:-}"
  local args=(-t"$WRK_THREADS" -c"$c" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  wrk "${args[@]}" -d"$WARMUP" "$url" >/dev/null
  local out; out="$(wrk "${args[@]}" -d"$DURATION" "$url")"
  echo "$out" > "$TMP/wrk-$label-$c.txt"
  echo "---- $label, $c connections"; echo "$out"
  local shown_header="${header:+-H '${header%%=*}=<session token>'}"
  COMMANDS+=("wrk -t$WRK_THREADS -c$c -d$DURATION --latency $shown_header $url   # after a $WARMUP warm-up")
  RPS[$label,$c]="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")"
  P50[$label,$c]="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  P99[$label,$c]="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  local non2xx sockerr
  non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")"
  sockerr="$(awk '/Socket errors:/ {print}' <<<"$out")"
  ERRS[$label,$c]="${non2xx:-0}${sockerr:+ / $sockerr}"
}

# ---- tsunagu ---------------------------------------------------------------
DB="sqlite:$TMP/bench.sqlite"
"$TSUNAGU_BIN" demo --db "$DB" >/dev/null
COMMANDS+=("$TSUNAGU_BIN demo --db sqlite:\$TMP/bench.sqlite")

APP_PORT="$(free_port)"
APP_URL="http://127.0.0.1:$APP_PORT"

start_tsunagu() {  # extra flags...
  # shellcheck disable=SC2086
  "$TSUNAGU_BIN" serve --db "$DB" --listen 127.0.0.1 --port "$APP_PORT" $SERVE_FLAGS "$@" \
    >>"$TMP/tsunagu-access.log" 2>&1 &
  APP_PID=$!
  PIDS+=("$APP_PID")
  COMMANDS+=("$TSUNAGU_BIN serve --db sqlite:\$TMP/bench.sqlite --listen 127.0.0.1 --port $APP_PORT $SERVE_FLAGS $* >>\$TMP/tsunagu-access.log 2>&1")
  wait_http "$APP_URL/healthz"
}

start_tsunagu
curl -fsS -D "$TMP/login-headers.txt" -o /dev/null -H 'Content-Type: application/json' \
  -d '{"login":"suzuki","password":"demo-suzuki-pass"}' "$APP_URL/api/v1/session"
COMMANDS+=("curl -D - -H 'Content-Type: application/json' -d '{\"login\":\"suzuki\",\"password\":\"demo-suzuki-pass\"}' $APP_URL/api/v1/session")
COOKIE="$(grep -i '^set-cookie: tsunagu_session=' "$TMP/login-headers.txt" | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: (tsunagu_session=[^;]*).*/\1/' | tr -d '\r')"
[ -n "$COOKIE" ] || { echo "ログインできませんでした" >&2; exit 1; }
COOKIE_HEADER="Cookie: $COOKIE"

# The response both servers are compared on.
curl -fsS -D "$TMP/app-headers.txt" -o "$TMP/app-body.json" -H "$COOKIE_HEADER" "$APP_URL/api/v1/session"
APP_BODY_BYTES="$(wc -c <"$TMP/app-body.json")"
APP_RESP_BYTES="$(( $(wc -c <"$TMP/app-headers.txt") + APP_BODY_BYTES ))"

for c in $CONNECTIONS; do run_wrk tsunagu "$c" "$APP_URL/api/v1/session" "$COOKIE_HEADER"; done
ACCESS_LINES="$(grep -c '"event":"access"' "$TMP/tsunagu-access.log" || true)"
stop_pid "$APP_PID"

start_tsunagu --no-access-log
for c in $CONNECTIONS; do run_wrk tsunagu-nolog "$c" "$APP_URL/api/v1/session" "$COOKIE_HEADER"; done
stop_pid "$APP_PID"

# ---- nginx -----------------------------------------------------------------
NGINX_PORT="$(free_port)"
while [ "$NGINX_PORT" = "$APP_PORT" ]; do NGINX_PORT="$(free_port)"; done
nginx_setup
# A static JSON file of the same size as tsunagu's answer.
cp "$TMP/app-body.json" "$NGX/html/session.json"
chmod 644 "$NGX/html/session.json"
nginx_conf "  server { listen 127.0.0.1:$NGINX_PORT; root $NGX/html; }"
nginx -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/logs/error.log" &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
COMMANDS+=("nginx -p \$TMP/nginx -c \$TMP/nginx/nginx.conf -e \$TMP/nginx/logs/error.log   # daemon off; worker_processes $(nproc); access_log to a file")
NGINX_URL="http://127.0.0.1:$NGINX_PORT/session.json"
wait_http "$NGINX_URL"
curl -fsS -D "$TMP/nginx-headers.txt" -o /dev/null "$NGINX_URL"
NGINX_RESP_BYTES="$(( $(wc -c <"$TMP/nginx-headers.txt") + APP_BODY_BYTES ))"
for c in $CONNECTIONS; do run_wrk nginx "$c" "$NGINX_URL"; done
stop_pid "$NGINX_PID"

# ---- report ----------------------------------------------------------------
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
DATE="$(date +%F)"
OUT_DIR="$ROOT/bench/results"
mkdir -p "$OUT_DIR"
OUT="$OUT_DIR/$DATE-http-vs-nginx.md"
CPU="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
MEM="$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
DIRTY="$(git -C "$ROOT" status --porcelain -- src 2>/dev/null | grep -q . && echo ' (with uncommitted changes under src/)' || true)"
BUILD_TYPE="$(grep -E '^CMAKE_BUILD_TYPE' "$(dirname "$TSUNAGU_BIN")/CMakeCache.txt" 2>/dev/null | cut -d= -f2)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

MAXC="$(tr ' ' '\n' <<<"$CONNECTIONS" | sort -n | tail -1)"
verdict() {  # label -> lines about the targets
  local label="$1" ok=1 c r
  for c in $CONNECTIONS; do
    r="$(ratio "${RPS[$label,$c]}" "${RPS[nginx,$c]}")"
    if ge "$r" 0.5; then echo "- throughput at $c connections: ${r}× nginx — **met** (≥ 0.5×)"
    else echo "- throughput at $c connections: ${r}× nginx — **missed** (≥ 0.5×)"; ok=0; fi
  done
  if le "${P99[$label,$MAXC]}" 10; then echo "- p99 at $MAXC connections: ${P99[$label,$MAXC]} ms — **met** (≤ 10 ms)"
  else echo "- p99 at $MAXC connections: ${P99[$label,$MAXC]} ms — **missed** (≤ 10 ms)"; ok=0; fi
  [ "$ok" = 1 ] && echo "- **All targets met.**" || echo "- **Target missed.**"
}

{
  echo "# HTTP: tsunagu vs nginx ($DATE)"
  echo
  echo "Authenticated small JSON endpoint \`GET /api/v1/session\` (session cookie checked against the"
  echo "database on every request) against nginx serving a static JSON file of the same body size, on"
  echo "the same machine in the same run. Produced by \`bench/http_vs_nginx.sh\`."
  echo
  echo "## Machine"
  echo
  echo "- date: $(date -u +%FT%TZ)"
  echo "- CPU: $CPU, nproc $(nproc)"
  echo "- memory: $MEM"
  echo "- kernel: $(uname -sr)"
  echo "- tsunagu: commit $COMMIT$DIRTY, build type ${BUILD_TYPE:-unknown}, binary \`$TSUNAGU_BIN\`"
  echo "- $(nginx -v 2>&1), wrk $(dpkg-query -W -f='${Version}' wrk 2>/dev/null)"
  echo "- load average (1, 5, 15 min) before the run: $LOAD_BEFORE; after: $LOAD_AFTER"
  echo "- wrk, the servers and this script share the $(nproc) cores: the figures are relative, not absolute."
  echo "- response size (headers + body): tsunagu $APP_RESP_BYTES bytes, nginx $NGINX_RESP_BYTES bytes; body $APP_BODY_BYTES bytes."
  echo "  tsunagu's headers are larger (CSP and the other security headers, Cache-Control: no-store)."
  echo
  echo "## Results"
  echo
  echo "| server | connections | req/s | p50 (ms) | p99 (ms) | × nginx req/s | non-2xx / socket errors |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  for label in tsunagu tsunagu-nolog nginx; do
    for c in $CONNECTIONS; do
      case "$label" in
        tsunagu) name="tsunagu (access log → file)";;
        tsunagu-nolog) name="tsunagu --no-access-log";;
        nginx) name="nginx (access log → file)";;
      esac
      echo "| $name | $c | ${RPS[$label,$c]} | ${P50[$label,$c]} | ${P99[$label,$c]} | $(ratio "${RPS[$label,$c]}" "${RPS[nginx,$c]}") | ${ERRS[$label,$c]} |"
    done
  done
  echo
  echo "Access-log lines written by tsunagu during its access-logged runs (warm-ups included): $ACCESS_LINES."
  echo
  echo "## Targets (issue 2, point 12: ≥ 0.5× nginx's throughput, p99 ≤ 10 ms at 64 connections)"
  echo
  echo "As run in production (access log on, redirected to a file):"
  echo
  verdict tsunagu
  echo
  echo "With \`--no-access-log\`:"
  echo
  verdict tsunagu-nolog
  echo
  echo "## Commands"
  echo
  echo "\`\$TMP\` is a fresh \`mktemp -d\` directory, removed at the end."
  echo
  echo '```sh'
  echo "bench/http_vs_nginx.sh   # TSUNAGU_BIN=${TSUNAGU_BIN} BENCH_DURATION=$DURATION BENCH_WARMUP=$WARMUP BENCH_CONNECTIONS=\"$CONNECTIONS\"${SERVE_FLAGS:+ BENCH_SERVE_FLAGS=\"$SERVE_FLAGS\"}"
  for cmd in "${COMMANDS[@]}"; do echo "$cmd"; done
  echo '```'
  echo
  echo "nginx configuration:"
  echo
  echo '```nginx'
  sed "s|$TMP|\$TMP|g" "$NGX/nginx.conf"
  echo '```'
  echo
  echo "## Raw wrk output"
  for label in tsunagu tsunagu-nolog nginx; do
    for c in $CONNECTIONS; do
      echo
      echo "### $label, $c connections"
      echo
      echo '```'
      cat "$TMP/wrk-$label-$c.txt"
      echo '```'
    done
  done
} >"$OUT"

echo "==> $OUT"
sed -n '/^## Results/,/^## Commands/p' "$OUT"
