// Abuse of the public side from outside (issue 19 point 5): a server that
// trusts no proxy ignores a forged X-Forwarded-For, so changing it does not
// escape the per-address limit; forged, oversized or staff cookies open no
// consultation; a consultation's token opens nothing of the staff side; a
// cross-site form cannot post (JSON only).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { count } from '../support/case_rows.mjs';
import { PublicClient } from '../support/public_client.mjs';

for (const kind of DATABASES) {
  describe(`public side under abuse (${kind})`, () => {
    let server;
    before(async () => { server = await startServer({ db: kind }); });  // no --trusted-proxy
    after(async () => { await server?.stop(); });

    test('forged cookies open nothing; a consultation token opens nothing of the staff side', async () => {
      const probe = new PublicClient(server.url, '192.0.2.1');
      for (const cookie of ['tsunagu_consultation=' + 'A'.repeat(43), 'tsunagu_consultation=' + 'x'.repeat(6000),
        'tsunagu_consultation=../../etc/passwd', "tsunagu_consultation=' OR 1=1 --", 'tsunagu_consultation=%00%0d%0a']) {
        const r = await probe.get('/api/public/v1/consultation', { cookie });
        assert.equal(r.status, 401, `${cookie.slice(0, 40)}: ${r.status}`);
        assert.equal(r.json.code, 'consultation_session_missing');
      }
      // A staff session's cookie is not a consultation token.
      const suzuki = await signedIn(server.url, 'coordinator');
      assert.equal((await probe.get('/api/public/v1/consultation', { cookie: suzuki.cookie.replace('tsunagu_session', 'tsunagu_consultation') })).status, 401);
      // A consultation's token, sent as a staff session, is refused.
      const person = new PublicClient(server.url, '192.0.2.2');
      await person.start({});
      const token = person.cookie.split('=')[1];
      const staff = await person.get('/api/v1/consultations', { cookie: `tsunagu_session=${token}` });
      assert.equal(staff.status, 401);
      assert.equal((await person.get('/api/v1/cases')).status, 401);
    });

    test('a cross-site form cannot post: JSON only, nothing written', async () => {
      const threads = count(server, 'SELECT COUNT(*) FROM consultation_threads');
      const p = new PublicClient(server.url, '192.0.2.3');
      for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain'])
        assert.equal((await p.post('/api/public/v1/consultations', 'writer=%E6%9C%AC%E4%BA%BA&message=x', { 'content-type': type })).status, 415, type);
      assert.equal((await p.post('/api/public/v1/consultations', '{"writer":"本人",', {})).status, 400);
      assert.equal((await p.post('/api/public/v1/consultations', '[]', {})).status, 400);
      assert.equal(count(server, 'SELECT COUNT(*) FROM consultation_threads'), threads);
    });

    // Last: it spends this address's posts for the hour.
    test('a forged X-Forwarded-For does not escape the per-address limit', async () => {
      let created = 0, refused = 0;
      for (let i = 0; i < 21; i++) {
        const r = await new PublicClient(server.url, `203.0.113.${i + 1}`).post('/api/public/v1/consultations', { writer: '本人', message: `書き込み ${i}` });
        if (r.status === 201) created++;
        else if (r.status === 429) refused++;
      }
      // Twenty an hour from this address (one was spent above), whatever it claims to be.
      assert.equal(created + refused, 21);
      assert.ok(created <= 20 && refused >= 1, `${created} created, ${refused} refused`);
      for (let i = 0; i < 3; i++)
        assert.equal((await new PublicClient(server.url, `198.18.0.${i + 1}`).post('/api/public/v1/consultations', { writer: '本人', message: 'x' })).status, 429);
    });
  });
}
