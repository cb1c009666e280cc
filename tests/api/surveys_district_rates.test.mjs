// A district's rate per 1,000 divides its persons by its residents aged 10 and over: it is
// given only when every band (10代 … 70代以上) has a population, and otherwise is null with the
// bands that are missing. Before, 3 persons ÷ the 40代's 3,000 alone read as 1.0 per 1,000.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

const tokyoDay = (offsetDays = 0) => new Date(Date.now() + 9 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);
const answers = (age_band) => ({
  age_band, gender: '男性', household: '高齢の親と同居（8050など）', duration: '10年以上',
  outing: '自室からは出るが、家からは出ない', trigger: ['退職'], support: '家族以外の支えは見当たらない',
  knows_centre: '分からない', needs: ['家族への支援'],
});
const BANDS = ['10代', '20代', '30代', '40代', '50代', '60代', '70代以上'];

for (const kind of DATABASES) {
  describe(`district rates (${kind})`, () => {
    let server, suzuki, sato, survey, kawabe;
    before(async () => {
      server = await startServer({ db: kind });
      [suzuki, sato] = await Promise.all(['coordinator', 'supervisor'].map((w) => signedIn(server.url, w)));
      const areas = (await suzuki.get('/api/v1/areas')).json.items;
      kawabe = areas.find((a) => a.name === 'かわべ地区');
      const s = await suzuki.post('/api/v1/surveys', {
        year: 2027, title: '人口の分母の確認', area_id: areas.find((a) => a.name === 'さくら市').id, respondent_kind: '民生委員・児童委員',
        starts_on: tokyoDay(-3), ends_on: tokyoDay(3), respondents: [{ label: '委員A', district_id: kawabe.id }],
      });
      assert.equal(s.status, 201, s.text);
      survey = s.json;
      const [resp] = (await suzuki.get(`/api/v1/surveys/${survey.id}/respondents`)).json.items;
      for (const band of ['40代', '40代', '20代']) {
        const c = await suzuki.post(`/api/v1/surveys/${survey.id}/cards`, { respondent_id: resp.id, answers: answers(band), state: '送信済み' });
        assert.equal(c.status, 201, c.text);
      }
    });
    after(async () => { await server?.stop(); });

    const rates = async () => {
      const r = await suzuki.get(`/api/v1/surveys/${survey.id}/district-rates`);
      assert.equal(r.status, 200, r.text);
      return r.json;
    };

    test('with only the 40代 registered, the district has no rate and says which bands are missing', async () => {
      const put = await sato.put(`/api/v1/areas/${kawabe.id}/population`, { year: 2027, bands: [{ age_band: '40代', population: 3000 }] });
      assert.equal(put.status, 200, put.text);
      const j = await rates();
      const k = j.districts.find((d) => d.district_name === 'かわべ地区');
      assert.equal(k.persons, 3);
      assert.equal(k.per_1000, null, JSON.stringify(k));
      assert.equal(k.population, null);
      assert.match(k.per_1000_reason, /10代、20代、30代、50代、60代、70代以上/);
      const forties = k.bands.find((b) => b.age_band === '40代');
      assert.ok(Math.abs(forties.per_1000 - 2 / 3) < 1e-9); // the band's own rate stays
      assert.equal(k.bands.find((b) => b.age_band === '20代').per_1000, null);
      assert.equal(j.per_1000, null);
      assert.match(j.per_1000_reason, /そろっていない地区/);
      assert.match(j.denominator, /10歳以上（10代〜70代以上）/);
      const report = (await suzuki.get(`/api/v1/surveys/${survey.id}/report`)).json;
      assert.ok(report.tables.find((t) => t.id === 'survey_district_rates').notes.some((n) => /10歳以上/.test(n)));
    });

    test('with every band registered, the rate is over the residents aged 10 and over', async () => {
      const bands = BANDS.map((age_band) => ({ age_band, population: 1000 }));
      const put = await sato.put(`/api/v1/areas/${kawabe.id}/population`, { year: 2027, bands });
      assert.equal(put.status, 200, put.text);
      const k = (await rates()).districts.find((d) => d.district_name === 'かわべ地区');
      assert.equal(k.population, 7000);
      assert.ok(Math.abs(k.per_1000 - 3 / 7) < 1e-9, JSON.stringify(k));
      assert.equal(k.per_1000_reason, null);
    });
  });
}
