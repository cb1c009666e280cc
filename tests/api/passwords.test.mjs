// Passwords (issue 13 point 7): every newly set password follows one rule
// (service/password_policy.h) — at least 10 characters, not a common
// password, not containing the login — whether an admin sets it or the user
// changes their own (PUT /api/v1/session/password, service/passwords.h).
// `tsunagu user add` is covered in cli.test.mjs. The demo accounts'
// passwords predate the rule and keep working.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn, Client, DEMO } from '../support/server.mjs';
import { count, sql, AUDIT_ENTRIES } from '../support/case_rows.mjs';

const GOOD = 'kawa-no-nagare-7';
const NEXT = 'yama-no-kaze-12';
const ROLES = ['coordinator', 'supervisor', 'ibasho_staff', 'supporter', 'surveyor', 'analyst', 'admin'];

const fieldErrors = (r) => Object.fromEntries((r.json?.errors ?? []).map((e) => [e.field, e.detail]));

for (const kind of DATABASES) {
  describe(`passwords (${kind})`, () => {
    let server, admin, orgId;
    const addUser = async (login, role = 'coordinator', password = GOOD) => {
      const r = await admin.post('/api/v1/users', { login, display_name: `試験 ${login}`, role, organisation_id: orgId, password });
      assert.equal(r.status, 201, r.text);
      return r.json;
    };
    const signIn = async (login, password = GOOD) => {
      const c = new Client(server.url);
      const r = await c.login(login, password);
      assert.equal(r.status, 201, `${login}: ${r.text}`);
      return c;
    };
    const change = (c, current_password, new_password, headers) =>
      c.put('/api/v1/session/password', { current_password, new_password }, headers);

    before(async () => {
      server = await startServer({ db: kind });
      admin = await signedIn(server.url, 'admin');
      orgId = (await admin.get('/api/v1/organisations')).json.items[0].id;
    });
    after(async () => { await server?.stop(); });

    test('the demo accounts keep their passwords (set before the rule)', async () => {
      for (const who of ['admin', 'coordinator', 'analyst'])
        assert.equal((await new Client(server.url).login(...DEMO[who])).status, 201, who);
    });

    test('an admin cannot give a new user a common or login-containing password; nothing is created', async () => {
      for (const password of ['password123', 'Qwertyuiop', '1234567890', 'ＰＡＳＳＷＯＲＤ１２３', 'sakura12345']) {
        const r = await admin.post('/api/v1/users', { login: 'newcomer', display_name: '新人', role: 'coordinator', organisation_id: orgId, password });
        assert.equal(r.status, 400, `${password}: ${r.text}`);
        assert.equal(r.json.code, 'validation_failed');
        assert.equal(fieldErrors(r).password, 'よく使われていて推測されやすいパスワードです。別のものにしてください。', password);
      }
      const withLogin = await admin.post('/api/v1/users', { login: 'newcomer', display_name: '新人', role: 'coordinator', organisation_id: orgId, password: 'NewComer-garden-5' });
      assert.equal(withLogin.status, 400);
      assert.match(fieldErrors(withLogin).password, /ログインIDが含まれていて推測されやすいパスワードです/);
      assert.equal(count(server, "SELECT COUNT(*) FROM users WHERE login = 'newcomer'"), 0);
      await addUser('newcomer');
      await signIn('newcomer');
    });

    test('an admin setting a password for an existing user follows the same rule', async () => {
      const u = await addUser('reset-target');
      const edit = (password) => admin.put(`/api/v1/users/${u.id}`,
        { display_name: u.display_name, role: u.role, organisation_id: u.organisation_id, active: true, password }, { 'if-match': `"${u.version}"` });
      const common = await edit('iloveyou123');
      assert.equal(common.status, 400, common.text);
      assert.match(fieldErrors(common).password, /よく使われていて/);
      const withLogin = await edit('my-reset-target-pw');
      assert.equal(withLogin.status, 400);
      assert.match(fieldErrors(withLogin).password, /ログインID/);
      await signIn('reset-target');  // unchanged
      assert.equal((await edit(NEXT)).status, 200);
      await signIn('reset-target', NEXT);
    });

    test('without a session: 401; without the CSRF token: 403; nothing changes', async () => {
      const anonymous = await change(new Client(server.url), GOOD, NEXT);
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.json.code, 'not_authenticated');
      await addUser('csrf-user');
      const c = await signIn('csrf-user');
      const noCsrf = await change(c, GOOD, NEXT, { 'x-csrf-token': '' });
      assert.equal(noCsrf.status, 403);
      assert.equal(noCsrf.json.code, 'csrf_token_invalid');
      const wrongCsrf = await change(c, GOOD, NEXT, { 'x-csrf-token': 'not-the-token' });
      assert.equal(wrongCsrf.status, 403);
      await signIn('csrf-user', GOOD);
    });

    test('a common, login-containing, short or unchanged new password is refused with a Japanese message', async () => {
      await addUser('weak-choice');
      const c = await signIn('weak-choice');
      const common = await change(c, GOOD, 'password1234');
      assert.equal(common.status, 400, common.text);
      assert.equal(common.json.code, 'validation_failed');
      assert.equal(fieldErrors(common).new_password, 'よく使われていて推測されやすいパスワードです。別のものにしてください。');
      const withLogin = await change(c, GOOD, 'WEAK-CHOICE-2025');
      assert.equal(withLogin.status, 400);
      assert.match(fieldErrors(withLogin).new_password, /ログインIDが含まれて/);
      const short = await change(c, GOOD, 'short');
      assert.match(fieldErrors(short).new_password, /10文字以上/);
      const same = await change(c, GOOD, GOOD);
      assert.match(fieldErrors(same).new_password, /今のパスワードと同じです/);
      const missing = await c.put('/api/v1/session/password', {});
      assert.deepEqual(Object.keys(fieldErrors(missing)).sort(), ['current_password', 'new_password']);
      // A refused new password is not a wrong current password: nothing counted.
      assert.equal(count(server, `SELECT COUNT(*) FROM password_change_failures`), 0);
      await signIn('weak-choice', GOOD);
    });

    test('a wrong current password is refused, audited and counted; after 5, even the right one waits', async () => {
      const u = await addUser('guessed-at');
      const c = await signIn('guessed-at');
      const wrong = await change(c, 'not-my-password', NEXT);
      assert.equal(wrong.status, 400, wrong.text);
      assert.equal(wrong.json.code, 'current_password_incorrect');
      assert.match(wrong.json.detail, /今のパスワードが正しくありません/);
      assert.match(fieldErrors(wrong).current_password, /正しくありません/);
      assert.equal(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'password_change_failed' AND entity_id = '${u.id}'`), 1);
      for (let i = 2; i <= 5; i++) assert.equal((await change(c, `wrong-guess-${i}`, NEXT)).status, 400);
      const sixth = await change(c, GOOD, NEXT);
      assert.equal(sixth.status, 429, sixth.text);
      assert.equal(sixth.json.code, 'too_many_password_attempts');
      assert.match(sixth.json.detail, /しばらく/);
      // The session itself and sign-in are untouched, and the password is unchanged.
      assert.equal((await c.get('/api/v1/session')).status, 200);
      await signIn('guessed-at', GOOD);
      // Another user is not held back by these failures.
      await addUser('bystander');
      assert.equal((await change(await signIn('bystander'), GOOD, NEXT)).status, 204);
    });

    test('a change works: this session stays, the others end, only the new password signs in', async () => {
      const u = await addUser('changer');
      const here = await signIn('changer');
      const phone = await signIn('changer');
      const r = await change(here, GOOD, NEXT);
      assert.equal(r.status, 204, r.text);
      assert.equal((await here.get('/api/v1/session')).status, 200, 'the session that changed it stays');
      assert.equal((await here.post('/api/v1/session/password', {})).status, 405);
      const gone = await phone.get('/api/v1/session');
      assert.equal(gone.status, 401, 'the other session ended');
      assert.equal((await new Client(server.url).login('changer', GOOD)).status, 401);
      await signIn('changer', NEXT);
      const audited = count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'update' AND entity = 'user' AND entity_id = '${u.id}' AND detail = 'own password changed'`);
      assert.equal(audited, 1);
      // The current password is now the new one.
      assert.equal((await change(here, GOOD, 'sora-no-iro-99')).json.code, 'current_password_incorrect');
      assert.equal((await change(here, NEXT, 'sora-no-iro-99')).status, 204);
    });

    test('every role may change its own password', async () => {
      for (const role of ROLES) {
        await addUser(`self-${role.replace('_', '-')}`, role);
        const c = await signIn(`self-${role.replace('_', '-')}`);
        const r = await change(c, GOOD, NEXT);
        assert.equal(r.status, 204, `${role}: ${r.text}`);
        await signIn(`self-${role.replace('_', '-')}`, NEXT);
      }
    });

    test('passwords are stored as argon2id at libsodium\'s interactive limits, never as given', async () => {
      // README: "sign-in with argon2id". The string is libsodium's
      // crypto_pwhash_str: version 19, 64 MiB, 2 passes, 1 lane, a 16-byte
      // salt and a 32-byte hash, both in unpadded base64.
      const ARGON2ID = /^\$argon2id\$v=19\$m=65536,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;
      const hashOf = (login) => sql(server, `SELECT password_hash FROM users WHERE login = '${login}'`).trim();
      await addUser('hash_check');
      const first = hashOf('hash_check');
      assert.match(first, ARGON2ID);
      assert.equal(first.includes(GOOD), false);
      const c = await signIn('hash_check');
      assert.equal((await change(c, GOOD, NEXT)).status, 204);
      const second = hashOf('hash_check');
      assert.match(second, ARGON2ID);
      assert.notEqual(second, first);
      // The demo accounts too, and every stored hash has a salt of its own.
      assert.match(hashOf('admin'), ARGON2ID);
      const salts = sql(server, 'SELECT password_hash FROM users').trim().split('\n').map((h) => h.split('$')[4]);
      assert.equal(new Set(salts).size, salts.length);
    });
  });
}
