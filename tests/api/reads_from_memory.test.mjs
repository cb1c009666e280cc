// Reads answered from memory (service/remembered_rows.h, issue 20): a read
// that audits may start from the session and case this server last read,
// and the audit batch checks them again before the answer leaves. Each test
// changes something between two reads — through the API, or by SQL from
// outside as another server or an operator would — and the next read must
// answer exactly as if nothing were remembered, with one audit entry per
// answered read and none for an answer that did not go out.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, signedIn, Client, DATABASES } from '../support/server.mjs';
import { createCase, createContact, count, sql } from '../support/case_rows.mjs';
import { counterBy } from '../support/metrics.mjs';

// tsunagu_reads_from_memory_total by result, from /metrics.
async function fromMemory(server) {
  const n = await counterBy(server, 'tsunagu_reads_from_memory_total', 'result');
  return { held: n.held, changed: n.changed };
}

// tsunagu_io_thread_reads_total by result, from /metrics.
async function onIoThread(server) {
  const n = await counterBy(server, 'tsunagu_io_thread_reads_total', 'result');
  return { answered: n.answered, toWorker: n.to_worker };
}

const readsOf = (server, caseId) =>
  count(server, `SELECT COUNT(*) FROM reads.audit_log WHERE action = 'read' AND entity = 'case' AND entity_id = '${caseId}'`);

for (const db of DATABASES) {
  describe(`reads answered from memory (${db})`, () => {
    let server;
    before(async () => { server = await startServer({ db, args: ['--metrics-from', '127.0.0.1'] }); });
    after(async () => { await server?.stop(); });

    // A coordinator with a case, read once the ordinary way (so that the
    // session and the case are remembered) and once from memory.
    async function remembered(title) {
      const me = await signedIn(server.url, 'coordinator');
      const caseId = await createCase(me, title);
      const first = await me.get(`/api/v1/cases/${caseId}`);
      assert.equal(first.status, 200);
      const m = await fromMemory(server), io = await onIoThread(server);
      const second = await me.get(`/api/v1/cases/${caseId}`);
      assert.equal(second.status, 200);
      assert.equal(second.text, first.text);
      assert.equal((await fromMemory(server)).held, m.held + 1, 'the second read was answered from memory');
      assert.equal((await onIoThread(server)).answered, io.answered + 1, 'on the I/O thread, without a worker');
      return { me, caseId };
    }

    test('a read from memory answers the same and is audited once, like any read', async () => {
      const { me, caseId } = await remembered('覚えた読み取り');
      const results = await Promise.all(Array.from({ length: 30 }, () => me.get(`/api/v1/cases/${caseId}`)));
      assert.ok(results.every((r) => r.status === 200));
      assert.equal(readsOf(server, caseId), 32, 'one entry per answered read');
    });

    test('signed out: the next read answers 401 and records nothing', async () => {
      const { me, caseId } = await remembered('ログアウト');
      const m = await fromMemory(server);
      const cookie = me.cookie;  // as a second tab, or someone who kept the cookie, would still send it
      assert.equal((await me.del('/api/v1/session')).status, 204);
      me.cookie = cookie;
      const r = await me.get(`/api/v1/cases/${caseId}`);
      assert.equal(r.status, 401);
      assert.equal(r.json.code, 'not_authenticated');
      assert.equal(readsOf(server, caseId), 2);
      assert.equal((await fromMemory(server)).changed, m.changed + 1, 'started from memory, sent back by the check');
    });

    test('a session ended by SQL outside the server: 401 at once', async () => {
      const { me, caseId } = await remembered('SQL でログアウト');
      const who = (await me.get('/api/v1/session')).json.user.id;
      sql(server, `DELETE FROM sessions WHERE user_id = '${who}'`);
      assert.equal((await me.get(`/api/v1/cases/${caseId}`)).status, 401);
      assert.equal(readsOf(server, caseId), 2);
    });

    test('a role changed by SQL: refused at once, and the refusal is recorded once', async () => {
      const { me, caseId } = await remembered('役割の変更');
      const who = (await me.get('/api/v1/session')).json.user.id;
      const denied = () => count(server, `SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND user_id = '${who}'`);
      const deniedBefore = denied();
      sql(server, `UPDATE users SET role = 'analyst' WHERE id = '${who}'`);
      try {
        const r = await me.get(`/api/v1/cases/${caseId}`);
        assert.equal(r.status, 403);
        assert.equal(readsOf(server, caseId), 2);
        assert.equal(denied(), deniedBefore + 1);
      } finally {
        sql(server, `UPDATE users SET role = 'coordinator' WHERE id = '${who}'`);
      }
    });

    test('a case moved to another organisation by SQL: 404 at once, audited as denied', async () => {
      const { me, caseId } = await remembered('別の団体へ');
      const other = sql(server, "SELECT id FROM organisations WHERE name = 'NPO法人ひだまりの家'").trim();
      assert.ok(other);
      sql(server, `UPDATE cases SET organisation_id = '${other}' WHERE id = '${caseId}'`);
      assert.equal((await me.get(`/api/v1/cases/${caseId}`)).status, 404);
      assert.equal(readsOf(server, caseId), 2);
      assert.equal(count(server, `SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND entity_id = '${caseId}'`), 1);
    });

    test('an edit shows at the next read, also when written by SQL', async () => {
      const { me, caseId } = await remembered('編集');
      sql(server, `UPDATE cases SET title = 'SQL で変えた題' WHERE id = '${caseId}'`);
      assert.equal((await me.get(`/api/v1/cases/${caseId}`)).json.title, 'SQL で変えた題');
      const contacts = (await me.get(`/api/v1/cases/${caseId}`)).json.contact_count;
      await createContact(me, caseId, '電話');
      assert.equal((await me.get(`/api/v1/cases/${caseId}`)).json.contact_count, contacts + 1);
    });

    test('reads racing a sign-out: none answered 200 after the sign-out was', async () => {
      const { me, caseId } = await remembered('競合');
      const tab = new Client(server.url);  // another tab with the same session
      tab.cookie = me.cookie;
      let signedOutAt = null;
      const reads = Array.from({ length: 60 }, (_, i) => (async () => {
        await new Promise((r) => setTimeout(r, i));
        const sent = process.hrtime.bigint();
        const r = await tab.get(`/api/v1/cases/${caseId}`);
        return { status: r.status, sent };
      })());
      const out = (async () => {
        await new Promise((r) => setTimeout(r, 20));
        assert.equal((await me.del('/api/v1/session')).status, 204);
        signedOutAt = process.hrtime.bigint();
      })();
      const results = await Promise.all(reads);
      await out;
      assert.ok(results.every((r) => r.status === 200 || r.status === 401), results.map((r) => r.status).join(','));
      // A read sent after the sign-out was answered is refused. (Reads in
      // flight while it ran may go either way, as without memory.)
      const later = await Promise.all(Array.from({ length: 10 }, () => tab.get(`/api/v1/cases/${caseId}`)));
      assert.ok(later.every((r) => r.status === 401));
      assert.ok(signedOutAt);
      const sentAfter = results.filter((r) => r.sent > signedOutAt);
      assert.ok(sentAfter.every((r) => r.status === 401), 'a read sent after the sign-out was answered is refused');
      assert.equal(readsOf(server, caseId), 2 + results.filter((r) => r.status === 200).length,
        'an entry for every 200, none for a 401');
    });

    test('a read that needs the database goes from the I/O thread to a worker, and answers the same', async () => {
      const { me, caseId } = await remembered('ワーカーへ');
      await createContact(me, caseId, '電話');
      const io = await onIoThread(server);
      const r = await me.get(`/api/v1/cases/${caseId}/timeline`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.some((x) => x.kind === 'contact'), r.text.slice(0, 200));
      const after = await onIoThread(server);
      assert.equal(after.toWorker, io.toWorker + 1, 'tried on the I/O thread, handed to a worker');
      assert.equal(after.answered, io.answered);
      // Its read is recorded once, by the worker's run.
      assert.equal(count(server, `SELECT COUNT(*) FROM reads.audit_log WHERE action = 'read' AND entity = 'case' AND entity_id = '${caseId}' AND detail = 'timeline'`), 1);
    });
  });

  describe(`a read handed from the I/O thread to a worker counts once against the rate limit (${db})`, () => {
    let server;
    // Without the case-detail memory every case read needs the database:
    // each is tried on the I/O thread with the user's token taken, then
    // handed to a worker, which takes it again.
    before(async () => {
      server = await startServer({ db, args: ['--metrics-from', '127.0.0.1', '--case-detail-cache', '0',
        '--user-requests-per-second', '0.001', '--user-request-burst', '10'] });
    });
    after(async () => { await server?.stop(); });

    test('ten reads in a burst of ten, then 429', async () => {
      const me = await signedIn(server.url, 'coordinator');  // signing in takes no token
      const caseId = sql(server, "SELECT c.id FROM cases c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.login = 'suzuki' LIMIT 1").trim();
      const io = await onIoThread(server);
      const statuses = [];
      for (let i = 0; i < 12; ++i) statuses.push((await me.get(`/api/v1/cases/${caseId}`)).status);
      assert.deepEqual(statuses, [...Array(10).fill(200), 429, 429]);
      assert.ok((await onIoThread(server)).toWorker >= 9, 'the reads were tried on the I/O thread first');
    });
  });
}

