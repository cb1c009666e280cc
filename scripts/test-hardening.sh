#!/usr/bin/env bash
# The hardening checks, run by CI after scripts/test.sh (issue 21):
#  1. a clang build with AddressSanitizer (LeakSanitizer included) and
#     UndefinedBehaviorSanitizer (build-asan/) runs the unit tests and the
#     API tests on SQLite; the first finding stops the program, and any
#     report written anywhere (a server, a CLI call, a unit test) fails
#     the run and is printed;
#  2. every libFuzzer target of tests/fuzz/ runs for FUZZ_SECONDS (default
#     20) from its committed corpus, on the same build.
# Installs clang and what else is missing, like scripts/test.sh.
source "$(dirname "$0")/lib.sh"
install_packages
build_web
npm_install "$ROOT/tests"
build_hardened
# SQLite only: the tests that need the PostgreSQL cluster skip without it.
unset TSUNAGU_PG_HOST TSUNAGU_PG_PORT TSUNAGU_PG_URL

SAN_LOG="$(mktemp -d /tmp/tsunagu-sanitizers.XXXXXX)"
trap 'rm -rf "$SAN_LOG"' EXIT
# Reports go to files (log_path), so that one from a server the API tests
# stopped, or from a leak found at exit, is not lost in a test's output.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:check_initialization_order=1:strict_init_order=1:log_path=$SAN_LOG/asan"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$SAN_LOG/ubsan"
export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer

reports() {
  if compgen -G "$SAN_LOG/*" >/dev/null; then
    echo "==> サニタイザーが問題を報告しました ($1):" >&2
    for f in "$SAN_LOG"/*; do echo "--- $f" >&2; cat "$f" >&2; done
    exit 1
  fi
}

echo "==> 単体テスト (ASan + UBSan)"
(cd "$HARDENED" && ctest --output-on-failure -j"$(nproc)") || { reports "単体テスト"; exit 1; }
reports "単体テスト"

echo "==> API テスト (ASan + UBSan, SQLite)"
(cd "$ROOT/tests" && TSUNAGU_BIN="$HARDENED/tsunagu" TSUNAGU_WEB_ROOT="$ROOT/web/dist" TSUNAGU_TEST_DATABASES=sqlite \
   node --test --test-concurrency=2 api/) || { reports "API テスト"; exit 1; }
reports "API テスト"

unset ASAN_OPTIONS UBSAN_OPTIONS
echo "==> ファジング (各 ${FUZZ_SECONDS:-20} 秒)"
"$ROOT/tests/fuzz/run.sh" "${FUZZ_SECONDS:-20}"
echo "==> サニタイザーとファジングの検査が通りました"
