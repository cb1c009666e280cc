// A supporter's report marked urgent reaches the coordinators of the
// dispatching organisation at once (issue 17 point 5): counted beside 派遣
// in the navigation (GET /api/v1/consultation-counts) and listed on the home
// screen (GET /api/v1/home, names and titles only), until a coordinator
// takes the report into the case. Another organisation and other roles see
// nothing of it. No mail: users have no email address in tsunagu.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { begunToday, minute } from '../support/begun_today.mjs';

const ifMatch = (v) => ({ 'if-match': `"${v}"` });

for (const kind of DATABASES) {
  describe(`urgent supporter reports (${kind})`, () => {
    let server, hayashi, yamamoto, suzuki, watanabe, npoCase, me;
    const urgentCount = async (client) => {
      const r = await client.get('/api/v1/consultation-counts');
      assert.equal(r.status, 200, r.text);
      return r.json.urgent_supporter_reports;
    };
    const homeOf = async (client) => (await client.get('/api/v1/home')).json;

    before(async () => {
      server = await startServer({ db: kind });
      [hayashi, yamamoto, suzuki, watanabe] = await Promise.all(['npo_coordinator', 'supporter', 'coordinator', 'ibasho_staff'].map((w) => signedIn(server.url, w)));
      npoCase = (await hayashi.get('/api/v1/cases?limit=50')).json.items.find((c) => c.title.startsWith('N02'));
      me = (await hayashi.get('/api/v1/supporters')).json.items.find((s) => s.name === '山本 ゆう');
      assert.ok(npoCase && me);
    });
    after(async () => { await server?.stop(); });

    // One minute each, begun today: 00:00, 00:01 and 00:03 (00:02 is the 居場所's).
    const reported = async (at, urgent) => {
      const d = await hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`, {
        supporter_id: me.id, activity: '居場所の運営', date: await begunToday(at), starts: minute(at), ends: minute(at + 1), place: 'ひだまりの家',
        meeting_point: '1階受付', nickname: 'まゆさん', call_name: '林', call_phone: '0120-000-111',
      });
      assert.equal(d.status, 201, d.text);
      assert.equal((await yamamoto.post(`/api/v1/my/dispatches/${d.json.id}/answer`, { answer: '承諾' }, ifMatch(1))).status, 200);
      const r = await yamamoto.post(`/api/v1/my/dispatches/${d.json.id}/report`, { what_happened: '帰り道で体調がすぐれない様子', urgent }, ifMatch(2));
      assert.equal(r.status, 200, r.text);
      return d.json.id;
    };

    test('counted beside 派遣 and listed on the home screen at once; gone once taken into the case', async () => {
      assert.equal(await urgentCount(hayashi), 0);
      assert.equal((await homeOf(hayashi)).urgent_supporter_reports.count, 0);
      await reported(0, false);
      assert.equal(await urgentCount(hayashi), 0, 'a calm report is not counted');
      const id = await reported(1, true);
      assert.equal(await urgentCount(hayashi), 1);
      const section = (await homeOf(hayashi)).urgent_supporter_reports;
      assert.equal(section.count, 1);
      assert.deepEqual(Object.keys(section.items[0]).sort(),
        ['activity', 'case_id', 'case_title', 'group_name', 'id', 'reported_at', 'starts_at', 'supporter_name']);
      assert.equal(section.items[0].id, id);
      assert.equal(section.items[0].supporter_name, '山本 ゆう');
      assert.equal(section.items[0].case_title, npoCase.title);
      assert.ok(!JSON.stringify(section).includes('体調'), 'the report\'s words stay on the board');
      // The same as the board's urgent list.
      assert.deepEqual((await hayashi.get('/api/v1/dispatches?urgent=true')).json.items.map((d) => d.id), [id]);
      // Another organisation, the 居場所 staff and the supporter see nothing of it.
      assert.equal(await urgentCount(suzuki), 0);
      assert.equal((await homeOf(suzuki)).urgent_supporter_reports.count, 0);
      assert.equal((await homeOf(watanabe)).urgent_supporter_reports, undefined);
      assert.equal((await homeOf(yamamoto)).urgent_supporter_reports, undefined);
      assert.equal((await yamamoto.get('/api/v1/consultation-counts')).status, 403);
      // Taken into the case: no longer counted.
      const d = (await hayashi.get(`/api/v1/dispatches/${id}`)).json;
      const accepted = await hayashi.post(`/api/v1/dispatches/${id}/accept-report`, { subject_met: true }, ifMatch(d.version));
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal(await urgentCount(hayashi), 0);
      assert.equal((await homeOf(hayashi)).urgent_supporter_reports.count, 0);
    });

    test('a 居場所 session\'s urgent report leaves the count when a coordinator marks it handled', async () => {
      const g = await hayashi.post('/api/v1/groups', { kind: '居場所', audience: 'どちらも', name: '朝の居場所', venue: 'ひだまりの家 1階' });
      assert.equal(g.status, 201, g.text);
      const session = (await hayashi.post(`/api/v1/groups/${g.json.id}/sessions`, { held_on: await begunToday(2), starts: minute(2), ends: minute(3) })).json;
      const d = await hayashi.post(`/api/v1/group-sessions/${session.id}/dispatches`, {
        supporter_id: me.id, activity: '居場所の運営', starts: minute(2), ends: minute(3), place: 'ひだまりの家 1階',
        meeting_point: '1階受付', call_name: '林', call_phone: '0120-000-111',
      });
      assert.equal(d.status, 201, d.text);
      assert.equal((await yamamoto.post(`/api/v1/my/dispatches/${d.json.id}/answer`, { answer: '承諾' }, ifMatch(1))).status, 200);
      assert.equal((await yamamoto.post(`/api/v1/my/dispatches/${d.json.id}/report`, { what_happened: '参加者の一人が体調を崩した', urgent: true }, ifMatch(2))).status, 200);
      assert.equal(await urgentCount(hayashi), 1);
      const item = (await homeOf(hayashi)).urgent_supporter_reports.items[0];
      assert.equal(item.group_name, '朝の居場所');
      assert.equal(item.case_title, null);
      const full = (await hayashi.get(`/api/v1/dispatches/${d.json.id}`)).json;
      // Another organisation, the supporter, a stale version: refused, nothing changed.
      assert.equal((await suzuki.post(`/api/v1/dispatches/${d.json.id}/urgent-handled`, {}, ifMatch(full.version))).status, 404);
      assert.equal((await yamamoto.post(`/api/v1/dispatches/${d.json.id}/urgent-handled`, {}, ifMatch(full.version))).status, 403);
      assert.equal((await hayashi.post(`/api/v1/dispatches/${d.json.id}/urgent-handled`, {}, ifMatch(full.version + 3))).status, 412);
      assert.equal(await urgentCount(hayashi), 1);
      const done = await hayashi.post(`/api/v1/dispatches/${d.json.id}/urgent-handled`, {}, ifMatch(full.version));
      assert.equal(done.status, 200, done.text);
      assert.equal(await urgentCount(hayashi), 0);
      assert.deepEqual((await hayashi.get('/api/v1/dispatches?urgent=true')).json.items, []);
      const twice = await hayashi.post(`/api/v1/dispatches/${d.json.id}/urgent-handled`, {}, ifMatch(done.json.version));
      assert.equal(twice.status, 409);
      assert.equal(twice.json.code, 'urgent_not_pending');
      // A case's report leaves the list only by being taken into the case.
      const caseReport = await reported(3, true);
      const c = (await hayashi.get(`/api/v1/dispatches/${caseReport}`)).json;
      const refused = await hayashi.post(`/api/v1/dispatches/${caseReport}/urgent-handled`, {}, ifMatch(c.version));
      assert.equal(refused.status, 409);
      assert.match(refused.json.detail, /記録にすると一覧から外れます/);
      assert.equal(await urgentCount(hayashi), 1);
    });
  });
}
