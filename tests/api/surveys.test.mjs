// 実態把握調査 (issue 18). さくら市ステーション (suzuki, coordinator) runs a survey of さくら市
// through its 民生委員: 中村 (nakamura, surveyor, さくら中央地区) answers on her phone, 木村
// (a second surveyor made here, ひがし台地区) too, and two paper respondents whose cards staff
// type. A respondent sees only their own cards, writes only for their own district and within
// the period; every answer is one of the item's choices (分からない included); bad input is
// refused in Japanese and writes nothing; duplicates are decided and the decision taken back;
// district rates need a population above zero; the Cabinet Office arithmetic and Chapman's
// estimate answer with their intervals and the key never leaves the server.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn, Client } from '../support/server.mjs';
import { count, AUDIT_ENTRIES } from '../support/case_rows.mjs';

const tokyoDay = (offsetDays = 0) => new Date(Date.now() + 9 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);
const ifMatch = (v) => ({ 'if-match': `"${v}"` });

// A whole card: every item of the template answered.
const fullAnswers = (over = {}) => ({
  age_band: '40代', gender: '男性', household: '高齢の親と同居（8050など）', duration: '10年以上',
  outing: '自室からは出るが、家からは出ない', trigger: ['退職'], support: '家族以外の支えは見当たらない',
  knows_centre: '分からない', needs: ['家族への支援', '訪問による支援'], custom_1: 'ある', ...over,
});

