// Crash rounds (issue 21, point 6): the real server under a write load of
// several concurrent writers, killed with SIGKILL at a random moment, then
// started again on the same database. After each restart every write the
// server had acknowledged (201) must be there; at the end the database
// passes its own integrity check and `tsunagu audit verify`.
//
// Used by tests/crash/crash.test.mjs (a few rounds in CI) and by
// bench/crash.sh (200 rounds, figures in bench/results/).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, freshDatabase, runCli, Client, DEMO } from '../support/server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A write mix close to a day of case work: mostly contacts on existing
// cases, now and then a new case with its caller. Each writer runs until
// the server stops answering.
function writers(client, caseIds, round, count) {
  const acknowledged = { contacts: [], cases: [] };
  let refused = 0, stopped = false;
  const loops = Array.from({ length: count }, (_, w) => (async () => {
    for (let i = 0; !stopped; i++) {
      const tag = `r${round}w${w}n${i}`;
      try {
        if (i % 10 === 9) {
          const r = await client.post('/api/v1/cases', {
            title: `中断試験 ${tag}`, intake_route: '家族', subject_awareness: '知らない',
            caller: { naming: 'named', name: `試験 ${tag}`, relation: '母' },
          });
          if (r.status === 201) { acknowledged.cases.push(r.json.id); caseIds.push(r.json.id); } else refused++;
        } else {
          const caseId = caseIds[(w * 7 + i) % caseIds.length];
          const r = await client.post(`/api/v1/cases/${caseId}/contacts`, {
            occurred_at: new Date(Date.now() - 60_000).toISOString(), channel: '電話', counterpart: '母',
            subject_met: false, note: `中断試験の記録 ${tag}`,
          });
          if (r.status === 201) acknowledged.contacts.push(r.json.id); else refused++;
        }
      } catch {
        return;  // the server is gone
      }
    }
  })());
  return { acknowledged, refused: () => refused, stop: async () => { stopped = true; await Promise.all(loops); } };
}

// Integrity of the database file or cluster, by the database's own checks.
function integrity(database) {
  if (database.file) {
    const ok = execFileSync('sqlite3', [database.file, 'PRAGMA integrity_check;'], { encoding: 'utf8' }).trim();
    const fk = execFileSync('sqlite3', [database.file, 'PRAGMA foreign_key_check;'], { encoding: 'utf8' }).trim();
    return { integrity: ok, foreign_keys: fk === '' ? 'ok' : fk };
  }
  // amcheck: every B-tree index of the database checked against its table
  // (heapallindexed); it raises an error, and psql fails, on any fault.
  database.psql('CREATE EXTENSION IF NOT EXISTS amcheck');
  const checked = database.psql(
    "SELECT count(bt_index_parent_check(c.oid, true)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid " +
    "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace " +
    "WHERE a.amname = 'btree' AND n.nspname NOT IN ('pg_catalog', 'pg_toast', 'information_schema')").trim();
  return { integrity: 'ok', foreign_keys: 'ok', indexes_checked: Number(checked) };
}

// Runs `kills` rounds on a fresh database of `kind`. Returns the figures;
// throws (assert) on the first acknowledged write that is missing.
export async function crashRounds({ kind, kills, writerCount = 4, minMs = 100, maxMs = 700, log = () => {} }) {
  const database = freshDatabase(kind);
  runCli(['demo', '--db', database.url]);
  const figures = { kind, kills: 0, acknowledged_contacts: 0, acknowledged_cases: 0, lost: 0, refused: 0,
    restart_ms: [] };
  const client = new Client('');
  const caseIds = [];
  let server;
  try {
    for (let round = 0; round < kills; round++) {
      const t0 = Date.now();
      server = await startServer({ db: kind, database });
      figures.restart_ms.push(Date.now() - t0);
      client.base = server.url;
      if (round === 0) {
        // One sign-in for the whole run: the session lives in the database
        // and must survive every kill.
        const r = await client.login(...DEMO.coordinator);
        assert.equal(r.status, 201, r.text);
        caseIds.push(...(await client.get('/api/v1/cases?limit=20')).json.items.map((c) => c.id));
      } else {
        assert.equal((await client.get('/api/v1/cases?limit=1')).status, 200, 'the session survived the kill');
      }
      const w = writers(client, caseIds, round, writerCount);
      await sleep(minMs + Math.random() * (maxMs - minMs));
      process.kill(server.pid, 'SIGKILL');
      await w.stop();
      await server.stop();  // waits for the exit (the SIGTERM finds it gone)
      server = null;
      figures.kills++;

      server = await startServer({ db: kind, database });
      client.base = server.url;
      const missing = [];
      for (const id of w.acknowledged.contacts)
        if ((await client.get(`/api/v1/contacts/${id}`)).status !== 200) missing.push(`contact ${id}`);
      for (const id of w.acknowledged.cases)
        if ((await client.get(`/api/v1/cases/${id}`)).status !== 200) missing.push(`case ${id}`);
      figures.lost += missing.length;
      assert.deepEqual(missing, [], `round ${round}: every acknowledged write is there after kill -9`);
      figures.acknowledged_contacts += w.acknowledged.contacts.length;
      figures.acknowledged_cases += w.acknowledged.cases.length;
      figures.refused += w.refused();
      await server.stop();  // a given database stays in place
      server = null;
      log(`${kind} round ${round + 1}/${kills}: ${w.acknowledged.contacts.length} contacts, ${w.acknowledged.cases.length} cases acknowledged, all present`);
    }
    figures.checks = integrity(database);
    assert.equal(figures.checks.integrity, 'ok');
    assert.equal(figures.checks.foreign_keys, 'ok');
    figures.audit_verify = runCli(['audit', 'verify', '--db', database.url]).trim();
    return figures;
  } finally {
    if (server) await server.stop().catch(() => {});
    database.cleanup();
  }
}
