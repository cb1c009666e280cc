// Whose consent it is (issue 15 point 2). A mother's consent is recorded as
// hers and opens no sharing of 本人's information; 本人's own consent cannot
// be recorded while 本人 does not know about the consultation; a 法定代理人's
// consent, with its basis, is 本人同意; the bases that remain without it
// (支援会議, 第27条第1項 with its reason) still work. Old free-text records are
// read by the same rule (unit test of migration 0027 in consent_giver_test).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { count } from '../support/case_rows.mjs';

const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);

for (const kind of DATABASES) {
  describe(`whose consent it is (${kind})`, () => {
    let server, suzuki, ito, linked, unaware, mother;
    const consents = () => count(server, 'SELECT COUNT(*) FROM consents');
    const consent = (caseId, fields) => suzuki.post(`/api/v1/cases/${caseId}/consents`,
      { method: '口頭', given_on: today(), scope: ['summary'], destination_resource_id: linked.id, ...fields });
    const refer = (caseId, fields) => suzuki.post(`/api/v1/cases/${caseId}/referrals`,
      { resource_id: linked.id, purpose: '居場所の利用', shared_parts: ['summary'], ...fields });

    before(async () => {
      server = await startServer({ db: kind });
      [suzuki, ito] = await Promise.all([signedIn(server.url, 'coordinator'), signedIn(server.url, 'other_supervisor')]);
      const aoba = (await ito.get('/api/v1/session')).json.user.organisation_id;
      linked = (await ito.post('/api/v1/resources', { name: 'あおば町の窓口', category: '他のひきこもり地域支援センター', linked_organisation_id: aoba })).json;
      const c = await suzuki.post('/api/v1/cases', {
        title: '母からの相談（本人は知らない）', intake_route: '家族', caller_relation: '母', subject_awareness: '知らない',
        caller: { naming: 'named', name: '山田 花子', relation: '母' },
      });
      assert.equal(c.status, 201, c.text);
      unaware = c.json;
      const members = unaware.household?.members ?? [];
      mother = members.find((m) => m.relation === '母');
      assert.ok(mother, JSON.stringify(unaware.household));
    });
    after(async () => { await server?.stop(); });

    test("a mother's consent is hers: recorded, never 本人同意", async () => {
      const before = consents();
      const own = await consent(unaware.id, { giver: '本人' });
      assert.equal(own.status, 400);
      assert.match(own.json.errors.find((e) => e.field === 'giver').detail, /知らない/);
      assert.equal(consents(), before);

      const hers = await consent(unaware.id, { giver: '家族', giver_person_id: mother.person_id ?? mother.id });
      assert.equal(hers.status, 201, hers.text);
      assert.equal(hers.json.giver, '家族');
      assert.match(hers.json.given_by, /^母/);
      assert.equal(hers.json.subject_basis, false);

      const r = await refer(unaware.id, { basis: '本人同意', consent_id: hers.json.id });
      assert.equal(r.status, 400);
      assert.match(r.json.errors.find((e) => e.field === 'consent_id').detail, /家族の同意は/);
      assert.equal(count(server, `SELECT COUNT(*) FROM referrals WHERE case_id = '${unaware.id}'`), 0);

      // What remains: 第27条第1項 with its reason.
      const exception = await refer(unaware.id, { basis: '個人情報保護法第27条第1項', basis_reason: '生命・身体の保護のため本人の同意を得ることが困難' });
      assert.equal(exception.status, 201, exception.text);
    });

    test('a family member is one of the household, or named; the old free text is read by the same rule', async () => {
      const stranger = await consent(unaware.id, { giver: '家族', giver_person_id: 'no-such-person' });
      assert.equal(stranger.status, 400);
      assert.ok(stranger.json.errors.some((e) => e.field === 'giver_person_id'));
      assert.equal((await consent(unaware.id, { giver: '家族' })).status, 400, 'who in the family');
      const named = await consent(unaware.id, { giver: '家族', given_by: '姉' });
      assert.equal(named.status, 201);
      assert.equal(named.json.subject_basis, false);
      const old = await consent(unaware.id, { given_by: '母' });
      assert.equal(old.json.giver, '家族', 'without giver, 母 is 家族');
      assert.equal((await consent(unaware.id, { giver: '友人' })).status, 400);
    });

    test("a legal representative's consent, within its basis, is 本人同意", async () => {
      const noBasis = await consent(unaware.id, { giver: '法定代理人', given_by: '後見 太郎' });
      assert.equal(noBasis.status, 400);
      assert.ok(noBasis.json.errors.some((e) => e.field === 'representative_basis'));
      const rep = await consent(unaware.id, { giver: '法定代理人', given_by: '後見 太郎', representative_basis: '成年後見人' });
      assert.equal(rep.status, 201, rep.text);
      assert.equal(rep.json.subject_basis, true);
      const r = await refer(unaware.id, { basis: '本人同意', consent_id: rep.json.id });
      assert.equal(r.status, 201, r.text);
    });

    test("本人's own consent once 本人 knows; the old API's 「本人」 is 本人", async () => {
      const c = await suzuki.post('/api/v1/cases', { title: '本人が知っているケース', intake_route: '本人', subject_awareness: '知っている' });
      const own = await consent(c.json.id, { given_by: '本人' });
      assert.equal(own.status, 201, own.text);
      assert.equal(own.json.giver, '本人');
      assert.equal(own.json.subject_basis, true);
      assert.equal((await refer(c.json.id, { basis: '本人同意', consent_id: own.json.id })).status, 201);
    });
  });
}
