// 開示請求 (issue 21 point 3): a supervisor produces everything held about one
// person (service/disclosure.h) — the case whole for 本人, with the shares,
// their basis and the receiver, and who read the record; only the family
// member's own part for a family member. Producing it is one audit entry
// with the reason; a request without a usable reason writes nothing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { sql, count, AUDIT_ENTRIES } from '../support/case_rows.mjs';

const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
const REASON = '本人からの開示請求（令和8年12月6日受付）';
const allAudit = (server) => count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES}`);

for (const kind of DATABASES) {
  describe(`disclosure (${kind})`, () => {
    let server, sato, suzuki, takahashi, ito, admin;
    let caseId, subjectId, motherId, consentId, referralId, assessmentId, planId, takahashiName, suzukiName;
    const disclose = (client, personId, body = { reason: REASON }) => client.post(`/api/v1/persons/${personId}/disclosures`, body);

    before(async () => {
      server = await startServer({ db: kind });
      [sato, suzuki, takahashi, ito, admin] = await Promise.all(
        ['supervisor', 'coordinator', 'other_coordinator', 'other_supervisor', 'admin'].map((w) => signedIn(server.url, w)));
      takahashiName = (await takahashi.get('/api/v1/session')).json.user?.display_name ?? (await takahashi.get('/api/v1/session')).json.display_name;
      suzukiName = (await suzuki.get('/api/v1/session')).json.user?.display_name ?? (await suzuki.get('/api/v1/session')).json.display_name;
      const aoba = (await admin.get('/api/v1/organisations')).json.items.find((o) => o.name === 'あおば町ひきこもりサポート事業');
      const linked = (await ito.post('/api/v1/resources', { name: 'あおば町サポート事業（開示）', category: '他のひきこもり地域支援センター', linked_organisation_id: aoba.id })).json;

      const c = await suzuki.post('/api/v1/cases', {
        title: '母からの電話（開示の試験）', intake_route: '家族', subject_awareness: '知っている',
        subject: { naming: 'named', name: '開示 太郎', furigana: 'かいじ たろう', age_band: '30代', contact: { phone: '090-1111-2222' } },
        caller: { naming: 'named', name: '開示 花子', relation: '母', age_band: '60代' },
      });
      assert.equal(c.status, 201, c.text);
      caseId = c.json.id;
      subjectId = c.json.subject.id;
      motherId = c.json.household.members.find((m) => m.relation === '母').person_id;

      const at = (min) => new Date(Date.now() - min * 60e3).toISOString();
      for (const [counterpart, note, min] of [['母', '母の話：夜は眠れていない様子', 30], ['本人', '本人のことば：絵を描くのが好き', 20]]) {
        const r = await suzuki.post(`/api/v1/cases/${caseId}/contacts`, { occurred_at: at(min), channel: '電話', counterpart, subject_met: counterpart === '本人', note });
        assert.equal(r.status, 201, r.text);
      }
      const a = await suzuki.post(`/api/v1/cases/${caseId}/assessments`, { assessed_on: today(), outing_level: '趣味の用事のときだけ外出する', interests: 'アセスメントの関心：絵' });
      assert.equal(a.status, 201, a.text);
      assessmentId = a.json.id;
      const p = await suzuki.post(`/api/v1/cases/${caseId}/plans`, { title: '外に出る練習', wish: '計画の希望：図書館に行きたい',
        goals: [{ axis: '社会生活自立', term: '短期', words: '週に一度、図書館に行く' }] });
      assert.equal(p.status, 201, p.text);
      planId = p.json.id;
      const consent = await suzuki.post(`/api/v1/cases/${caseId}/consents`, { given_by: '本人', method: '書面', given_on: today(), scope: ['summary', 'plans'], destination_resource_id: linked.id });
      assert.equal(consent.status, 201, consent.text);
      consentId = consent.json.id;
      const r = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, { resource_id: linked.id, purpose: '居場所の利用', basis: '本人同意', consent_id: consentId, shared_parts: ['summary', 'plans'] });
      assert.equal(r.status, 201, r.text);
      referralId = r.json.id;
      // Another organisation's staff member reads what was shared; a colleague opens the case.
      assert.equal((await takahashi.get(`/api/v1/referrals/${referralId}/shared`)).status, 200);
      assert.equal((await suzuki.get(`/api/v1/cases/${caseId}`)).status, 200);
    });
    after(async () => { await server?.stop(); });

    test('本人: the case whole, the shares with their basis and receiver, and who read it', async () => {
      const r = await disclose(sato, subjectId);
      assert.equal(r.status, 200, r.text);
      const d = r.json;
      assert.equal(d.reason, REASON);
      assert.ok(d.produced_at && d.produced_by && d.produced_by_organisation);
      assert.equal(d.person.id, subjectId);
      assert.equal(d.person.name, '開示 太郎');
      assert.equal(d.person.contact.phone, '090-1111-2222', 'contact details are unsealed');
      assert.ok(d.household.members.some((m) => m.relation === '母'));
      const [c] = d.cases;
      assert.equal(d.cases.length, 1);
      assert.equal(c.id, caseId);
      assert.equal(c.role, '本人');
      assert.equal(c.limited, false);
      assert.equal(c.case.title, '母からの電話（開示の試験）');
      assert.ok(c.case.status_history.length >= 1);
      assert.deepEqual(c.contacts.map((x) => x.note), ['母の話：夜は眠れていない様子', '本人のことば：絵を描くのが好き']);
      assert.deepEqual(c.assessments.map((x) => x.id), [assessmentId]);
      assert.equal(c.plans[0].id, planId);
      assert.equal(c.plans[0].goals[0].words, '週に一度、図書館に行く');
      assert.equal(c.consents[0].id, consentId);
      assert.deepEqual(c.consents[0].scope, ['summary', 'plans']);
      const [ref] = c.referrals;
      assert.equal(ref.id, referralId);
      assert.equal(ref.basis, '本人同意');
      assert.equal(ref.consent_id, consentId);
      assert.deepEqual(ref.shared_parts, ['summary', 'plans']);
      assert.equal(ref.receiving_organisation_name, 'あおば町ひきこもりサポート事業');
      assert.equal(ref.disclosures.length, 1, 'the one time the receiver was shown the parts');
      assert.equal(ref.disclosures[0].basis, '本人同意');
      assert.equal(ref.disclosures[0].consent_id, consentId);
      assert.deepEqual(ref.disclosures[0].parts.sort(), ['plans', 'summary']);
      assert.equal(ref.disclosures[0].organisation_name, 'あおば町ひきこもりサポート事業');
      for (const key of ['stages', 'meetings', 'follow_ups', 'emergency_accesses']) assert.ok(Array.isArray(c[key]), key);

      const log = d.access_log;
      const read = log.find((e) => e.log === 'reads' && e.entity === 'referral_share' && e.entity_id === referralId && e.user_name === takahashiName);
      assert.ok(read, `the receiver's read is in the access log: ${JSON.stringify(log)}`);
      assert.equal(read.organisation_name, 'あおば町ひきこもりサポート事業');
      assert.ok(log.some((e) => e.log === 'reads' && e.entity === 'case' && e.entity_id === caseId && e.user_name === suzukiName && e.action === 'read'));
      assert.ok(log.some((e) => e.log === 'main' && e.action === 'create' && e.entity === 'contact'), 'writes of the case records too');
      const times = log.map((e) => e.at);
      assert.deepEqual(times, [...times].sort(), 'oldest first');
      assert.equal(JSON.stringify(log).includes('"client"'), false, 'no addresses of staff');
    });

    test('producing it is one audit entry, with the reason', async () => {
      const before = allAudit(server);
      const r = await disclose(sato, subjectId, { reason: '  本人からの開示請求（二回目）  ' });
      assert.equal(r.status, 200, r.text);
      assert.equal(allAudit(server), before + 1);
      const rows = sql(server, `SELECT action || '|' || entity || '|' || entity_id || '|' || detail FROM audit_log WHERE action = 'disclose' ORDER BY seq`).trim().split('\n');
      assert.equal(rows.at(-1), `disclose|person|${subjectId}|本人からの開示請求（二回目）`);
      // The access log of a later disclosure shows the earlier one.
      const again = await disclose(sato, subjectId);
      assert.ok(again.json.access_log.some((e) => e.action === 'disclose' && e.entity_id === subjectId));
    });

    test('a missing, empty or too long reason: 400 in Japanese, nothing written', async () => {
      for (const body of [{}, { reason: '' }, { reason: '　 ' }, { reason: 'あ'.repeat(2000) }, { reason: 42 }]) {
        const before = allAudit(server);
        const r = await disclose(sato, subjectId, body);
        assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 40)}: ${r.text}`);
        assert.equal(r.json.code, 'validation_failed');
        const e = r.json.errors.find((x) => x.field === 'reason');
        assert.ok(e && /[ぁ-んァ-ン一-龯]/.test(e.detail), r.text);
        assert.equal(allAudit(server), before, 'no audit entry');
      }
    });

    test('only supervisors of the organisation: 403 for other roles, 404 for another organisation and unknown ids', async () => {
      const coordinator = await disclose(suzuki, subjectId);
      assert.equal(coordinator.status, 403);
      assert.equal(coordinator.json.code, 'forbidden');
      assert.equal((await disclose(admin, subjectId)).status, 403, 'admin has no case content');
      const other = await disclose(ito, subjectId);
      assert.equal(other.status, 404);
      assert.equal(other.json.code, 'not_found');
      assert.equal(JSON.stringify(other.json).includes('開示 太郎'), false);
      const unknown = await disclose(sato, 'NO-SUCH-PERSON');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.json.code, 'not_found');
      assert.equal(count(server, `SELECT COUNT(*) FROM audit_log WHERE action = 'disclose' AND entity_id IN ('NO-SUCH-PERSON')`), 0);
    });

    test("a family member's disclosure: their own record, not 本人's", async () => {
      const r = await disclose(sato, motherId, { reason: '母からの開示請求（令和8年12月6日受付）' });
      assert.equal(r.status, 200, r.text);
      const d = r.json;
      assert.equal(d.person.id, motherId);
      assert.equal(d.person.name, '開示 花子');
      const [c] = d.cases;
      assert.equal(c.id, caseId);
      assert.equal(c.role, '母');
      assert.equal(c.limited, true);
      assert.match(c.notice, /ご本人の個人情報/);
      assert.equal(c.case.opened_on.length, 10);
      assert.deepEqual(c.contacts.map((x) => [x.channel, x.counterpart]), [['電話', '母']], 'only the contacts with the mother');
      const text = JSON.stringify(d);
      assert.equal(c.case.title, undefined, "the case's title is 本人's record (the household's label, which intake copies from it, stays: the household is the mother's too)");
      for (const secret of ['母の話', '本人のことば', 'アセスメントの関心', '計画の希望', '090-1111-2222'])
        assert.equal(text.includes(secret), false, `${secret} is 本人's record`);
      for (const key of ['assessments', 'plans', 'consents', 'referrals']) assert.equal(c[key], undefined, key);
      assert.equal(d.access_log.some((e) => e.entity === 'referral_share' || e.entity === 'contact'), false);
      assert.ok(d.access_log.some((e) => e.entity === 'case' && e.entity_id === caseId));
    });
  });
}
