// Nothing internal to the sender reaches the receiving organisation (issue
// 13 point 9; service/referral_view.h). さくら市ステーション (suzuki, sato)
// refers a case sharing every part to あおば町サポート事業 (takahashi, ito);
// every answer the receiver gets about it — inbox, the referral, the shared
// parts (current and, after the referral ended, as kept), accept / decline /
// 支援中 / feedback answers, a 412's `current`, the timeline and detail of its
// own linked case, its audit log — is searched as text for the sender's
// ids: its case, 本人, family member, household, contacts, assessment, plan,
// consent record and staff users.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);

for (const kind of DATABASES) {
  describe(`the receiver sees no internal id of the sender (${kind})`, () => {
    let server, suzuki, sato, takahashi, ito, linked;
    const secret = {};          // name → a sender-side id
    const answers = [];         // [what, text] of everything the receiver was told
    const heard = (what, r, ...ok) => {
      assert.ok(ok.length ? ok.includes(r.status) : r.status < 300, `${what}: ${r.status} ${r.text}`);
      answers.push([what, r.text]);
      return r;
    };
    const ok = (r, status = 201) => { assert.equal(r.status, status, r.text); return r.json; };

    before(async () => {
      server = await startServer({ db: kind });
      [suzuki, sato, takahashi, ito] = await Promise.all(
        ['coordinator', 'supervisor', 'other_coordinator', 'other_supervisor'].map((w) => signedIn(server.url, w)));
      const admin = await signedIn(server.url, 'admin');
      const aoba = (await admin.get('/api/v1/organisations')).json.items.find((o) => o.name === 'あおば町ひきこもりサポート事業');
      linked = ok(await ito.post('/api/v1/resources', { name: 'あおば町サポート事業', category: '他のひきこもり地域支援センター', linked_organisation_id: aoba.id }));

      secret.suzuki = (await suzuki.get('/api/v1/session')).json.user.id;
      secret.sato = (await sato.get('/api/v1/session')).json.user.id;
      const c = ok(await suzuki.post('/api/v1/cases', {
        title: 'Eさん（20代）', intake_route: '家族', subject_awareness: '知っている',
        subject: { naming: 'named', name: '五十嵐 遥', age_band: '20代' },
        caller: { naming: 'named', name: '五十嵐 薫', relation: '母', age_band: '50代' },
      }));
      secret.case = c.id;
      secret.subject = c.subject.id;
      secret.household = c.household_id;
      secret.mother = c.household.members.find((m) => m.relation === '母').person_id;
      const contact = (minutes, note) => suzuki.post(`/api/v1/cases/${c.id}/contacts`, {
        occurred_at: new Date(Date.now() - minutes * 60e3).toISOString(), channel: '電話', counterpart: '母', subject_met: false, note });
      secret.contact1 = ok(await contact(90, '母より電話。本人は夜に散歩している。')).id;
      secret.contact2 = ok(await contact(30, '母より電話。本人が絵を描き始めた。')).id;
      secret.assessment = ok(await suzuki.post(`/api/v1/cases/${c.id}/assessments`, {
        assessed_on: today(), outing_level: '近所のコンビニなどには出かける', interests: '絵を描くこと' })).id;
      secret.plan = ok(await suzuki.post(`/api/v1/cases/${c.id}/plans`, { title: '居場所を見学する', wish: '静かな場所なら行ってみたい',
        goals: [{ axis: '社会生活自立', term: '短期', words: '居場所を一度見学する' }] })).id;
      secret.consent = ok(await suzuki.post(`/api/v1/cases/${c.id}/consents`, { given_by: '本人', method: '書面', given_on: today(),
        scope: ['summary', 'contacts', 'assessments', 'plans'], destination_resource_id: linked.id })).id;
      for (const [name, id] of Object.entries(secret)) assert.ok(typeof id === 'string' && id.length >= 8, `${name}: ${id}`);
    });
    after(async () => { await server?.stop(); });

    test('every answer about the referral, through its life, carries none of the sender\'s ids', async () => {
      const refer = (purpose) => suzuki.post(`/api/v1/cases/${secret.case}/referrals`, {
        resource_id: linked.id, purpose, basis: '本人同意', consent_id: secret.consent,
        shared_parts: ['summary', 'contacts', 'assessments', 'plans'], note: '母の了解も得ています',
      });
      const taken = ok(await refer('居場所の利用を本人が希望'));
      const declined = ok(await refer('就労体験の相談'));

      heard('inbox', await takahashi.get('/api/v1/referrals/inbox'));
      heard('inbox 依頼', await takahashi.get(`/api/v1/referrals/inbox?state=${encodeURIComponent('依頼')}`));
      heard('referral', await takahashi.get(`/api/v1/referrals/${taken.id}`));
      const shared = heard('shared', await takahashi.get(`/api/v1/referrals/${taken.id}/shared`)).json;
      assert.deepEqual(Object.keys(shared.content).sort(), ['assessments', 'contacts', 'plans', 'summary']);
      assert.equal(shared.content.contacts.length, 2, 'the contacts themselves are shared');
      heard('shared (declined one)', await ito.get(`/api/v1/referrals/${declined.id}/shared`));
      heard('stale decline: 412', await takahashi.post(`/api/v1/referrals/${declined.id}/events`, { to: '辞退', note: '定員のため' }, { 'if-match': '"99"' }), 412);
      heard('decline', await takahashi.post(`/api/v1/referrals/${declined.id}/events`, { to: '辞退', note: '定員のため' }, { 'if-match': `"${declined.version}"` }));
      heard('shared after decline (kept)', await ito.get(`/api/v1/referrals/${declined.id}/shared`));
      const accepted = heard('accept', await takahashi.post(`/api/v1/referrals/${taken.id}/accept`, { note: '面談日を調整します' })).json;
      const receiverCase = accepted.receiver_case_id;
      assert.ok(receiverCase);
      heard('feedback', await takahashi.post(`/api/v1/referrals/${taken.id}/feedback`, { note: '初回面談。居場所の見学を予定。' }));
      heard('支援中', await ito.post(`/api/v1/referrals/${taken.id}/events`, { to: '支援中', note: '見学に来られた' }, { 'if-match': `"${accepted.version}"` }));
      heard('referral again', await ito.get(`/api/v1/referrals/${taken.id}`));
      heard('inbox again', await ito.get('/api/v1/referrals/inbox'));
      heard('own case', await takahashi.get(`/api/v1/cases/${receiverCase}`));
      const tl = heard('own case timeline', await takahashi.get(`/api/v1/cases/${receiverCase}/timeline`)).json;
      assert.ok(tl.items.some((x) => x.kind === 'referral' && x.summary.includes('依頼')), 'the sender\'s 依頼 is on the receiver\'s timeline');
      heard('own case referrals timeline', await ito.get(`/api/v1/cases/${receiverCase}/timeline?kinds=referral`));
      heard('audit log of the receiving organisation', await ito.get('/api/v1/audit?limit=200'));

      // The receiver was told something: the test looks at real answers.
      assert.ok(answers.every(([, text]) => text.length > 20));
      assert.ok(answers.find(([what]) => what === 'shared')[1].includes('絵を描き始めた'));
      const leaks = [];
      for (const [what, text] of answers)
        for (const [name, id] of Object.entries(secret))
          if (text.includes(id)) leaks.push(`${what}: ${name}`);
      assert.deepEqual(leaks, [], 'sender-side ids in the receiver\'s answers');
    });

    test('the sender still sees its own ids', async () => {
      const mine = (await suzuki.get(`/api/v1/cases/${secret.case}/referrals`)).json.items;
      assert.ok(mine.length >= 1 && mine.every((r) => r.case_id === secret.case && r.consent_id === secret.consent));
      const sent = (await sato.get('/api/v1/referrals')).json.items;
      assert.ok(sent.some((r) => r.case_id === secret.case));
      const one = (await suzuki.get(`/api/v1/referrals/${mine[0].id}`)).json;
      assert.equal(one.case_id, secret.case);
      assert.equal(one.side, 'sender');
      const shared = (await suzuki.get(`/api/v1/referrals/${mine[0].id}/shared`)).json;
      assert.equal(shared.consent_id, secret.consent);
      // The sender's own staff keep their ids on the sender's timeline.
      const tl = (await suzuki.get(`/api/v1/cases/${secret.case}/timeline?kinds=referral`)).json.items;
      assert.ok(tl.some((x) => x.kind === 'referral' && x.by_id === secret.suzuki));
    });
  });
}