describe('reads from memory on two servers', { skip: !process.env.TSUNAGU_PG_HOST && 'no PostgreSQL (scripts/pg.sh)' }, () => {
  let a, b, dir;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagu-memory-'));
    const files = ['--key-file', join(dir, 'contact.key'), '--audit-key-file', join(dir, 'audit.key')];
    a = await startServer({ db: 'postgres', args: files, demoArgs: files });
    b = await startServer({ db: 'postgres', database: { ...a.db, cleanup: () => {} }, args: [...files, '--metrics-from', '127.0.0.1'] });
  });
  after(async () => {
    await b?.stop();
    await a?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('signed out on one, signed out on both: a read B remembers answers 401 at once', async () => {
    const onA = await signedIn(a.url, 'coordinator');
    const caseId = await createCase(onA, '二台で覚えた読み取り');
    const onB = new Client(b.url);
    onB.cookie = onA.cookie;
    onB.csrf = onA.csrf;
    assert.equal((await onB.get(`/api/v1/cases/${caseId}`)).status, 200);
    const m = await fromMemory(b);
    assert.equal((await onB.get(`/api/v1/cases/${caseId}`)).status, 200);
    assert.equal((await fromMemory(b)).held, m.held + 1, 'B answered from memory');
    assert.equal((await onA.del('/api/v1/session')).status, 204);
    assert.equal((await onB.get(`/api/v1/cases/${caseId}`)).status, 401);
  });

  test("a contact recorded on one shows at B's next read, which B had answered from memory", async () => {
    const onA = await signedIn(a.url, 'coordinator'), onB = await signedIn(b.url, 'coordinator');
    const caseId = await createCase(onA, '二台の編集');
    await onB.get(`/api/v1/cases/${caseId}`);
    const before = (await onB.get(`/api/v1/cases/${caseId}`)).json;
    await createContact(onA, caseId, 'A で記録');
    const after = (await onB.get(`/api/v1/cases/${caseId}`)).json;
    assert.equal(after.contact_count, before.contact_count + 1);
  });
});
