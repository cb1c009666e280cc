#!/usr/bin/env bash
# The whole test suite: unit tests, API tests against the real server on
# SQLite and on a throwaway PostgreSQL, and browser tests in Chromium.
source "$(dirname "$0")/lib.sh"
# A new compiler warning fails the suite (scripts/lib.sh, build_server).
export TSUNAGU_WERROR=ON
source "$(dirname "$0")/pg.sh"
setup_all
npm_install "$ROOT/tests"

echo "==> 単体テスト"
(cd "$BUILD" && ctest --output-on-failure -j"$(nproc)")

E2E_PID=""; E2E_DIR=""
cleanup() {
  pg_stop
  if [ -n "$E2E_PID" ]; then kill "$E2E_PID" 2>/dev/null || true; wait "$E2E_PID" 2>/dev/null || true; fi
  [ -n "$E2E_DIR" ] && rm -rf "$E2E_DIR"
}
trap cleanup EXIT
pg_start
echo "==> 単体テスト (PostgreSQL でしか通らない道)"
"$BUILD/unit_tests" --gtest_filter='*Postgres*' --gtest_brief=1
export TSUNAGU_BIN="$BUILD/tsunagu" TSUNAGU_WEB_ROOT="$ROOT/web/dist"
mkdir -p "$ROOT/tests/artifacts"

echo "==> API テスト (SQLite と PostgreSQL)"
(cd "$ROOT/tests" && node --test --test-concurrency=2 api/)

echo "==> 強制終了テスト (kill -9、SQLite と PostgreSQL で各 10 回)"
(cd "$ROOT/tests" && node --test --test-concurrency=2 crash/)

echo "==> ブラウザテスト (Chromium)"
# A real server on a fresh SQLite file with the demo data, serving web/dist.
E2E_DIR="$(mktemp -d /tmp/tsunagu-e2e.XXXXXX)"
E2E_PORT="$(free_port)"
"$BUILD/tsunagu" demo --db "sqlite:$E2E_DIR/db.sqlite" >/dev/null
# The browser tests sign the same demo people in again and again (suzuki
# more than 30 times in a quarter of an hour), all from 127.0.0.1 (more
# than the 120 sign-ins an address may make in a quarter of an hour once
# the suite passed 64 tests), so the per-person and per-address sign-in
# limits are raised for this server only; the limits themselves are tested
# by the API tests (sign_in_guard.test.mjs) at their defaults.
"$BUILD/tsunagu" serve --db "sqlite:$E2E_DIR/db.sqlite" --port "$E2E_PORT" --web-root "$ROOT/web/dist" --insecure-cookies \
  --user-sign-ins 300 --client-sign-ins 1000 \
  >"$E2E_DIR/server.log" 2>&1 &
E2E_PID=$!
if ! wait_http "http://127.0.0.1:$E2E_PORT/healthz" 300; then
  echo "ブラウザテスト用のサーバーが起動しませんでした:" >&2
  cat "$E2E_DIR/server.log" >&2
  exit 1
fi
(cd "$ROOT/tests" && TSUNAGU_URL="http://127.0.0.1:$E2E_PORT" node --test --test-concurrency=1 e2e/)
echo "==> すべてのテストが通りました"
