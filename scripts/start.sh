#!/usr/bin/env bash
# Installs what is missing, builds, loads the fictional demo data into
# var/tsunagu.sqlite and starts the server. Ctrl+C stops it.
source "$(dirname "$0")/lib.sh"
setup_all
PORT="${PORT:-8080}"
DB="sqlite:$ROOT/var/tsunagu.sqlite"
mkdir -p "$ROOT/var"
"$BUILD/tsunagu" demo --db "$DB"
echo
echo "ブラウザで http://localhost:$PORT/ を開いてください（上のデモ用ログインで入れます）。"
# Plain HTTP on localhost on purpose: without --insecure-cookies the browser
# would be given Secure cookies that a plain-HTTP page cannot use.
exec "$BUILD/tsunagu" serve --db "$DB" --port "$PORT" --web-root "$ROOT/web/dist" --insecure-cookies
