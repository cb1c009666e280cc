// Sign-in that cannot starve the server or be turned against its users
// (issue 13, points 3 and 7): unknown logins answer exactly like known
// ones, the lock counts attempts before checking passwords (so concurrency
// cannot check more than the limit), a browser that signed in before is not
// held by a stranger's lock, successful sign-ins are throttled per user and
// per address, and a user's sessions are capped.
import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client, DATABASES, DEMO, signedIn } from '../support/server.mjs';

function sql(server, text) {
  if (server.kind === 'sqlite') return execFileSync('sqlite3', [server.db.file, text], { encoding: 'utf8' }).trim();
  return server.db.psql(text).trim();
}

async function rawLogin(url, login, password, cookie = '') {
  const r = await fetch(`${url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ login, password }),
  });
  const text = await r.text();
  const setCookies = r.headers.getSetCookie();
  const pick = (name) => {
    for (const c of setCookies) { const m = new RegExp(`^${name}=([^;]*)`).exec(c); if (m) return m[1]; }
    return null;
  };
  return { status: r.status, text, json: text ? JSON.parse(text) : null, session: pick('tsunagu_session'), device: pick('tsunagu_device'), setCookies };
}

async function addUser(admin, login) {
  const orgs = (await admin.get('/api/v1/organisations')).json.items;
  const r = await admin.post('/api/v1/users', {
    login, display_name: `試験 ${login}`, password: 'first-password-1', role: 'coordinator', organisation_id: orgs[0].id,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

for (const kind of DATABASES) {
  describe(`sign-in guard (${kind})`, () => {
    // Each test on a server of its own: the failures of one would reach
    // the per-address limit (20 in 15 minutes) of the next.
    let server, admin;
    beforeEach(async () => {
      server = await startServer({ db: kind });
      admin = await signedIn(server.url, 'admin');
    });
    afterEach(async () => { await server?.stop(); });

    test('an unknown login answers exactly like a known one: same statuses, same bodies, both lock', async () => {
      await addUser(admin, 'known-person');
      const known = [], unknown = [];
      for (let i = 0; i < 7; i++) {
        known.push(await rawLogin(server.url, 'known-person', `wrong-${i}-password`));
        unknown.push(await rawLogin(server.url, 'nobody-such-person', `wrong-${i}-password`));
      }
      assert.deepEqual(known.map((r) => r.status), [401, 401, 401, 401, 423, 423, 423]);
      assert.deepEqual(unknown.map((r) => r.status), known.map((r) => r.status));
      for (let i = 0; i < 7; i++) assert.equal(unknown[i].text, known[i].text, `answer ${i + 1}`);
    });

    test('concurrent wrong passwords check no more passwords than the limit', async () => {
      await addUser(admin, 'flooded-person');
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => rawLogin(server.url, 'flooded-person', `guess-${i}-password`)));
      const statuses = answers.map((r) => r.status).sort();
      assert.deepEqual(statuses, [401, 401, 401, 401, ...Array(8).fill(423)]);
      // Each checked password is one recorded failure: exactly five (the
      // lock), however the twelve interleaved.
      assert.equal(sql(server, "SELECT COUNT(*) FROM login_failures WHERE login = 'flooded-person'"), '5');
    });

    test('a browser that signed in before can still sign in while strangers have locked the account', async () => {
      await addUser(admin, 'locked-out-person');
      const first = await rawLogin(server.url, 'locked-out-person', 'first-password-1');
      assert.equal(first.status, 201);
      assert.ok(first.device && first.device.length >= 32, 'a device cookie is set');
      const deviceCookie = first.setCookies.find((c) => c.startsWith('tsunagu_device='));
      assert.match(deviceCookie, /HttpOnly/);
      assert.match(deviceCookie, /SameSite=Strict/);
      assert.match(deviceCookie, /Path=\/api\/v1\/session/);
      for (let i = 0; i < 5; i++) await rawLogin(server.url, 'locked-out-person', `attacker-${i}-guess`);
      const stranger = await rawLogin(server.url, 'locked-out-person', 'first-password-1');
      assert.equal(stranger.status, 423, 'without the device cookie the lock holds, even with the right password');
      const owner = await rawLogin(server.url, 'locked-out-person', 'first-password-1', `tsunagu_device=${first.device}`);
      assert.equal(owner.status, 201, 'the known browser signs in');
      // a forged device cookie is just a stranger
      const forged = await rawLogin(server.url, 'locked-out-person', 'first-password-1', `tsunagu_device=${'A'.repeat(43)}`);
      assert.equal(forged.status, 423);
      // another account's device cookie does not open this one
      const other = await rawLogin(server.url, ...DEMO.coordinator);
      const cross = await rawLogin(server.url, 'locked-out-person', 'first-password-1', `tsunagu_device=${other.device}`);
      assert.equal(cross.status, 423);
    });

    test('a known browser has its own count: five wrong passwords and it is a stranger again', async () => {
      await addUser(admin, 'forgetful-person');
      const first = await rawLogin(server.url, 'forgetful-person', 'first-password-1');
      const cookie = `tsunagu_device=${first.device}`;
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await rawLogin(server.url, 'forgetful-person', `typo-${i}-password`, cookie)).status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 423]);
      // the device is no longer known; the login itself was never locked by it
      assert.equal((await rawLogin(server.url, 'forgetful-person', 'first-password-1', cookie)).status, 201);
    });

    test("a user's sessions are capped: the oldest end first", async () => {
      const s = await startServer({ db: kind, args: ['--sessions-per-user', '3'] });
      try {
        const clients = [];
        for (let i = 0; i < 5; i++) { const c = new Client(s.url); assert.equal((await c.login(...DEMO.analyst)).status, 201); clients.push(c); }
        const alive = [];
        for (const c of clients) alive.push((await c.get('/api/v1/session')).status);
        assert.deepEqual(alive, [401, 401, 200, 200, 200]);
      } finally { await s.stop(); }
    });

    test('successful sign-ins are throttled per user and per address, before any password is checked', async () => {
      const s = await startServer({ db: kind, args: ['--user-sign-ins', '3', '--client-sign-ins', '5'] });
      try {
        for (let i = 0; i < 3; i++) assert.equal((await rawLogin(s.url, ...DEMO.analyst)).status, 201);
        const fourth = await rawLogin(s.url, ...DEMO.analyst);
        assert.equal(fourth.status, 429);
        assert.equal(fourth.json.code, 'too_many_attempts');
        assert.match(fourth.json.detail, /しばらく待って/);
        // two more users from the same address reach the address's five
        assert.equal((await rawLogin(s.url, ...DEMO.surveyor)).status, 201);
        assert.equal((await rawLogin(s.url, ...DEMO.supervisor)).status, 201);
        const sixth = await rawLogin(s.url, ...DEMO.coordinator);
        assert.equal(sixth.status, 429);
      } finally { await s.stop(); }
    });
  });
}
