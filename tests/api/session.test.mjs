import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DATABASES, DEMO } from '../support/server.mjs';

for (const kind of DATABASES) {
  describe(`session (${kind})`, () => {
    let server;
    before(async () => { server = await startServer({ db: kind }); });
    after(async () => { await server?.stop(); });

    test('login sets an HttpOnly SameSite=Strict cookie and returns a CSRF token', async () => {
      const c = new Client(server.url);
      const r = await c.login(...DEMO.coordinator);
      assert.equal(r.status, 201);
      assert.match(r.headers.get('set-cookie'), /HttpOnly/);
      assert.match(r.headers.get('set-cookie'), /SameSite=Strict/);
      assert.equal(r.json.user.role, 'coordinator');
      assert.ok(r.json.csrf_token.length >= 32);
      const me = await c.get('/api/v1/session');
      assert.equal(me.status, 200);
      assert.equal(me.json.csrf_token, r.json.csrf_token);
    });

    test('wrong password answers 401 with a Japanese message', async () => {
      const r = await new Client(server.url).login('suzuki', 'not-the-password');
      assert.equal(r.status, 401);
      assert.match(r.headers.get('content-type'), /application\/problem\+json/);
      assert.equal(r.json.code, 'invalid_credentials');
      assert.match(r.json.detail, /パスワード/);
    });

    test('logout ends the session', async () => {
      const c = new Client(server.url);
      await c.login(...DEMO.supervisor);
      const cookie = c.cookie;
      assert.equal((await c.del('/api/v1/session')).status, 204);
      const again = new Client(server.url);
      again.cookie = cookie;
      assert.equal((await again.get('/api/v1/session')).status, 401);
    });
  });
}
