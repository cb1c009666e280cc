// The "assessments" and "plans" parts of a referral carry real content
// (service/referral_parts.h): the latest assessment's summary (without the
// clinician-reported axes or staff notes) and the current plan's active
// goals in the person's words.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);

for (const kind of DATABASES) {
  describe(`referral parts: assessments and plans (${kind})`, () => {
    let server, suzuki, takahashi, ito, caseId, referral;
    before(async () => {
      server = await startServer({ db: kind });
      [suzuki, takahashi, ito] = await Promise.all(['coordinator', 'other_coordinator', 'other_supervisor'].map((w) => signedIn(server.url, w)));
      const admin = await signedIn(server.url, 'admin');
      const aoba = (await admin.get('/api/v1/organisations')).json.items.find((o) => o.name === 'あおば町ひきこもりサポート事業');
      const linked = (await ito.post('/api/v1/resources', { name: 'あおば町サポート事業', category: '他のひきこもり地域支援センター', linked_organisation_id: aoba.id })).json;
      const c = await suzuki.post('/api/v1/cases', { title: 'Dさん（30代）', intake_route: '本人', subject_awareness: '知っている' });
      caseId = c.json.id;
      await suzuki.post(`/api/v1/cases/${caseId}/assessments`, { assessed_on: '2025-01-10', interests: '古い関心' });
      const a = await suzuki.post(`/api/v1/cases/${caseId}/assessments`, {
        assessed_on: today(), outing_level: '趣味の用事のときだけ外出する', interests: '絵を描くこと', strengths: '料理',
        mental_background: '医師の所見（共有しない）', note: '職員のメモ（共有しない）',
      });
      assert.equal(a.status, 201, a.text);
      const p = await suzuki.post(`/api/v1/cases/${caseId}/plans`, { title: '外に出る練習', wish: '少しずつ外に出たい',
        goals: [{ axis: '社会生活自立', term: '短期', words: '週に一度、図書館に行く' }] });
      assert.equal(p.status, 201, p.text);
      const consent = await suzuki.post(`/api/v1/cases/${caseId}/consents`, { given_by: '本人', method: '書面', given_on: today(), scope: ['assessments', 'plans'], destination_resource_id: linked.id });
      assert.equal(consent.status, 201, consent.text);
      const r = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, { resource_id: linked.id, purpose: '居場所の利用', basis: '本人同意', consent_id: consent.json.id, shared_parts: ['assessments', 'plans'] });
      assert.equal(r.status, 201, r.text);
      referral = r.json;
    });
    after(async () => { await server?.stop(); });

    test('the receiver sees the latest assessment summary and the current plan goals', async () => {
      const shared = await takahashi.get(`/api/v1/referrals/${referral.id}/shared`);
      assert.equal(shared.status, 200, shared.text);
      const [a] = shared.json.content.assessments;
      assert.equal(shared.json.content.assessments.length, 1);
      assert.equal(a.assessed_on, today());
      assert.equal(a.interests, '絵を描くこと');
      assert.equal(a.strengths, '料理');
      assert.equal(a.outing_level, '趣味の用事のときだけ外出する');
      const text = JSON.stringify(shared.json);
      assert.equal(text.includes('医師の所見'), false);
      assert.equal(text.includes('職員のメモ'), false);
      const [plan] = shared.json.content.plans;
      assert.equal(plan.wish, '少しずつ外に出たい');
      assert.deepEqual(plan.goals.map((g) => [g.axis, g.term, g.words]), [['社会生活自立', '短期', '週に一度、図書館に行く']]);
    });
  });
}
