// The resource directory (社会資源): shared knowledge read by every
// coordinator and supervisor, kept by the registering organisation's
// supervisors (or an admin), searchable by name, tags and filters.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

const base = {
  name: 'ひだまりカフェ（居場所）',
  category: '民間支援団体（当事者団体・NPO法人等）',
  services: '週2回の居場所。ボードゲーム、読書',
  age_min: 15,
  age_max: 39,
  gender: '指定なし',
  in_person: true,
  online: false,
  cost: '無料',
  tags: ['居場所', 'ゲーム'],
  platform_member: true,
};

for (const kind of DATABASES) {
  describe(`resources (${kind})`, () => {
    let server, sato, ito, suzuki, takahashi, admin, orgs;
    before(async () => {
      server = await startServer({ db: kind });
      [sato, ito, suzuki, takahashi, admin] = await Promise.all(
        ['supervisor', 'other_supervisor', 'coordinator', 'other_coordinator', 'admin'].map((w) => signedIn(server.url, w)));
      orgs = (await admin.get('/api/v1/organisations')).json.items;
    });
    after(async () => { await server?.stop(); });

    test('a supervisor registers, everyone in case work reads, only the keeper edits', async () => {
      const made = await sato.post('/api/v1/resources', base);
      assert.equal(made.status, 201, made.text);
      assert.equal(made.headers.get('etag'), '"1"');
      const id = made.json.id;
      assert.equal(made.json.organisation_name, 'さくら市ひきこもり支援ステーション');
      assert.deepEqual(made.json.tags, ['居場所', 'ゲーム']);

      assert.equal((await suzuki.post('/api/v1/resources', base)).status, 403);
      const seen = await takahashi.get(`/api/v1/resources/${id}`);
      assert.equal(seen.status, 200);
      assert.equal(seen.json.name, base.name);

      const other = await ito.put(`/api/v1/resources/${id}`, { ...base, name: '乗っ取り' }, { 'if-match': '"1"' });
      assert.equal(other.status, 404);
      assert.equal((await sato.put(`/api/v1/resources/${id}`, { ...base, cost: '一部有料' })).status, 428);
      const ok = await sato.put(`/api/v1/resources/${id}`, { ...base, cost: '一部有料' }, { 'if-match': '"1"' });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.version, 2);
      const stale = await sato.put(`/api/v1/resources/${id}`, { ...base, cost: '有料' }, { 'if-match': '"1"' });
      assert.equal(stale.status, 412);
      assert.equal(stale.json.current.cost, '一部有料');
    });

    test('an admin registers for a named organisation; a link makes referrals reach it', async () => {
      const aoba = orgs.find((o) => o.name === 'あおば町ひきこもりサポート事業');
      const r = await admin.post('/api/v1/resources', {
        ...base, name: 'あおば町サポート事業 相談窓口', category: '他のひきこもり地域支援センター', tags: [],
        organisation_id: aoba.id, linked_organisation_id: aoba.id, online: true, gender: '女性のみ', age_min: 18, age_max: 64,
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.organisation_id, aoba.id);
      assert.equal(r.json.linked_organisation_name, aoba.name);
    });

    test('search by name (ひらがな = カタカナ), tag, category and filters', async () => {
      await sato.post('/api/v1/resources', { ...base, name: 'ハローワークさくら', category: 'ハローワーク', tags: ['就労'], platform_member: false, age_min: null, age_max: null });
      // The demo's directory has entries of its own (some of them ひだまり too): only this file's count here.
      const ours = new Set(['ひだまりカフェ（居場所）', 'あおば町サポート事業 相談窓口', 'ハローワークさくら']);
      const names = async (qs) => (await takahashi.get(`/api/v1/resources?${qs}`)).json.items.map((x) => x.name).filter((n) => ours.has(n)).sort();
      assert.deepEqual(await names(`q=${encodeURIComponent('ヒダマリ')}`), ['ひだまりカフェ（居場所）']);
      assert.deepEqual(await names(`tag=${encodeURIComponent('就労')}`), ['ハローワークさくら']);
      assert.deepEqual(await names(`category=${encodeURIComponent('ハローワーク')}`), ['ハローワークさくら']);
      assert.deepEqual(await names('online=true'), ['あおば町サポート事業 相談窓口']);
      assert.deepEqual(await names(`gender=${encodeURIComponent('女性のみ')}`), ['あおば町サポート事業 相談窓口']);
      assert.deepEqual(await names('age=45'), ['あおば町サポート事業 相談窓口', 'ハローワークさくら']);
      assert.deepEqual(await names('platform_member=false'), ['ハローワークさくら']);
      assert.deepEqual(await names(`q=${encodeURIComponent('100%')}`), []);
      assert.equal((await takahashi.get('/api/v1/resources?age=old')).status, 400);
    });

    test('a 相談員 proposes an entry; it is used nowhere until a supervisor confirms it (issue 15 point 10)', async () => {
      const suzuki = await signedIn(server.url, 'coordinator');
      assert.equal((await suzuki.post('/api/v1/resources', { ...base, name: '直接の登録' })).status, 403, 'a 相談員 does not list entries');
      const p = await suzuki.post('/api/v1/resource-proposals', { ...base, name: 'さくら図書館 静かな学習室', category: 'その他', proposal_note: '本人が通えそう' });
      assert.equal(p.status, 201, p.text);
      assert.equal(p.json.active, false);
      assert.equal(p.json.pending_proposal, true);
      assert.equal(p.json.proposed_by_name, '鈴木 けい');
      const listed = async () => (await suzuki.get(`/api/v1/resources?q=${encodeURIComponent('静かな学習室')}`)).json.items.length;
      assert.equal(await listed(), 0, 'not in the directory before it is confirmed');
      const pending = (await sato.get('/api/v1/resource-proposals')).json.items;
      assert.ok(pending.some((x) => x.id === p.json.id));
      assert.equal((await suzuki.post(`/api/v1/resources/${p.json.id}/confirm`, {}, { 'if-match': '"1"' })).status, 403);
      const ok = await sato.post(`/api/v1/resources/${p.json.id}/confirm`, {}, { 'if-match': `"${p.json.version}"` });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.active, true);
      assert.ok(ok.json.confirmed_at);
      assert.equal(await listed(), 1);
      assert.ok(!(await sato.get('/api/v1/resource-proposals')).json.items.some((x) => x.id === p.json.id));
      assert.equal((await sato.post(`/api/v1/resources/${p.json.id}/confirm`, {}, { 'if-match': `"${ok.json.version}"` })).json.code, 'not_a_proposal');
      const bad = await suzuki.post('/api/v1/resource-proposals', { ...base, name: '', category: '病院' });
      assert.equal(bad.status, 400);
    });

    test('bad input is refused field by field and nothing is written', async () => {
      const before = (await sato.get('/api/v1/resources')).json.items.length;
      const r = await sato.post('/api/v1/resources', { ...base, category: '病院', age_min: 40, age_max: 20, tags: 'x', in_person: false });
      assert.equal(r.status, 400);
      const fields = r.json.errors.map((e) => e.field).sort();
      assert.deepEqual(fields, ['age_max', 'category', 'online', 'tags']);
      assert.equal((await sato.get('/api/v1/resources')).json.items.length, before);
      for (const who of ['analyst', 'supporter', 'ibasho_staff', 'surveyor']) {
        const c = await signedIn(server.url, who);
        assert.equal((await c.get('/api/v1/resources')).status, 403, who);
      }
    });
  });
}
