#!/usr/bin/env bash
# Restore drill for PostgreSQL point-in-time recovery (PITR), on a throwaway
# cluster: docs/operations/prefecture-deployment.md, "Backups and PITR".
#
#  1. a cluster with WAL archiving (archive_mode=on, archive_command copying
#     to an archive folder), tsunagu's demo data and a real server;
#  2. a base backup (pg_basebackup);
#  3. writes through the API; the target time noted; more writes after it;
#  4. the base backup restored into a new data folder with restore_command,
#     recovery_target_time and recovery.signal, started on another port;
#  5. checks: the writes before the target are there, the ones after are not,
#     the contact details open with the same key file, `tsunagu audit verify`
#     passes for both chains;
#  6. the live server's anchor file (a copy, as it would lie on the server
#     that gets the restored database) is ahead of the restored log: the
#     server refuses to start and `audit verify --anchor` reports it — the
#     detection working. Then the acknowledged procedure of
#     docs/operations/backup.md: the old anchor set aside, a new one begun,
#     the server started on the restored database.
#
# Nothing outside one temporary folder is touched; every process it starts
# is stopped and the folder removed, also on failure or Ctrl+C.
# Usage: scripts/pitr_drill.sh   (TSUNAGU_BIN=… to use another binary)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${TSUNAGU_BIN:-$ROOT/build/tsunagu}"
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
START=$SECONDS

step() { printf '==> [%2ds] %s\n' $((SECONDS - START)) "$*"; }
ok() { printf 'OK: %s\n' "$*"; }
fail() { printf 'NG: %s\n' "$*" >&2; exit 1; }

WORK="$(mktemp -d /tmp/tsunagu-pitr.XXXXXX)"
AS_PG=()
if [ "$(id -u)" = 0 ]; then chown postgres "$WORK"; AS_PG=(runuser -u postgres --); fi
# The server runs as this user; PostgreSQL's files belong to postgres.
mkdir -p "$WORK/tsunagu/keys" "$WORK/tsunagu/live" "$WORK/tsunagu/restored"
chmod 700 "$WORK/tsunagu"
"${AS_PG[@]}" mkdir -m 700 "$WORK/archive" "$WORK/base"

SERVER_PID=""
LIVE_PORT=$((20000 + RANDOM % 20000))
RESTORED_PORT=$((LIVE_PORT + 1))
cleanup() {
  local rc=$?
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  for d in live restored; do
    [ -f "$WORK/$d/postmaster.pid" ] && "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$WORK/$d" -m immediate stop >/dev/null 2>&1 || true
  done
  if [ $rc -ne 0 ]; then
    echo "--- 最後のログ (tsunagu, PostgreSQL) ---" >&2
    tail -n 20 "$WORK"/tsunagu/*.log "$WORK"/*.pglog 2>/dev/null >&2 || true
  fi
  rm -rf "$WORK"
  [ $rc -ne 0 ] || echo "(後片付け: $((SECONDS - START)) 秒で終了)"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_at() {  # psql_at PORT SQL: one value, unaligned
  "$PG_BIN/psql" -h "$WORK" -p "$1" -U postgres -d tsunagu -qAtX -v ON_ERROR_STOP=1 -c "$2"
}
db_url() { echo "postgresql:///tsunagu?host=$WORK&port=$1&user=postgres"; }
KEYS=(--key-file "$WORK/tsunagu/keys/contact.key" --audit-key-file "$WORK/tsunagu/keys/audit.key")

free_tcp_port() {
  local p
  for _ in $(seq 50); do
    # Below the ephemeral range (see free_port in scripts/lib.sh).
    p=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  fail "空いているポートが見つかりません"
}

# start_server DB_PORT ANCHOR LOG: tsunagu serve in the background; sets
# SERVER_PID and API. Returns 1 when the server exits instead of serving.
start_server() {
  local port; port="$(free_tcp_port)"
  (cd "$WORK/tsunagu" && exec "$BIN" serve --db "$(db_url "$1")" --listen 127.0.0.1 --port "$port" \
    "${KEYS[@]}" --audit-anchor-file "$2" >"$3" 2>&1) &
  SERVER_PID=$!
  API="http://127.0.0.1:$port"
  for _ in $(seq 200); do
    curl -fs "$API/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { wait "$SERVER_PID" || true; SERVER_PID=""; return 1; }
    sleep 0.05
  done
  fail "tsunagu が起動しません: $(cat "$3")"
}
stop_server() {  # SIGTERM: the server writes its last checkpoint and exits
  kill "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=""
}

# sign_in LOGIN PASSWORD: sets COOKIE and CSRF for api().
sign_in() {
  local out; out="$(curl -fsS -D "$WORK/headers" -H 'content-type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"$2\"}" "$API/api/v1/session")"
  COOKIE="$(sed -n 's/^[Ss]et-[Cc]ookie: \(tsunagu_session=[^;]*\).*/\1/p' "$WORK/headers")"
  CSRF="$(printf '%s' "$out" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')"
  [ -n "$COOKIE" ] && [ -n "$CSRF" ] || fail "$1 でログインできません: $out"
}
api() {  # api METHOD PATH [JSON]
  curl -fsS -X "$1" -H "cookie: $COOKIE" -H "x-csrf-token: $CSRF" -H 'content-type: application/json' \
    ${3:+-d "$3"} "$API$2"
}
json_id() { sed -n 's/^{"id":"\([^"]*\)".*/\1/p; s/.*[{,]"id":"\([^"]*\)".*/\1/p' | head -n1; }