for (const kind of DATABASES) {
  describe(`surveys (${kind})`, () => {
    let server, suzuki, nakamura, kimura, takahashi, kobayashi, admin, sato, ito;
    let sakuraCity, aobaTown, chuo, higashi, kawabe, aobaHoncho, survey, me, paper1, paper2, kimuraResp;
    const rows = (table) => count(server, `SELECT COUNT(*) FROM ${table}`);

    before(async () => {
      server = await startServer({ db: kind });
      admin = await signedIn(server.url, 'admin');
      const orgs = (await admin.get('/api/v1/organisations')).json.items;
      const sakura = orgs.find((o) => o.name === 'さくら市ひきこもり支援ステーション');
      const areas = (await admin.get('/api/v1/areas')).json.items;
      sakuraCity = areas.find((a) => a.name === 'さくら市');
      aobaTown = areas.find((a) => a.name === 'あおば町');
      chuo = areas.find((a) => a.name === 'さくら中央地区');
      higashi = areas.find((a) => a.name === 'ひがし台地区');
      kawabe = areas.find((a) => a.name === 'かわべ地区');
      aobaHoncho = areas.find((a) => a.name === 'あおば本町地区');
      const u = await admin.post('/api/v1/users', { login: 'kimura', display_name: '木村 民夫', role: 'surveyor', organisation_id: sakura.id, password: 'minsei-iin-higashi-2' });
      assert.equal(u.status, 201, u.text);
      kimura = new Client(server.url);
      assert.equal((await kimura.login('kimura', 'minsei-iin-higashi-2')).status, 201);
      [suzuki, nakamura, takahashi, kobayashi, sato, ito] = await Promise.all(['coordinator', 'surveyor', 'other_coordinator', 'analyst', 'supervisor', 'other_supervisor'].map((w) => signedIn(server.url, w)));
    });
    after(async () => { await server?.stop(); });

    test('the template follows the seeds: every item offers 分からない, 外出状況 has the eight Cabinet Office levels', async () => {
      const r = await suzuki.get('/api/v1/survey-template');
      assert.equal(r.status, 200, r.text);
      const items = r.json.items;
      assert.deepEqual(items.map((i) => i.key), ['age_band', 'gender', 'household', 'duration', 'outing', 'trigger', 'support', 'knows_centre', 'needs']);
      for (const i of items) assert.equal(i.choices.at(-1), '分からない', i.key);
      const outing = items.find((i) => i.key === 'outing');
      assert.equal(outing.choices.length, 9);
      assert.equal(outing.choices[0], '仕事や学校で平日は毎日外出する');
      assert.equal(outing.choices[7], '自室からほとんど出ない');
      assert.ok(items.find((i) => i.key === 'household').choices.includes('高齢の親と同居（8050など）'));
    });

    test('staff create a survey of さくら市 with its respondents and an item of their own', async () => {
      const users = (await admin.get('/api/v1/users')).json.items;
      const nakamuraUser = users.find((x) => x.login === 'nakamura'), kimuraUser = users.find((x) => x.login === 'kimura');
      const r = await suzuki.post('/api/v1/surveys', {
        year: 2026, title: 'テスト調査', area_id: sakuraCity.id, respondent_kind: '民生委員・児童委員',
        starts_on: tokyoDay(-10), ends_on: tokyoDay(10),
        custom_items: [{ label: '生活に困っている様子があるか', choices: ['ある', 'ない'] }],
        respondents: [
          { label: '民生委員 中村', district_id: chuo.id, user_id: nakamuraUser.id },
          { label: '民生委員 木村', district_id: higashi.id, user_id: kimuraUser.id },
          { label: '民生委員 A（紙）', district_id: kawabe.id },
          { label: '民生委員 B（紙）', district_id: kawabe.id },
        ],
      });
      assert.equal(r.status, 201, r.text);
      survey = r.json;
      assert.equal(survey.area_name, 'さくら市');
      assert.deepEqual(survey.items.at(-1), { key: 'custom_1', label: '生活に困っている様子があるか', choices: ['ある', 'ない', '分からない'], multiple: false, custom: true });
      assert.equal(survey.districts.length, 8);
      assert.ok(!survey.districts.some((d) => d.id === aobaHoncho.id));
      const resp = (await suzuki.get(`/api/v1/surveys/${survey.id}/respondents`)).json.items;
      assert.equal(resp.length, 4);
      paper1 = resp.find((x) => x.label === '民生委員 A（紙）');
      paper2 = resp.find((x) => x.label === '民生委員 B（紙）');
      kimuraResp = resp.find((x) => x.label === '民生委員 木村');
    });

    test('a wrong survey is refused field by field in Japanese; nothing written', async () => {
      const before = [rows('surveys'), rows('survey_respondents')];
      const r = await suzuki.post('/api/v1/surveys', {
        year: 2026, title: '', area_id: chuo.id, respondent_kind: '町内会', starts_on: tokyoDay(5), ends_on: tokyoDay(-5),
        custom_items: [{ label: '空の設問', choices: [] }],
        respondents: [{ label: 'X', district_id: aobaHoncho.id }],
      });
      assert.equal(r.status, 400);
      const byField = Object.fromEntries(r.json.errors.map((e) => [e.field, e.detail]));
      for (const f of ['title', 'area_id', 'respondent_kind', 'ends_on', 'custom_items[0].choices']) assert.ok(byField[f], `${f}: ${r.text}`);
      assert.match(byField.area_id, /市区町村か都道府県/);
      const other = await suzuki.post('/api/v1/surveys', {
        year: 2026, title: 'X', area_id: sakuraCity.id, respondent_kind: '民生委員・児童委員', starts_on: tokyoDay(-1), ends_on: tokyoDay(1),
        respondents: [{ label: 'X', district_id: aobaHoncho.id }, { label: 'Y', district_id: chuo.id, user_id: (await suzuki.get('/api/v1/session')).json.user.id }],
      });
      assert.equal(other.status, 400);
      assert.match(other.json.errors.find((e) => e.field === 'respondents[0].district_id').detail, /対象地域の地区ではありません/);
      assert.match(other.json.errors.find((e) => e.field === 'respondents[1].user_id').detail, /調査員/);
      assert.deepEqual([rows('surveys'), rows('survey_respondents')], before);
    });

    test('中村さん drafts a card on her phone, sends it, and cannot change it once sent', async () => {
      const list = (await nakamura.get('/api/v1/surveys')).json.items;
      assert.ok(list.some((s) => s.id === survey.id));
      const detail = await nakamura.get(`/api/v1/surveys/${survey.id}`);
      assert.equal(detail.status, 200, detail.text);
      me = detail.json.my_respondent;
      assert.equal(me.district_name, 'さくら中央地区');
      const draft = await nakamura.post(`/api/v1/surveys/${survey.id}/cards`, { answers: { age_band: '40代', gender: '男性' } });
      assert.equal(draft.status, 201, draft.text);
      assert.equal(draft.json.state, '下書き');
      assert.equal(draft.json.district_id, chuo.id);
      assert.equal(draft.json.reported_on, tokyoDay(0));
      assert.equal('name' in draft.json || 'address' in draft.json, false);
      const sent = await nakamura.put(`/api/v1/survey-cards/${draft.json.id}`, { answers: fullAnswers(), state: '送信済み' }, ifMatch(draft.json.version));
      assert.equal(sent.status, 200, sent.text);
      assert.equal(sent.json.state, '送信済み');
      assert.equal(sent.json.household, '高齢の親と同居（8050など）');
      const again = await nakamura.put(`/api/v1/survey-cards/${draft.json.id}`, { answers: fullAnswers({ age_band: '50代' }) }, ifMatch(sent.json.version));
      assert.equal(again.status, 409);
      assert.equal(again.json.code, 'card_sent');
      const audits = count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE entity = 'survey_card' AND entity_id = '${draft.json.id}'`);
      assert.equal(audits, 2); // created, then sent
    });

    test('a card outside the area, outside her district, outside the period, or with an answer not among the choices is refused; nothing written', async () => {
      const before = rows('survey_cards');
      const cases = [
        [{ district_id: aobaHoncho.id, answers: fullAnswers() }, 'district_id', /調査の対象地域（さくら市）の外です/],
        [{ district_id: higashi.id, answers: fullAnswers() }, 'district_id', /ご担当の地区（さくら中央地区）の調査票だけ/],
        [{ reported_on: tokyoDay(-30), answers: fullAnswers() }, 'reported_on', /調査期間.*の外です/],
        [{ answers: fullAnswers({ outing: 'ときどき外出する' }) }, 'answers.outing', /「ふだんの外出の様子（外出状況）」の回答「ときどき外出する」は選択肢にありません/],
        [{ answers: fullAnswers({ needs: ['居場所', '分からない'] }) }, 'answers.needs', /ほかの回答と一緒に選べません/],
        [{ answers: fullAnswers({ gender: ['男性', '女性'] }) }, 'answers.gender', /1つだけ選んで/],
        [{ answers: { ...fullAnswers(), name: '山田 太郎' } }, 'answers.name', /この調査にない設問/],
        [{ answers: { age_band: '40代' }, state: '送信済み' }, 'answers.outing', /答えてから送って/],
        [{ answers: fullAnswers(), state: '提出' }, 'state', /選択肢にありません/],
      ];
      for (const [body, field, detail] of cases) {
        const r = await nakamura.post(`/api/v1/surveys/${survey.id}/cards`, { state: '送信済み', ...body });
        assert.equal(r.status, 400, `${field}: ${r.text}`);
        assert.equal(r.json.code, 'validation_failed');
        const e = r.json.errors.find((x) => x.field === field);
        assert.ok(e, `${field}: ${r.text}`);
        assert.match(e.detail, detail);
      }
      assert.equal((await nakamura.post(`/api/v1/surveys/${survey.id}/cards`, '{"answers": [')).status, 400);
      assert.equal(rows('survey_cards'), before);
    });

    test('each respondent sees only their own cards; other organisations and roles see none', async () => {
      const k = await kimura.post(`/api/v1/surveys/${survey.id}/cards`, { answers: fullAnswers({ age_band: '30代', household: '単身' }), state: '送信済み' });
      assert.equal(k.status, 201, k.text);
      const mine = (await nakamura.get(`/api/v1/surveys/${survey.id}/cards`)).json.items;
      assert.ok(mine.length >= 1);
      assert.ok(mine.every((c) => c.respondent_id === me.id), 'only 中村さん\'s cards');
      assert.equal((await nakamura.put(`/api/v1/survey-cards/${k.json.id}`, { state: '下書き' }, ifMatch(1))).status, 404);
      // 木村さん cannot write as 中村さん, nor for her district.
      const asOther = await kimura.post(`/api/v1/surveys/${survey.id}/cards`, { respondent_id: me.id, district_id: chuo.id, answers: fullAnswers() });
      assert.equal(asOther.status, 400);
      assert.deepEqual(asOther.json.errors.map((e) => e.field).sort(), ['district_id', 'respondent_id']);
      // Lists and figures that name respondents are for staff.
      assert.equal((await nakamura.get(`/api/v1/surveys/${survey.id}/respondents`)).status, 403);
      assert.equal((await nakamura.get(`/api/v1/surveys/${survey.id}/duplicates`)).status, 403);
      assert.equal((await nakamura.get(`/api/v1/surveys/${survey.id}/responses`)).status, 403);
      // Another organisation: nothing.
      assert.equal((await takahashi.get(`/api/v1/surveys/${survey.id}`)).status, 404);
      assert.equal((await takahashi.get(`/api/v1/surveys/${survey.id}/cards`)).status, 404);
      assert.ok((await takahashi.get('/api/v1/surveys')).json.items.every((s) => s.organisation_id !== survey.organisation_id));
      // Analysts: figures, never cards nor the reminders list.
      assert.equal((await kobayashi.get(`/api/v1/surveys/${survey.id}/cards`)).status, 403);
      const fig = await kobayashi.get(`/api/v1/surveys/${survey.id}/responses`);
      assert.equal(fig.status, 200, fig.text);
      assert.equal('reminders' in fig.json, false);
      // Staff see every card.
      const all = (await suzuki.get(`/api/v1/surveys/${survey.id}/cards`)).json.items;
      assert.ok(all.some((c) => c.id === k.json.id) && all.some((c) => c.respondent_id === me.id));
    });

    test('a surveyor who was not sent a survey cannot open it', async () => {
      const other = await suzuki.post('/api/v1/surveys', {
        year: 2026, title: 'ほかの調査', area_id: sakuraCity.id, respondent_kind: '民生委員・児童委員', starts_on: tokyoDay(-1), ends_on: tokyoDay(1),
      });
      assert.equal(other.status, 201, other.text);
      assert.equal((await nakamura.get(`/api/v1/surveys/${other.json.id}`)).status, 404);
      assert.equal((await nakamura.post(`/api/v1/surveys/${other.json.id}/cards`, { answers: fullAnswers() })).status, 404);
      assert.ok(!(await nakamura.get('/api/v1/surveys')).json.items.some((s) => s.id === other.json.id));
    });

    test('staff type paper cards for a named respondent; 該当者なし counts as a response; reminders list who has not returned', async () => {
      const before = rows('survey_cards');
      const missing = await suzuki.post(`/api/v1/surveys/${survey.id}/cards`, { answers: fullAnswers(), state: '送信済み' });
      assert.equal(missing.status, 400);
      assert.ok(missing.json.errors.some((e) => e.field === 'respondent_id'));
      assert.equal(rows('survey_cards'), before);
      for (const over of [{ age_band: '40代' }, { age_band: '20代', gender: '女性', household: '親と同居' }]) {
        const r = await suzuki.post(`/api/v1/surveys/${survey.id}/cards`, { respondent_id: paper1.id, reported_on: tokyoDay(-2), answers: fullAnswers(over), state: '送信済み' });
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.district_name, 'かわべ地区');
      }
      let r = await suzuki.get(`/api/v1/surveys/${survey.id}/responses`);
      assert.equal(r.status, 200, r.text);
      const kawabeRow = () => r.json.districts.find((d) => d.district_name === 'かわべ地区');
      assert.deepEqual([kawabeRow().distributed, kawabeRow().returned, kawabeRow().no_one, kawabeRow().not_returned], [2, 1, 0, 1]);
      assert.deepEqual(r.json.reminders.map((x) => x.label), ['民生委員 B（紙）']);
      const no = await suzuki.put(`/api/v1/survey-respondents/${paper2.id}`, { no_one: true }, ifMatch(paper2.version));
      assert.equal(no.status, 200, no.text);
      assert.equal(no.json.no_one, true);
      r = await suzuki.get(`/api/v1/surveys/${survey.id}/responses`);
      assert.deepEqual([kawabeRow().distributed, kawabeRow().returned, kawabeRow().no_one, kawabeRow().not_returned], [2, 2, 1, 0]);
      assert.equal(kawabeRow().rate, 1);
      assert.deepEqual([r.json.total.distributed, r.json.total.returned, r.json.total.not_returned], [4, 4, 0]);
      assert.deepEqual(r.json.reminders, []);
      // A stale version is refused.
      assert.equal((await suzuki.put(`/api/v1/survey-respondents/${paper2.id}`, { no_one: false }, ifMatch(paper2.version))).status, 412);
    });

    test('cards agreeing on district, age band, gender and household are flagged; the decision is recorded and reversible', async () => {
      // 民生委員 B reports the same 40代 man as 民生委員 A (かわべ地区).
      const b = await suzuki.post(`/api/v1/surveys/${survey.id}/cards`, { respondent_id: paper2.id, reported_on: tokyoDay(-1), answers: fullAnswers({ duration: '分からない' }), state: '送信済み' });
      assert.equal(b.status, 201, b.text);
      let d = (await suzuki.get(`/api/v1/surveys/${survey.id}/duplicates`)).json;
      const pair = d.items.find((p) => p.district_name === 'かわべ地区' && p.age_band === '40代');
      assert.ok(pair, JSON.stringify(d));
      assert.equal(pair.decision, '未判断');
      const persons = d.persons;
      assert.equal(persons, d.cards);
      const same = await suzuki.put(`/api/v1/surveys/${survey.id}/duplicates`, { card_a: pair.card_a, card_b: pair.card_b, decision: '同一人物', note: '両委員に確認' });
      assert.equal(same.status, 200, same.text);
      assert.equal(same.json.persons, persons - 1);
      assert.equal(same.json.items.find((p) => p.card_a === pair.card_a && p.card_b === pair.card_b).decision, '同一人物');
      const back = await suzuki.put(`/api/v1/surveys/${survey.id}/duplicates`, { card_b: pair.card_a, card_a: pair.card_b, decision: '未判断' });
      assert.equal(back.status, 200, back.text);
      assert.equal(back.json.persons, persons);
      const trail = count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE entity = 'survey' AND entity_id = '${survey.id}' AND detail LIKE '重複の判断%'`);
      assert.equal(trail, 2);
      const before = rows('survey_duplicate_decisions');
      const notPair = await suzuki.put(`/api/v1/surveys/${survey.id}/duplicates`, { card_a: pair.card_a, card_b: pair.card_a, decision: '別人' });
      assert.equal(notPair.status, 400);
      const badDecision = await suzuki.put(`/api/v1/surveys/${survey.id}/duplicates`, { card_a: pair.card_a, card_b: pair.card_b, decision: 'たぶん同じ' });
      assert.equal(badDecision.status, 400);
      assert.equal(rows('survey_duplicate_decisions'), before);
      d = await suzuki.put(`/api/v1/surveys/${survey.id}/duplicates`, { card_a: pair.card_a, card_b: pair.card_b, decision: '同一人物' });
      assert.equal(d.status, 200);
    });

    test('district rates per 1,000 residents of the band, with the response rate beside them; a population of zero is a clear 400', async () => {
      const before = rows('area_populations');
      const zero = await sato.put(`/api/v1/areas/${kawabe.id}/population`, { year: 2026, bands: [{ age_band: '40代', population: 3000 }, { age_band: '30代', population: 0 }] });
      assert.equal(zero.status, 400, zero.text);
      assert.match(zero.json.errors.find((e) => e.field === 'bands[1].population').detail, /1人以上/);
      const badBand = await sato.put(`/api/v1/areas/${kawabe.id}/population`, { year: 2026, bands: [{ age_band: '不明', population: 10 }] });
      assert.equal(badBand.status, 400);
      assert.equal(rows('area_populations'), before);
      const ok = await sato.put(`/api/v1/areas/${kawabe.id}/population`, { year: 2026, bands: [{ age_band: '40代', population: 3000 }, { age_band: '20代', population: 1900 }] });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.bands.find((b) => b.age_band === '40代').population, 3000);
      assert.equal(ok.json.total, ok.json.bands.reduce((a, b) => a + b.population, 0));
      assert.equal((await nakamura.put(`/api/v1/areas/${kawabe.id}/population`, { year: 2026, bands: [] })).status, 403);
      // Who sets a population: supervisors of an organisation whose area contains the district, and
      // administrators; not coordinators, not analysts, not a supervisor of another municipality.
      const band40 = [{ age_band: '40代', population: 3100 }];
      for (const who of [suzuki, kobayashi, ito]) {
        const refused = await who.put(`/api/v1/areas/${kawabe.id}/population`, { year: 2026, bands: band40 });
        assert.equal(refused.status, 403, refused.text);
        if (who === ito) assert.match(refused.json.detail, /地域を受け持つ/);
      }
      assert.equal((await ito.put(`/api/v1/areas/${aobaHoncho.id}/population`, { year: 2026, bands: band40 })).status, 200);
      assert.equal((await admin.put(`/api/v1/areas/${kawabe.id}/population`, { year: 2025, bands: band40 })).status, 200);
      assert.equal((await suzuki.get(`/api/v1/areas/${kawabe.id}/population?year=2026`)).json.bands.find((b) => b.age_band === '40代').population, 3000);
      assert.equal((await kobayashi.get(`/api/v1/surveys/${survey.id}/district-rates`)).status, 403);
      const r = await suzuki.get(`/api/v1/surveys/${survey.id}/district-rates`);
      assert.equal(r.status, 200, r.text);
      const k = r.json.districts.find((d) => d.district_name === 'かわべ地区');
      // 40代: A's card and B's card are one person (decided above) → 1 of 3,000.
      const forties = k.bands.find((b) => b.age_band === '40代');
      assert.equal(forties.persons, 1);
      assert.equal(forties.population, 3000);
      assert.ok(Math.abs(forties.per_1000 - 1 / 3) < 1e-9);
      assert.equal(k.response_rate, 1);
      assert.equal(k.caution, null);
      // さくら中央: 中村さん returned it (rate 1); ひがし台 too; districts without respondents have no rate.
      const empty = r.json.districts.find((d) => d.district_name === 'おおの地区');
      assert.equal(empty.response_rate, null);
      const results = (await suzuki.get(`/api/v1/surveys/${survey.id}/results`)).json;
      // Kept counts agree with the cards: one age band a person, 同一人物 once.
      const ages = results.items.find((i) => i.key === 'age_band').answers.reduce((a, x) => a + x.count, 0);
      assert.equal(ages, results.persons);
      assert.equal(results.persons, (await suzuki.get(`/api/v1/surveys/${survey.id}/duplicates`)).json.persons);
      assert.equal(results.persons, r.json.persons);
      const duration = results.items.find((i) => i.key === 'duration');
      assert.ok(duration.answers.some((a) => a.answer === '分からない'));
      assert.equal(typeof duration.dont_know, 'number');
    });

    test('the survey report: tables for staff, CSV and xlsx, small cells hidden for analysts', async () => {
      const staff = await suzuki.get(`/api/v1/surveys/${survey.id}/report`);
      assert.equal(staff.status, 200, staff.text);
      assert.equal(staff.json.suppressed, false);
      assert.deepEqual(staff.json.tables.map((t) => t.id), ['survey_responses', 'survey_district_rates', 'survey_items', 'survey_linkage', 'survey_estimates']);
      const items = staff.json.tables.find((t) => t.id === 'survey_items');
      assert.ok(items.rows.some((row) => row[1] === '分からない' && row[2] > 0), '分からない is shown');
      const analyst = await kobayashi.get(`/api/v1/surveys/${survey.id}/report`);
      assert.equal(analyst.status, 200, analyst.text);
      assert.equal(analyst.json.suppressed, true);
      const rates = analyst.json.tables.find((t) => t.id === 'survey_district_rates');
      const persons = rates.columns.findIndex((c) => c.key === 'persons');
      const perThousand = rates.columns.findIndex((c) => c.key === 'per_1000');
      const kawabeRow = rates.rows.findIndex((row) => row[0] === 'かわべ地区');
      // かわべ: 2 persons (fewer than 3) — hidden, and its rate per 1,000 with it.
      assert.equal(rates.hidden[kawabeRow][persons], true, JSON.stringify(rates.rows[kawabeRow]));
      assert.equal(rates.rows[kawabeRow][perThousand], null);
      const csv = await suzuki.get(`/api/v1/surveys/${survey.id}/report?format=csv`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type'), /text\/csv/);
      assert.match(csv.text, /設問ごとの集計/);
      const xlsx = await suzuki.request('GET', `/api/v1/surveys/${survey.id}/report?format=xlsx`);
      assert.equal(xlsx.status, 200);
      assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
      assert.equal((await suzuki.get(`/api/v1/surveys/${survey.id}/report?format=pdf`)).status, 400);
      assert.equal((await nakamura.get(`/api/v1/surveys/${survey.id}/report`)).status, 403);
    });

    test('population from a 住民基本台帳 CSV: single years and five-year bands summed into the card\'s bands; a wrong line writes nothing', async () => {
      const lines = ['地区,年齢,人口（計）', 'さくら中央地区,0歳,90'];
      for (let age = 10; age < 80; age++) lines.push(`さくら中央地区,${age}歳,100`);
      lines.push('さくら中央地区,80～84歳,"1,200"', 'さくら中央地区,100歳以上,5');
      for (let age = 10; age < 70; age += 5) lines.push(`99201-02,${age}～${age + 4}歳,300`);
      lines.push('99201-02,70歳以上,2000');
      const before = rows('area_populations');
      const bad = await sato.post('/api/v1/area-populations/import', {
        year: 2030,
        csv: [...lines, 'あおば駅前地区,40歳,10', 'さくら中央地区,不詳,3', 'さくら中央地区,40～52歳,10', 'さくら中央地区,41歳,-3'].join('\r\n'),
      });
      assert.equal(bad.status, 400, bad.text);
      const details = bad.json.errors.map((e) => e.detail).join('\n');
      assert.match(details, /地区「あおば駅前地区」が、地区として登録されていません/);
      assert.match(details, /年齢「不詳」を読み取れません/);
      assert.match(details, /年齢「40～52歳」を読み取れません/);
      assert.match(details, /人口「-3」は0以上の整数/);
      assert.match(details, /\d+行目/);
      assert.equal(rows('area_populations'), before);
      const noHeader = await sato.post('/api/v1/area-populations/import', { year: 2030, csv: 'a,b,c\n1,2,3' });
      assert.equal(noHeader.status, 400);
      const ok = await sato.post('/api/v1/area-populations/import', { year: 2030, csv: '\ufeff' + lines.join('\n') });
      assert.equal(ok.status, 201, ok.text);
      const chuoPop = ok.json.items.find((x) => x.area_name === 'さくら中央地区');
      const band = (x, b) => x.bands.find((y) => y.age_band === b).population;
      assert.equal(band(chuoPop, '10代'), 1000);
      assert.equal(band(chuoPop, '70代以上'), 1000 + 1200 + 5);
      const higashiPop = ok.json.items.find((x) => x.area_name === 'ひがし台地区');
      assert.equal(band(higashiPop, '40代'), 600);
      assert.equal(band(higashiPop, '70代以上'), 2000);
      assert.equal(rows('area_populations'), before + 14);
      for (const who of [nakamura, suzuki]) assert.equal((await who.post('/api/v1/area-populations/import', { year: 2030, csv: lines.join('\n') })).status, 403);
      const outside = await ito.post('/api/v1/area-populations/import', { year: 2031, csv: lines.join('\n') }); // あおば町's supervisor
      assert.match(outside.status === 400 && outside.json.errors[0].detail, /さくら中央地区」の人口は登録できません/);
    });

    test('a low response rate carries a caution', async () => {
      const s = await suzuki.post('/api/v1/surveys', {
        year: 2026, title: '回収率の低い調査', area_id: sakuraCity.id, respondent_kind: '民生委員・児童委員', starts_on: tokyoDay(-3), ends_on: tokyoDay(3),
        respondents: [1, 2, 3].map((n) => ({ label: `委員${n}`, district_id: kawabe.id })),
      });
      const [first] = (await suzuki.get(`/api/v1/surveys/${s.json.id}/respondents`)).json.items;
      const { custom_1: _, ...templateOnly } = fullAnswers();
      const card = await suzuki.post(`/api/v1/surveys/${s.json.id}/cards`, { respondent_id: first.id, answers: templateOnly, state: '送信済み' });
      assert.equal(card.status, 201, card.text);
      const r = (await suzuki.get(`/api/v1/surveys/${s.json.id}/district-rates`)).json;
      const k = r.districts.find((d) => d.district_name === 'かわべ地区');
      assert.ok(Math.abs(k.response_rate - 1 / 3) < 1e-9);
      assert.match(k.caution, /回収率が低い/);
    });

    test('the Cabinet Office arithmetic with a Wilson 95 % interval (seed 004, 平成30年度 40～64歳)', async () => {
      const r = await kobayashi.post('/api/v1/estimates/prevalence', {
        groups: [
          { label: '15～39歳', answered: 3115, narrow: 16, semi: 33, population: 34450000 },
          { label: '40～64歳', answered: 3248, narrow: 28, semi: 19, population: 42350000 },
        ],
      });
      assert.equal(r.status, 200, r.text);
      assert.match(r.json.method, /Wilson/);
      const older = r.json.groups[1];
      assert.equal(Math.round(older.broad.estimate / 1000) / 10, 61.3);
      assert.equal(Math.round(older.narrow.estimate / 1000) / 10, 36.5);
      assert.equal(Math.round(older.semi.estimate / 1000) / 10, 24.8);
      assert.ok(older.broad.rate_ci[0] < older.broad.rate && older.broad.rate < older.broad.rate_ci[1]);
      assert.ok(r.json.total.broad.estimate > older.broad.estimate);
      const bad = await kobayashi.post('/api/v1/estimates/prevalence', { groups: [{ label: 'x', answered: 10, narrow: 8, semi: 5, population: 0 }] });
      assert.equal(bad.status, 400);
      const fields = bad.json.errors.map((e) => e.field);
      assert.ok(fields.includes('groups[0].narrow') && fields.includes('groups[0].population'), bad.text);
    });

    test('capture–recapture answers counts and Chapman\'s range with the dependence warning; no key, no card, no case', async () => {
      const r = await suzuki.get(`/api/v1/surveys/${survey.id}/capture-recapture`);
      assert.equal(r.status, 200, r.text);
      const j = r.json;
      for (const k of ['survey_persons', 'case_persons', 'both', 'survey_only', 'case_only']) assert.equal(typeof j[k], 'number', k);
      assert.match(j.warning, /独立かどうかを確かめられません/);
      assert.match(j.method, /Chapman/);
      const text = r.text;
      for (const id of [chuo.id, higashi.id, kawabe.id, paper1.id]) assert.ok(!text.includes(id), 'no district, respondent or card id');
      assert.ok(!/"card|case_id|\\u001f/.test(text));
      if (j.estimate) assert.ok(j.estimate.ci[0] <= j.estimate.total && j.estimate.total <= j.estimate.ci[1]);
      assert.equal((await kobayashi.get(`/api/v1/surveys/${survey.id}/capture-recapture`)).status, 403);
    });

    test('capture–recapture on counts linked elsewhere: Chapman for two lists, log-linear models side by side for three', async () => {
      const two = await kobayashi.post('/api/v1/estimates/capture-recapture', {
        lists: ['調査票', '相談記録'], cells: [{ pattern: '10', count: 5 }, { pattern: '01', count: 10 }, { pattern: '11', count: 5 }],
      });
      assert.equal(two.status, 200, two.text);
      assert.ok(Math.abs(two.json.estimate.total - 28.333) < 1e-3); // (11 × 16) ÷ 6 − 1
      assert.match(two.json.warning, /独立かどうか/);
      const three = await suzuki.post('/api/v1/estimates/capture-recapture', {
        lists: ['調査票', '相談記録', '地域包括の名簿'],
        cells: [['100', 43], ['010', 31], ['110', 12], ['001', 27], ['101', 9], ['011', 7], ['111', 4]].map(([pattern, count]) => ({ pattern, count })),
      });
      assert.equal(three.status, 200, three.text);
      assert.equal(three.json.seen, 133);
      assert.equal(three.json.models.length, 8);
      assert.deepEqual(three.json.chosen, three.json.models[0]);
      const all = three.json.models.find((m) => m.name === '1×2, 1×3, 2×3');
      assert.ok(Math.abs(all.unseen - (4 * 43 * 31 * 27) / (12 * 9 * 7)) < 1e-6);
      assert.deepEqual(three.json.models.find((m) => m.name === '1×2').dependence, [['調査票', '相談記録']]);
      const bad = await suzuki.post('/api/v1/estimates/capture-recapture', {
        lists: ['A', 'B', 'C'], cells: [{ pattern: '000', count: 3 }, { pattern: '12', count: 1 }, { pattern: '100', count: -1 }],
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['cells[0].pattern', 'cells[1].pattern', 'cells[2].count']);
      assert.equal((await nakamura.post('/api/v1/estimates/capture-recapture', {})).status, 403);
    });

    test('after the period a respondent can no longer send or change 該当者なし', async () => {
      const users = (await admin.get('/api/v1/users')).json.items;
      const s = await suzuki.post('/api/v1/surveys', {
        year: 2025, title: '終わった調査', area_id: sakuraCity.id, respondent_kind: '民生委員・児童委員', starts_on: tokyoDay(-40), ends_on: tokyoDay(-20),
        respondents: [{ label: '中村', district_id: chuo.id, user_id: users.find((x) => x.login === 'nakamura').id }],
      });
      assert.equal(s.status, 201, s.text);
      const before = rows('survey_cards');
      const { custom_1: _, ...templateOnly } = fullAnswers();
      const late = await nakamura.post(`/api/v1/surveys/${s.json.id}/cards`, { answers: templateOnly, state: '送信済み' });
      assert.equal(late.status, 400);
      assert.match(late.json.errors.find((e) => e.field === 'reported_on').detail, /調査期間/);
      assert.equal(rows('survey_cards'), before);
      const mine = (await nakamura.get(`/api/v1/surveys/${s.json.id}`)).json.my_respondent;
      const closed = await nakamura.put(`/api/v1/survey-respondents/${mine.id}`, { no_one: true }, ifMatch(mine.version));
      assert.equal(closed.status, 409);
      assert.equal(closed.json.code, 'survey_closed');
    });

    test('the prefecture sees, per municipality, 窓口, 実態把握 and platform from the records', async () => {
      const kato = await signedIn(server.url, 'prefecture_coordinator');
      const r = await kato.get('/api/v1/reports/prefecture-overview');
      assert.equal(r.status, 200, r.text);
      const sakura = r.json.items.find((m) => m.area_name === 'さくら市');
      const aoba = r.json.items.find((m) => m.area_name === 'あおば町');
      assert.equal(sakura.contact_point.present, true);
      assert.ok(sakura.contact_point.organisations.some((o) => o.program_type === 'ステーション'));
      assert.equal(sakura.survey.present, true);
      assert.equal(sakura.survey.latest_year, 2026);
      assert.equal(aoba.contact_point.present, true);
      assert.equal(aoba.survey.present, false);
      assert.equal(typeof sakura.platform.present, 'boolean');
      const bad = await kato.get(`/api/v1/reports/prefecture-overview?area_id=${sakuraCity.id}`);
      assert.equal(bad.status, 400);
      assert.equal((await nakamura.get('/api/v1/reports/prefecture-overview')).status, 403);
    });

    test('the demo survey of さくら市: 40 民生委員 in 8 districts, 31 returned, about 60 cards with duplicates', async () => {
      const demo = (await suzuki.get('/api/v1/surveys')).json.items.find((s) => s.title.startsWith('さくら市ひきこもり等の実態把握調査'));
      assert.ok(demo);
      const r = (await suzuki.get(`/api/v1/surveys/${demo.id}/responses`)).json;
      assert.equal(r.total.distributed, 40);
      assert.equal(r.total.returned, 31);
      assert.equal(r.districts.length, 8);
      const d = (await suzuki.get(`/api/v1/surveys/${demo.id}/duplicates`)).json;
      assert.ok(d.cards >= 55 && d.cards <= 65, `${d.cards} cards`);
      assert.ok(d.items.some((p) => p.decision === '同一人物') && d.items.some((p) => p.decision === '別人'));
      const rates = (await suzuki.get(`/api/v1/surveys/${demo.id}/district-rates`)).json;
      assert.ok(rates.districts.every((x) => x.population > 0));
      const mine = (await nakamura.get(`/api/v1/surveys/${demo.id}/cards`)).json.items;
      assert.deepEqual(mine.map((c) => c.state).sort(), ['下書き', '送信済み']);
    });
  });
}
