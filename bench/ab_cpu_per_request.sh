#!/usr/bin/env bash
# Two builds compared on the same database by the server's own CPU time per
# request (user + system, from /proc), alternating A and B for a few rounds.
# CPU per request moves far less than req/s or p99 when the machine is
# shared (other builds running), so a refactoring can be checked for "not
# slower" without a quiet machine.
#
#   bench/ab_cpu_per_request.sh BUILD_A BUILD_B
#   BENCH_ROUNDS=3 BENCH_DURATION=8s bench/ab_cpu_per_request.sh /work/main/build build
#
# Uses the database that bench/case_work.sh generated and keeps
# (/tmp/tsunagu-bench-cases-<scale>/; run that first), on one copy served by
# A and B in turn; requests: case detail rotating over 300 cases of suzuki's
# organisation, and the case list (limit=50), 64 connections.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

A="${1:?BUILD_A}"; B="${2:?BUILD_B}"
ROUNDS="${BENCH_ROUNDS:-3}"
CACHE="/tmp/tsunagu-bench-cases-${CASES}x${PER_CASE}-${NOTE_PCT}"
[ -f "$CACHE/done" ] || { echo "先に bench/case_work.sh でデータベースを作ってください（$CACHE）" >&2; exit 1; }
bench_tmp
for s in "" .read-audit .key .audit-key .audit-anchor; do [ -e "$CACHE/bench.sqlite$s" ] && cp "$CACHE/bench.sqlite$s" "$TMP/bench.sqlite$s"; done
"$A/tsunagu" migrate --db "sqlite:$TMP/bench.sqlite" >/dev/null
write_wrk_scripts < <(sqlite3 "$TMP/bench.sqlite" "SELECT c.id FROM cases c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.login = 'suzuki' ORDER BY random() LIMIT 300")
PORT="$(free_port)"; URL="http://127.0.0.1:$PORT"
tick="$(getconf CLK_TCK)"
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }

echo "| round | build | request | requests | req/s | CPU µs per request | load |"
echo "|---:|---|---|---:|---:|---:|---:|"
for round in $(seq "$ROUNDS"); do
  for build in "$A" "$B"; do
    # shellcheck disable=SC2086
    "$build/tsunagu" serve --db "sqlite:$TMP/bench.sqlite" --listen 127.0.0.1 --port "$PORT" $SERVE_FLAGS >/dev/null 2>&1 &
    pid=$!; PIDS+=("$pid")
    wait_http "$URL/healthz"
    sign_in "$URL"
    for request in detail list; do
      if [ "$request" = detail ]; then target=(-s "$TMP/detail.lua" "$URL"); else target=("$URL/api/v1/cases?limit=50"); fi
      wrk -t"$WRK_THREADS" -c64 -d"$WARMUP" -H "$COOKIE_HEADER" "${target[@]}" >/dev/null
      before="$(cpu "$pid")"
      out="$(wrk -t"$WRK_THREADS" -c64 -d"$DURATION" -H "$COOKIE_HEADER" "${target[@]}")"
      after="$(cpu "$pid")"
      n="$(awk '/requests in/ {print $1}' <<<"$out")"
      if grep -q "Non-2xx" <<<"$out"; then echo "非2xxの応答がありました: $out" >&2; exit 1; fi
      echo "| $round | $build | $request | $n | $(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out") | $(( (after - before) * 1000000 / tick / n )) | $(cut -d' ' -f1 /proc/loadavg) |"
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