# --- 1. the live cluster, archiving its WAL -------------------------------
step "PostgreSQL を WAL アーカイブ付きで起動します (port $LIVE_PORT)"
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$WORK/live" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
"${AS_PG[@]}" tee -a "$WORK/live/postgresql.conf" >/dev/null <<EOF
# the settings of docs/operations/prefecture-deployment.md that PITR needs
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $WORK/archive/%f && cp %p $WORK/archive/%f'
synchronous_commit = on
listen_addresses = ''
unix_socket_directories = '$WORK'
# this throwaway cluster only, for speed: never in production (a crash would
# corrupt the cluster); nothing the drill checks depends on it
fsync = off
EOF
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$WORK/live" -l "$WORK/live.pglog" -o "-p $LIVE_PORT" -w start >/dev/null
"$PG_BIN/psql" -h "$WORK" -p "$LIVE_PORT" -U postgres -d postgres -qAtX -c 'CREATE DATABASE tsunagu'

step "デモデータと本番と同じ形のサーバー (鍵ファイル・アンカーファイルを明示)"
(cd "$WORK/tsunagu" && "$BIN" demo --db "$(db_url "$LIVE_PORT")" "${KEYS[@]}" \
  --audit-anchor-file "$WORK/tsunagu/live/audit-anchor" >/dev/null)
start_server "$LIVE_PORT" "$WORK/tsunagu/live/audit-anchor" "$WORK/tsunagu/live.log" || fail "サーバーが起動しません: $(cat "$WORK/tsunagu/live.log")"

# --- 2. the base backup -----------------------------------------------------
step "ベースバックアップ (pg_basebackup)"
"${AS_PG[@]}" "$PG_BIN/pg_basebackup" -h "$WORK" -p "$LIVE_PORT" -U postgres -D "$WORK/base" -Fp -X stream -c fast --no-sync

# --- 3. writes, the target time, more writes --------------------------------
step "API で書き込みます (目標時刻の前)"
# Two organisations' staff write (not the administrator: that account signs
# in with a second factor, which a shell script has no phone for).
sign_in takahashi demo-takahashi-pass
OTHER_BEFORE="$(api POST /api/v1/persons '{"naming":"named","name":"復元 前男"}' | json_id)"
sign_in suzuki demo-suzuki-pass
PERSON_BEFORE="$(api POST /api/v1/persons '{"naming":"named","name":"復元 前子","contact":{"phone":"090-1111-2222"}}' | json_id)"
[ -n "$OTHER_BEFORE" ] && [ -n "$PERSON_BEFORE" ] || fail "書き込みができません"

