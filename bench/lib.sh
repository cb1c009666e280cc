# Shared by bench/case_work.sh and bench/case_work_postgres.sh (sourced, not
# run): the build, the temporary directory and its clean-up, signing in, the
# wrk scripts, one wrk measurement and the lines about the machine.
# scripts/lib.sh gives ROOT, BUILD, install_packages and build_server.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/lib.sh"

CASES="${BENCH_CASES:-100000}"
PER_CASE="${BENCH_CONTACTS_PER_CASE:-20}"
NOTE_PCT="${BENCH_NOTE_PERCENT:-50}"
DURATION="${BENCH_DURATION:-10s}"
WARMUP="${BENCH_WARMUP:-3s}"
# 64 connections is the target's load for case detail; the issue names no
# concurrency for search, so it is measured at 1 (one person searching), 8
# (a busy centre: several staff at once) and 64.
CONNECTIONS="${BENCH_CONNECTIONS:-1 8 64}"
WRK_THREADS="${BENCH_WRK_THREADS:-2}"
# One benchmark user sends thousands of requests a second: the per-user
# limit (issue 13) is for people, not for this.
SERVE_FLAGS="--user-requests-per-second 0 ${BENCH_SERVE_FLAGS:-}"
# Queries: a furigana (3+ code points, trigram index), a phrase that occurs
# in about 1 note in 8 (trigram index, many hits), a 2-character family name
# (bigram index).
Q3_NAME="${BENCH_Q3_NAME:-たかはし}"
Q3_NOTE="${BENCH_Q3_NOTE:-昼夜逆転}"
Q2="${BENCH_Q2:-田中}"

# Installs what is missing, builds the server (unless TSUNAGU_BUILD names an
# existing build directory, used as it is) and the generator. Sets BUILD,
# TSUNAGU_BIN and GEN_BIN.
bench_build() {
  install_packages
  command -v sqlite3 >/dev/null || as_root apt-get install -y sqlite3 >/dev/null
  if [ -n "${TSUNAGU_BUILD:-}" ]; then BUILD="$TSUNAGU_BUILD"; else build_server; fi
  echo "==> 生成プログラムをビルドします"
  cmake --build "$BUILD" --target bench_generate_cases | grep -vE '^\[[0-9]+/[0-9]+\]' || true
  TSUNAGU_BIN="$BUILD/tsunagu"
  GEN_BIN="$BUILD/bench_generate_cases"
}

# TMP (a fresh directory, removed at the end) and PIDS (stopped at the end,
# with bench_cleanup_hook first if the script defines one).
bench_tmp() {
  TMP="$(mktemp -d /tmp/tsunagu-bench.XXXXXX)"
  chmod 755 "$TMP"  # nginx workers run as nobody and read files below it
  PIDS=()
  trap bench_cleanup EXIT INT TERM
}
bench_cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if declare -F bench_cleanup_hook >/dev/null; then bench_cleanup_hook || true; fi
  rm -rf "$TMP"
}

# free_port and wait_http come from scripts/lib.sh.
# The case-work endpoints both scripts measure, as PATHS (global), once
# FIRST_ID and the Q* search words are set.
case_work_paths() {
  declare -gA PATHS=(
    [list]="/api/v1/cases?limit=50"
    [detail]="/api/v1/cases/$FIRST_ID"
    [search-3-name]="/api/v1/search?q=$(urlenc "$Q3_NAME")"
    [search-3-note]="/api/v1/search?q=$(urlenc "$Q3_NOTE")"
    [search-2]="/api/v1/search?q=$(urlenc "$Q2")"
    [home]="/api/v1/home"
  )
}
urlenc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

# sign_in URL: signs in as the demo coordinator suzuki and sets COOKIE_HEADER.
sign_in() {
  curl -fsS -D "$TMP/login-headers.txt" -o /dev/null -H 'Content-Type: application/json' \
    -d '{"login":"suzuki","password":"demo-suzuki-pass"}' "$1/api/v1/session"
  COMMANDS+=("curl -D - -H 'Content-Type: application/json' -d '{\"login\":\"suzuki\",\"password\":\"demo-suzuki-pass\"}' $1/api/v1/session")
  local cookie
  cookie="$(grep -i '^set-cookie: tsunagu_session=' "$TMP/login-headers.txt" | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: (tsunagu_session=[^;]*).*/\1/' | tr -d '\r')"
  [ -n "$cookie" ] || { echo "ログインできませんでした" >&2; exit 1; }
  COOKIE_HEADER="Cookie: $cookie"
}

