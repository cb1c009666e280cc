// The supporters' figures (issue 17 point 7) and the requirement matrix rows
// they evidence (⑥, ⑪), on the demo's NPO法人ひだまりの家: organisation
// totals, nobody named or ranked. (The register, trainings and dispatch are
// in supporters.test.mjs; the analysts' view in supporter_figures_analyst.)
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

const tokyoDay = (offsetDays = 0) => new Date(Date.now() + 9 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);

for (const kind of DATABASES) {
  describe(`supporter figures (${kind})`, () => {
    let server, hayashi, yamamoto;
    before(async () => {
      server = await startServer({ db: kind });
      [hayashi, yamamoto] = await Promise.all(['npo_coordinator', 'supporter'].map((w) => signedIn(server.url, w)));
    });
    after(async () => { await server?.stop(); });

    test('figures: totals of the organisation, no supporter named or ranked', async () => {
      const fy = (() => { const [y, m] = tokyoDay(-10).split('-').map(Number); return m >= 4 ? y : y - 1; })();
      const r = await hayashi.get(`/api/v1/reports/supporters?fiscal_year=${fy}`);
      assert.equal(r.status, 200, r.text);
      // The demo's register as it is made: 12 active supporters, 2 of them peers.
      assert.equal(r.json.supporters.active, 12);
      assert.equal(r.json.supporters.peers, 2);
      assert.ok(r.json.dispatches.total >= 1);
      assert.equal(r.json.dispatches.months.length, 12);
      assert.deepEqual(r.json.dispatches.by_activity.map((a) => a.activity), ['訪問同行', '居場所の運営', '電話・オンライン', '家族会の運営', '同行支援']);
      assert.ok(r.json.trainings.find((t) => t.kind === '関係機関向け研修').external_attendees >= 28 || fy !== (() => { const [y, m] = tokyoDay(-40).split('-').map(Number); return m >= 4 ? y : y - 1; })());
      const text = JSON.stringify(r.json);
      for (const name of ['山本', '上田', '岡田', 'supporter_id']) assert.ok(!text.includes(name), name);
      assert.equal((await hayashi.get('/api/v1/reports/supporters?fiscal_year=abc')).status, 400);
      assert.equal((await yamamoto.get('/api/v1/reports/supporters')).status, 403);
    });

    test('requirement matrix: ⑥ counts dispatches and trainings, ⑪ the training of agency staff', async () => {
      const fy = (() => { const [y, m] = tokyoDay(-40).split('-').map(Number); return m >= 4 ? y : y - 1; })();
      const r = await hayashi.get(`/api/v1/reports/requirements?fiscal_year=${fy}`);
      assert.equal(r.status, 200, r.text);
      const a = Object.fromEntries(r.json.activities.map((x) => [x.number, x]));
      assert.equal(a[6].evidence[0].label, 'サポーターの派遣（実施）');
      assert.ok(a[11].evidence.find((e) => e.label === '関係機関の職員の参加').count >= 28);
    });
  });
}
