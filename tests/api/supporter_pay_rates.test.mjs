// Pay rates per activity (issue 17 point 6): 謝金 per hour and a 交通費 cap
// for one activity kind, beside the organisation's default; the monthly
// statement pays each activity at its own rate and falls back to the
// default. Only supervisors set them; bad amounts (negative, not whole,
// huge, unknown activity, twice the same) are refused in Japanese and
// change nothing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn, Client } from '../support/server.mjs';
import { begunToday, minute } from '../support/begun_today.mjs';

const ifMatch = (v) => ({ 'if-match': `"${v}"` });

for (const kind of DATABASES) {
  describe(`pay rates per activity (${kind})`, () => {
    let server, hayashi, yamamoto, boss, me, npoCase, day;
    const rates = async () => (await hayashi.get('/api/v1/supporter-pay-rates')).json;
    const statementRows = async () => {
      const r = await hayashi.get(`/api/v1/supporters/${me.id}/statement?month=${day.slice(0, 7)}`);
      assert.equal(r.status, 200, r.text);
      return r.json.tables[0];
    };

    before(async () => {
      server = await startServer({ db: kind });
      const admin = await signedIn(server.url, 'admin');
      const npo = (await admin.get('/api/v1/organisations')).json.items.find((o) => o.name === 'NPO法人ひだまりの家');
      const u = await admin.post('/api/v1/users', { login: 'npo-boss', display_name: '所長', role: 'supervisor', organisation_id: npo.id, password: 'hidamari-no-ie-3' });
      assert.equal(u.status, 201, u.text);
      boss = new Client(server.url);
      assert.equal((await boss.login('npo-boss', 'hidamari-no-ie-3')).status, 201);
      [hayashi, yamamoto] = await Promise.all(['npo_coordinator', 'supporter'].map((w) => signedIn(server.url, w)));
      npoCase = (await hayashi.get('/api/v1/cases?limit=50')).json.items.find((c) => c.title.startsWith('N02'));
      me = (await hayashi.get('/api/v1/supporters')).json.items.find((s) => s.name === '山本 ゆう');
      // Two activities begun today (00:00 and 00:01), each reported as 60
      // minutes with 500 yen of 交通費.
      day = await begunToday(1);
      for (const [activity, at] of [['居場所の運営', 0], ['訪問同行', 1]]) {
        const d = await hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`, {
          supporter_id: me.id, activity, date: day, starts: minute(at), ends: minute(at + 1), place: 'ひだまりの家', meeting_point: '1階受付',
          nickname: 'まゆさん', call_name: '林', call_phone: '0120-000-111',
        });
        assert.equal(d.status, 201, d.text);
        assert.equal((await yamamoto.post(`/api/v1/my/dispatches/${d.json.id}/answer`, { answer: '承諾' }, ifMatch(1))).status, 200);
        const r = await yamamoto.post(`/api/v1/my/dispatches/${d.json.id}/report`, { what_happened: '一緒に過ごした', minutes: 60, transport_yen: 500 }, ifMatch(2));
        assert.equal(r.status, 200, r.text);
      }
    });
    after(async () => { await server?.stop(); });

    test('an activity is paid at its own rate; the others at the organisation default', async () => {
      const demo = await rates();
      assert.deepEqual(demo.by_activity, []);
      const body = { yen_per_hour: 1000, transport_cap_yen: 1000, by_activity: [{ activity: '居場所の運営', yen_per_hour: 1500, transport_cap_yen: 300 }] };
      assert.equal((await hayashi.put('/api/v1/supporter-pay-rates', body, ifMatch(demo.version))).status, 403, 'supervisors only');
      const set = await boss.put('/api/v1/supporter-pay-rates', body, ifMatch(demo.version));
      assert.equal(set.status, 200, set.text);
      assert.deepEqual(set.json.by_activity, [{ activity: '居場所の運営', yen_per_hour: 1500, transport_cap_yen: 300 }]);
      assert.equal(set.json.version, demo.version + 1);
      const t = await statementRows();
      assert.ok(t.rows.some((row) => row[1] === '居場所の運営' && row[2] === 60 && row[3] === 1500 && row[4] === 300), JSON.stringify(t.rows));
      assert.ok(t.rows.some((row) => row[1] === '訪問同行' && row[2] === 60 && row[3] === 1000 && row[4] === 500), JSON.stringify(t.rows));
      assert.ok(t.notes.some((n) => n.includes('「居場所の運営」は謝金1時間 1500 円、交通費は1回 300 円まで')), JSON.stringify(t.notes));
      // Left out: the activities keep their rates. Empty: back to the default.
      const keep = await boss.put('/api/v1/supporter-pay-rates', { yen_per_hour: 1100 }, ifMatch(set.json.version));
      assert.equal(keep.status, 200, keep.text);
      assert.equal(keep.json.by_activity.length, 1);
      const cleared = await boss.put('/api/v1/supporter-pay-rates', { yen_per_hour: 1000, by_activity: [] }, ifMatch(keep.json.version));
      assert.deepEqual(cleared.json.by_activity, []);
      const again = await statementRows();
      assert.ok(again.rows.some((row) => row[1] === '居場所の運営' && row[3] === 1000 && row[4] === 500), JSON.stringify(again.rows));
    });

    test('bad amounts are refused in Japanese, field by field, and change nothing', async () => {
      const before = await rates();
      const r = await boss.put('/api/v1/supporter-pay-rates', {
        yen_per_hour: 99999999999999999999, transport_cap_yen: -1,
        by_activity: [
          { activity: '草むしり', yen_per_hour: -5, transport_cap_yen: 1.5 },
          { activity: '居場所の運営', yen_per_hour: 1000000000000 },
          { activity: '居場所の運営', yen_per_hour: '1000' },
          'x',
        ],
      }, ifMatch(before.version));
      assert.equal(r.status, 400, r.text);
      const fields = Object.fromEntries(r.json.errors.map((e) => [e.field, e.detail]));
      assert.deepEqual(Object.keys(fields).sort(), ['by_activity.0.activity', 'by_activity.0.transport_cap_yen', 'by_activity.0.yen_per_hour',
        'by_activity.1.yen_per_hour', 'by_activity.2.activity', 'by_activity.2.yen_per_hour', 'by_activity.3', 'transport_cap_yen', 'yen_per_hour'].sort());
      assert.match(fields.yen_per_hour, /整数で指定してください/);
      assert.match(fields.transport_cap_yen, /0から100000の範囲/);
      assert.match(fields['by_activity.1.yen_per_hour'], /0から100000の範囲/);
      assert.match(fields['by_activity.0.transport_cap_yen'], /整数/);
      assert.match(fields['by_activity.2.activity'], /2つあります/);
      for (const bad of [{ yen_per_hour: 1000, by_activity: {} }, { yen_per_hour: 1000, by_activity: Array.from({ length: 20 }, () => ({ activity: '訪問同行', yen_per_hour: 1 })) }]) {
        const b = await boss.put('/api/v1/supporter-pay-rates', bad, ifMatch(before.version));
        assert.equal(b.status, 400, b.text);
        assert.equal(b.json.errors[0].field, 'by_activity');
      }
      assert.deepEqual(await rates(), before, 'nothing written');
    });
  });
}