# The database's own clock: commit times in the WAL are the server's.
TARGET="$(psql_at "$LIVE_PORT" "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")"
step "目標時刻 (recovery_target_time) = $TARGET"
sleep 1

step "API で書き込みます (目標時刻の後: 復元されてはいけない)"
sign_in takahashi demo-takahashi-pass
OTHER_AFTER="$(api POST /api/v1/persons '{"naming":"named","name":"復元 後男"}' | json_id)"
sign_in suzuki demo-suzuki-pass
PERSON_AFTER="$(api POST /api/v1/persons '{"naming":"named","name":"復元 後子","contact":{"phone":"090-3333-4444"}}' | json_id)"
[ -n "$OTHER_AFTER" ] && [ -n "$PERSON_AFTER" ] || fail "書き込みができません"
# Its anchor file now holds checkpoints past the target (one is written at stop).
stop_server

# The segment holding the last writes goes to the archive now, not when it fills.
SEGMENT="$(psql_at "$LIVE_PORT" "SELECT pg_walfile_name(pg_switch_wal())")"
for _ in $(seq 200); do
  [ -f "$WORK/archive/$SEGMENT" ] && break
  sleep 0.05
done
[ -f "$WORK/archive/$SEGMENT" ] || fail "WAL $SEGMENT がアーカイブされません"
ok "WAL はアーカイブ済み ($(ls "$WORK/archive" | grep -c '^[0-9A-F]\{24\}$') 個, 最後 $SEGMENT)"

