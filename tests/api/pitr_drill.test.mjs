// The point-in-time recovery drill of docs/operations/prefecture-deployment.md
// (scripts/pitr_drill.sh), run on every test run where PostgreSQL 15 is
// installed: base backup + WAL archive restored to a chosen moment; the
// writes before it there, those after it not; the audit chains verify; the
// live server's anchor detects the older database and the acknowledged
// procedure (old anchor set aside, a new one begun) starts the server. The
// script starts its own clusters and cleans up after itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BIN } from '../support/server.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const PG_BIN = '/usr/lib/postgresql/15/bin';

test('PITR restore drill (scripts/pitr_drill.sh)', {
  skip: !existsSync(join(PG_BIN, 'pg_basebackup')) && `no PostgreSQL 15 at ${PG_BIN}`,
  timeout: 180_000,
}, (t) => {
  const started = Date.now();
  const r = spawnSync(join(root, 'scripts', 'pitr_drill.sh'), [], {
    env: { ...process.env, TSUNAGU_BIN: BIN }, encoding: 'utf8', timeout: 170_000,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  t.diagnostic(`drill took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.equal(r.status, 0, out);
  for (const line of [
    /^OK: 復元: recovery stopping before commit/m,
    /^OK: 目標時刻より前の書き込みはあり、後の書き込みはない$/m,
    /^OK: tsunagu audit verify: 監査ログの鎖 \(書き込みと閲覧\) は正常$/m,
    /^OK: audit verify --anchor は古いデータベースを検出: .*古いバックアップに戻された/m,
    /^OK: サーバーは起動を拒みます: .*アンカー/m,
    /^OK: 復元したデータベースで API が動きます/m,
    /^OK: 新しいアンカーファイルで audit verify は正常$/m,
    /^OK: 脇に置いたアンカーは復元を報告し続けます/m,
  ]) assert.match(out, line);
});
