// Search (issue 3, point 8): names, furigana and contact notes; ひらがな,
// カタカナ and 半角 equivalent; 1- and 2-character queries; only the user's
// organisation; pages; the index follows every write.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

const ago = (minutes) => new Date(Date.now() - minutes * 60e3).toISOString();
const ids = (r) => r.json.items.map((c) => c.id);

// Every test runs twice: with the default join limit (the demo's terms have
// few hits, so their hits are joined to the cases) and with a limit of 0,
// which makes every search walk the case list and test each case
// (service/case_search.cc) — the way frequent terms are answered on a large
// database. Both ways must give the same answers.
const WAYS = [{ name: 'joining hits', args: [] }, { name: 'walking the case list', args: ['--search-join-limit', '0'] }];

for (const kind of DATABASES) for (const way of WAYS) {
  describe(`search (${kind}, ${way.name})`, () => {
    let server, suzuki, takahashi, tanaka, kumagai, noteCase, foreign;
    before(async () => {
      server = await startServer({ db: kind, args: way.args });
      suzuki = await signedIn(server.url, 'coordinator');
      takahashi = await signedIn(server.url, 'other_coordinator');
      tanaka = (await suzuki.post('/api/v1/cases', { title: '検索A', intake_route: '家族',
        subject: { naming: 'named', name: '田中 蓮', furigana: 'たなか れん' } })).json;
      kumagai = (await suzuki.post('/api/v1/cases', { title: '検索B', intake_route: '家族',
        caller: { naming: 'named', name: '熊谷 綾', furigana: 'クマガイ アヤ', relation: '母' } })).json;
      noteCase = (await suzuki.post('/api/v1/cases', { title: '検索C', intake_route: '本人' })).json;
      await suzuki.post(`/api/v1/cases/${noteCase.id}/contacts`, { occurred_at: ago(5), channel: '電話', counterpart: '本人',
        subject_met: true, note: 'ﾋｷｺﾓﾘ状態が続き、ゲーム配信の話をした。' });
      foreign = (await takahashi.post('/api/v1/cases', { title: '他町の田中さん', intake_route: '家族',
        subject: { naming: 'named', name: '田中 蓮', furigana: 'たなか れん' } })).json;
    });
    after(async () => { await server?.stop(); });

    test('two-character names and one character find the right cases (gram index)', async () => {
      const r = await suzuki.get(`/api/v1/search?q=${encodeURIComponent('田中')}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(ids(r).includes(tanaka.id));
      assert.ok(!ids(r).includes(kumagai.id));
      assert.deepEqual(r.json.items.find((c) => c.id === tanaka.id).matched, ['person']);
      assert.ok(ids(await suzuki.get(`/api/v1/search?q=${encodeURIComponent('蓮')}`)).includes(tanaka.id));
      assert.ok(ids(await suzuki.get(`/api/v1/search?q=${encodeURIComponent('熊谷')}`)).includes(kumagai.id), 'caller in the household');
    });

    test('ひらがな, カタカナ and 半角カナ are equivalent, at index and at query time', async () => {
      for (const q of ['たなか', 'タナカ', 'ﾀﾅｶ', 'たな', 'ﾀﾅ', 'たなかれん', 'たなか　れん']) {
        const r = await suzuki.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
        assert.ok(ids(r).includes(tanaka.id), `q=${q}`);
      }
      for (const q of ['くまがい', 'ｸﾏｶﾞｲ', 'クマ']) assert.ok(ids(await suzuki.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).includes(kumagai.id), q);
      for (const q of ['ひき', 'ひきこもり', 'ヒキコモリ', 'げーむ配信']) {
        const r = await suzuki.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
        assert.ok(ids(r).includes(noteCase.id), `q=${q}`);
        assert.deepEqual(r.json.items.find((c) => c.id === noteCase.id).matched, ['contact']);
      }
    });

    test('only the user\'s organisation; nothing for unknown text; /cases?q= is the same', async () => {
      const r = await suzuki.get(`/api/v1/search?q=${encodeURIComponent('田中')}`);
      assert.ok(!ids(r).includes(foreign.id));
      assert.ok(r.json.items.every((c) => c.organisation_id === tanaka.organisation_id));
      assert.ok(ids(await takahashi.get(`/api/v1/search?q=${encodeURIComponent('たなか')}`)).includes(foreign.id));
      assert.ok(!ids(await takahashi.get(`/api/v1/search?q=${encodeURIComponent('たなか')}`)).includes(tanaka.id));
      assert.deepEqual(ids(await suzuki.get(`/api/v1/search?q=${encodeURIComponent('存在しない語')}`)), []);
      assert.deepEqual(ids(await suzuki.get(`/api/v1/cases?q=${encodeURIComponent('田中')}`)), ids(r));
    });

    test('the index follows updates of persons and contacts', async () => {
      const subject = tanaka.subject;
      const p = (await suzuki.get(`/api/v1/persons/${subject.id}`)).json;
      const up = await suzuki.put(`/api/v1/persons/${p.id}`, { ...p, name: '鷲尾 蓮', furigana: 'わしお れん' }, { 'if-match': `"${p.version}"` });
      assert.equal(up.status, 200);
      assert.ok(!ids(await suzuki.get(`/api/v1/search?q=${encodeURIComponent('田中')}`)).includes(tanaka.id));
      assert.ok(ids(await suzuki.get(`/api/v1/search?q=${encodeURIComponent('鷲尾')}`)).includes(tanaka.id));
      assert.ok(ids(await suzuki.get(`/api/v1/search?q=${encodeURIComponent('ワシオ')}`)).includes(tanaka.id));
      const k = (await suzuki.get(`/api/v1/cases/${noteCase.id}/contacts`)).json.items[0];
      await suzuki.put(`/api/v1/contacts/${k.id}`, { ...k, note: '散歩に出たとのこと' }, { 'if-match': `"${k.version}"` });
      assert.ok(!ids(await suzuki.get(`/api/v1/search?q=${encodeURIComponent('ひき')}`)).includes(noteCase.id));
      assert.ok(ids(await suzuki.get(`/api/v1/search?q=${encodeURIComponent('散歩')}`)).includes(noteCase.id));
    });

    test('pages, bad queries, and query text that looks like syntax', async () => {
      const seen = [];
      let cursor = null;
      do {
        const r = await suzuki.get(`/api/v1/search?q=${encodeURIComponent('電話')}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(r.status, 200);
        seen.push(...ids(r));
        cursor = r.json.next_cursor;
      } while (cursor);
      assert.equal(new Set(seen).size, seen.length);
      assert.ok(seen.length >= 3, 'demo notes mention 電話');
      assert.equal((await suzuki.get('/api/v1/search')).status, 400);
      assert.equal((await suzuki.get(`/api/v1/search?q=${'あ'.repeat(101)}`)).status, 400);
      for (const q of ['"', '" OR "', 'a*', 'NEAR(a b)', "'; DROP TABLE cases; --", '%', '_', '!']) {
        const r = await suzuki.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
        assert.equal(r.status, 200, `q=${q}: ${r.text}`);
      }
      assert.ok((await suzuki.get('/api/v1/cases?limit=1')).json.items.length === 1, 'cases table intact');
    });
  });
}
