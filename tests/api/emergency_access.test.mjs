// Emergency access, "break the glass" (issue 4 point 6): a supervisor of
// another organisation (ito, あおば町) opens a case of さくら市 with a stated
// reason; the grant is read-only, personal, expires after the deployment's
// set time (here an hour through --emergency-access-seconds; the expiry is
// seen by restarting the server on the same database with its clock an hour
// ahead, --test-clock-offset-seconds, not by waiting); the owning
// organisation sees the notice; every
// step is in the audit log; after expiry the read is refused like any other
// organisation's case and the refusal is audited against the grant.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn, runCli, freshDatabase } from '../support/server.mjs';
import { count, AUDIT_ENTRIES } from '../support/case_rows.mjs';

const SECONDS = 3600;
// Sessions outlive the hour the clock is moved on.
const ARGS = ['--emergency-access-seconds', String(SECONDS), '--session-idle-seconds', String(3 * SECONDS)];

for (const kind of DATABASES) {
  describe(`emergency access (${kind})`, () => {
    let server, database, suzuki, sato, takahashi, ito, caseId, grant;
    const grants = () => count(server, `SELECT COUNT(*) FROM emergency_accesses WHERE case_id = '${caseId}'`);

    before(async () => {
      database = freshDatabase(kind);
      runCli(['demo', '--db', database.url]);
      server = await startServer({ db: kind, database, args: ARGS });
      [suzuki, sato, takahashi, ito] = await Promise.all(
        ['coordinator', 'supervisor', 'other_coordinator', 'other_supervisor'].map((w) => signedIn(server.url, w)));
      const c = await suzuki.post('/api/v1/cases', { title: 'Bさん（20代女性）', intake_route: '家族', subject_awareness: '不明' });
      assert.equal(c.status, 201, c.text);
      caseId = c.json.id;
      const k = await suzuki.post(`/api/v1/cases/${caseId}/contacts`, { occurred_at: new Date(Date.now() - 60e3).toISOString(),
        channel: '電話', counterpart: '母', subject_met: false, note: '母より電話。数日前から連絡が取れない。' });
      assert.equal(k.status, 201, k.text);
    });
    after(async () => { await server?.stop(); database?.cleanup(); });

    test('before any grant the other organisation sees nothing', async () => {
      assert.equal((await ito.get(`/api/v1/cases/${caseId}`)).status, 404);
      assert.equal((await ito.get(`/api/v1/cases/${caseId}/timeline`)).status, 404);
    });

    test('only a supervisor may break the glass, with a reason; bad requests write nothing', async () => {
      const coord = await takahashi.post(`/api/v1/cases/${caseId}/emergency-access`, { reason: '夜間に本人から電話があり、命の危険を訴えている' });
      assert.equal(coord.status, 403);
      const none = await ito.post(`/api/v1/cases/${caseId}/emergency-access`, {});
      assert.equal(none.status, 400);
      assert.equal(none.json.code, 'validation_failed');
      assert.ok(none.json.errors.some((e) => e.field === 'reason' && /理由/.test(e.detail)), none.text);
      const blank = await ito.post(`/api/v1/cases/${caseId}/emergency-access`, { reason: '　　' });
      assert.equal(blank.status, 400);
      const short = await ito.post(`/api/v1/cases/${caseId}/emergency-access`, { reason: '急ぎ' });
      assert.equal(short.status, 400);
      assert.match(short.json.errors[0].detail, /5文字以上/);
      const unknown = await ito.post('/api/v1/cases/no-such-case/emergency-access', { reason: '夜間に本人から電話があった' });
      assert.equal(unknown.status, 404);
      const own = await sato.post(`/api/v1/cases/${caseId}/emergency-access`, { reason: '自組織のケースを確認したい' });
      assert.equal(own.status, 409);
      assert.equal(own.json.code, 'emergency_access_not_needed');
      assert.equal(grants(), 0);
    });

    test('with a reason: the case and its timeline can be read, nothing else and nothing written', async () => {
      const r = await ito.post(`/api/v1/cases/${caseId}/emergency-access`, { reason: '夜間に本人から当センターへ電話があり、自傷をほのめかしている。これまでの経過を確認するため。' });
      assert.equal(r.status, 201, r.text);
      grant = r.json;
      assert.equal(grant.case_id, caseId);
      assert.equal(grant.active, true);
      assert.ok(grant.user_name);
      const lasts = Date.parse(grant.expires_at) - Date.parse(grant.granted_at);
      assert.ok(Math.abs(lasts - SECONDS * 1000) < 5, `lasts ${lasts} ms`);

      const detail = await ito.get(`/api/v1/cases/${caseId}`);
      assert.equal(detail.status, 200, detail.text);
      assert.equal(detail.json.title, 'Bさん（20代女性）');
      assert.equal(detail.json.emergency_accesses.length, 1);
      assert.equal(detail.json.emergency_accesses[0].id, grant.id);
      const timeline = await ito.get(`/api/v1/cases/${caseId}/timeline`);
      assert.equal(timeline.status, 200);
      assert.ok(timeline.json.items.some((i) => i.kind === 'contact'));

      // Read-only: writes and other routes under the case stay closed.
      assert.equal((await ito.put(`/api/v1/cases/${caseId}`, { title: '変更', version: 1 })).status, 404);
      assert.equal((await ito.post(`/api/v1/cases/${caseId}/status`, { status: '終結', reason: 'x', version: 1 })).status, 404);
      assert.equal((await ito.get(`/api/v1/cases/${caseId}/contacts`)).status, 404);
      assert.equal((await ito.get(`/api/v1/cases/${caseId}/matches`)).status, 404);
      // Personal: a colleague of the supervisor is not let in.
      assert.equal((await takahashi.get(`/api/v1/cases/${caseId}`)).status, 404);
      assert.equal(count(server, `SELECT version FROM cases WHERE id = '${caseId}'`), 1);
    });

    test('the owning organisation is notified, on the list and on the case', async () => {
      for (const who of [suzuki, sato]) {
        const list = await who.get('/api/v1/emergency-access');
        assert.equal(list.status, 200);
        const notice = list.json.received.find((e) => e.id === grant.id);
        assert.ok(notice, list.text);
        assert.match(notice.reason, /自傷をほのめかしている/);
        assert.equal(notice.organisation_name, 'あおば町ひきこもりサポート事業');
        assert.equal(notice.case_title, 'Bさん（20代女性）');
        assert.ok(notice.reads >= 2, `reads ${notice.reads}`);
      }
      const onCase = await suzuki.get(`/api/v1/cases/${caseId}`);
      assert.equal(onCase.json.emergency_accesses[0].id, grant.id);
      const mine = await ito.get('/api/v1/emergency-access');
      assert.ok(mine.json.mine.some((e) => e.id === grant.id));
      assert.equal(mine.json.received.length, 0);
      // Another organisation's staff are not notified.
      assert.equal((await takahashi.get('/api/v1/emergency-access')).json.received.length, 0);
    });

    test('every step is audited: the grant and each read under it', async () => {
      assert.equal(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'create' AND entity = 'emergency_access' AND entity_id = '${grant.id}'`), 1);
      assert.ok(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND entity = 'emergency_access' AND entity_id = '${grant.id}'`) >= 2);
      assert.ok(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND entity = 'case' AND entity_id = '${caseId}' AND user_id = '${grant.user_id}'`) >= 1);
    });

    test('after the set time the access is refused like any other case, and the refusal audited', async () => {
      // Ten minutes before the end it still opens (the margin is for this
      // test's own run time since the grant); one second after, not.
      const restartAt = async (clockOffset) => {
        await server.stop();
        server = await startServer({ db: kind, database, args: ARGS, clockOffset });
        for (const c of [suzuki, sato, takahashi, ito]) c.base = server.url;
      };
      await restartAt(SECONDS - 600);
      assert.equal((await ito.get(`/api/v1/cases/${caseId}`)).status, 200);
      await restartAt(SECONDS + 1);
      const r = await ito.get(`/api/v1/cases/${caseId}`);
      assert.equal(r.status, 404);
      assert.equal(r.json.code, 'not_found');
      assert.equal((await ito.get(`/api/v1/cases/${caseId}/timeline`)).status, 404);
      assert.ok(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'denied' AND entity = 'emergency_access' AND entity_id = '${grant.id}'`) >= 2);
      const list = await suzuki.get('/api/v1/emergency-access');
      assert.equal(list.json.received.find((e) => e.id === grant.id).active, false);
    });
  });
}

describe('emergency access setting', () => {
  test('the duration is bounded: more than one day is refused at start', () => {
    // Refused by the option check itself: a non-zero exit, not a timeout.
    for (const seconds of ['86401', '0'])
      assert.throws(() => runCli(['serve', '--db', 'sqlite::memory:', '--port', '1', '--emergency-access-seconds', seconds], { stdio: 'pipe', timeout: 10000 }),
        (e) => e.status !== null && e.status !== 0 && /emergency-access-seconds/.test(String(e.stderr) + String(e.stdout)));
  });
});
