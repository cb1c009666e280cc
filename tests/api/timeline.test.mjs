// The case timeline (issue 3, point 7): contacts, assessments, plan changes
// and progress, stage changes and status changes in one list, newest first,
// filterable by kind, paginated by cursor, audited as a read of the case.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { newCase, day, sql, FAILURE_WORDS } from '../support/case_work.mjs';
import { AUDIT_ENTRIES } from '../support/case_rows.mjs';

for (const kind of DATABASES) {
  describe(`timeline (${kind})`, () => {
    let server, suzuki, takahashi, c;
    before(async () => {
      server = await startServer({ db: kind });
      suzuki = await signedIn(server.url, 'coordinator');
      takahashi = await signedIn(server.url, 'other_coordinator');
      c = await newCase(suzuki, server, 'タイムラインのケース');
      const at = new Date(Date.now() - 5 * 86400000).toISOString().replace(/\.\d+Z$/, '.000Z');
      const contact = await suzuki.post(`/api/v1/cases/${c.id}/contacts`,
        { occurred_at: at, channel: '電話', counterpart: '母', subject_met: false, note: '母から電話。本人は自室にいる。' });
      assert.equal(contact.status, 201, contact.text);
      assert.equal((await suzuki.post(`/api/v1/cases/${c.id}/assessments`, { assessed_on: day(-4), outing_level: '自室からほとんど出ない' })).status, 201);
      const plan = (await suzuki.post(`/api/v1/cases/${c.id}/plans`, { started_on: day(-3), goals: [{ axis: '日常生活自立', term: '短期', words: '朝起きたい' }] })).json;
      await suzuki.post(`/api/v1/plans/${plan.id}/goals/${plan.goals[0].id}/progress`, { recorded_on: day(-2), level: 2 });
      await suzuki.post(`/api/v1/plans/${plan.id}/goals/${plan.goals[0].id}/progress`, { recorded_on: day(-1), level: 1 });
      const v = (await suzuki.get(`/api/v1/cases/${c.id}/stage-changes`)).json.version;
      assert.equal((await suzuki.post(`/api/v1/cases/${c.id}/stage-changes`, { to_stage: '個人的支援段階', changed_on: day(-1) }, { 'if-match': `"${v}"` })).status, 201);
      const v2 = (await suzuki.get(`/api/v1/cases/${c.id}`)).json.version;
      const st = await suzuki.post(`/api/v1/cases/${c.id}/status`, { to: '継続支援', on: day(0) }, { 'if-match': `"${v2}"` });
      assert.equal(st.status, 200, st.text);
    });
    after(async () => { await server?.stop(); });

    test('one list of every kind, newest first, with Japanese summaries and who', async () => {
      const r = await suzuki.get(`/api/v1/cases/${c.id}/timeline`);
      assert.equal(r.status, 200, r.text);
      const items = r.json.items;
      assert.deepEqual([...new Set(items.map((i) => i.kind))].sort(), ['assessment', 'contact', 'plan', 'stage', 'status']);
      for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].on >= items[i].on, 'newest first');
      for (const i of items) {
        assert.ok(i.summary && i.ref_id && i.on && i.at, JSON.stringify(i));
        assert.equal(i.by, '鈴木 けい');
      }
      assert.match(items.find((i) => i.kind === 'contact').summary, /電話・母/);
      assert.ok(items.some((i) => i.kind === 'plan' && i.direction === '一時的に戻る'));
      assert.doesNotMatch(JSON.stringify(items), FAILURE_WORDS);
    });

    test('filter by kinds, page by cursor, refuse unknown kinds', async () => {
      const stage = await suzuki.get(`/api/v1/cases/${c.id}/timeline?kinds=${encodeURIComponent('stage,status')}`);
      assert.deepEqual([...new Set(stage.json.items.map((i) => i.kind))].sort(), ['stage', 'status']);
      const all = (await suzuki.get(`/api/v1/cases/${c.id}/timeline`)).json.items;
      const seen = [];
      let cursor = null;
      do {
        const r = await suzuki.get(`/api/v1/cases/${c.id}/timeline?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(r.status, 200, r.text);
        assert.ok(r.json.items.length <= 2);
        seen.push(...r.json.items);
        cursor = r.json.next_cursor;
      } while (cursor);
      assert.deepEqual(seen, all);
      for (const q of ['kinds=gathering', 'kinds=contact%2C', 'limit=0', 'limit=201', 'cursor=garbage'])
        assert.equal((await suzuki.get(`/api/v1/cases/${c.id}/timeline?${q}`)).status, 400, q);
    });

    test("another organisation's case answers 404; reading is audited", async () => {
      assert.equal((await takahashi.get(`/api/v1/cases/${c.id}/timeline`)).status, 404);
      await suzuki.get(`/api/v1/cases/${c.id}/timeline`);
      const rows = sql(server, `SELECT action, detail FROM ${AUDIT_ENTRIES} WHERE entity = 'case' AND entity_id = '${c.id}'`);
      assert.match(rows, /read\|timeline/);
    });

    test('the demo holds a case that moved forward and back', async () => {
      const s05 = { id: sql(server, "SELECT id FROM cases WHERE title LIKE 'S05 %'").trim() };
      assert.ok(s05.id, 'the demo data has case S05');
      const moves = (await suzuki.get(`/api/v1/cases/${s05.id}/timeline?kinds=stage`)).json.items;
      assert.ok(moves.some((i) => i.direction === '前へ'));
      assert.ok(moves.some((i) => i.direction === '戻る'));
      const a = (await suzuki.get(`/api/v1/cases/${s05.id}/assessments/compare`)).json;
      assert.ok(a.changed_count > 0);
    });
  });
}
