// Bad input everywhere: each gets a clear problem+json answer with a stable
// code and a Japanese detail, and changes nothing (issue 2, points 3 and 11).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DATABASES, signedIn } from '../support/server.mjs';
import { sql } from '../support/case_rows.mjs';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

function assertProblem(r, status, code) {
  assert.equal(r.status, status, `${r.status} ${r.text.slice(0, 300)}`);
  assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(r.json.code, code);
  assert.equal(r.json.status, status);
  assert.match(r.json.detail, JAPANESE, 'detail は日本語');
}

function fieldErrors(r) {
  assert.equal(r.json.code, 'validation_failed');
  assert.ok(Array.isArray(r.json.errors) && r.json.errors.length > 0);
  for (const e of r.json.errors) assert.match(e.detail, JAPANESE, `errors[].detail (${e.field}) は日本語`);
  return Object.fromEntries(r.json.errors.map((e) => [e.field, e.detail]));
}

for (const kind of DATABASES) {
  describe(`bad input (${kind})`, () => {
    let server, admin, fx;

    // What a refused write must leave as it was: every list, and an audit
    // log without any new create/update entry. Writes are recorded in the
    // main log (reads have their own), so its last seq is the mark.
    async function snapshot() {
      const [areas, orgs, users] = await Promise.all([
        admin.get('/api/v1/areas'), admin.get('/api/v1/organisations'), admin.get('/api/v1/users'),
      ]);
      return {
        areas: JSON.stringify(areas.json.items), organisations: JSON.stringify(orgs.json.items),
        users: JSON.stringify(users.json.items), seq: Number(sql(server, 'SELECT MAX(seq) FROM audit_log').trim()),
      };
    }
    async function assertNothingWritten(before, what) {
      const now = await snapshot();
      assert.equal(now.areas, before.areas, `${what}: 地域が変わりました`);
      assert.equal(now.organisations, before.organisations, `${what}: 組織が変わりました`);
      assert.equal(now.users, before.users, `${what}: 利用者が変わりました`);
      const audit = (await admin.get('/api/v1/audit?limit=200')).json.items.filter((e) => e.log === 'main' && e.seq > before.seq);
      const writes = audit.filter((e) => ['create', 'update', 'delete'].includes(e.action));
      assert.deepEqual(writes, [], `${what}: 監査ログに書き込みの記録があります`);
    }
    // Sends a refused write and checks the answer and that nothing changed.
    async function refused(send, status, code, what) {
      const before = await snapshot();
      const r = await send();
      assertProblem(r, status, code);
      await assertNothingWritten(before, what);
      return r;
    }

    before(async () => {
      server = await startServer({ db: kind });
      admin = await signedIn(server.url, 'admin');
      fx = {
        area: (await admin.get('/api/v1/areas')).json.items.find((a) => a.level === 'municipality'),
        organisation: (await admin.get('/api/v1/organisations')).json.items[0],
        user: (await admin.get('/api/v1/users')).json.items.find((u) => u.login === 'suzuki'),
      };
    });
    after(async () => { await server?.stop(); });

    test('malformed JSON → 400 malformed_json', async () => {
      for (const body of ['{"name": "a",', 'not json', '{"name": "a" "b"}', "{'name': 'a'}", ''])
        await refused(() => admin.post('/api/v1/organisations', body), 400, 'malformed_json', `body ${JSON.stringify(body)}`);
      // bytes that are not UTF-8 (e.g. Shift_JIS sent as JSON)
      const sjis = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67]), Buffer.from(`","kind":"NPO","area_id":"${fx.area.id}"}`)]);
      await refused(async () => {
        const res = await fetch(server.url + '/api/v1/organisations', { method: 'POST', body: sjis,
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' } });
        const text = await res.text();
        return { status: res.status, headers: res.headers, text, json: JSON.parse(text) };
      }, 400, 'malformed_json', 'Shift_JIS bytes');
    });

    test('a JSON array, string or number instead of an object → 400 malformed_json', async () => {
      for (const body of ['[]', '[{"name":"x","kind":"NPO"}]', '"text"', '42', 'null'])
        await refused(() => admin.post('/api/v1/areas', body), 400, 'malformed_json', body);
    });

    test('wrong types → 400 validation_failed naming each field', async () => {
      let r = await refused(() => admin.post('/api/v1/areas', {
        level: 'district', name: 123, parent_id: fx.area.id, population: 'many', code: ['99'],
      }), 400, 'validation_failed', 'area with wrong types');
      let errs = fieldErrors(r);
      assert.match(errs.population, /整数/);
      assert.match(errs.name, /文字列/);
      assert.ok(errs.code);

      r = await refused(() => admin.put(`/api/v1/users/${fx.user.id}`, {
        display_name: fx.user.display_name, role: fx.user.role, organisation_id: fx.user.organisation_id, active: 'yes',
      }, { 'if-match': `"${fx.user.version}"` }), 400, 'validation_failed', 'user with active "yes"');
      errs = fieldErrors(r);
      assert.match(errs.active, /true か false/);

      r = await refused(() => admin.post('/api/v1/areas', { level: 'district', name: '地区', parent_id: fx.area.id, population: 1.5 }),
        400, 'validation_failed', 'population 1.5');
      assert.ok(fieldErrors(r).population);
      r = await refused(() => admin.post('/api/v1/areas', { level: 'district', name: '地区', parent_id: fx.area.id, population: -1 }),
        400, 'validation_failed', 'population -1');
      assert.match(fieldErrors(r).population, /範囲/);
    });

    test('unknown enum values → 400 naming the value', async () => {
      let r = await refused(() => admin.post('/api/v1/organisations', { name: '架空病院', kind: '病院', area_id: fx.area.id }),
        400, 'validation_failed', 'kind 病院');
      assert.match(fieldErrors(r).kind, /病院/);
      r = await refused(() => admin.post('/api/v1/organisations', { name: '架空', kind: 'NPO', program_type: '全国センター', area_id: fx.area.id }),
        400, 'validation_failed', 'program_type');
      assert.ok(fieldErrors(r).program_type);
      r = await refused(() => admin.post('/api/v1/users', { login: 'newbie', display_name: '新人', password: 'long-enough-pass', role: 'root', organisation_id: fx.organisation.id }),
        400, 'validation_failed', 'role root');
      assert.ok(fieldErrors(r).role);
      r = await refused(() => admin.post('/api/v1/areas', { level: 'country', name: '日本' }), 400, 'validation_failed', 'level');
      assert.ok(fieldErrors(r).level);
    });

    test('over-long and unusable text → 400 with the limit', async () => {
      const r = await refused(() => admin.post('/api/v1/organisations', { name: 'あ'.repeat(101), kind: 'NPO', area_id: fx.area.id }),
        400, 'validation_failed', '101-character name');
      assert.match(fieldErrors(r).name, /100文字以内/);
      // exactly 100 characters is allowed (and then written)
      const ok = await admin.post('/api/v1/organisations', { name: 'い'.repeat(100), kind: 'NPO', area_id: fx.area.id });
      assert.equal(ok.status, 201);
      const ctl = await refused(() => admin.post('/api/v1/organisations', { name: 'bell\u0007', kind: 'NPO', area_id: fx.area.id }),
        400, 'validation_failed', 'control character');
      assert.match(fieldErrors(ctl).name, /制御文字/);
      const short = await refused(() => admin.post('/api/v1/users', { login: 'newbie', display_name: '新人', password: 'short', role: 'coordinator', organisation_id: fx.organisation.id }),
        400, 'validation_failed', 'short password');
      assert.match(fieldErrors(short).password, /10文字以上/);
    });

    test('missing required fields are each listed in errors[] in Japanese', async () => {
      let r = await refused(() => admin.post('/api/v1/users', {}), 400, 'validation_failed', 'empty user');
      let errs = fieldErrors(r);
      for (const f of ['login', 'display_name', 'password', 'role', 'organisation_id']) assert.ok(errs[f], `errors[] に ${f} がありません`);
      r = await refused(() => admin.post('/api/v1/organisations', { name: '　 ' }), 400, 'validation_failed', 'blank organisation');
      errs = fieldErrors(r);
      for (const f of ['name', 'kind', 'area_id']) assert.ok(errs[f], `errors[] に ${f} がありません`);
      assert.match(errs.name, /入力してください/);
      r = await refused(() => admin.post('/api/v1/areas', { level: 'district', name: '地区' }), 400, 'validation_failed', 'district without parent');
      assert.ok(fieldErrors(r).parent_id);
      r = await new Client(server.url).post('/api/v1/session', {});
      assertProblem(r, 400, 'validation_failed');
      assert.deepEqual(Object.keys(fieldErrors(r)).sort(), ['login', 'password']);
    });

    test('ids that do not exist or belong elsewhere in a body → 400, nothing written', async () => {
      const r = await refused(() => admin.post('/api/v1/organisations', { name: '架空の会', kind: 'NPO', area_id: 'no-such-area' }),
        400, 'validation_failed', 'unknown area');
      assert.ok(fieldErrors(r).area_id);
    });

    test('a body that is not application/json → 415', async () => {
      const body = JSON.stringify({ name: '架空の会', kind: 'NPO', area_id: fx.area.id });
      for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])
        await refused(() => admin.post('/api/v1/organisations', body, { 'content-type': ct }), 415, 'unsupported_media_type', ct);
      await refused(() => admin.request('POST', '/api/v1/organisations', undefined), 415, 'unsupported_media_type', 'no body');
    });

    test('a body over 1 MiB → 413 body_too_large before any work', async () => {
      const big = JSON.stringify({ name: 'x'.repeat((1 << 20) + 10), kind: 'NPO', area_id: fx.area.id });
      await refused(() => admin.post('/api/v1/organisations', big), 413, 'body_too_large', '1 MiB');
      // also before authentication: an anonymous caller cannot make the server parse it
      const anon = await new Client(server.url).post('/api/v1/session', big);
      assertProblem(anon, 413, 'body_too_large');
    });

    test('a body far beyond every limit is cut off unanswered and does not take the server down', async () => {
      // Bodies up to 16 MiB are read so that 413 can say why (above); past
      // that RESTinio drops the connection (http/server.cc): no answer at all.
      const huge = 'x'.repeat(20 * 1024 * 1024);
      await assert.rejects(admin.post('/api/v1/organisations', huge), TypeError);
      const h = await fetch(`${server.url}/healthz`);
      assert.equal(h.status, 200);
      assert.equal((await admin.get('/api/v1/session')).status, 200);
    });

    test('missing or wrong CSRF token → 403 csrf_token_invalid', async () => {
      const body = { name: '架空の会', kind: 'NPO', area_id: fx.area.id };
      await refused(() => admin.post('/api/v1/organisations', body, { 'x-csrf-token': '' }), 403, 'csrf_token_invalid', 'empty token');
      await refused(() => admin.post('/api/v1/organisations', body, { 'x-csrf-token': 'a'.repeat(43) }), 403, 'csrf_token_invalid', 'wrong token');
      // another user's valid token does not fit this session
      const other = await signedIn(server.url, 'supervisor');
      await refused(() => admin.post('/api/v1/organisations', body, { 'x-csrf-token': other.csrf }), 403, 'csrf_token_invalid', 'foreign token');
      await refused(() => admin.put(`/api/v1/organisations/${fx.organisation.id}`, { ...fx.organisation }, { 'x-csrf-token': '', 'if-match': `"${fx.organisation.version}"` }),
        403, 'csrf_token_invalid', 'PUT without token');
      // DELETE too: logging out needs the token
      const sato = await signedIn(server.url, 'supervisor');
      assertProblem(await sato.del('/api/v1/session', { 'x-csrf-token': 'nope' }), 403, 'csrf_token_invalid');
      assert.equal((await sato.get('/api/v1/session')).status, 200, 'the session lives on');
    });

    test('a stale If-Match → 412 version_conflict with the current record', async () => {
      const o = (await admin.get(`/api/v1/organisations/${fx.organisation.id}`));
      assert.equal(o.headers.get('etag'), `"${o.json.version}"`);
      const edit = { name: o.json.name, kind: o.json.kind, program_type: o.json.program_type, area_id: o.json.area_id };
      const first = await admin.put(`/api/v1/organisations/${o.json.id}`, edit, { 'if-match': o.headers.get('etag') });
      assert.equal(first.status, 200);
      assert.equal(first.json.version, o.json.version + 1);
      const r = await refused(() => admin.put(`/api/v1/organisations/${o.json.id}`, { ...edit, name: '上書きされない名前' }, { 'if-match': o.headers.get('etag') }),
        412, 'version_conflict', 'stale If-Match');
      assert.equal(r.json.current.id, o.json.id);
      assert.equal(r.json.current.version, first.json.version);
      assert.equal(r.json.current.name, o.json.name);
      // the same with `version` in the body instead of If-Match
      await refused(() => admin.put(`/api/v1/organisations/${o.json.id}`, { ...edit, name: '上書きされない名前', version: o.json.version }),
        412, 'version_conflict', 'stale body version');
    });

    test('no If-Match and no version → 428; an unreadable If-Match → 400', async () => {
      const u = fx.user;
      const edit = { display_name: '書き換え', role: u.role, organisation_id: u.organisation_id, active: true };
      await refused(() => admin.put(`/api/v1/users/${u.id}`, edit), 428, 'version_required', 'no version');
      await refused(() => admin.put(`/api/v1/areas/${fx.area.id}`, { level: 'municipality', name: 'x' }), 428, 'version_required', 'area no version');
      await refused(() => admin.put(`/api/v1/users/${u.id}`, edit, { 'if-match': 'latest' }), 400, 'invalid_if_match', 'If-Match latest');
      await refused(() => admin.put(`/api/v1/users/${u.id}`, edit, { 'if-match': '"0"' }), 400, 'invalid_if_match', 'If-Match 0');
    });

    test('a record that does not exist → 404, nothing written', async () => {
      await refused(() => admin.put('/api/v1/organisations/no-such-id', { name: 'x', kind: 'NPO', area_id: fx.area.id }, { 'if-match': '"1"' }),
        404, 'not_found', 'PUT unknown id');
      assertProblem(await admin.get('/api/v1/users/' + 'z'.repeat(65)), 404, 'not_found');
    });

    test('an unknown route → 404 problem+json; a wrong method → 405', async () => {
      for (const p of ['/api/v1/nothing', '/api/v2/users', '/api/v1/users/x/y', '/api/'])
        assertProblem(await admin.get(p), 404, 'not_found');
      assertProblem(await new Client(server.url).get('/api/v1/nothing'), 404, 'not_found');
      await refused(() => admin.del('/api/v1/areas'), 405, 'method_not_allowed', 'DELETE areas');
      await refused(() => admin.request('PATCH', `/api/v1/users/${fx.user.id}`, {}), 405, 'method_not_allowed', 'PATCH user');
      assertProblem(await admin.post('/api/v1/audit', {}), 405, 'method_not_allowed');
    });

    test('a bad paging query → 400 validation_failed with the same wording on every list', async () => {
      const lists = ['/api/v1/audit', '/api/v1/cases', '/api/v1/contacts', '/api/v1/persons'];
      const coordinator = await signedIn(server.url, 'coordinator');
      for (const path of lists) {
        const who = path === '/api/v1/audit' ? admin : coordinator;
        for (const q of ['limit=abc', 'limit=5abc', 'limit=0', 'limit=-1', 'limit=201', 'limit=1e2']) {
          const r = await who.get(`${path}?${q}`);
          assertProblem(r, 400, 'validation_failed');
          const e = r.json.errors.find((x) => x.field === 'limit');
          assert.ok(e, `${path}?${q}`);
          assert.match(e.detail, /^件数 \(limit\) は1から\d+までの整数で指定してください。$/, `${path}?${q}`);
        }
        const c = await who.get(`${path}?cursor=${'x'.repeat(250)}`);
        assertProblem(c, 400, 'validation_failed');
        assert.equal(c.json.errors.find((x) => x.field === 'cursor').detail, 'ページの指定 (cursor) が読み取れません。', path);
      }
      const audit = await admin.get('/api/v1/audit?cursor=x');
      assert.equal(audit.json.errors[0].detail, 'ページの指定 (cursor) が読み取れません。');
    });

    test('a bad date → the same wording wherever it is read (body or query)', async () => {
      const coordinator = await signedIn(server.url, 'coordinator');
      const supervisor = await signedIn(server.url, 'supervisor');
      const detail = async (r, field) => { assertProblem(r, 400, 'validation_failed'); return r.json.errors.find((e) => e.field === field)?.detail; };
      const malformed = /^.+は実在する日付を YYYY-MM-DD の形で入力してください。$/;
      assert.match(await detail(await coordinator.post('/api/v1/persons', { naming: 'named', name: '日付 試験', birth_date: '2001-02-30' }), 'birth_date'), malformed);
      assert.match(await detail(await coordinator.post('/api/v1/persons', { naming: 'named', name: '日付 試験', birth_date: 20010203 }), 'birth_date'), malformed);
      assert.match(await detail(await coordinator.post('/api/v1/meetings', { kind: '支援会議', title: '会議', held_on: '2025/06/01', cases: [] }), 'held_on'), malformed);
      assert.match(await detail(await supervisor.get('/api/v1/reports/staff-load?on=2025-13-01'), 'on'), malformed);
      const future = /^.+に未来の日付は入力できません。$/;
      assert.match(await detail(await coordinator.post('/api/v1/persons', { naming: 'named', name: '日付 試験', birth_date: '2999-01-01' }), 'birth_date'), future);
      assert.match(await detail(await coordinator.post('/api/v1/meetings', { kind: '支援会議', title: '会議', held_on: '2999-01-01', cases: [] }), 'held_on'), future);
    });

    test('a clash with an existing record → 400 naming the field, nothing written', async () => {
      const taken = await refused(() => admin.post('/api/v1/users', { login: 'suzuki', display_name: '二人目', password: 'long-enough-pass', role: 'coordinator', organisation_id: fx.organisation.id }),
        400, 'validation_failed', 'login taken');
      assert.ok(fieldErrors(taken).login);
      const dup = await refused(() => admin.post('/api/v1/organisations', { name: fx.organisation.name, kind: 'NPO', area_id: fx.area.id }),
        400, 'validation_failed', 'duplicate organisation name');
      assert.ok(fieldErrors(dup).name);
    });
  });
}