# --- 4. restore to the target time ------------------------------------------
step "ベースバックアップを新しいデータディレクトリに戻し、目標時刻まで WAL を適用します (port $RESTORED_PORT)"
"${AS_PG[@]}" cp -a "$WORK/base" "$WORK/restored"
"${AS_PG[@]}" tee -a "$WORK/restored/postgresql.conf" >/dev/null <<EOF
# restore drill: replay the archive up to the target, then open for writes
restore_command = 'cp $WORK/archive/%f %p'
recovery_target_time = '$TARGET'
recovery_target_action = 'promote'
# a restored copy must not write into the live cluster's archive
archive_mode = off
EOF
"${AS_PG[@]}" touch "$WORK/restored/recovery.signal"
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$WORK/restored" -l "$WORK/restored.pglog" -o "-p $RESTORED_PORT" -w start >/dev/null
for _ in $(seq 200); do
  [ "$(psql_at "$RESTORED_PORT" 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] && break
  sleep 0.05
done
[ "$(psql_at "$RESTORED_PORT" 'SELECT pg_is_in_recovery()')" = f ] || fail "復元が終わりません"
grep -q 'recovery stopping before commit' "$WORK/restored.pglog" || fail "目標時刻で止まっていません: $(grep -i recovery "$WORK/restored.pglog")"
ok "復元: $(grep -o 'recovery stopping before commit of transaction [0-9]*, time .*' "$WORK/restored.pglog" | head -n1)"

# --- 5. what the restored database holds ----------------------------------
step "復元したデータベースを確かめます"
count() { psql_at "$RESTORED_PORT" "$1"; }
[ "$(count "SELECT count(*) FROM persons WHERE id = '$OTHER_BEFORE'")" = 1 ] || fail "目標時刻より前の書き込み (別の組織の本人) がありません"
[ "$(count "SELECT count(*) FROM persons WHERE id = '$PERSON_BEFORE'")" = 1 ] || fail "目標時刻より前の書き込み (本人) がありません"
[ "$(count "SELECT count(*) FROM persons WHERE id = '$OTHER_AFTER'")" = 0 ] || fail "目標時刻より後の書き込み (別の組織の本人) が残っています"
[ "$(count "SELECT count(*) FROM persons WHERE id = '$PERSON_AFTER'")" = 0 ] || fail "目標時刻より後の書き込み (本人) が残っています"
ok "目標時刻より前の書き込みはあり、後の書き込みはない"

VERIFY=("$BIN" audit verify --db "$(db_url "$RESTORED_PORT")" --audit-key-file "$WORK/tsunagu/keys/audit.key")
OUT="$(cd "$WORK/tsunagu" && "${VERIFY[@]}" 2>&1)" || fail "audit verify (アンカーなし) が通りません: $OUT"
ok "tsunagu audit verify: 監査ログの鎖 (書き込みと閲覧) は正常"

# --- 6. the anchors detect the older database --------------------------------
step "本番サーバーのアンカーファイルは復元したログより先を指しています: 検出されるはず"
# As it would lie on the server that now gets the restored database.
cp "$WORK/tsunagu/live/audit-anchor" "$WORK/tsunagu/restored/audit-anchor"
if OUT="$(cd "$WORK/tsunagu" && "${VERIFY[@]}" --anchor "$WORK/tsunagu/restored/audit-anchor" 2>&1)"; then
  fail "古いデータベースがアンカーで検出されません: $OUT"
fi
ok "audit verify --anchor は古いデータベースを検出: $(printf '%s' "$OUT" | grep -v '正常' | head -n1)"
if start_server "$RESTORED_PORT" "$WORK/tsunagu/restored/audit-anchor" "$WORK/tsunagu/refused.log"; then
  fail "古いデータベースでサーバーが起動してしまいました"
fi
grep -q "restored/audit-anchor" "$WORK/tsunagu/refused.log" || fail "起動を拒む理由にアンカーファイルの名がありません: $(cat "$WORK/tsunagu/refused.log")"
ok "サーバーは起動を拒みます: $(grep -v '^{' "$WORK/tsunagu/refused.log" | head -n1)"

step "承知の上の復元: 古いアンカーファイルを脇に置いて (消さない)、新しいアンカーで起動します"
SET_ASIDE="$WORK/tsunagu/restored/audit-anchor.before-restore-$(date +%F)"
mv "$WORK/tsunagu/restored/audit-anchor" "$SET_ASIDE"
start_server "$RESTORED_PORT" "$WORK/tsunagu/restored/audit-anchor" "$WORK/tsunagu/restored.log" \
  || fail "新しいアンカーで起動しません: $(cat "$WORK/tsunagu/restored.log")"
sign_in takahashi demo-takahashi-pass
api GET "/api/v1/persons/$OTHER_BEFORE" >/dev/null || fail "API: 目標時刻より前の本人 (別の組織) が見えません"
curl -s -o /dev/null -w '%{http_code}' -H "cookie: $COOKIE" "$API/api/v1/persons/$OTHER_AFTER" | grep -q 404 \
  || fail "API: 目標時刻より後の本人 (別の組織) が見えます"
sign_in suzuki demo-suzuki-pass
PERSON="$(api GET "/api/v1/persons/$PERSON_BEFORE")"
case "$PERSON" in *'"phone":"090-1111-2222"'*) ;; *) fail "連絡先が読めません (鍵ファイル): $PERSON" ;; esac
curl -s -o /dev/null -w '%{http_code}' -H "cookie: $COOKIE" "$API/api/v1/persons/$PERSON_AFTER" | grep -q 404 \
  || fail "API: 目標時刻より後の本人が見えます"
ok "復元したデータベースで API が動きます (前の書き込みあり、後の書き込みなし、連絡先は同じ鍵で読める)"
stop_server

OUT="$(cd "$WORK/tsunagu" && "${VERIFY[@]}" --anchor "$WORK/tsunagu/restored/audit-anchor" 2>&1)" \
  || fail "新しいアンカーで audit verify が通りません: $OUT"
ok "新しいアンカーファイルで audit verify は正常"
if (cd "$WORK/tsunagu" && "${VERIFY[@]}" --anchor "$SET_ASIDE" >/dev/null 2>&1); then
  fail "脇に置いたアンカーが復元を報告しません"
fi
ok "脇に置いたアンカーは復元を報告し続けます (失われた範囲の記録として保管)"

step "訓練は成功しました ($((SECONDS - START)) 秒)"
