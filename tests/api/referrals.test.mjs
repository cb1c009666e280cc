// Referrals across organisations with the consent gate (issue 4):
// さくら市ステーション (suzuki, sato) refers a case to あおば町サポート事業
// (takahashi, ito). The receiver sees only the shared parts and nothing new
// after consent is withdrawn; an uninvolved organisation sees nothing; two
// simultaneous accepts: exactly one wins; bad requests change nothing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { createCase, createContact, count, sql, AUDIT_ENTRIES } from '../support/case_rows.mjs';

const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);

for (const kind of DATABASES) {
  describe(`referrals (${kind})`, () => {
    let server, suzuki, sato, takahashi, ito, kimura, sakura, aoba, linked, outside, caseId;
    const referralsOfCase = () => count(server, `SELECT COUNT(*) FROM referrals WHERE case_id = '${caseId}'`);

    before(async () => {
      server = await startServer({ db: kind });
      const admin = await signedIn(server.url, 'admin');
      const orgs = (await admin.get('/api/v1/organisations')).json.items;
      sakura = orgs.find((o) => o.name === 'さくら市ひきこもり支援ステーション');
      aoba = orgs.find((o) => o.name === 'あおば町ひきこもりサポート事業');
      const centre = orgs.find((o) => o.name === 'みどり県ひきこもり地域支援センター');
      // A coordinator of an organisation that takes no part in the referral.
      const u = await admin.post('/api/v1/users', { login: 'kimura', display_name: '木村 じゅん', role: 'coordinator', organisation_id: centre.id, password: 'kawa-no-niwa-7' });
      assert.equal(u.status, 201, u.text);
      [suzuki, sato, takahashi, ito] = await Promise.all(
        ['coordinator', 'supervisor', 'other_coordinator', 'other_supervisor'].map((w) => signedIn(server.url, w)));
      const { Client } = await import('../support/server.mjs');
      kimura = new Client(server.url);
      assert.equal((await kimura.login('kimura', 'kawa-no-niwa-7')).status, 201);

      linked = (await ito.post('/api/v1/resources', { name: 'あおば町サポート事業', category: '他のひきこもり地域支援センター', linked_organisation_id: aoba.id })).json;
      outside = (await sato.post('/api/v1/resources', { name: 'さくら保健センター', category: '保健所・保健センター' })).json;
      assert.ok(linked.id && outside.id);
      caseId = await createCase(suzuki, 'Aさん（30代男性）');
      await createContact(suzuki, caseId, '母より電話。本人は昼夜逆転。');
    });
    after(async () => { await server?.stop(); });

    let consent, referral;

    test('without a sharing basis, to an unknown resource: refused, nothing written', async () => {
      const none = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, { resource_id: linked.id, purpose: '居場所の利用', shared_parts: ['summary'] });
      assert.equal(none.status, 400);
      assert.match(none.json.errors.find((e) => e.field === 'basis').detail, /情報共有の根拠がありません/);
      const noConsent = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, { resource_id: linked.id, purpose: '居場所の利用', basis: '本人同意' });
      assert.equal(noConsent.status, 400);
      assert.match(noConsent.json.errors.find((e) => e.field === 'consent_id').detail, /同意/);
      const unknown = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, { resource_id: 'no-such-resource', purpose: 'x', basis: '個人情報保護法第27条第1項', basis_reason: '生命の危険' });
      assert.equal(unknown.status, 400);
      assert.match(unknown.json.errors.find((e) => e.field === 'resource_id').detail, /見つかりません/);
      const noReason = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, { resource_id: outside.id, purpose: 'x', basis: '個人情報保護法第27条第1項', basis_reason: '　' });
      assert.equal(noReason.status, 400);
      assert.equal(referralsOfCase(), 0);
      assert.equal(count(server, 'SELECT COUNT(*) FROM referral_events'), 0);
    });

    test('consent recorded, then a referral on it sharing only the summary', async () => {
      const c = await suzuki.post(`/api/v1/cases/${caseId}/consents`, {
        given_by: '本人', method: '口頭', given_on: today(), scope: ['summary', 'contacts'], destination_resource_id: linked.id,
      });
      assert.equal(c.status, 201, c.text);
      assert.equal(c.json.destination_organisation_id, aoba.id);
      assert.equal(c.json.active, true);
      consent = c.json;
      const outOfScope = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, { resource_id: linked.id, purpose: '居場所の利用', basis: '本人同意', consent_id: consent.id, shared_parts: ['plans'] });
      assert.equal(outOfScope.status, 400);
      assert.equal(referralsOfCase(), 0);

      const r = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, {
        resource_id: linked.id, purpose: '居場所の利用を本人が希望', accompanied: true, basis: '本人同意', consent_id: consent.id, shared_parts: ['summary'],
      });
      assert.equal(r.status, 201, r.text);
      referral = r.json;
      assert.equal(referral.state, '依頼');
      assert.equal(referral.category, '他のひきこもり地域支援センター');
      assert.equal(referral.receiving_organisation_id, aoba.id);
      assert.equal(referral.events.length, 1);
      assert.deepEqual((await suzuki.get(`/api/v1/cases/${caseId}/referrals`)).json.items.map((x) => x.id), [referral.id]);
    });

    test('state changes out of order are refused and write nothing', async () => {
      const early = await takahashi.post(`/api/v1/referrals/${referral.id}/events`, { to: '終了' }, { 'if-match': '"1"' });
      assert.equal(early.status, 409);
      assert.equal(early.json.code, 'invalid_transition');
      const wrongSide = await suzuki.post(`/api/v1/referrals/${referral.id}/events`, { to: '支援中' }, { 'if-match': '"1"' });
      assert.equal(wrongSide.status, 409);
      const declineNoReason = await takahashi.post(`/api/v1/referrals/${referral.id}/events`, { to: '辞退' }, { 'if-match': '"1"' });
      assert.equal(declineNoReason.status, 409);
      assert.equal(count(server, `SELECT COUNT(*) FROM referral_events WHERE referral_id = '${referral.id}'`), 1);
      assert.equal((await suzuki.get(`/api/v1/referrals/${referral.id}`)).json.state, '依頼');
    });

    test('the receiver finds it in its inbox and sees only the shared parts; others see nothing', async () => {
      const inbox = (await takahashi.get('/api/v1/referrals/inbox')).json.items;
      assert.deepEqual(inbox.map((x) => x.id), [referral.id]);
      const seen = await takahashi.get(`/api/v1/referrals/${referral.id}`);
      assert.equal(seen.status, 200);
      assert.equal(seen.json.case_id, null);
      assert.equal(seen.json.side, 'receiver');
      const shared = await takahashi.get(`/api/v1/referrals/${referral.id}/shared`);
      assert.equal(shared.status, 200);
      assert.deepEqual(Object.keys(shared.json.content), ['summary']);
      assert.equal(shared.json.content.summary.title, 'Aさん（30代男性）');
      assert.equal(JSON.stringify(shared.json).includes('昼夜逆転'), false);
      // The receiver cannot reach the case itself.
      assert.equal((await takahashi.get(`/api/v1/cases/${caseId}/consents`)).status, 404);

      assert.equal((await kimura.get(`/api/v1/referrals/${referral.id}`)).status, 404);
      assert.equal((await kimura.get(`/api/v1/referrals/${referral.id}/shared`)).status, 404);
      assert.equal((await kimura.post(`/api/v1/referrals/${referral.id}/accept`, {})).status, 404);
      assert.deepEqual((await kimura.get('/api/v1/referrals/inbox')).json.items, []);
      assert.deepEqual((await suzuki.get('/api/v1/referrals/inbox')).json.items, []);
      assert.deepEqual((await sato.get('/api/v1/referrals')).json.items.map((x) => x.id), [referral.id]);
      const denied = count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'denied' AND entity_id = '${referral.id}'`);
      assert.ok(denied >= 2);
    });

    test('two simultaneous accepts: exactly one succeeds, the other gets a clear 409', async () => {
      const casesBefore = count(server, `SELECT COUNT(*) FROM cases WHERE organisation_id = '${aoba.id}'`);
      const answers = await Promise.all([
        takahashi.post(`/api/v1/referrals/${referral.id}/accept`, { note: '高橋が受理' }),
        ito.post(`/api/v1/referrals/${referral.id}/accept`, { note: '伊藤が受理' }),
      ]);
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [200, 409], answers.map((a) => a.text).join('\n'));
      const lost = answers.find((a) => a.status === 409);
      assert.equal(lost.json.code, 'referral_already_answered');
      assert.match(lost.json.detail, /受理/);
      const won = answers.find((a) => a.status === 200).json;
      assert.equal(won.state, '受理');
      assert.ok(won.receiver_case_id);
      assert.equal(count(server, `SELECT COUNT(*) FROM cases WHERE organisation_id = '${aoba.id}'`), casesBefore + 1);
      assert.equal(count(server, `SELECT COUNT(*) FROM referral_events WHERE referral_id = '${referral.id}' AND to_state = '受理'`), 1);
      const again = await takahashi.post(`/api/v1/referrals/${referral.id}/accept`, {});
      assert.equal(again.status, 409);
    });

    test('feedback of the receiver shows up for the sender', async () => {
      const f = await takahashi.post(`/api/v1/referrals/${referral.id}/feedback`, { note: '初回面談。居場所に月2回参加予定。' });
      assert.equal(f.status, 201, f.text);
      assert.equal((await suzuki.post(`/api/v1/referrals/${referral.id}/feedback`, { note: 'x' })).status, 404);
      const mine = await suzuki.get(`/api/v1/referrals/${referral.id}`);
      assert.deepEqual(mine.json.feedback.map((x) => x.note), ['初回面談。居場所に月2回参加予定。']);
      assert.equal(mine.json.feedback[0].organisation_name, aoba.name);
      // …and on the sender's case timeline, filtered with the referrals
      const tl = await suzuki.get(`/api/v1/cases/${caseId}/timeline?kinds=referral`);
      assert.equal(tl.status, 200, tl.text);
      assert.ok(tl.json.items.some((x) => x.kind === 'referral_feedback' && x.summary.includes('居場所に月2回')), tl.text);
      assert.ok(tl.json.items.every((x) => x.kind === 'referral' || x.kind === 'referral_feedback'));
      const v = mine.json.version;
      const started = await takahashi.post(`/api/v1/referrals/${referral.id}/events`, { to: '支援中', note: '居場所へ初参加' }, { 'if-match': `"${v}"` });
      assert.equal(started.status, 200, started.text);
      assert.equal(started.json.state, '支援中');
    });

    test('after consent withdrawal the receiver keeps what it had and sees nothing new', async () => {
      const w = await suzuki.post(`/api/v1/cases/${caseId}/consents/${consent.id}/withdraw`, { withdrawal_note: '本人より撤回の申し出' }, { 'if-match': `"${consent.version}"` });
      assert.equal(w.status, 200, w.text);
      assert.equal(w.json.active, false);
      sql(server, `UPDATE cases SET title = 'Aさん（撤回後の新しい呼び名）' WHERE id = '${caseId}'`);
      const shared = await takahashi.get(`/api/v1/referrals/${referral.id}/shared`);
      assert.equal(shared.status, 200);
      assert.equal(shared.json.current, false);
      assert.equal(shared.json.content.summary.title, 'Aさん（30代男性）');
      assert.match(shared.json.notice, /共有されません/);
      // The sender still sees its own case as it is.
      assert.equal((await suzuki.get(`/api/v1/referrals/${referral.id}/shared`)).json.content.summary.title, 'Aさん（撤回後の新しい呼び名）');
      // A withdrawn consent opens nothing new.
      const again = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, { resource_id: linked.id, purpose: '再度', basis: '本人同意', consent_id: consent.id });
      assert.equal(again.status, 400);
      assert.match(again.json.errors[0].detail, /撤回/);
      assert.equal((await suzuki.post(`/api/v1/cases/${caseId}/consents/${consent.id}/withdraw`, {}, { 'if-match': '"2"' })).status, 409);
    });

    test('a referral to a place outside tsunagu is recorded; the sender records its answers', async () => {
      const r = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, {
        resource_id: outside.id, purpose: '不眠の相談', basis: '個人情報保護法第27条第1項', basis_reason: '自傷の恐れがあり本人の同意を得ることが困難', category: '医療機関',
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.outside_tsunagu, true);
      assert.equal(r.json.category, '医療機関');
      assert.deepEqual(r.json.allowed_moves.map((m) => m.to).sort(), ['受理', '取消', '辞退'].sort());
      const acc = await suzuki.post(`/api/v1/referrals/${r.json.id}/events`, { to: '受理', note: '電話で受理の連絡' }, { 'if-match': '"1"' });
      assert.equal(acc.status, 200, acc.text);
      assert.equal(acc.json.state, '受理');
      const cancel = await suzuki.post(`/api/v1/referrals/${r.json.id}/events`, { to: '取消', note: '本人の希望で取りやめ' }, { 'if-match': '"2"' });
      assert.equal(cancel.status, 200);
      assert.equal(cancel.json.events.length, 3);
      assert.equal((await takahashi.get('/api/v1/referrals/inbox')).json.items.length, 1);
    });
  });
}