# write_wrk_scripts: $TMP/report.lua (a `done` that prints one
# machine-readable line, latencies in ms) and $TMP/detail.lua (the case
# detail rotating over the case ids read from stdin, one a line, then the
# same `done`).
write_wrk_scripts() {
  cat >"$TMP/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH rps=%.1f p50=%.2f p95=%.2f p99=%.2f requests=%d non2xx=%d sockerr=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
EOF
  {
    echo "local ids = {"
    sed 's/.*/"&",/'
    echo "}"
    cat <<'EOF'
local i = 0
request = function()
  i = i % #ids + 1
  return wrk.format("GET", "/api/v1/cases/" .. ids[i])
end
EOF
    cat "$TMP/report.lua"
  } >"$TMP/detail.lua"
  DETAIL_IDS="$(grep -c '^"' "$TMP/detail.lua")"
  FIRST_ID="$(sed -n 2p "$TMP/detail.lua" | tr -d '",')"
}

# nginx_setup and nginx_conf: bench/nginx.sh.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/nginx.sh"

declare -A RPS P50 P95 P99 ERRS
LABELS=()
# run_wrk label conns base_url path script: a warm-up, a 2 s pause, then the
# measurement; figures go to RPS[label,conns] etc. and the raw output to
# $TMP/wrk-<label>-<conns>.txt. The script's before_measure (if defined) runs
# first: the scripts restart their servers there. Requests that wrk gave up
# on (a slow endpoint at 64 connections) would otherwise still be queued in
# a server and be charged to the next measurement; sessions live in the
# database, so the cookie stays valid across restarts. The pause lets the
# requests still in flight when the warm-up stops finish (a search at 64
# connections: about 0.3 s).
run_wrk() {
  local label="$1" c="$2" base="$3" path="$4" script="$5"
  local t=$(( c < WRK_THREADS ? c : WRK_THREADS ))   # wrk wants no more threads than connections
  local args=(-t"$t" -c"$c" --timeout 30s -s "$script")
  [ -n "${COOKIE_HEADER:-}" ] && args+=(-H "$COOKIE_HEADER")
  if declare -F before_measure >/dev/null; then before_measure "$label"; fi
  wrk "${args[@]}" -d"$WARMUP" "$base$path" >/dev/null
  sleep 2
  local out; out="$(wrk "${args[@]}" -d"$DURATION" --latency "$base$path")"
  echo "---- $label, $c connections"; echo "$out"
  echo "$out" >"$TMP/wrk-$label-$c.txt"
  COMMANDS+=("wrk -t$t -c$c -d$DURATION --timeout 30s --latency -H 'Cookie: tsunagu_session=<token>' -s $(basename "$script") '$base$path'   # ${RUN_NOTE:-after a $WARMUP warm-up and a 2 s pause}")
  local line; line="$(grep '^BENCH ' <<<"$out")"
  get() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$line"; }
  RPS[$label,$c]="$(printf '%.0f' "$(get rps)")"
  P50[$label,$c]="$(get p50)"; P95[$label,$c]="$(get p95)"; P99[$label,$c]="$(get p99)"
  # No request completed within the run: no latency to show (wrk says 0).
  if [ "$(get requests)" = 0 ]; then P50[$label,$c]="-"; P95[$label,$c]="-"; P99[$label,$c]="-"; fi
  ERRS[$label,$c]="$(get non2xx) / $(get sockerr)"
  [[ " ${LABELS[*]} " == *" $label "* ]] || LABELS+=("$label")
}

le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
mark() {  # value limit; "-" (nothing answered) is missed
  if [ "$1" != "-" ] && le "$1" "$2"; then echo "**met**"; else echo "**missed**"; fi
}
max_connections() { tr ' ' '\n' <<<"$CONNECTIONS" | sort -n | tail -1; }

# Lines about the machine and the build, for the results file.
machine_lines() {
  local cpu mem commit dirty build_type
  cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
  mem="$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  dirty="$(git -C "$ROOT" status --porcelain -- src 2>/dev/null | grep -q . && echo ' (with uncommitted changes under src/)' || true)"
  build_type="$(grep -E '^CMAKE_BUILD_TYPE' "$BUILD/CMakeCache.txt" 2>/dev/null | cut -d= -f2 || true)"
  echo "- Machine: $cpu, $(nproc) cores, $mem; $(uname -sr)"
  echo "- Load average before / after: $LOAD_BEFORE / $LOAD_AFTER"
  echo "- tsunagu: commit $commit$dirty, build type ${build_type:-RelWithDebInfo (the CMakeLists default)}, flags: ${SERVE_FLAGS:-(defaults)}, access log on"
}
