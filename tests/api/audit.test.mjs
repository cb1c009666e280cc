// The audit log (issue 2, point 8): writes, refusals and sign-ins are
// recorded with who / when / what / which record / from where; supervisors
// see their own organisation's entries only; the hash chain reveals a
// changed byte and a removed last entry (`tsunagu audit verify`).
// Reads are in a log of their own (reads.audit_log, migration 0016) with its
// own chain; the screen shows both logs merged in time order.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, freshDatabase, runCli, Client, DATABASES, BIN, signedIn } from '../support/server.mjs';
import { sql as sqlOn } from '../support/case_rows.mjs';

function verify(url) {
  const r = spawnSync(BIN, ['audit', 'verify', '--db', url], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

for (const kind of DATABASES) {
  describe(`audit log (${kind})`, () => {
    let server, admin, sato, suzuki, fx;
    // SQL against the server's database, outside the server (as an attacker
    // with file or database access would).
    const sql = (q) => sqlOn(server, q);
    const entries = async (query = 'limit=200') => (await admin.get(`/api/v1/audit?${query}`)).json.items;

    before(async () => {
      server = await startServer({ db: kind });
      admin = await signedIn(server.url, 'admin');
      sato = await signedIn(server.url, 'supervisor');
      suzuki = await signedIn(server.url, 'coordinator');
      fx = {
        users: (await admin.get('/api/v1/users')).json.items,
        organisations: (await admin.get('/api/v1/organisations')).json.items,
        areas: (await admin.get('/api/v1/areas')).json.items,
      };
    });
    after(async () => { await server?.stop(); });

    test('a fresh demo database verifies', () => {
      const db = freshDatabase(kind);
      try {
        runCli(['demo', '--db', db.url]);
        const v = verify(db.url);
        assert.equal(v.code, 0, v.out);
        assert.match(v.out, /正常/);
      } finally { db.cleanup(); }
    });

    test('a create and an update are recorded: who, when, what, which record, from where', async () => {
      const me = fx.users.find((u) => u.login === 'admin');
      const area = fx.areas.find((a) => a.level === 'municipality');
      // Both entries are stamped between these two readings of the clock
      // (to the millisecond the server writes).
      const sent = Math.floor(Date.now());
      const created = await admin.post('/api/v1/organisations', { name: '架空の家族会', kind: '家族会', area_id: area.id });
      assert.equal(created.status, 201);
      const updated = await admin.put(`/api/v1/organisations/${created.json.id}`,
        { name: '架空の家族会（改）', kind: '家族会', area_id: area.id }, { 'if-match': created.headers.get('etag') });
      assert.equal(updated.status, 200);
      const answered = Date.now();
      const items = await entries('limit=5');
      const [upd, cre] = [items.find((e) => e.action === 'update'), items.find((e) => e.action === 'create')];
      for (const [e, action] of [[cre, 'create'], [upd, 'update']]) {
        assert.ok(e, `${action} がありません`);
        assert.equal(e.entity, 'organisation');
        assert.equal(e.entity_id, created.json.id);
        assert.equal(e.user_id, me.id);
        assert.equal(e.user_login, 'admin');
        assert.equal(e.organisation_id, me.organisation_id);
        assert.equal(e.client, '127.0.0.1');
        assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        assert.ok(Date.parse(e.at) >= sent && Date.parse(e.at) <= answered, `at ${e.at} is the time of the request, in UTC`);
      }
      assert.ok(upd.seq > cre.seq);
      // writes stay in the main log, in the same transaction as the change
      assert.equal(cre.log, 'main');
      assert.equal(upd.log, 'main');
    });

    test('refused reads are recorded as denied: a route outside the role, a record of another organisation', async () => {
      const other = fx.users.find((u) => u.login === 'takahashi');
      const refusedRoute = await suzuki.get('/api/v1/audit');
      assert.equal(refusedRoute.status, 403);
      const refusedRecord = await sato.get(`/api/v1/users/${other.id}`);
      assert.equal(refusedRecord.status, 404);
      const items = await entries('limit=10');
      const route = items.find((e) => e.action === 'denied' && e.user_login === 'suzuki');
      assert.ok(route, 'the 403 is in the log');
      assert.equal(route.entity, 'route');
      assert.equal(route.entity_id, 'GET /api/v1/audit');
      assert.equal(route.client, '127.0.0.1');
      const record = items.find((e) => e.action === 'denied' && e.user_login === 'sato');
      assert.ok(record, 'the 404 on another organisation\'s record is in the log');
      assert.equal(record.entity, 'user');
      assert.equal(record.entity_id, other.id);
      assert.match(record.detail, /GET \/api\/v1\/users\/:id/);
      // a record that does not exist is not a denial
      const before = (await entries('limit=1'))[0].seq;
      assert.equal((await sato.get('/api/v1/users/no-such-user')).status, 404);
      assert.equal((await entries('limit=1'))[0].seq, before);
    });

    test('sign-in, failed sign-in and sign-out are recorded', async () => {
      const c = new Client(server.url);
      await c.login('nakamura', 'wrong-password');
      await c.login('nakamura', 'demo-nakamura-pass');
      await c.del('/api/v1/session');
      const items = (await entries('limit=5')).reverse();
      const surveyor = fx.users.find((u) => u.login === 'nakamura');
      const actions = items.filter((e) => e.entity_id === surveyor.id).map((e) => e.action);
      assert.deepEqual(actions.slice(-3), ['login_failed', 'login', 'logout']);
      const failed = items.find((e) => e.action === 'login_failed');
      assert.equal(failed.user_id, '', 'nobody was signed in');
      assert.equal(failed.client, '127.0.0.1');
    });

    test('a supervisor sees only entries of their own organisation', async () => {
      const me = fx.users.find((u) => u.login === 'sato');
      await signedIn(server.url, 'other_coordinator'); // takahashi, another organisation
      const mine = (await sato.get('/api/v1/audit?limit=200')).json.items;
      assert.ok(mine.length > 0);
      assert.ok(mine.every((e) => e.organisation_id === me.organisation_id));
      assert.ok(mine.some((e) => e.user_login === 'suzuki'), 'a colleague\'s entries are there');
      assert.ok(!mine.some((e) => ['admin', 'takahashi', 'ito'].includes(e.user_login)));
      const all = await entries();
      assert.ok(all.some((e) => e.user_login === 'takahashi'), 'the admin sees them');
    });

    test('pages follow next_cursor through both logs, newest first, to the oldest entry', async () => {
      const all = await entries();
      assert.ok(all.some((e) => e.log === 'reads') && all.some((e) => e.log === 'main'), 'both logs on one page');
      const key = (e) => `${e.log}-${e.seq}`;
      const seen = [];
      let cursor = '';
      for (let i = 0; i < 500; i++) {
        const page = (await admin.get(`/api/v1/audit?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json;
        seen.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      assert.equal(new Set(seen.map(key)).size, seen.length, 'no entry twice');
      // nothing skipped: every entry of each log, down to its first
      for (const log of ['main', 'reads']) {
        const seqs = seen.filter((e) => e.log === log).map((e) => e.seq);
        const total = Number(sql(`SELECT COUNT(*) FROM ${log === 'main' ? 'audit_log' : 'reads.audit_log'}`).trim());
        assert.equal(seqs.length, total, log);
        assert.equal(Math.min(...seqs), 1);
      }
      // each log newest first in its own order; the two merged by the time of the act
      for (const log of ['main', 'reads']) {
        const seqs = seen.filter((e) => e.log === log).map((e) => e.seq);
        for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i] < seqs[i - 1], `${log}: ${seqs[i - 1]} then ${seqs[i]}`);
      }
      const firstRead = seen.findIndex((e) => e.log === 'reads');
      assert.ok(seen.slice(firstRead).some((e) => e.log === 'main'), 'writes between the reads, not all after them');
      assert.deepEqual(seen.slice(0, 30).map(key), all.slice(0, 30).map(key));
    });

    test('a cursor the server did not hand out is refused in Japanese', async () => {
      for (const bad of ['12', 'x~1', '0~5', '5~', '3~4x', '2026-01-01T00:00:00.000Z~main~3', '-1~2']) {
        const r = await admin.get(`/api/v1/audit?cursor=${encodeURIComponent(bad)}`);
        assert.equal(r.status, 400, bad);
        assert.equal(r.json.code, 'validation_failed');
        assert.deepEqual(r.json.errors, [{ field: 'cursor', detail: 'ページの指定 (cursor) が読み取れません。' }]);
      }
    });

    test('reading staff records is recorded too: the list and one record', async () => {
      const target = fx.users.find((u) => u.login === 'suzuki');
      assert.equal((await sato.get('/api/v1/users')).status, 200);
      assert.equal((await sato.get(`/api/v1/users/${target.id}`)).status, 200);
      const me = fx.users.find((u) => u.login === 'sato');
      const items = (await entries('limit=10')).filter((e) => e.user_id === me.id && e.action === 'read' && e.entity === 'user');
      assert.ok(items.some((e) => e.entity_id === target.id), JSON.stringify(items));
      assert.ok(items.some((e) => !e.entity_id && e.detail === 'list'), JSON.stringify(items));
    });

    test('many reads at once: every answer arrives after its own entry is written, one entry each, the chain verifies', async () => {
      // Reads hand their entries to the audit writer thread, which commits a
      // batch and only then lets the answers go (service/audit_batch.h).
      const cases = (await suzuki.get('/api/v1/cases?limit=20')).json.items;
      assert.ok(cases.length >= 10);
      const me = fx.users.find((u) => u.login === 'suzuki');
      const reads = (id) => Number(sql(`SELECT COUNT(*) FROM reads.audit_log WHERE action = 'read' AND entity = 'case' AND entity_id = '${id}' AND user_id = '${me.id}'`).trim());
      const inMain = (id) => Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'read' AND entity = 'case' AND entity_id = '${id}'`).trim());
      const before = new Map(cases.map((c) => [c.id, reads(c.id)]));
      const requests = [];
      for (let round = 0; round < 3; round++) {
        for (const c of cases) {
          requests.push(suzuki.get(`/api/v1/cases/${c.id}`).then((r) => {
            assert.equal(r.status, 200, r.text);
            // Checked the moment the answer is here: its entry is already durable.
            assert.ok(reads(c.id) > before.get(c.id), `${c.id}: answer before its audit entry`);
            return c.id;
          }));
        }
      }
      await Promise.all(requests);
      for (const c of cases) assert.equal(reads(c.id), before.get(c.id) + 3, c.id);
      // in the reads log only: the main file is not written by a read
      for (const c of cases) assert.equal(inMain(c.id), 0, c.id);
      const v = verify(server.db.url);
      assert.equal(v.code, 0, v.out);
    });

    test('verify passes, detects one changed byte at seq 3, and detects a removed last entry', () => {
      let v = verify(server.db.url);
      assert.equal(v.code, 0, v.out);
      const original = sql('SELECT detail FROM audit_log WHERE seq = 3').replace(/\n$/, '');
      sql("UPDATE audit_log SET detail = detail || 'x' WHERE seq = 3");
      v = verify(server.db.url);
      assert.notEqual(v.code, 0, 'a changed entry must fail verification');
      assert.match(v.out, /seq 3\b/);
      assert.match(v.out, /3 番/);
      // put it back: the chain is whole again
      sql(`UPDATE audit_log SET detail = '${original.replace(/'/g, "''")}' WHERE seq = 3`);
      v = verify(server.db.url);
      assert.equal(v.code, 0, v.out);
      // another field, one byte: the client address (seq 4 may be a demo
      // entry whose client is "demo", so put back what was there)
      const client4 = sql('SELECT client FROM audit_log WHERE seq = 4').replace(/\n$/, '');
      sql("UPDATE audit_log SET client = '127.0.0.2' WHERE seq = 4");
      v = verify(server.db.url);
      assert.notEqual(v.code, 0);
      assert.match(v.out, /seq 4\b/);
      sql(`UPDATE audit_log SET client = '${client4.replace(/'/g, "''")}' WHERE seq = 4`);
      assert.equal(verify(server.db.url).code, 0);

      const last = Number(sql('SELECT MAX(seq) FROM audit_log').trim());
      sql(`DELETE FROM audit_log WHERE seq = ${last}`);
      v = verify(server.db.url);
      assert.notEqual(v.code, 0, 'a removed last entry must fail verification');
      assert.match(v.out, /削除/);
      assert.match(v.out, new RegExp(`seq ${last}\\b`));
    });

    test('the reads log has its own chain: a changed read entry and a removed last read entry are detected', () => {
      assert.ok(Number(sql('SELECT COUNT(*) FROM reads.audit_log').trim()) > 3);
      const original = sql('SELECT entity_id FROM reads.audit_log WHERE seq = 2').replace(/\n$/, '');
      sql("UPDATE reads.audit_log SET entity_id = 'someone-else' WHERE seq = 2");
      let v = verify(server.db.url);
      assert.notEqual(v.code, 0);
      assert.match(v.out, /閲覧の記録）の改ざんまたは欠落/);
      assert.match(v.out, /seq 2\b/);
      sql(`UPDATE reads.audit_log SET entity_id = '${original.replace(/'/g, "''")}' WHERE seq = 2`);
      const last = Number(sql('SELECT MAX(seq) FROM reads.audit_log').trim());
      sql(`DELETE FROM reads.audit_log WHERE seq = ${last}`);
      v = verify(server.db.url);
      assert.notEqual(v.code, 0);
      assert.match(v.out, /閲覧の記録）の改ざんまたは欠落.*削除/);
    });

    test('a removed entry in the middle is detected', () => {
      // the chain is checked from the start, so a gap is reported before the tail removed above
      const rows = Number(sql('SELECT COUNT(*) FROM audit_log').trim());
      assert.ok(rows > 5);
      sql('DELETE FROM audit_log WHERE seq = 2');
      const v = verify(server.db.url);
      assert.notEqual(v.code, 0);
      assert.match(v.out, /seq 2\b/);
    });
  });
}
