// Assessments (issue 3, point 4): repeatable with history, the outing
// classification derived by the server (descriptive only), comparison of two
// assessments, 412 on stale edits, bad input and other organisations' ids
// refused with nothing written.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { newCase, count, day } from '../support/case_work.mjs';

const FULL = {
  outing_level: '自室からほとんど出ない',
  outing_since: day(-400),
  withdrawal_phase: 'ひきこもり段階',
  mental_background: '医師から不安障害と言われた（本人の話）',
  support_group: '第1群',
  side_physical: '昼夜逆転',
  side_psychological: '人の目が気になる',
  side_social: '母と二人暮らし',
  life_difficulties: ['対人的', '学業的'],
  distress: '「何もできていない気がする」',
  family_distress: '母が眠れない',
  strengths: '料理ができる',
  interests: '鉄道',
  triggers: ['不登校'],
};

for (const kind of DATABASES) {
  describe(`assessments (${kind})`, () => {
    let server, suzuki, takahashi, analyst, c;
    before(async () => {
      server = await startServer({ db: kind });
      suzuki = await signedIn(server.url, 'coordinator');
      takahashi = await signedIn(server.url, 'other_coordinator');
      analyst = await signedIn(server.url, 'analyst');
      c = await newCase(suzuki, server);
    });
    after(async () => { await server?.stop(); });

    test('the server derives 狭義/準/該当なし and 広義 with its reasons, and says it is descriptive', async () => {
      const r = await suzuki.post(`/api/v1/cases/${c.id}/assessments`, { ...FULL, assessed_on: day(-30) });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.headers.get('etag'), '"1"');
      const a = r.json;
      assert.equal(a.case_id, c.id);
      assert.equal(a.outing_class, '狭義');
      assert.equal(a.outing_broad, true);
      assert.ok(a.outing_reasons.some((s) => s.includes('6か月以上')));
      assert.match(a.outing_class_note, /支援を受けられるかどうかを決めるものではありません/);
      assert.deepEqual(a.life_difficulties, ['学業的', '対人的'], 'stored in the order of the enumeration');
      assert.equal(a.support_group_description, '統合失調症・気分障害・不安障害等');
      assert.equal(a.outing_duration, '1年～2年未満');

      const semi = await suzuki.post(`/api/v1/cases/${c.id}/assessments`,
        { assessed_on: day(-20), outing_level: '趣味の用事のときだけ外出する', outing_duration_band: '2年～3年未満' });
      assert.equal(semi.json.outing_class, '準');
      const short = await suzuki.post(`/api/v1/cases/${c.id}/assessments`,
        { assessed_on: day(0), outing_level: '自室からほとんど出ない', outing_since: day(-60) });
      assert.equal(short.json.outing_class, '該当なし');
      assert.equal(short.json.outing_broad, false);
      const employed = await suzuki.post(`/api/v1/cases/${c.id}/assessments`,
        { assessed_on: day(0), outing_level: '自室からほとんど出ない', outing_duration_band: '10年以上', employed: true });
      assert.equal(employed.json.outing_class, '該当なし');
      assert.ok(employed.json.outing_reasons.some((s) => s.includes('就業者')));
      const homemaker = await suzuki.post(`/api/v1/cases/${c.id}/assessments`, {
        assessed_on: day(0), outing_level: '近所のコンビニなどには出かける', outing_duration_band: '10年以上',
        homemaker_or_childcare: true, talked_with_non_family: true });
      assert.equal(homemaker.json.outing_class, '該当なし');
      const none = await suzuki.post(`/api/v1/cases/${c.id}/assessments`, { assessed_on: day(0), strengths: '絵' });
      assert.equal(none.status, 201);
      assert.equal(none.json.outing_class, null);
    });

    test('history lists newest first and compare shows what changed', async () => {
      const cc = await newCase(suzuki, server, '比較用ケース');
      const first = (await suzuki.post(`/api/v1/cases/${cc.id}/assessments`, { ...FULL, assessed_on: day(-200) })).json;
      const second = (await suzuki.post(`/api/v1/cases/${cc.id}/assessments`, {
        ...FULL, assessed_on: day(-10), outing_level: '近所のコンビニなどには出かける', outing_since: day(-100),
        life_difficulties: ['対人的'], triggers: ['不登校', '人間関係'] })).json;
      const list = await suzuki.get(`/api/v1/cases/${cc.id}/assessments`);
      assert.equal(list.status, 200);
      assert.deepEqual(list.json.items.map((a) => a.id), [second.id, first.id]);

      const cmp = await suzuki.get(`/api/v1/cases/${cc.id}/assessments/compare`);
      assert.equal(cmp.status, 200, cmp.text);
      assert.equal(cmp.json.from.id, first.id);
      assert.equal(cmp.json.to.id, second.id);
      const by = Object.fromEntries(cmp.json.changes.map((x) => [x.field, x]));
      assert.equal(by.outing_level.changed, true);
      assert.equal(by.outing_level.from, '自室からほとんど出ない');
      assert.equal(by.outing_level.to, '近所のコンビニなどには出かける');
      assert.equal(by.outing_class.from, '狭義');
      assert.equal(by.outing_class.to, '該当なし');
      assert.equal(by.strengths.changed, false);
      assert.deepEqual(by.life_difficulties.removed, ['学業的']);
      assert.deepEqual(by.triggers.added, ['人間関係']);
      assert.equal(cmp.json.changed_count, cmp.json.changes.filter((x) => x.changed).length);

      const explicit = await suzuki.get(`/api/v1/cases/${cc.id}/assessments/compare?from=${second.id}&to=${first.id}`);
      assert.equal(explicit.json.from.id, second.id);
      const foreign = (await suzuki.post(`/api/v1/cases/${c.id}/assessments`, { assessed_on: day(0) })).json;
      assert.equal((await suzuki.get(`/api/v1/cases/${cc.id}/assessments/compare?from=${first.id}&to=${foreign.id}`)).status, 404);
      assert.equal((await suzuki.get(`/api/v1/cases/${cc.id}/assessments/compare?from=${first.id}`)).status, 400);
      const lone = await newCase(suzuki, server, '一回だけのケース');
      const one = await suzuki.get(`/api/v1/cases/${lone.id}/assessments/compare`);
      assert.equal(one.status, 200);
      assert.equal(one.json.from, null);
      assert.deepEqual(one.json.changes, []);
    });

    test('the /api/v1/assessments collection names the case', async () => {
      const r = await suzuki.post('/api/v1/assessments', { case_id: c.id, assessed_on: day(0), interests: '音楽' });
      assert.equal(r.status, 201, r.text);
      const g = await suzuki.get(`/api/v1/assessments?case_id=${c.id}`);
      assert.equal(g.status, 200);
      assert.ok(g.json.items.some((a) => a.id === r.json.id));
      assert.equal((await suzuki.post('/api/v1/assessments', { assessed_on: day(0) })).status, 400);
      assert.equal((await suzuki.get('/api/v1/assessments')).status, 400);
      const one = await suzuki.get(`/api/v1/assessments/${r.json.id}`);
      assert.equal(one.status, 200);
      assert.equal(one.headers.get('etag'), '"1"');
    });

    test('edits need the version they were based on: 428 without, 412 when stale', async () => {
      const a = (await suzuki.post(`/api/v1/cases/${c.id}/assessments`, { ...FULL, assessed_on: day(-5) })).json;
      const body = { ...FULL, assessed_on: day(-5), strengths: '料理と掃除ができる' };
      assert.equal((await suzuki.put(`/api/v1/assessments/${a.id}`, body)).status, 428);
      const ok = await suzuki.put(`/api/v1/assessments/${a.id}`, body, { 'if-match': '"1"' });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.version, 2);
      assert.equal(ok.json.strengths, '料理と掃除ができる');
      const stale = await suzuki.put(`/api/v1/assessments/${a.id}`, { ...body, strengths: '上書き' }, { 'if-match': '"1"' });
      assert.equal(stale.status, 412);
      assert.equal(stale.json.code, 'version_conflict');
      assert.equal(stale.json.current.strengths, '料理と掃除ができる');
    });

    test('bad input is refused with field errors and nothing is written', async () => {
      const before = count(server, 'assessments');
      const bad = [
        [{ assessed_on: day(0), outing_level: '毎日外出する' }, 'outing_level'],
        [{ assessed_on: day(1) }, 'assessed_on'],
        [{ assessed_on: '2025-02-29' }, 'assessed_on'],
        [{}, 'assessed_on'],
        [{ assessed_on: day(0), outing_level: '自室からほとんど出ない', outing_since: day(1) }, 'outing_since'],
        [{ assessed_on: day(-10), outing_level: '自室からほとんど出ない', outing_since: day(-5) }, 'outing_since'],
        [{ assessed_on: day(0), outing_level: '自室からほとんど出ない', outing_duration_band: '半年' }, 'outing_duration_band'],
        [{ assessed_on: day(0), outing_level: '自室からほとんど出ない', outing_since: day(-400), outing_duration_band: '10年以上' }, 'outing_duration_band'],
        [{ assessed_on: day(0), withdrawal_phase: '回復段階' }, 'withdrawal_phase'],
        [{ assessed_on: day(0), support_group: '第4群' }, 'support_group'],
        [{ assessed_on: day(0), triggers: ['失恋'] }, 'triggers'],
        [{ assessed_on: day(0), triggers: ['不登校', '不登校'] }, 'triggers'],
        [{ assessed_on: day(0), life_difficulties: '対人的' }, 'life_difficulties'],
        [{ assessed_on: day(0), strengths: 'あ'.repeat(2001) }, 'strengths'],
        [{ assessed_on: day(0), employed: 'はい' }, 'employed'],
      ];
      for (const [body, field] of bad) {
        const r = await suzuki.post(`/api/v1/cases/${c.id}/assessments`, body);
        assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 80)} → ${r.status}`);
        assert.equal(r.json.code, 'validation_failed');
        assert.ok(r.json.errors.some((e) => e.field === field), `${field}: ${JSON.stringify(r.json.errors)}`);
      }
      assert.equal(count(server, 'assessments'), before);
    });

    test("another organisation's case and assessment answer 404 and nothing is written", async () => {
      const a = (await suzuki.post(`/api/v1/cases/${c.id}/assessments`, { assessed_on: day(0) })).json;
      const before = count(server, 'assessments');
      assert.equal((await takahashi.get(`/api/v1/cases/${c.id}/assessments`)).status, 404);
      assert.equal((await takahashi.get(`/api/v1/cases/${c.id}/assessments/compare`)).status, 404);
      assert.equal((await takahashi.post(`/api/v1/cases/${c.id}/assessments`, { assessed_on: day(0) })).status, 404);
      assert.equal((await takahashi.post('/api/v1/assessments', { case_id: c.id, assessed_on: day(0) })).status, 404);
      assert.equal((await takahashi.get(`/api/v1/assessments/${a.id}`)).status, 404);
      assert.equal((await takahashi.put(`/api/v1/assessments/${a.id}`, { assessed_on: day(0) }, { 'if-match': '"1"' })).status, 404);
      assert.equal((await suzuki.get('/api/v1/assessments/nope')).status, 404);
      assert.equal((await analyst.get(`/api/v1/cases/${c.id}/assessments`)).status, 403);
      assert.equal(count(server, 'assessments'), before);
    });
  });
}
