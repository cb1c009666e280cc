// Contacts (issue 3, point 3): the five MHLW channels with sub-kinds under
// その他（訪問等）, unanswered visits, no future times, notes up to 4000
// characters, newest first, If-Match, other organisations refused.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

const ago = (minutes) => new Date(Date.now() - minutes * 60e3).toISOString();

for (const kind of DATABASES) {
  describe(`contacts (${kind})`, () => {
    let server, suzuki, takahashi, c;
    before(async () => {
      server = await startServer({ db: kind });
      suzuki = await signedIn(server.url, 'coordinator');
      takahashi = await signedIn(server.url, 'other_coordinator');
      c = (await suzuki.post('/api/v1/cases', { title: '記録の試験', intake_route: '家族' })).json;
    });
    after(async () => { await server?.stop(); });

    test('every channel; a visit where nobody opened the door; a letter; newest first', async () => {
      const bodies = [
        { channel: '電話', counterpart: '母', subject_met: false, duration_minutes: 25, note: '母より電話。\n本人は部屋にいる。' },
        { channel: 'メール', counterpart: '父', subject_met: false },
        { channel: 'SNS', counterpart: '本人', subject_met: true },
        { channel: '来所', counterpart: '本人', subject_met: true, duration_minutes: 60 },
        { channel: 'その他（訪問等）', sub_kind: '訪問', counterpart: '本人', subject_met: false, note: '応答なし（会えなかった）' },
        { channel: 'その他（訪問等）', sub_kind: '手紙', counterpart: '本人', subject_met: false },
        { channel: 'その他（訪問等）', counterpart: '関係機関', subject_met: false, next_step: '同行訪問', next_step_on: '2099-01-01' },
      ];
      for (const [i, b] of bodies.entries()) {
        const r = await suzuki.post(`/api/v1/cases/${c.id}/contacts`, { ...b, occurred_at: ago(100 - i) });
        assert.equal(r.status, 201, r.text);
        assert.equal(r.headers.get('etag'), '"1"');
      }
      const list = (await suzuki.get(`/api/v1/cases/${c.id}/contacts`)).json.items;
      assert.equal(list.length, bodies.length);
      assert.equal(list[0].next_step, '同行訪問');
      assert.equal(list.at(-1).note, '母より電話。\n本人は部屋にいる。');
      const sorted = [...list].sort((a, b) => b.occurred_at.localeCompare(a.occurred_at));
      assert.deepEqual(list.map((x) => x.id), sorted.map((x) => x.id));
      // the collection route and the body case_id
      const byBody = await suzuki.post('/api/v1/contacts', { case_id: c.id, occurred_at: ago(1), channel: '電話', counterpart: '母', subject_met: false });
      assert.equal(byBody.status, 201, byBody.text);
      const page1 = await suzuki.get(`/api/v1/contacts?case_id=${c.id}&limit=3`);
      assert.equal(page1.json.items.length, 3);
      const page2 = await suzuki.get(`/api/v1/contacts?case_id=${c.id}&limit=10&cursor=${encodeURIComponent(page1.json.next_cursor)}`);
      assert.equal(page2.json.items.length, bodies.length + 1 - 3);
      assert.ok(!page2.json.items.some((x) => page1.json.items.some((y) => y.id === x.id)));
    });

    test('bad input: unknown channel/sub-kind/counterpart, sub-kind outside その他, future time, long note', async () => {
      const base = { occurred_at: ago(5), channel: '電話', counterpart: '母', subject_met: false };
      const cases = [
        [{ ...base, channel: 'FAX' }, 'channel'],
        [{ ...base, channel: 'その他（訪問等）', sub_kind: '散歩' }, 'sub_kind'],
        [{ ...base, sub_kind: '訪問' }, 'sub_kind'],
        [{ ...base, channel: 'その他(訪問等)' }, 'channel'],
        [{ ...base, counterpart: '友人' }, 'counterpart'],
        [{ ...base, occurred_at: new Date(Date.now() + 3600e3).toISOString() }, 'occurred_at'],
        [{ ...base, occurred_at: '2025-04-01 10:00' }, 'occurred_at'],
        [{ ...base, subject_met: 'yes' }, 'subject_met'],
        [{ ...base, duration_minutes: -1 }, 'duration_minutes'],
        [{ ...base, note: 'あ'.repeat(4001) }, 'note'],
        [{ ...base, next_step_on: '2025-13-01' }, 'next_step_on'],
      ];
      const before = (await suzuki.get(`/api/v1/cases/${c.id}/contacts?limit=200`)).json.items.length;
      for (const [body, field] of cases) {
        const r = await suzuki.post(`/api/v1/cases/${c.id}/contacts`, body);
        assert.equal(r.status, 400, `${field}: ${r.status}`);
        assert.ok(r.json.errors.some((e) => e.field === field), `${field}: ${JSON.stringify(r.json.errors)}`);
      }
      const ok = await suzuki.post(`/api/v1/cases/${c.id}/contacts`, { ...base, note: 'あ'.repeat(4000) });
      assert.equal(ok.status, 201);
      assert.equal((await suzuki.get(`/api/v1/cases/${c.id}/contacts?limit=200`)).json.items.length, before + 1);
    });

    test('update with If-Match; stale version answers 412 with the current record', async () => {
      const k = (await suzuki.post(`/api/v1/cases/${c.id}/contacts`, { occurred_at: ago(3), channel: '電話', counterpart: '母', subject_met: false, note: '最初' })).json;
      const up = await suzuki.put(`/api/v1/contacts/${k.id}`, { ...k, note: '直した' }, { 'if-match': '"1"' });
      assert.equal(up.status, 200, up.text);
      const stale = await suzuki.put(`/api/v1/contacts/${k.id}`, { ...k, note: '上書き' }, { 'if-match': '"1"' });
      assert.equal(stale.status, 412);
      assert.equal(stale.json.current.note, '直した');
      assert.equal((await suzuki.put(`/api/v1/contacts/${k.id}`, { ...k })).status, 412, 'body version 1 is stale too');
    });

    test('another organisation: 404 for its contacts and its case; nothing written', async () => {
      const theirCase = (await takahashi.get('/api/v1/cases?limit=1')).json.items[0];
      const theirs = (await takahashi.get(`/api/v1/cases/${theirCase.id}/contacts`)).json.items[0];
      const count = theirCase.contact_count;
      assert.equal((await suzuki.get(`/api/v1/contacts/${theirs.id}`)).status, 404);
      assert.equal((await suzuki.put(`/api/v1/contacts/${theirs.id}`, { ...theirs, note: 'x' }, { 'if-match': `"${theirs.version}"` })).status, 404);
      const body = { occurred_at: ago(2), channel: '電話', counterpart: '母', subject_met: false };
      assert.equal((await suzuki.post(`/api/v1/cases/${theirCase.id}/contacts`, body)).status, 404);
      assert.equal((await suzuki.post('/api/v1/contacts', { ...body, case_id: theirCase.id })).status, 404);
      assert.equal((await suzuki.get(`/api/v1/contacts?case_id=${theirCase.id}`)).status, 404);
      assert.equal((await takahashi.get(`/api/v1/cases/${theirCase.id}`)).json.contact_count, count);
      assert.equal((await takahashi.get(`/api/v1/contacts/${theirs.id}`)).json.note, theirs.note);
    });
  });
}
