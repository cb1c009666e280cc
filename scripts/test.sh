#!/usr/bin/env bash
# The whole test suite: unit tests, API tests against the real server on
# SQLite and on a throwaway PostgreSQL, and browser tests in Chromium.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pg.sh"
setup_all
npm_install "$ROOT/tests"

echo "==> 単体テスト"
(cd "$BUILD" && ctest --output-on-failure -j"$(nproc)")

pg_start
trap pg_stop EXIT
export TSUNAGU_BIN="$BUILD/tsunagu" TSUNAGU_WEB_ROOT="$ROOT/web/dist"
mkdir -p "$ROOT/tests/artifacts"

echo "==> API テスト (SQLite と PostgreSQL)"
(cd "$ROOT/tests" && node --test --test-concurrency=2 api/)

echo "==> ブラウザテスト (Chromium)"
(cd "$ROOT/tests" && node --test --test-concurrency=1 e2e/)
echo "==> すべてのテストが通りました"
