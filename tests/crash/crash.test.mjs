// kill -9 of the server under write load, on SQLite and on PostgreSQL
// (issue 21, point 6): after every restart each acknowledged write is
// there, and at the end the database's own integrity check and
// `tsunagu audit verify` pass. PostgreSQL itself crashing under load
// (pg_ctl -m immediate) is in tests/api/postgres_recovery.test.mjs.
//
// TSUNAGU_CRASH_KILLS rounds per database (default 10: 20 in CI);
// bench/crash.sh runs 200 and records the figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASES } from '../support/server.mjs';
import { crashRounds } from './harness.mjs';

const KILLS = Number(process.env.TSUNAGU_CRASH_KILLS ?? 10);

for (const kind of DATABASES) {
  test(`kill -9 under write load on ${kind}, ${KILLS} times: nothing acknowledged lost, integrity and audit chain intact`, { timeout: KILLS * 30_000 }, async () => {
    const f = await crashRounds({ kind, kills: KILLS });
    assert.equal(f.kills, KILLS);
    assert.equal(f.lost, 0);
    assert.ok(f.acknowledged_contacts > KILLS, `the load wrote (${f.acknowledged_contacts} contacts acknowledged)`);
    // Both chains and the anchor file, as `tsunagu audit verify` says them.
    assert.equal(f.audit_verify.match(/は正常です/g)?.length, 2, f.audit_verify);
  });
}
