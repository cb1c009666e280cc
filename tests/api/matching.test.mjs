// Matching (issue 4 point 7): for a case, the directory's resources ranked
// against the latest assessment's 興味関心 and できること and the person's
// limits (age, sex, online only, cost, area), each with its reasons in
// Japanese. It only suggests: the read writes nothing but its audit entry.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { count, AUDIT_ENTRIES } from '../support/case_rows.mjs';

const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
const base = { category: '民間支援団体（当事者団体・NPO法人等）', gender: '指定なし', in_person: true, online: false, cost: '無料', tags: [] };

for (const kind of DATABASES) {
  describe(`matching (${kind})`, () => {
    let server, suzuki, sato, takahashi, caseId, res = {};
    const writes = () => ['referrals', 'consents', 'referral_disclosures', 'resources', 'assessments', 'cases']
      .map((t) => count(server, `SELECT COUNT(*) FROM ${t}`)).join(',');

    before(async () => {
      server = await startServer({ db: kind });
      [suzuki, sato, takahashi] = await Promise.all(['coordinator', 'supervisor', 'other_coordinator'].map((w) => signedIn(server.url, w)));
      const areas = (await suzuki.get('/api/v1/areas')).json.items;
      const district = areas.find((a) => a.name === 'さくら中央地区');
      const city = areas.find((a) => a.id === district.parent_id);
      const otherTown = areas.find((a) => a.name === 'あおば町');
      const add = async (key, body) => {
        const r = await sato.post('/api/v1/resources', { ...base, ...body });
        assert.equal(r.status, 201, r.text);
        res[key] = r.json.id;
      };
      await add('atelier', { name: 'アトリエ居場所さくら', services: '絵を描く・工作の居場所', area_id: city.id, age_min: 15, age_max: 39 });
      await add('online', { name: 'オンライン交流会', services: 'オンラインでボードゲーム', tags: ['ゲーム'], in_person: false, online: true });
      await add('women', { name: '女子会ひだまり', services: '絵を描く会', gender: '女性のみ' });
      await add('older', { name: '40歳からの居場所', services: '絵を描く', age_min: 40 });
      await add('paid', { name: 'パソコン教室', services: 'パソコンの使い方', cost: '有料' });
      await add('far', { name: 'あおば町の農園', services: '農作業体験', area_id: otherTown.id });

      const c = await suzuki.post('/api/v1/cases', {
        title: 'Cさん（20代男性）', intake_route: '家族', subject_awareness: '知っている',
        subject: { naming: 'pseudonym', name: 'Cさん', sex: '男性', age_band: '20代', district_id: district.id },
        caller: { naming: 'named', name: '佐伯 和子', relation: '母' },
      });
      assert.equal(c.status, 201, c.text);
      caseId = c.json.id;
      const a = await suzuki.post(`/api/v1/cases/${caseId}/assessments`, {
        assessed_on: today(), outing_level: '自室からは出るが、家からは出ない', outing_duration_band: '1年～2年未満',
        interests: '絵を描くこと、ゲーム', strengths: 'パソコンが得意',
      });
      assert.equal(a.status, 201, a.text);
    });
    after(async () => { await server?.stop(); });

    const find = (list, key) => list.find((i) => i.resource.id === res[key]);

    test('ranks by interests and strengths and explains why', async () => {
      const r = await suzuki.get(`/api/v1/cases/${caseId}/matches?limit=100`);
      assert.equal(r.status, 200, r.text);
      const m = r.json;
      assert.deepEqual(m.profile.interests, ['絵を描く', 'ゲーム']);
      assert.deepEqual(m.profile.strengths, ['パソコン']);
      assert.equal(m.profile.age, '20代');
      assert.equal(m.profile.goes_out_little, true);
      assert.match(m.notice, /何も送信されていません/);

      const atelier = find(m.items, 'atelier'), online = find(m.items, 'online'), paid = find(m.items, 'paid'), far = find(m.items, 'far');
      assert.ok(atelier.reasons.includes('関心: 絵を描く に合う'), JSON.stringify(atelier));
      assert.ok(atelier.reasons.includes('対象年齢（15歳〜39歳）に入る'));
      assert.ok(atelier.reasons.includes('地域: さくら市 内'));
      assert.ok(online.reasons.includes('関心: ゲーム に合う'));
      assert.ok(online.reasons.includes('オンラインで参加できる（家から参加できる）'));
      assert.ok(paid.reasons.includes('できること: パソコン に合う'));
      assert.ok(far.cautions.some((c) => /本人の地域の外（あおば町）/.test(c)));
      // Highest first; the atelier (interest + age + area + free) leads ours.
      const order = m.items.map((i) => i.resource.id);
      assert.ok(order.indexOf(res.atelier) < order.indexOf(res.paid));
      assert.ok(order.indexOf(res.online) < order.indexOf(res.far));
      for (let i = 1; i < m.items.length; i++) assert.ok(m.items[i - 1].score >= m.items[i].score);

      // Excluded, with the reason, not hidden.
      assert.ok(!find(m.items, 'women') && !find(m.items, 'older'));
      assert.ok(find(m.excluded, 'women').cautions.includes('女性のみの場です'));
      assert.ok(find(m.excluded, 'older').cautions.includes('対象年齢（40歳〜）の外です'));
    });

    test('limits the person stated: online only, free only', async () => {
      const online = (await suzuki.get(`/api/v1/cases/${caseId}/matches?online_only=true&limit=100`)).json;
      assert.ok(find(online.excluded, 'atelier').cautions.some((c) => /オンラインでは参加できません/.test(c)));
      assert.ok(find(online.items, 'online'));
      const free = (await suzuki.get(`/api/v1/cases/${caseId}/matches?free_only=true&limit=100`)).json;
      assert.ok(find(free.excluded, 'paid').cautions.includes('有料です（無料の場のみの希望）'));
      const bad = await suzuki.get(`/api/v1/cases/${caseId}/matches?online_only=maybe`);
      assert.equal(bad.status, 400);
      assert.equal(bad.json.code, 'validation_failed');
      assert.equal(bad.json.errors[0].field, 'online_only');
      assert.equal((await suzuki.get(`/api/v1/cases/${caseId}/matches?limit=0`)).status, 400);
    });

    test('only suggests: nothing written except the audit entry of the read', async () => {
      const before = writes();
      const audits = count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES}`);
      assert.equal((await suzuki.get(`/api/v1/cases/${caseId}/matches`)).status, 200);
      assert.equal(writes(), before);
      assert.equal(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES}`), audits + 1);
      assert.equal(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND entity = 'case' AND entity_id = '${caseId}' AND detail = 'matches'`) >= 1, true);
    });

    test('another organisation gets 404, audited as denied', async () => {
      const r = await takahashi.get(`/api/v1/cases/${caseId}/matches`);
      assert.equal(r.status, 404);
      assert.ok(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'denied' AND entity = 'case' AND entity_id = '${caseId}'`) >= 1);
    });

    test('a case without assessment or known person still gets the directory, with cautions', async () => {
      const c = await suzuki.post('/api/v1/cases', { title: '匿名の相談', intake_route: '家族', subject_awareness: '不明' });
      assert.equal(c.status, 201, c.text);
      const m = (await suzuki.get(`/api/v1/cases/${c.json.id}/matches?limit=100`)).json;
      assert.deepEqual(m.profile.interests, []);
      assert.equal(m.profile.age, null);
      const atelier = find(m.items, 'atelier');
      assert.ok(atelier.cautions.some((x) => /本人の年齢がわからない/.test(x)));
      assert.ok(find(m.items, 'women').cautions.includes('女性のみの場です。本人の希望を確かめてください'));
    });
  });
}
