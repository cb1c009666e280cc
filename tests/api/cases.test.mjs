// Cases (issue 3, point 2): intake from a family member's call with 本人
// unknown, in one transaction; status moves with reasons; filters and
// cursor pages; 本人 met or not; 404 for another organisation; 412.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);

for (const kind of DATABASES) {
  describe(`cases (${kind})`, () => {
    let server, suzuki, sato, takahashi, me;
    before(async () => {
      server = await startServer({ db: kind });
      suzuki = await signedIn(server.url, 'coordinator');
      sato = await signedIn(server.url, 'supervisor');
      takahashi = await signedIn(server.url, 'other_coordinator');
      me = (await suzuki.get('/api/v1/session')).json.user;
    });
    after(async () => { await server?.stop(); });

    test('a mother\'s call opens a case with 本人 unknown; it works before 本人 is ever met', async () => {
      const r = await suzuki.post('/api/v1/cases', {
        title: '母からの電話（本人未確認）', intake_route: '家族', subject_awareness: '知らない', needs: ['介護', '8050'],
        caller: { naming: 'named', name: '宇佐美 節子', furigana: 'うさみ せつこ', relation: '母', contact: { phone: '090-7777-1111' } },
      });
      assert.equal(r.status, 201, r.text);
      const c = r.json;
      assert.equal(c.status, '受付');
      assert.equal(c.subject, null);
      assert.equal(c.caller_relation, '母');
      assert.deepEqual(c.needs, ['8050', '介護']);
      assert.equal(c.subject_met, false);
      assert.deepEqual(c.staff.map((s) => s.id), [me.id]);
      assert.equal(c.household.members.length, 1);
      assert.equal(c.household.members[0].relation, '母');
      assert.equal(c.status_history.length, 1);
      assert.ok(c.allowed_moves.some((m) => m.to === '終結' && m.needs_reason));
      // a contact with the mother; 本人 still not met
      const k = await suzuki.post(`/api/v1/cases/${c.id}/contacts`, { occurred_at: new Date(Date.now() - 60e3).toISOString(),
        channel: '電話', counterpart: '母', subject_met: false, note: '母より電話' });
      assert.equal(k.status, 201, k.text);
      const got = await suzuki.get(`/api/v1/cases/${c.id}`);
      assert.equal(got.json.subject_met, false);
      assert.equal(got.json.contact_count, 1);
      // later 本人 becomes known: a person, then the case points at them
      const p = (await suzuki.post('/api/v1/persons', { naming: 'named', name: '宇佐美 亮' })).json;
      const up = await suzuki.put(`/api/v1/cases/${c.id}`, { ...got.json, subject_person_id: p.id, staff_ids: [me.id] }, { 'if-match': `"${got.json.version}"` });
      assert.equal(up.status, 200, up.text);
      assert.equal(up.json.subject.id, p.id);
      assert.ok(up.json.household.members.some((m) => m.person_id === p.id && m.relation === '本人'));
      await suzuki.post(`/api/v1/cases/${c.id}/contacts`, { occurred_at: new Date(Date.now() - 30e3).toISOString(),
        channel: 'その他（訪問等）', sub_kind: '訪問', counterpart: '本人', subject_met: true });
      assert.equal((await suzuki.get(`/api/v1/cases/${c.id}`)).json.subject_met, true);
      // an edit that sends only the title keeps 本人 and the household
      const cur = (await suzuki.get(`/api/v1/cases/${c.id}`)).json;
      const renamed = await suzuki.put(`/api/v1/cases/${c.id}`, { title: '母からの相談（改題）', intake_route: cur.intake_route,
        subject_awareness: cur.subject_awareness }, { 'if-match': `"${cur.version}"` });
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal(renamed.json.subject_person_id, p.id);
      assert.equal(renamed.json.household_id, cur.household_id);
      assert.equal(renamed.json.opened_on, cur.opened_on);
      assert.deepEqual(renamed.json.needs, cur.needs);
    });

    test('intake with a new 本人 and caller creates one household; bad caller writes nothing', async () => {
      const r = await suzuki.post('/api/v1/cases', { title: '父と本人', intake_route: '家族',
        subject: { naming: 'named', name: '雲雀 翼', age_band: '40代' },
        caller: { naming: 'named', name: '雲雀 正', relation: '父', age_band: '70代' } });
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(r.json.household.members.map((m) => m.relation), ['本人', '父']);
      const persons = (await suzuki.get('/api/v1/persons')).json.items.length;
      const cases = (await suzuki.get('/api/v1/cases?limit=200')).json.items.length;
      const bad = await suzuki.post('/api/v1/cases', { title: 'x', intake_route: '家族',
        subject: { naming: 'named', name: 'ok' }, caller: { naming: 'named', name: 'y', relation: '本人' } });
      assert.equal(bad.status, 400);
      assert.ok(bad.json.errors.some((e) => e.field === 'caller.relation'));
      assert.equal((await suzuki.get('/api/v1/persons')).json.items.length, persons);
      assert.equal((await suzuki.get('/api/v1/cases?limit=200')).json.items.length, cases);
    });

    test('bad input on POST/PUT /cases: unknown enums, future dates, long text, other organisation ids', async () => {
      const foreignPerson = (await takahashi.post('/api/v1/persons', { naming: 'named', name: '他町' })).json.id;
      const foreignStaff = (await takahashi.get('/api/v1/session')).json.user.id;
      const cases = [
        [{ intake_route: '家族' }, 'title'],
        [{ title: 'x'.repeat(101), intake_route: '家族' }, 'title'],
        [{ title: 'x', intake_route: '友人' }, 'intake_route'],
        [{ title: 'x', intake_route: '家族', subject_awareness: 'たぶん' }, 'subject_awareness'],
        [{ title: 'x', intake_route: '家族', needs: ['8050', '借金'] }, 'needs'],
        [{ title: 'x', intake_route: '家族', needs: '8050' }, 'needs'],
        [{ title: 'x', intake_route: '家族', opened_on: '2999-01-01' }, 'opened_on'],
        [{ title: 'x', intake_route: '家族', subject_person_id: foreignPerson }, 'subject_person_id'],
        [{ title: 'x', intake_route: '家族', staff_ids: [foreignStaff] }, 'staff_ids'],
        [{ title: 'x', intake_route: '家族', caller_relation: '友人' }, 'caller_relation'],
      ];
      const before = (await suzuki.get('/api/v1/cases?limit=200')).json.items.length;
      for (const [body, field] of cases) {
        const r = await suzuki.post('/api/v1/cases', body);
        assert.equal(r.status, 400, JSON.stringify(body).slice(0, 80));
        assert.ok(r.json.errors.some((e) => e.field === field), `${field}: ${JSON.stringify(r.json.errors)}`);
      }
      assert.equal((await suzuki.get('/api/v1/cases?limit=200')).json.items.length, before);
    });

    test('status: closing and reopening need a reason; history kept; closed_on set and cleared; 412', async () => {
      let c = (await suzuki.post('/api/v1/cases', { title: '終結と再開', intake_route: '本人' })).json;
      const post = (body, v = c.version) => suzuki.post(`/api/v1/cases/${c.id}/status`, body, { 'if-match': `"${v}"` });
      assert.equal((await post({ to: '終結' })).status, 400);
      assert.equal((await post({ to: '終結', reason: '　' })).status, 400);
      assert.equal((await post({ to: '完了', reason: 'x' })).status, 400);
      assert.equal((await post({ to: '継続支援', on: '2999-01-01' })).status, 400);
      assert.equal((await post({ to: '受付' })).status, 400, 'unchanged is refused');
      let r = await post({ to: '継続支援' });
      assert.equal(r.status, 200, r.text);
      c = r.json;
      assert.equal((await post({ to: '見守り' }, 1)).status, 412);
      r = await post({ to: '終結', reason: '本人の希望により終結', on: today() });
      assert.equal(r.status, 200, r.text);
      c = r.json;
      assert.equal(c.closed_on, today());
      assert.equal((await post({ to: '中断', reason: 'x' })).status, 400, '終結 → 中断 is not a move');
      r = await post({ to: '継続支援', reason: '再度の相談' });
      assert.equal(r.status, 200);
      assert.equal(r.json.closed_on, null);
      assert.deepEqual(r.json.status_history.map((h) => h.to), ['受付', '継続支援', '終結', '継続支援']);
      assert.equal(r.json.status_history[2].reason, '本人の希望により終結');
      assert.equal((await suzuki.get(`/api/v1/cases?status=継続支援&limit=200`)).json.items.filter((x) => x.id === c.id).length, 1);
      assert.equal((await suzuki.get('/api/v1/cases?status=済み')).status, 400);
    });

    test('list: own organisation only, staff filter, cursor pages without overlap, audited', async () => {
      const all = [];
      let cursor = null;
      do {
        const r = await suzuki.get(`/api/v1/cases?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(r.status, 200, r.text);
        all.push(...r.json.items);
        cursor = r.json.next_cursor;
      } while (cursor);
      assert.ok(all.length >= 16);
      assert.equal(new Set(all.map((c) => c.id)).size, all.length);
      assert.ok(all.every((c) => c.organisation_id === me.organisation_id));
      const mine = (await suzuki.get('/api/v1/cases?staff=me&limit=200')).json.items;
      assert.ok(mine.length > 0 && mine.every((c) => c.staff.some((s) => s.id === me.id)));
      assert.equal((await suzuki.get('/api/v1/cases?cursor=garbage')).status, 400);
      assert.equal((await suzuki.get('/api/v1/cases?limit=0')).status, 400);
      const audit = (await sato.get('/api/v1/audit?limit=50')).json.items;
      assert.ok(audit.some((e) => e.action === 'read' && e.entity === 'case'));
    });

    test('another organisation\'s case: 404 on read, update, status and contacts; audited; nothing written', async () => {
      const other = (await takahashi.get('/api/v1/cases?limit=1')).json.items[0];
      assert.equal((await suzuki.get(`/api/v1/cases/${other.id}`)).status, 404);
      assert.equal((await suzuki.put(`/api/v1/cases/${other.id}`, { title: 'x', intake_route: '家族', subject_awareness: '不明' }, { 'if-match': `"${other.version}"` })).status, 404);
      assert.equal((await suzuki.post(`/api/v1/cases/${other.id}/status`, { to: '終結', reason: 'x' }, { 'if-match': `"${other.version}"` })).status, 404);
      assert.equal((await suzuki.get(`/api/v1/cases/${other.id}/contacts`)).status, 404);
      const after = (await takahashi.get(`/api/v1/cases/${other.id}`)).json;
      assert.equal(after.version, other.version);
      assert.equal(after.status, other.status);
      const audit = (await sato.get('/api/v1/audit?limit=50')).json.items;
      assert.ok(audit.some((e) => e.action === 'denied' && e.entity === 'case' && e.entity_id === other.id));
    });

    test('the demo has about thirty cases, family-only ones, an 8050 household, a closed-and-reopened case', async () => {
      const items = (await suzuki.get('/api/v1/cases?limit=200')).json.items;
      assert.ok(items.some((c) => c.needs.includes('8050')));
      assert.ok(items.some((c) => !c.subject_met && c.contact_count >= 5));
      const s05 = items.find((c) => c.title.startsWith('S05 '));
      const detail = (await suzuki.get(`/api/v1/cases/${s05.id}`)).json;
      assert.ok(detail.status_history.some((h) => h.to === '終結' && h.reason));
      assert.equal(detail.status, '継続支援');
    });
  });
}
