// A supporter of another organisation on a 支援会議 (issue 17): besides
// 本人同意, a 支援会議 that discussed the case and that the supporter's
// organisation took part in opens the dispatch — the rule referrals use
// (check_meeting_basis_of_referral). The supporter's own coordinators see
// such dispatches of their supporters read-only: activity, time, state,
// who asked and on which basis; nothing of the case. さくら市ステーション
// (suzuki) asks for 山本 ゆう of NPO法人ひだまりの家 (hayashi).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { count, AUDIT_ENTRIES } from '../support/case_rows.mjs';

const tokyoDay = (offsetDays = 0) => new Date(Date.now() + 9 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);
const LAW = '生活困窮者自立支援法第9条';

for (const kind of DATABASES) {
  describe(`dispatch on a 支援会議 (${kind})`, () => {
    let server, suzuki, hayashi, yamamoto, npo, sakuraCase, me;
    const rows = () => count(server, 'SELECT COUNT(*) FROM dispatches');
    const q = `activity=${encodeURIComponent('訪問同行')}&date=${tokyoDay(15)}&starts=10:00&ends=11:00`;
    const offered = async () => (await suzuki.get(`/api/v1/cases/${sakuraCase}/dispatch-candidates?${q}`)).json.items.some((i) => i.supporter.name === '山本 ゆう');
    const booking = (extra) => ({
      supporter_id: me.id, activity: '訪問同行', date: tokyoDay(15), starts: '10:00', ends: '11:00', place: '本人の自宅',
      meeting_point: 'さくら駅 改札前', nickname: 'ひろさん', call_name: '鈴木', call_phone: '0120-222-333', ...extra,
    });
    const meeting = async (body) => {
      const r = await suzuki.post('/api/v1/meetings', { title: '会議', held_on: tokyoDay(0), ...body });
      assert.equal(r.status, 201, r.text);
      return r.json.id;
    };

    before(async () => {
      server = await startServer({ db: kind });
      const admin = await signedIn(server.url, 'admin');
      npo = (await admin.get('/api/v1/organisations')).json.items.find((o) => o.name === 'NPO法人ひだまりの家');
      [suzuki, hayashi, yamamoto] = await Promise.all(['coordinator', 'npo_coordinator', 'supporter'].map((w) => signedIn(server.url, w)));
      sakuraCase = (await suzuki.get('/api/v1/cases?limit=1')).json.items[0].id;
      me = (await hayashi.get('/api/v1/supporters')).json.items.find((s) => s.name === '山本 ゆう');
    });
    after(async () => { await server?.stop(); });

    test('only a 支援会議 that discussed the case with the supporter\'s organisation opens the dispatch', async () => {
      const before = rows();
      assert.equal(await offered(), false, 'no basis: not offered');
      const none = await suzuki.post(`/api/v1/cases/${sakuraCase}/dispatches`, booking({}));
      assert.equal(none.status, 400);
      assert.match(none.json.errors.find((e) => e.field === 'consent_id').detail, /本人同意の記録か、その組織が参加した支援会議/);
      // A ケース会議 is not a legal basis for sharing without consent.
      const caseMeeting = await meeting({ kind: 'ケース会議', organisation_ids: [npo.id] });
      const r1 = await suzuki.post(`/api/v1/cases/${sakuraCase}/dispatches`, booking({ meeting_id: caseMeeting }));
      assert.equal(r1.status, 400);
      assert.match(r1.json.errors.find((e) => e.field === 'meeting_id').detail, /同意なしに共有できるのは、法に基づく支援会議だけです/);
      // A 支援会議 the NPO did not take part in.
      const without = await meeting({ kind: '支援会議', legal_basis: LAW, cases: [{ case_id: sakuraCase, shared_parts: ['summary'] }] });
      const r2 = await suzuki.post(`/api/v1/cases/${sakuraCase}/dispatches`, booking({ meeting_id: without }));
      assert.equal(r2.status, 400);
      assert.match(r2.json.errors.find((e) => e.field === 'meeting_id').detail, /サポーターの組織（NPO法人ひだまりの家）は、選んだ支援会議の参加機関ではありません/);
      // A 支援会議 with the NPO that did not discuss this case.
      const otherCaseMeeting = await meeting({ kind: '支援会議', legal_basis: LAW, organisation_ids: [npo.id] });
      const r3 = await suzuki.post(`/api/v1/cases/${sakuraCase}/dispatches`, booking({ meeting_id: otherCaseMeeting }));
      assert.equal(r3.status, 400);
      assert.match(r3.json.errors.find((e) => e.field === 'meeting_id').detail, /検討したケースとして記録されていません/);
      const r4 = await suzuki.post(`/api/v1/cases/${sakuraCase}/dispatches`, booking({ meeting_id: 'no-such-meeting' }));
      assert.equal(r4.status, 400);
      assert.equal(await offered(), false);
      assert.equal(rows(), before, 'nothing written');
    });

    test('on a 支援会議 with the NPO: offered, booked, seen by the supporter; the NPO sees when and what, not the case', async () => {
      const support = await meeting({ kind: '支援会議', legal_basis: LAW, organisation_ids: [npo.id], cases: [{ case_id: sakuraCase, shared_parts: ['summary'] }] });
      assert.equal(await offered(), true);
      const before = rows();
      const both = await suzuki.post(`/api/v1/cases/${sakuraCase}/dispatches`, booking({ meeting_id: support, consent_id: 'x' }));
      assert.equal(both.status, 400);
      assert.match(both.json.errors.find((e) => e.field === 'meeting_id').detail, /どちらか一方/);
      assert.equal(rows(), before);
      const d = await suzuki.post(`/api/v1/cases/${sakuraCase}/dispatches`, booking({ meeting_id: support }));
      assert.equal(d.status, 201, d.text);
      assert.equal(d.json.meeting_id, support);
      assert.equal(d.json.consent_id, null);
      assert.equal((await yamamoto.get(`/api/v1/my/dispatches/${d.json.id}`)).json.nickname, 'ひろさん');

      // The NPO's coordinators: read-only, nothing of the case.
      const r = await hayashi.get('/api/v1/dispatches-of-our-supporters');
      assert.equal(r.status, 200, r.text);
      const mine = r.json.items.find((x) => x.id === d.json.id);
      assert.deepEqual(Object.keys(mine).sort(), ['activity', 'basis', 'ends_at', 'id', 'organisation_name', 'starts_at', 'state', 'supporter_id', 'supporter_name']);
      assert.equal(mine.organisation_name, 'さくら市ひきこもり支援ステーション');
      assert.equal(mine.basis, '支援会議');
      assert.equal(mine.state, '依頼');
      for (const secret of ['ひろさん', '本人の自宅', 'さくら駅', sakuraCase]) assert.ok(!r.text.includes(secret), secret);
      assert.ok(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND entity = 'dispatch' AND detail = 'own supporters elsewhere'`) >= 1);
      assert.equal((await hayashi.get(`/api/v1/dispatches/${d.json.id}`)).status, 404, 'the record itself stays the asking organisation\'s');
      // The asking organisation lists none of it as "ours elsewhere"; the supporter cannot call it.
      assert.ok((await suzuki.get('/api/v1/dispatches-of-our-supporters')).json.items.every((x) => x.id !== d.json.id));
      assert.equal((await yamamoto.get('/api/v1/dispatches-of-our-supporters')).status, 403);
    });
  });
}
