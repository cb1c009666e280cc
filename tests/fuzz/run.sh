#!/usr/bin/env bash
# Builds the libFuzzer targets (scripts/lib.sh build_hardened: clang,
# ASan + UBSan + libFuzzer, in build-asan/) and runs every one of them
# from its committed seed corpus, one after another.
#
#   tests/fuzz/run.sh [SECONDS | -runs=N] [TARGET...]
#
# SECONDS per target (default 20), or N executions per target. New inputs
# found go to build-asan/fuzz/<target>/corpus (the committed seeds are only
# read); a crash is saved as build-asan/fuzz/<target>/crash-… and stops the
# run with its report. One line of figures per target at the end.
source "$(dirname "$0")/../../scripts/lib.sh"

limit="${1:-20}"
shift || true
case "$limit" in
  -runs=*) budget=("$limit") ;;
  *[!0-9]* | "") echo "使い方: tests/fuzz/run.sh [秒数 | -runs=N] [ターゲット...]" >&2; exit 2 ;;
  *) budget=("-max_total_time=$limit") ;;
esac

build_hardened
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$ROOT"/tests/fuzz/fuzz_*.cc; do targets+=("$(basename "$f" .cc)"); done
fi

export ASAN_OPTIONS="detect_leaks=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer

summary=()
for t in "${targets[@]}"; do
  out="$HARDENED/fuzz/$t"
  mkdir -p "$out/corpus"
  cmd=("$HARDENED/$t" "${budget[@]}" -max_len=4096 -timeout=10 -print_final_stats=1
       "-artifact_prefix=$out/" "$out/corpus" "$ROOT/tests/fuzz/corpus/$t")
  echo "==> $t (${budget[*]})"
  start=$(date +%s)
  if ! "${cmd[@]}" >"$out/log" 2>&1; then
    echo "==> $t が失敗しました: ${cmd[*]}" >&2
    grep -vE '^#[0-9]+' "$out/log" | tail -60 >&2
    exit 1
  fi
  seconds=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/log")
  cov=$(grep -E '^#[0-9]+' "$out/log" | tail -1 | sed -nE 's/.*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/cov \1, ft \2, corpus \3/p')
  summary+=("$t: $execs runs, $rate/s, ${seconds}s, $cov")
done
echo "==> ファジング結果"
printf '  %s\n' "${summary[@]}"
