#!/usr/bin/env bash
# Mutation check of the domain and report rules (issue 22 point 5): applies
# each small fault of faults.tsv to the source, one at a time, rebuilds
# incrementally, runs the tests that guard that rule, and says whether they
# caught it. The source is always restored — after each fault, on an error,
# on Ctrl-C — and rebuilt at the end, so the build matches the tree again.
#
#   tests/mutation/run.sh [ID-PATTERN]      (e.g. run.sh 'referral|small')
#
# Not part of .ci/run or scripts/test.sh: it rebuilds once per fault and
# takes tens of minutes on the 2-core machine. Run it by hand after changing
# a rule, and keep bench/results/*-mutation.md up to date with its output.
# API tests run on SQLite only (MUTATION_PG=1 keeps TSUNAGU_PG_HOST for
# PostgreSQL too). Exit status 0 only when every fault was caught.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${BUILD:-$ROOT/build}"
FAULTS="$ROOT/tests/mutation/faults.tsv"
PATTERN="${1:-}"
export TSUNAGU_BIN="$BUILD/tsunagu" TSUNAGU_WEB_ROOT="${TSUNAGU_WEB_ROOT:-$ROOT/web/dist}"
[ "${MUTATION_PG:-0}" = 1 ] || unset TSUNAGU_PG_HOST
WORK="$(mktemp -d /tmp/tsunagu-mutation.XXXXXX)"
CURRENT=""   # the file now carrying a fault

restore() {
  if [ -n "$CURRENT" ]; then
    cp -p "$WORK/original" "$ROOT/$CURRENT"
    touch "$ROOT/$CURRENT"   # newer than the mutant's object: rebuilt next time
    CURRENT=""
  fi
}
on_exit() { restore; rm -rf "$WORK"; }
trap on_exit EXIT
trap 'echo; echo "中断しました（ソースは元に戻しました）"; exit 130' INT TERM

build() {  # target
  cmake --build "$BUILD" --target "$1" -- -j2 >"$WORK/build.log" 2>&1
}

# Replaces the one occurrence of FROM in FILE by TO (literal text, not a
# pattern); fails when FROM does not occur exactly once, so that a fault
# whose code has moved is reported instead of silently "surviving".
apply_fault() {  # file from to
  FROM="$2" TO="$3" perl -0pi -e '
    BEGIN { $f = $ENV{FROM}; $t = $ENV{TO} }
    my $n = () = /\Q$f\E/g;
    die "found $n times\n" unless $n == 1;
    s/\Q$f\E/$t/;' "$ROOT/$1"
}

caught=(); survived=(); broken=()
total=0
while IFS=$'\t' read -r id file from to unit api; do
  [ -z "$id" ] || [ "${id:0:1}" = "#" ] && continue
  if [ -n "$PATTERN" ] && ! [[ "$id" =~ $PATTERN ]]; then continue; fi
  total=$((total + 1))
  printf '%-36s ' "$id"
  cp -p "$ROOT/$file" "$WORK/original"
  CURRENT="$file"
  if ! apply_fault "$file" "$from" "$to" 2>"$WORK/apply.log"; then
    echo "適用できません: $(cat "$WORK/apply.log")"; broken+=("$id"); restore; continue
  fi
  verdict="survived"
  # Unit tests first (seconds); the API tests only when they let it through.
  if [ "$unit" != "-" ]; then
    if ! build unit_tests; then
      echo "ビルドできません (faults.tsv を直してください)"; tail -5 "$WORK/build.log"; broken+=("$id"); restore; continue
    fi
    if ! "$BUILD/unit_tests" --gtest_filter="$unit" >"$WORK/unit.log" 2>&1; then verdict="unit"; fi
  fi
  if [ "$verdict" = survived ] && [ "$api" != "-" ]; then
    if ! build tsunagu; then
      echo "ビルドできません (faults.tsv を直してください)"; tail -5 "$WORK/build.log"; broken+=("$id"); restore; continue
    fi
    # shellcheck disable=SC2086
    if ! (cd "$ROOT/tests" && node --test --test-concurrency=1 $api >"$WORK/api.log" 2>&1); then verdict="api"; fi
  fi
  restore
  case "$verdict" in
    unit) echo "caught (unit: $unit)"; caught+=("$id") ;;
    api) echo "caught (api: $api)"; caught+=("$id") ;;
    *) echo "SURVIVED"; survived+=("$id") ;;
  esac
done <"$FAULTS"

echo "==> 元のソースでビルドし直します"
build unit_tests && build tsunagu || { echo "元のソースのビルドに失敗しました" >&2; exit 2; }
echo
echo "faults: $total, caught: ${#caught[@]}, survived: ${#survived[@]}, not applied: ${#broken[@]}"
for id in "${survived[@]}"; do echo "  survived: $id"; done
for id in "${broken[@]}"; do echo "  not applied: $id"; done
[ "${#survived[@]}" -eq 0 ] && [ "${#broken[@]}" -eq 0 ]
