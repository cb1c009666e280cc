// Two-factor sign-in with an authenticator app (issue 21, point 1): TOTP
// (RFC 6238, HMAC-SHA1, 6 digits, 30 s) enrolled with a QR code the server
// draws, recovery codes shown once, the second step after the password,
// wrong codes counted per user, an administrator's reset, and the roles an
// organisation requires it of (admin and supervisor by default).
//
// These tests sign in by hand (Client.loginPassword and the second step),
// not through the helpers that pass the second step for the other tests.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DATABASES, DEMO, signedIn, freshDatabase, runCli } from '../support/server.mjs';
import { sql as sqlOn } from '../support/case_rows.mjs';
import { codeAt, serverStep } from '../support/two_factor.mjs';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

function assertProblem(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json?.code, code, r.text);
  assert.match(r.json.detail, JAPANESE, 'a Japanese message for the person at the screen');
}

// A user of the admin's organisation, signed in with the password only.
async function newUser(admin, login, role = 'coordinator', organisationId = null) {
  const me = (await admin.get('/api/v1/session')).json.user;
  const r = await admin.post('/api/v1/users', {
    login, display_name: `試験 ${login}`, password: 'first-password-1', role, organisation_id: organisationId ?? me.organisation_id,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function passwordOnly(url, login, password = 'first-password-1') {
  const c = new Client(url);
  const r = await c.loginPassword(login, password);
  return { c, r };
}

// Enrols the signed-in client's user; returns { secret, codes, step }.
async function enrolBy(c, offset = 0) {
  const started = await c.post('/api/v1/session/two-factor/enrolment', {});
  assert.equal(started.status, 201, started.text);
  const step = serverStep(offset);
  const confirmed = await c.post('/api/v1/session/two-factor/enrolment/confirm', { code: codeAt(started.json.secret, step) });
  assert.equal(confirmed.status, 200, confirmed.text);
  return { secret: started.json.secret, codes: confirmed.json.recovery_codes, step };
}

// Both steps; the client ends up signed in. `cred` is {code} or {recovery_code}.
async function signInWith(url, login, cred, password = 'first-password-1') {
  const { c, r } = await passwordOnly(url, login, password);
  assert.equal(r.status, 202, r.text);
  const done = await c.post('/api/v1/session/second-factor', cred);
  if (done.status === 201) c.csrf = done.json.csrf_token;
  return { c, done };
}

for (const kind of DATABASES) {
  describe(`two-factor sign-in (${kind})`, () => {
    let server, admin;
    const sql = (q) => sqlOn(server, q);
    const auditOf = (userId, action) =>
      // Each detail behind a '>' so that an empty one still makes a line.
      sql(`SELECT '>' || detail FROM audit_log WHERE entity = 'user' AND entity_id = '${userId}' AND action = '${action}' ORDER BY seq`)
        .split('\n').filter(Boolean).map((l) => l.slice(1));
    before(async () => {
      server = await startServer({ db: kind });
      admin = await signedIn(server.url, 'admin');
    });
    after(async () => { await server?.stop(); });

    test('a supervisor must enrol first: only enrolment is open, then the session is whole', async () => {
      const c = new Client(server.url);
      const first = await c.loginPassword(...DEMO.other_supervisor);
      assert.equal(first.status, 201, first.text);
      assert.deepEqual(first.json.two_factor, { active: false, required: true, enrolment_required: true, enabled_at: null, recovery_codes_left: 0 });
      assertProblem(await c.get('/api/v1/cases'), 403, 'two_factor_enrolment_required');
      assertProblem(await c.get('/api/v1/users'), 403, 'two_factor_enrolment_required');
      assert.equal((await c.get('/api/v1/session')).status, 200, 'the session itself can be read');
      assertProblem(await c.get('/api/v1/session/two-factor/enrolment/qr'), 404, 'no_pending_enrolment');

      const started = await c.post('/api/v1/session/two-factor/enrolment', {});
      assert.equal(started.status, 201, started.text);
      assert.match(started.json.secret, /^[A-Z2-7]{32}$/, '20 bytes in base32 for typing by hand');
      assert.equal(started.json.otpauth_uri,
        `otpauth://totp/tsunagu:ito?secret=${started.json.secret}&issuer=tsunagu&algorithm=SHA1&digits=6&period=30`);
      const qr = await c.get('/api/v1/session/two-factor/enrolment/qr');
      assert.equal(qr.status, 200);
      assert.equal(qr.headers.get('content-type'), 'image/svg+xml');
      assert.equal(qr.headers.get('cache-control'), 'no-store');
      assert.match(qr.text, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*><rect [^>]*\/><path fill="#000" d="M[0-9 hvMz-]+"\/><\/svg>$/);
      assert.ok(!qr.text.includes(started.json.secret), 'the secret is in the picture only');
      assert.equal((await new Client(server.url).get('/api/v1/session/two-factor/enrolment/qr')).status, 401);
      const sealed = sql(`SELECT pending_secret FROM user_two_factor t JOIN users u ON u.id = t.user_id WHERE u.login = 'ito'`).trim();
      assert.ok(sealed && !sealed.includes(started.json.secret), 'sealed at rest');

      // Bad input changes nothing and counts nothing.
      for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5x', 123456, null]) {
        const r = await c.post('/api/v1/session/two-factor/enrolment/confirm', { code });
        assertProblem(r, 400, 'validation_failed');
        assert.equal(r.json.errors[0].field, 'code');
      }
      const now = serverStep();
      assertProblem(await c.post('/api/v1/session/two-factor/enrolment/confirm', { code: codeAt(started.json.secret, now + 3) }), 400, 'two_factor_code_invalid');
      assert.equal((await c.get('/api/v1/session/two-factor')).json.active, false);
      assertProblem(await c.get('/api/v1/cases'), 403, 'two_factor_enrolment_required');

      const confirmed = await c.post('/api/v1/session/two-factor/enrolment/confirm', { code: codeAt(started.json.secret, now) });
      assert.equal(confirmed.status, 200, confirmed.text);
      const codes = confirmed.json.recovery_codes;
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      for (const x of codes) assert.match(x, /^[a-z2-7]{5}-[a-z2-7]{5}$/);
      assert.equal(confirmed.json.two_factor.active, true);
      assert.equal(confirmed.json.two_factor.recovery_codes_left, 10);
      assert.equal((await c.get('/api/v1/cases')).status, 200, 'the same session is whole now');
      const stored = sql(`SELECT code_hash FROM two_factor_recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.login = 'ito'`);
      for (const x of codes) assert.ok(!stored.includes(x) && !stored.includes(x.replace('-', '')), 'only hashes are stored');
      const ito = (await c.get('/api/v1/session')).json.user;
      assert.equal(auditOf(ito.id, 'two_factor_enrolment_started').length, 1);
      assert.equal(auditOf(ito.id, 'two_factor_enabled').length, 1);
      // Never shown again.
      assert.ok(!JSON.stringify((await c.get('/api/v1/session/two-factor')).json).includes(codes[0]));
    });

    test('the second step: a code once, a recovery code once, no session before it, the device cookie skips nothing', async () => {
      const u = await newUser(admin, 'tf-second');
      const { c } = await passwordOnly(server.url, 'tf-second');
      assert.equal((await c.get('/api/v1/session')).json.two_factor.required, false, 'a coordinator may enrol, need not');
      const { secret, codes, step } = await enrolBy(c);

      const pw = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'tf-second', password: 'first-password-1' }) });
      assert.equal(pw.status, 202);
      assert.deepEqual(await pw.json(), { second_factor_required: true, expires_in: 300 });
      const cookies = pw.headers.getSetCookie();
      assert.equal(cookies.length, 1, 'no session and no device cookie yet');
      assert.match(cookies[0], /^tsunagu_second_factor=[^;]{32,}; Path=\/api\/v1\/session; HttpOnly; SameSite=Strict; Max-Age=300/);

      // The step used at enrolment cannot sign in; the next one can, once.
      const replayedEnrolment = await signInWith(server.url, 'tf-second', { code: codeAt(secret, step) });
      assertProblem(replayedEnrolment.done, 401, 'second_factor_invalid');
      const ok = await signInWith(server.url, 'tf-second', { code: codeAt(secret, step + 1) });
      assert.equal(ok.done.status, 201, ok.done.text);
      assert.equal(ok.done.json.user.login, 'tf-second');
      assert.match(ok.done.headers.get('set-cookie'), /tsunagu_second_factor=; Path=\/api\/v1\/session; HttpOnly; SameSite=Strict; Max-Age=0/);
      assert.equal((await ok.c.get('/api/v1/cases')).status, 200);
      const replay = await signInWith(server.url, 'tf-second', { code: codeAt(secret, step + 1) });
      assertProblem(replay.done, 401, 'second_factor_invalid');

      // A recovery code: typed in capitals, without the hyphen; then gone.
      const rc = await signInWith(server.url, 'tf-second', { recovery_code: codes[0].toUpperCase().replace('-', ' ') });
      assert.equal(rc.done.status, 201, rc.done.text);
      assert.equal(rc.done.json.two_factor.recovery_codes_left, 9);
      assertProblem((await signInWith(server.url, 'tf-second', { recovery_code: codes[0] })).done, 401, 'second_factor_invalid');
      assert.deepEqual(auditOf(u.id, 'recovery_code_used'), ['9 left']);

      // The browser that signed in before (device cookie) is still asked for a code.
      const device = /tsunagu_device=([^;]+)/.exec(ok.done.headers.get('set-cookie'))[1];
      const again = await fetch(`${server.url}/api/v1/session`, { method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `tsunagu_device=${device}` },
        body: JSON.stringify({ login: 'tf-second', password: 'first-password-1' }) });
      assert.equal(again.status, 202);
    });

    test('bad input and forged or missing second-step tokens: clear answers, nothing counted', async () => {
      await newUser(admin, 'tf-bad');
      const { c } = await passwordOnly(server.url, 'tf-bad');
      const { secret } = await enrolBy(c);
      const { c: pending, r } = await passwordOnly(server.url, 'tf-bad');
      assert.equal(r.status, 202);
      for (const body of [{}, { code: '' }, { code: '12345' }, { code: '1234567' }, { code: 'abcdef' }, { code: '１２３４５６' },
        { code: '123456', recovery_code: 'aaaaa-bbbbb' }, { recovery_code: 'x'.repeat(41) }, { code: 123456 }]) {
        const bad = await pending.post('/api/v1/session/second-factor', body);
        assertProblem(bad, 400, 'validation_failed');
      }
      assertProblem(await pending.post('/api/v1/session/second-factor', '{"code":'), 400, 'malformed_json');
      const forged = new Client(server.url);
      forged.secondFactor = 'tsunagu_second_factor=forged-token-that-was-never-issued-by-the-server';
      assertProblem(await forged.post('/api/v1/session/second-factor', { code: codeAt(secret, serverStep()) }), 401, 'second_factor_expired');
      assertProblem(await new Client(server.url).post('/api/v1/session/second-factor', { code: '123456' }), 401, 'second_factor_expired');
      assert.equal(sql(`SELECT failures FROM user_two_factor t JOIN users u ON u.id = t.user_id WHERE u.login = 'tf-bad'`).trim(), '0');
      // The real token still works after all that.
      const done = await pending.post('/api/v1/session/second-factor', { code: codeAt(secret, serverStep() + 1) });
      assert.equal(done.status, 201, done.text);
      assert.equal(sql(`SELECT COUNT(*) FROM second_factor_challenges ch JOIN users u ON u.id = ch.user_id WHERE u.login = 'tf-bad'`).trim(), '0',
        'the token is used up');
    });

    test('wrong codes are counted per user: the fifth locks the second step, the password step says so', async () => {
      const u = await newUser(admin, 'tf-lock');
      const { c } = await passwordOnly(server.url, 'tf-lock');
      const { secret, step } = await enrolBy(c);
      const wrong = (n) => codeAt(secret, step + 10 + n);
      // Four wrong, then right: the count starts over.
      for (let i = 0; i < 4; i++) assertProblem((await signInWith(server.url, 'tf-lock', { code: wrong(i) })).done, 401, 'second_factor_invalid');
      assert.equal((await signInWith(server.url, 'tf-lock', { code: codeAt(secret, step + 1) })).done.status, 201);
      // Five wrong in one second step (and its retries): locked.
      const { c: pending } = await passwordOnly(server.url, 'tf-lock');
      for (let i = 0; i < 4; i++) assertProblem(await pending.post('/api/v1/session/second-factor', { code: wrong(i) }), 401, 'second_factor_invalid');
      assertProblem(await pending.post('/api/v1/session/second-factor', { code: wrong(4) }), 423, 'two_factor_locked');
      // Even the right code and a new sign-in are refused now; no session was made.
      assertProblem(await pending.post('/api/v1/session/second-factor', { code: codeAt(secret, serverStep() + 1) }), 401, 'second_factor_expired');
      assertProblem((await passwordOnly(server.url, 'tf-lock')).r, 423, 'two_factor_locked');
      const failed = auditOf(u.id, 'login_failed');
      assert.equal(failed.length, 9);
      assert.equal(failed.at(-1), 'second factor; locked');
      // A stranger without the password never reaches the count.
      const stranger = await new Client(server.url).loginPassword('tf-lock', 'wrong-password');
      assertProblem(stranger, 401, 'invalid_credentials');
      // The administrator's reset lifts it.
      assert.equal((await admin.post(`/api/v1/users/${u.id}/two-factor/reset`, { reason: 'ロック解除の依頼（本人確認済み）' })).status, 200);
      assert.equal((await passwordOnly(server.url, 'tf-lock')).r.status, 201);
    });

    test('new recovery codes need a current code; the old ones stop working', async () => {
      await newUser(admin, 'tf-regen');
      const { c } = await passwordOnly(server.url, 'tf-regen');
      const { secret, codes, step } = await enrolBy(c);
      assertProblem(await c.post('/api/v1/session/two-factor/recovery-codes', { code: 'abc' }), 400, 'validation_failed');
      assertProblem(await c.post('/api/v1/session/two-factor/recovery-codes', { code: codeAt(secret, step) }), 400, 'two_factor_code_invalid');
      const fresh = await c.post('/api/v1/session/two-factor/recovery-codes', { code: codeAt(secret, step + 1) });
      assert.equal(fresh.status, 200, fresh.text);
      assert.equal(fresh.json.recovery_codes.length, 10);
      assert.ok(!fresh.json.recovery_codes.includes(codes[0]));
      assertProblem((await signInWith(server.url, 'tf-regen', { recovery_code: codes[1] })).done, 401, 'second_factor_invalid');
      assert.equal((await signInWith(server.url, 'tf-regen', { recovery_code: fresh.json.recovery_codes[1] })).done.status, 201);
      // Re-enrolment replaces the secret and the codes, once confirmed: until then the old
      // secret and codes stay (an abandoned re-enrolment locks nobody out).
      const sealedSecret = () => sql(`SELECT secret FROM user_two_factor t JOIN users u ON u.id = t.user_id WHERE u.login = 'tf-regen'`).trim();
      const before = sealedSecret();
      const started = await c.post('/api/v1/session/two-factor/enrolment', {});
      assert.equal(started.status, 201);
      assert.equal(sealedSecret(), before, 'an unconfirmed re-enrolment changes nothing');
      assert.equal((await signInWith(server.url, 'tf-regen', { recovery_code: fresh.json.recovery_codes[2] })).done.status, 201);
      const reconfirmed = await c.post('/api/v1/session/two-factor/enrolment/confirm', { code: codeAt(started.json.secret, serverStep()) });
      assert.equal(reconfirmed.status, 200, reconfirmed.text);
      assert.notEqual(sealedSecret(), before);
      assertProblem((await signInWith(server.url, 'tf-regen', { recovery_code: fresh.json.recovery_codes[3] })).done, 401, 'second_factor_invalid');
      assert.equal((await signInWith(server.url, 'tf-regen', { recovery_code: reconfirmed.json.recovery_codes[0] })).done.status, 201);
    });

    test("an administrator resets a user's second factor with a reason: audited, sessions end; not across organisations, not their own", async () => {
      const u = await newUser(admin, 'tf-reset', 'supervisor');
      const { c } = await passwordOnly(server.url, 'tf-reset');
      await enrolBy(c);
      assert.equal((await c.get('/api/v1/cases')).status, 200);
      const listed = (await admin.get('/api/v1/users')).json.items.find((x) => x.id === u.id);
      assert.deepEqual(listed.two_factor, { active: true, required: true });

      assertProblem(await admin.post(`/api/v1/users/${u.id}/two-factor/reset`, {}), 400, 'validation_failed');
      assertProblem(await admin.post(`/api/v1/users/${u.id}/two-factor/reset`, { reason: 'x'.repeat(201) }), 400, 'validation_failed');
      const me = (await admin.get('/api/v1/session')).json.user;
      assertProblem(await admin.post(`/api/v1/users/${me.id}/two-factor/reset`, { reason: '自分で' }), 400, 'validation_failed');
      assert.equal((await c.get('/api/v1/cases')).status, 200, 'nothing changed yet');

      // An administrator of another organisation cannot.
      const orgs = (await admin.get('/api/v1/organisations')).json.items;
      const other = orgs.find((o) => o.id !== me.organisation_id);
      await newUser(admin, 'tf-other-admin', 'admin', other.id);
      const otherAdmin = new Client(server.url);
      assert.equal((await otherAdmin.login('tf-other-admin', 'first-password-1')).status, 201);
      assertProblem(await otherAdmin.post(`/api/v1/users/${u.id}/two-factor/reset`, { reason: '別の組織から' }), 404, 'not_found');
      assertProblem(await signedIn(server.url, 'supervisor').then((s) => s.post(`/api/v1/users/${u.id}/two-factor/reset`, { reason: '所長から' })), 403, 'forbidden');
      assert.equal((await c.get('/api/v1/cases')).status, 200, 'still unchanged');

      const reset = await admin.post(`/api/v1/users/${u.id}/two-factor/reset`, { reason: 'スマートフォンを紛失したため（電話で本人確認）' });
      assert.equal(reset.status, 200, reset.text);
      assert.deepEqual(reset.json.two_factor, { active: false, required: true });
      assert.deepEqual(auditOf(u.id, 'two_factor_reset'), ['スマートフォンを紛失したため（電話で本人確認）']);
      assert.equal((await c.get('/api/v1/cases')).status, 401, 'the sessions ended');
      assert.equal(sql(`SELECT COUNT(*) FROM two_factor_recovery_codes WHERE user_id = '${u.id}'`).trim(), '0');
      const next = await passwordOnly(server.url, 'tf-reset');
      assert.equal(next.r.status, 201, 'the password opens an enrolment-only session again');
      assert.equal(next.r.json.two_factor.enrolment_required, true);
    });

    test("per organisation: admin and supervisor by default, an admin adds roles or lifts supervisor's, never admin's", async () => {
      const me = (await admin.get('/api/v1/session')).json.user;
      const path = `/api/v1/organisations/${me.organisation_id}/two-factor-policy`;
      const current = await admin.get(path);
      assert.equal(current.status, 200);
      assert.deepEqual(current.json.required_roles, ['supervisor', 'admin']);
      // Every organisation, including a new one, starts there.
      const area = (await admin.get('/api/v1/areas')).json.items.find((a) => a.level === 'municipality');
      const made = await admin.post('/api/v1/organisations', { name: '二段階の会', kind: '家族会', area_id: area.id });
      assert.equal(sql(`SELECT two_factor_roles FROM organisations WHERE id = '${made.json.id}'`).trim(), 'admin,supervisor');

      const etag = current.headers.get('etag');
      for (const body of [{}, { required_roles: 'admin' }, { required_roles: ['supervisor'] }, { required_roles: ['admin', 'chief'] }, { required_roles: ['admin', 3] }]) {
        const r = await admin.put(path, body, { 'if-match': etag });
        assertProblem(r, 400, 'validation_failed');
      }
      assertProblem(await admin.put(path, { required_roles: ['admin'] }), 428, 'version_required');
      assert.deepEqual((await admin.get(path)).json.required_roles, ['supervisor', 'admin'], 'unchanged');

      // kato is a coordinator of the administrator's own organisation.
      const kato = await signedIn(server.url, 'prefecture_coordinator');
      assert.equal((await kato.get('/api/v1/cases')).status, 200);
      const changed = await admin.put(path, { required_roles: ['coordinator', 'supervisor', 'admin'] }, { 'if-match': etag });
      assert.equal(changed.status, 200, changed.text);
      assert.deepEqual(changed.json.required_roles, ['coordinator', 'supervisor', 'admin']);
      assertProblem(await kato.get('/api/v1/cases'), 403, 'two_factor_enrolment_required');
      assert.equal(sql(`SELECT detail FROM audit_log WHERE entity = 'two_factor_policy' AND entity_id = '${me.organisation_id}'`).trim(), 'coordinator,supervisor,admin');
      assertProblem(await admin.put(path, { required_roles: ['admin'] }, { 'if-match': etag }), 412, 'version_conflict');

      // Back to the default; lifting it for supervisors is allowed (and audited).
      const lifted = await admin.put(path, { required_roles: ['admin'] }, { 'if-match': changed.headers.get('etag') });
      assert.deepEqual(lifted.json.required_roles, ['admin']);
      assert.equal((await kato.get('/api/v1/cases')).status, 200);
      const restored = await admin.put(path, { required_roles: ['supervisor', 'admin'] }, { 'if-match': lifted.headers.get('etag') });
      assert.deepEqual(restored.json.required_roles, ['supervisor', 'admin']);

      // Another organisation's setting is out of reach; supervisors read their own, change nothing.
      const other = (await admin.get('/api/v1/organisations')).json.items.find((o) => o.id !== me.organisation_id);
      assertProblem(await admin.get(`/api/v1/organisations/${other.id}/two-factor-policy`), 404, 'not_found');
      const sato = await signedIn(server.url, 'supervisor');
      const satoOrg = (await sato.get('/api/v1/session')).json.user.organisation_id;
      const own = await sato.get(`/api/v1/organisations/${satoOrg}/two-factor-policy`);
      assert.equal(own.status, 200);
      assertProblem(await sato.get(path), 404, 'not_found');
      assertProblem(await sato.put(`/api/v1/organisations/${satoOrg}/two-factor-policy`, { required_roles: ['admin'] },
        { 'if-match': own.headers.get('etag') }), 403, 'forbidden');
    });
  });

  describe(`two-factor sign-in and the clock (${kind})`, () => {
    // One database, servers started on it with their clocks at several
    // offsets: the phone's clock a step behind or ahead of the server's.
    let database, enrolled;
    before(() => {
      database = freshDatabase(kind);
      runCli(['demo', '--db', database.url]);
    });
    after(() => database?.cleanup());

    test('a code of the step before or after is accepted, two steps off is not; the second step waits 5 minutes', async () => {
      let server = await startServer({ db: kind, database });
      try {
        const admin = await signedIn(server.url, 'admin');
        await newUser(admin, 'tf-clock');
        const { c } = await passwordOnly(server.url, 'tf-clock');
        enrolled = await enrolBy(c);
      } finally { await server.stop(); }
      // The server's clock ten minutes ahead: the steps around its "now".
      const offset = 600;
      server = await startServer({ db: kind, database, clockOffset: offset });
      // The server's step, read with at least 10 s of it left: a sign-in
      // (password hash, then the code) must reach the server in the same
      // step, or "two ahead" becomes "one ahead" on the way (seen once in CI).
      const steadyStep = async () => {
        for (;;) {
          const into = (Date.now() / 1000 + offset) % 30;
          if (into < 20) return serverStep(offset);
          await new Promise((r) => setTimeout(r, (30 - into) * 1000 + 50));
        }
      };
      try {
        const { secret } = enrolled;
        assertProblem((await signInWith(server.url, 'tf-clock', { code: codeAt(secret, (await steadyStep()) - 2) })).done, 401, 'second_factor_invalid');
        assertProblem((await signInWith(server.url, 'tf-clock', { code: codeAt(secret, (await steadyStep()) + 2) })).done, 401, 'second_factor_invalid');
        assert.equal((await signInWith(server.url, 'tf-clock', { code: codeAt(secret, (await steadyStep()) - 1) })).done.status, 201, '1 step behind');
        assert.equal((await signInWith(server.url, 'tf-clock', { code: codeAt(secret, (await steadyStep()) + 1) })).done.status, 201, '1 step ahead');
        // A token from now, used 5 minutes and a second later, is over.
        const { c: pending, r } = await passwordOnly(server.url, 'tf-clock');
        assert.equal(r.status, 202);
        await server.stop();
        server = await startServer({ db: kind, database, clockOffset: offset + 301 });
        const url = server.url;
        pending.base = url;
        assertProblem(await pending.post('/api/v1/session/second-factor', { code: codeAt(secret, serverStep(offset + 301) + 1) }), 401, 'second_factor_expired');
      } finally { await server.stop(); }
    });
  });
}
