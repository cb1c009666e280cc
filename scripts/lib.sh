# Shared by the scripts in this folder: install what is missing and build.
# Everything here is idempotent and quick when nothing has changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"

DEB_PACKAGES=(
  cmake ninja-build g++ pkg-config
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev nlohmann-json3-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql-15 postgresql-contrib
  libsodium-dev libssl-dev libqrencode-dev libicu-dev libspdlog-dev libcli11-dev libxlsxwriter-dev libgtest-dev libmimalloc-dev
  chromium fonts-noto-cjk nginx-light wrk curl
)

# A TCP port nothing uses now (for a throwaway server), below Linux's
# ephemeral range (32768–60999): a port in that range may be taken at any
# moment by an outgoing connection's local end, and the server's bind then
# fails (seen once as a browser-test server that never came up).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 12000))
    ss -Htan "sport = :$p" | grep -q . || { echo "$p"; return; }
  done
}

# The median of numbers given as arguments (the benchmarks' repeated
# measurements): the middle one, or the mean of the two middle ones.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# Waits until `url` answers 2xx, for up to `tenths` tenths of a second
# (default 300: a large benchmark database takes a while to open).
wait_http() {  # url [tenths]
  for _ in $(seq 1 "${2:-300}"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "起動しませんでした: $1" >&2
  return 1
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
  local missing=()
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> Debian パッケージを入れます: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# npm ci only when package-lock.json changed since the last install.
npm_install() {
  local dir="$1"
  [ -f "$dir/package-lock.json" ] || return 0
  local stamp="$dir/node_modules/.tsunagu-lock-hash"
  local hash; hash="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
    echo "==> npm ci ($dir)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$hash" > "$stamp"
  fi
}

# Warnings are errors (CMake option TSUNAGU_WERROR): the build is clean on
# Debian 12's GCC 12, and a new warning must fail CI. TSUNAGU_WERROR=OFF
# ./scripts/start.sh builds anyway; scripts/test.sh always sets ON. The
# build directory is configured again whenever its setting differs, so an
# existing one follows too.
build_server() {
  local werror="${TSUNAGU_WERROR:-ON}" cached=""
  [ -f "$BUILD/CMakeCache.txt" ] && cached="$(sed -n 's/^TSUNAGU_WERROR:BOOL=//p' "$BUILD/CMakeCache.txt")"
  if [ ! -f "$BUILD/build.ninja" ] || [ "$cached" != "$werror" ]; then
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTSUNAGU_WERROR="$werror" >/dev/null
  fi
  echo "==> サーバーをビルドします"
  # Ninja's progress lines are dropped; warnings and errors are shown, and a
  # failed build stops here (never an old binary tested in its place).
  if ! cmake --build "$BUILD" -- -j"$(nproc)" | { grep -vE '^\[[0-9]+/[0-9]+\]' || true; }; then
    echo "==> ビルドに失敗しました" >&2
    return 1
  fi
  test -x "$BUILD/tsunagu"
}

build_web() {
  npm_install "$ROOT/web"
  # Rebuild only when a web source is newer than the last build.
  if [ ! -f "$ROOT/web/dist/index.html" ] || \
     [ -n "$(find "$ROOT/web/src" "$ROOT/web/index.html" "$ROOT/web/package.json" -newer "$ROOT/web/dist/index.html" -print -quit 2>/dev/null)" ]; then
    echo "==> 画面をビルドします"
    (cd "$ROOT/web" && npm run build --silent)
  fi
}

# The hardening build (scripts/test-hardening.sh, tests/fuzz/run.sh): clang
# with AddressSanitizer (LeakSanitizer included), UndefinedBehaviorSanitizer
# and libFuzzer, in a directory of its own. -O1 and line tables only, as
# OSS-Fuzz builds: about half the compile time of -O2 -g, and a report
# still names file and line. Debian's clang needs the compiler-rt package
# (sanitizer and libFuzzer runtimes) named: it is only recommended.
HARDENED="$ROOT/build-asan"
HARDENING_PACKAGES=(clang libclang-rt-14-dev llvm-14)
build_hardened() {
  DEB_PACKAGES+=("${HARDENING_PACKAGES[@]}")
  install_packages
  if [ ! -f "$HARDENED/build.ninja" ]; then
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S "$ROOT" -B "$HARDENED" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
      "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only" -DTSUNAGU_SANITIZE=ON -DTSUNAGU_FUZZ=ON \
      "${launcher[@]}" >/dev/null
  fi
  echo "==> サニタイザー付きでビルドします ($HARDENED)"
  if ! cmake --build "$HARDENED" -- -j"$(nproc)" | { grep -vE '^\[[0-9]+/[0-9]+\]' || true; }; then
    echo "==> ビルドに失敗しました" >&2
    return 1
  fi
}

setup_all() {
  install_packages
  build_server
  build_web
}
