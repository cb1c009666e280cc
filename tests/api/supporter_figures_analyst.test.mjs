// The supporter figures for analysts (issue 17 point 7): GET
// /api/v1/reports/supporters?organisation= gives an analyst (市区町村・
// 都道府県) an organisation's totals only — no supporter named — with small
// counts of people hidden as in the other analyst reports (suppress_small_cells,
// k = 3 by default). The demo NPO has 12 active supporters, 2 of them peers.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

const tokyoDay = (offsetDays = 0) => new Date(Date.now() + 9 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);
const fiscalYear = (day) => { const [y, m] = day.split('-').map(Number); return m >= 4 ? y : y - 1; };

for (const kind of DATABASES) {
  describe(`supporter figures for analysts (${kind})`, () => {
    let server, analyst, hayashi, suzuki, npo, sakura;
    const fy = fiscalYear(tokyoDay(0));
    const figures = (client, org, extra = '') => client.get(`/api/v1/reports/supporters?organisation=${org}&fiscal_year=${fy}${extra}`);

    before(async () => {
      server = await startServer({ db: kind });
      const admin = await signedIn(server.url, 'admin');
      const orgs = (await admin.get('/api/v1/organisations')).json.items;
      npo = orgs.find((o) => o.name === 'NPO法人ひだまりの家');
      sakura = orgs.find((o) => o.name === 'さくら市ひきこもり支援ステーション');
      [analyst, hayashi, suzuki] = await Promise.all(['analyst', 'npo_coordinator', 'coordinator'].map((w) => signedIn(server.url, w)));
    });
    after(async () => { await server?.stop(); });

    test('an analyst sees the organisation\'s totals, small counts of people hidden, nobody named', async () => {
      const r = await figures(analyst, npo.id);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.suppressed, true);
      assert.deepEqual(r.json.organisation, { id: npo.id, name: 'NPO法人ひだまりの家' });
      assert.equal(r.json.supporters.active, 12);
      assert.equal(r.json.supporters.peers, null, '2 peers: hidden');
      assert.equal(r.json.dispatches.months.length, 12, 'counts of dispatches (records) stay');
      const training = r.json.trainings.find((t) => t.kind === '養成講座');
      assert.ok(training.supporter_attendances === null || training.supporter_attendances === 0 || training.supporter_attendances >= 3, JSON.stringify(training));
      for (const t of r.json.trainings)
        for (const v of [t.supporter_attendances, t.external_attendees]) assert.ok(v === null || v === 0 || v >= 3, JSON.stringify(t));
      const text = JSON.stringify(r.json);
      for (const name of ['山本', '岡田', '藤井', 'supporter_id', 'name":"山']) assert.ok(!text.includes(name), name);
      // The organisation's own coordinator sees every count.
      const own = await figures(hayashi, npo.id);
      assert.equal(own.json.suppressed, false);
      assert.equal(own.json.supporters.peers, 2);
    });

    test('coordinators reach their own organisation only; bad input is refused', async () => {
      assert.equal((await figures(suzuki, npo.id)).status, 404);
      assert.equal((await figures(hayashi, sakura.id)).status, 404);
      assert.equal((await figures(analyst, 'no-such-organisation')).status, 404);
      const bad = await analyst.get(`/api/v1/reports/supporters?organisation=${npo.id}&fiscal_year=abc`);
      assert.equal(bad.status, 400);
      assert.equal(bad.json.errors[0].field, 'fiscal_year');
      assert.equal((await hayashi.get('/api/v1/reports/supporters')).json.organisation.id, npo.id, 'the own organisation by default');
    });
  });
}
