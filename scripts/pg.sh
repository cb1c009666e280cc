# A throwaway PostgreSQL 15 cluster for the tests: `pg_start` sets
# TSUNAGU_PG_URL (a database to create test databases from) and `pg_stop`
# removes everything. initdb refuses to run as root, so as root the cluster
# belongs to the postgres user.
PG_BIN=/usr/lib/postgresql/15/bin

pg_start() {
  PG_DIR="$(mktemp -d /tmp/tsunagu-pg.XXXXXX)"
  PG_PORT="${PG_PORT:-$((20000 + RANDOM % 20000))}"
  local run=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; run=(runuser -u postgres --); fi
  "${run[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses='' -c fsync=off -c max_connections=300" start >/dev/null
  export TSUNAGU_PG_HOST="$PG_DIR" TSUNAGU_PG_PORT="$PG_PORT"
  export TSUNAGU_PG_URL="postgresql:///postgres?host=$PG_DIR&port=$PG_PORT&user=postgres"
  echo "==> PostgreSQL を一時的に起動しました (port $PG_PORT)"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  local run=()
  if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); fi
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}
