// 本人's wishes for a supporter dispatch (issue 17 point 3): the dispatch
// form and the candidates start from the wishes recorded on the case's 本人
// (persons.preferences, via domain::dispatch_wishes_of); the coordinator may
// change them for one dispatch without changing the record. The demo's N01
// 森さん wishes 同性 and ピア; 山本 ゆう (male, ピアサポーター) fits both.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { count, AUDIT_ENTRIES } from '../support/case_rows.mjs';

const tokyoDay = (offsetDays = 0) => new Date(Date.now() + 9 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);

for (const kind of DATABASES) {
  describe(`dispatch wishes from 本人's record (${kind})`, () => {
    let server, hayashi, suzuki, npoCase, otherCase;
    const query = (extra = '') =>
      `activity=${encodeURIComponent('訪問同行')}&date=${tokyoDay(30)}&starts=10:00&ends=11:00${extra}`;
    const yamamotoOf = (r) => r.json.items.find((i) => i.supporter.name === '山本 ゆう');

    before(async () => {
      server = await startServer({ db: kind });
      [hayashi, suzuki] = await Promise.all(['npo_coordinator', 'coordinator'].map((w) => signedIn(server.url, w)));
      npoCase = (await hayashi.get('/api/v1/cases?limit=50')).json.items.find((c) => c.title.startsWith('N01'));
      otherCase = (await hayashi.get('/api/v1/cases?limit=50')).json.items.find((c) => c.title.startsWith('N02'));
      assert.ok(npoCase && otherCase);
    });
    after(async () => { await server?.stop(); });

    test('the form starts from the wishes recorded on 本人; the read is audited', async () => {
      const r = await hayashi.get(`/api/v1/cases/${npoCase.id}/dispatch-wishes`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { wishes: { same_sex: true, same_generation: false, peer: true }, recorded: true });
      assert.ok(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND entity = 'person' AND detail = 'dispatch wishes of case ${npoCase.id}'`) >= 1);
      const none = await hayashi.get(`/api/v1/cases/${otherCase.id}/dispatch-wishes`);
      assert.deepEqual(none.json, { wishes: { same_sex: false, same_generation: false, peer: false }, recorded: false });
      // Another organisation's coordinator learns nothing of it.
      assert.equal((await suzuki.get(`/api/v1/cases/${npoCase.id}/dispatch-wishes`)).status, 404);
    });

    test('candidates use the recorded wishes unless the request names its own', async () => {
      const stored = await hayashi.get(`/api/v1/cases/${npoCase.id}/dispatch-candidates?${query()}`);
      assert.equal(stored.status, 200, stored.text);
      assert.deepEqual(stored.json.wishes, { same_sex: true, same_generation: false, peer: true });
      assert.deepEqual(stored.json.stored_wishes, stored.json.wishes);
      assert.ok(yamamotoOf(stored).reasons.includes('本人の希望（同性）に合います'), JSON.stringify(yamamotoOf(stored)));
      assert.ok(yamamotoOf(stored).reasons.includes('本人の希望（ピア）に合います'));
      // Changed for this dispatch: only ピア; the record stays as it was.
      const changed = await hayashi.get(`/api/v1/cases/${npoCase.id}/dispatch-candidates?${query('&peer=true')}`);
      assert.deepEqual(changed.json.wishes, { same_sex: false, same_generation: false, peer: true });
      assert.deepEqual(changed.json.stored_wishes, { same_sex: true, same_generation: false, peer: true });
      assert.ok(!yamamotoOf(changed).reasons.includes('本人の希望（同性）に合います'));
      assert.ok(yamamotoOf(changed).reasons.includes('本人の希望（ピア）に合います'));
      const none = await hayashi.get(`/api/v1/cases/${npoCase.id}/dispatch-candidates?${query('&same_sex=false&same_generation=false&peer=false')}`);
      assert.deepEqual(none.json.wishes, { same_sex: false, same_generation: false, peer: false });
      const bad = await hayashi.get(`/api/v1/cases/${npoCase.id}/dispatch-candidates?${query('&peer=maybe')}`);
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e) => e.field), ['peer']);
      assert.equal((await hayashi.get(`/api/v1/cases/${npoCase.id}/dispatch-wishes`)).json.wishes.same_sex, true);
    });

    test('a booking that names no wishes keeps the recorded ones; one that does keeps its own', async () => {
      const yamamoto = (await hayashi.get('/api/v1/supporters')).json.items.find((s) => s.name === '山本 ゆう');
      const body = (day, extra = {}) => ({
        supporter_id: yamamoto.id, activity: '訪問同行', date: day, starts: '19:00', ends: '20:00', place: '本人の自宅',
        meeting_point: 'さくら中央駅 東口', nickname: 'だいちゃん', call_name: '林', call_phone: '0120-000-111', ...extra,
      });
      const plain = await hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`, body(tokyoDay(31)));
      assert.equal(plain.status, 201, plain.text);
      assert.deepEqual(plain.json.wishes, { same_sex: true, same_generation: false, peer: true });
      const own = await hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`,
        body(tokyoDay(32), { wishes: { same_sex: false, same_generation: true, peer: false } }));
      assert.equal(own.status, 201, own.text);
      assert.deepEqual(own.json.wishes, { same_sex: false, same_generation: true, peer: false });
    });
  });
}
