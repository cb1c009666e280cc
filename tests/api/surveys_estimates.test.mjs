// The estimators' routes as a statistician checked them. The Cabinet Office arithmetic over
// age groups gives a stratified total (its interval holds its estimate; its rate × population
// is its estimate) and, with rate_percent_digits, the 平成27年度 published figures. Chapman's
// two-list estimate carries Chao's log-normal interval, no interval where one list lies inside
// the other, no estimate where the lists share nobody, a refusal for a list of fewer than 2
// persons, and a caution below 7 on both lists.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

const man = (persons) => Math.round(persons / 1000) / 10; // 万人 to 0.1, as published
const near = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
// Cells of two lists of n1 and n2 persons with m on both.
const two = (n1, n2, m) => ({
  lists: ['調査票', '相談記録'],
  cells: [{ pattern: '10', count: n1 - m }, { pattern: '01', count: n2 - m }, { pattern: '11', count: m }],
});

for (const kind of DATABASES) {
  describe(`survey estimates (${kind})`, () => {
    let server, kobayashi;
    before(async () => {
      server = await startServer({ db: kind });
      kobayashi = await signedIn(server.url, 'analyst');
    });
    after(async () => { await server?.stop(); });

    const prevalence = async (body) => {
      const r = await kobayashi.post('/api/v1/estimates/prevalence', body);
      assert.equal(r.status, 200, r.text);
      return r.json;
    };

    test('the total of age groups is stratified: its interval holds its estimate, rate × population = estimate', async () => {
      // Pooled (50 of 10,100 × 2,000,000) this was 7,515–13,040 around 500,000.
      const j = await prevalence({
        groups: [
          { label: 'A', answered: 100, narrow: 50, semi: 0, population: 1000000 },
          { label: 'B', answered: 10000, narrow: 0, semi: 0, population: 1000000 },
        ],
      });
      const t = j.total.narrow;
      assert.equal(t.estimate, 500000);
      assert.ok(t.estimate_ci[0] < t.estimate && t.estimate < t.estimate_ci[1], JSON.stringify(t));
      near(t.estimate_ci[0], 402002, 2500, 'low (stratified normal 402,002)');
      near(t.estimate_ci[1], 597998, 2500, 'high (stratified normal 597,998)');
      near(t.rate * j.total.population, t.estimate, 1e-6, 'rate × population');
      near(t.rate_ci[0] * j.total.population, t.estimate_ci[0], 1e-6, 'rate interval');
      assert.equal(t.rate, 0.25);
      assert.match(j.total.method, /MOVER/);
      assert.match(j.total.note, /推計数の合計÷人口の合計/);
      // 広義 = 狭義 + 準 in the total too.
      assert.equal(j.total.broad.estimate, j.total.narrow.estimate + j.total.semi.estimate);
    });

    test('rate_percent_digits reproduces the 平成27年度 published figures (54.1万 / 17.6万 / 36.5万)', async () => {
      const group = { label: '15～39歳', answered: 3115, narrow: 16, semi: 33, population: 34450000 };
      const rounded = (await prevalence({ groups: [group], rate_percent_digits: 2 })).groups[0];
      assert.equal(man(rounded.broad.estimate), 54.1);
      assert.equal(man(rounded.narrow.estimate), 17.6);
      assert.equal(man(rounded.semi.estimate), 36.5);
      near(rounded.broad.rate, 0.0157, 1e-12, '1.57 %');
      // The interval still comes from the counts, 49 of 3,115.
      near(rounded.broad.rate_ci[0], 0.01192, 5e-5, 'Wilson low');
      // From the unrounded 49 ÷ 3,115 the 広義 is 54.2万: the report multiplied the rounded rate.
      const plain = await prevalence({ groups: [group] });
      assert.equal(man(plain.groups[0].broad.estimate), 54.2);
      assert.equal(plain.rate_percent_digits, null);
      for (const digits of [5, -1, '2', 1.5]) {
        const bad = await kobayashi.post('/api/v1/estimates/prevalence', { groups: [group], rate_percent_digits: digits });
        assert.equal(bad.status, 400, `${digits}: ${bad.text}`);
        assert.match(bad.json.errors.find((e) => e.field === 'rate_percent_digits').detail, /出現率を丸める桁数/);
      }
    });

    test('Chapman with Chao\'s log-normal interval, and a caution below 7 on both lists', async () => {
      for (const [n1, n2, m, low, high] of [[10, 15, 5, 22.39, 49.11], [60, 6, 3, 75.28, 211.83], [207, 60, 3, 1480.9, 7208.4]]) {
        const r = await kobayashi.post('/api/v1/estimates/capture-recapture', two(n1, n2, m));
        assert.equal(r.status, 200, r.text);
        const e = r.json.estimate;
        near(e.ci[0], low, Math.max(0.05, low * 0.001), `${n1},${n2},${m} low`);
        near(e.ci[1], high, Math.max(0.05, high * 0.001), `${n1},${n2},${m} high`);
        assert.ok(e.ci[0] > e.seen && e.ci[0] < e.total && e.total < e.ci[1]);
        assert.match(r.json.caution, /7人未満/);
        assert.match(r.json.method, /Chao/);
      }
      const many = await kobayashi.post('/api/v1/estimates/capture-recapture', two(200, 150, 60));
      assert.equal(many.json.caution, null);
      assert.equal(many.json.reason, null);
    });

    test('Chapman at the edges: a list inside the other gives no interval, no overlap gives no estimate', async () => {
      const inside = (await kobayashi.post('/api/v1/estimates/capture-recapture', two(12, 30, 12))).json;
      assert.equal(inside.estimate.total, 30);
      assert.equal(inside.estimate.ci, null);
      assert.match(inside.reason, /全員がもう一方の名簿にも載っている/);
      const apart = await kobayashi.post('/api/v1/estimates/capture-recapture', two(4, 3, 0));
      assert.equal(apart.status, 200, apart.text);
      assert.equal(apart.json.estimate, null);
      assert.match(apart.json.reason, /両方に載っている方がいない/);
    });

    test('a list of fewer than 2 persons is refused in Japanese, for two lists and for three', async () => {
      const cases = [
        two(1, 20, 1),
        { lists: ['A', 'B'], cells: [{ pattern: '01', count: 5 }] },
        { lists: ['A', 'B', 'C'], cells: [{ pattern: '110', count: 5 }, { pattern: '100', count: 3 }, { pattern: '001', count: 1 }] },
      ];
      for (const body of cases) {
        const r = await kobayashi.post('/api/v1/estimates/capture-recapture', body);
        assert.equal(r.status, 400, r.text);
        assert.match(r.json.errors.find((e) => e.field === 'cells').detail, /2人以上が必要です/);
      }
    });
  });
}
