// A PostgreSQL restart is an event to survive, not a reason to restart
// tsunagu (issue 20, point 1): connections the database ended are dropped
// by the pool, new ones are opened as soon as it answers again, and no
// acknowledged write is lost. Runs only with the PostgreSQL of
// scripts/pg.sh (TSUNAGU_PG_HOST); the restart test starts a cluster of its
// own so that it does not pull the shared one from under other tests.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn } from '../support/server.mjs';
import { ownCluster } from '../support/pg_cluster.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// How long "served again" may take before it counts as never: only a real
// hang reaches it (how fast it recovers is bench/'s business, not a verdict).
const HANG = 60_000;
// Waits until the writer has had a few writes acknowledged (an event, not a time).
async function acknowledged(w, n = 3) {
  for (const start = Date.now(); w.acknowledged.length < n; await sleep(20))
    assert.ok(Date.now() - start < HANG, `no write acknowledged: ${w.refused.join(', ')}`);
}

// Writes areas one after another until stopped; returns the names the
// server acknowledged (201) and how the others were answered.
function writer(admin, prefix, parentId) {
  let stop = false;
  const acknowledged = [], refused = [];
  const done = (async () => {
    for (let i = 0; !stop; i++) {
      const name = `${prefix}${i}町`;
      try {
        const r = await admin.post('/api/v1/areas', { level: 'municipality', name, parent_id: parentId });
        if (r.status === 201) acknowledged.push(name);
        else refused.push(r.status);
      } catch { refused.push('network'); }
      await sleep(5);
    }
  })();
  return { acknowledged, refused, async stop() { stop = true; await done; } };
}

async function servesWithin(admin, ms) {
  const start = Date.now();
  while (Date.now() - start < ms) {
    const r = await admin.get('/api/v1/areas').catch(() => null);
    if (r?.status === 200) return Date.now() - start;
    await sleep(100);
  }
  return null;
}

async function checkNoAcknowledgedWriteLost(admin, w) {
  const names = new Set((await admin.get('/api/v1/areas')).json.items.map((a) => a.name));
  const lost = w.acknowledged.filter((n) => !names.has(n));
  assert.deepEqual(lost, [], 'every acknowledged write is there');
  assert.ok(w.acknowledged.length > 0);
}

describe('PostgreSQL goes away and comes back', { skip: !process.env.TSUNAGU_PG_HOST && 'no PostgreSQL (scripts/pg.sh)' }, () => {
  test('pg_terminate_backend of every connection: the next requests are served, nothing acknowledged is lost', async () => {
    const server = await startServer({ db: 'postgres' });
    try {
      const admin = await signedIn(server.url, 'admin');
      const pref = (await admin.get('/api/v1/areas')).json.items.find((a) => a.level === 'prefecture');
      const w = writer(admin, '切断', pref.id);
      await acknowledged(w);
      server.db.psql('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      await sleep(500);
      await w.stop();
      assert.notEqual(await servesWithin(admin, HANG), null, 'served again');
      for (const s of w.refused) assert.ok([503].includes(s), `a write during the cut answered ${s}, not 500`);
      await checkNoAcknowledgedWriteLost(admin, w);
      // The session (in the database) survived; writes go on.
      const after = await admin.post('/api/v1/areas', { level: 'municipality', name: '再接続後町', parent_id: pref.id });
      assert.equal(after.status, 201, after.text);
    } finally { await server.stop(); }
  });

  for (const mode of ['fast', 'immediate']) test(`pg_ctl restart -m ${mode} under write load: served again once the database returns`, async () => {
    // 'immediate' is PostgreSQL crashing: no checkpoint, recovery from WAL.
    const cluster = await ownCluster('pgrestart', 't_restart');
    let server;
    try {
      server = await startServer({ demo: false, database: cluster.database, args: cluster.serverArgs });
      const admin = await signedIn(server.url, 'admin');
      const pref = (await admin.get('/api/v1/areas')).json.items.find((a) => a.level === 'prefecture');
      const w = writer(admin, '再起動', pref.id);
      await acknowledged(w);
      cluster.restart(mode);
      const ms = await servesWithin(admin, HANG);
      await sleep(300);
      await w.stop();
      assert.notEqual(ms, null, 'served again after the restart');
      for (const s of w.refused) assert.equal(s, 503, 'a write during the restart is refused plainly');
      await checkNoAcknowledgedWriteLost(admin, w);
      assert.equal((await admin.post('/api/v1/areas', { level: 'municipality', name: '復旧後町', parent_id: pref.id })).status, 201);
    } finally {
      await server?.stop();
      cluster.stop();
    }
  });
});
