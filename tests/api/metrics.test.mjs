// GET /metrics (issue 21, point 7): Prometheus' text format, requests and
// their latency by route pattern (never by path: no record ids), database
// errors, the audit queue, sessions, open connections; answered only to
// the addresses in --metrics-from, and to nobody when the flag is absent.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { startServer, signedIn, DATABASES } from '../support/server.mjs';
import { parse, sample } from '../support/metrics.mjs';

// A GET from a chosen loopback address, with optional headers.
function getFrom(url, path, { localAddress = '127.0.0.1', headers = {} } = {}) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path, method: 'GET', localAddress, headers }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

for (const db of DATABASES) {
  describe(`/metrics on ${db}`, () => {
    let server;
    before(async () => { server = await startServer({ db, args: ['--metrics-from', '127.0.0.1'] }); });
    after(async () => { await server?.stop(); });

    test('counts requests and their latency by route pattern, never by path', async () => {
      const suzuki = await signedIn(server.url, 'coordinator');
      const cases = (await suzuki.get('/api/v1/cases?limit=3')).json.items;
      assert.equal(cases.length, 3);
      for (const c of cases) assert.equal((await suzuki.get(`/api/v1/cases/${c.id}`)).status, 200);
      assert.equal((await suzuki.get('/api/v1/cases/no-such-case')).status, 404);
      assert.equal((await suzuki.get('/api/v1/nothing-here')).status, 404);

      const r = await getFrom(server.url, '/metrics');
      assert.equal(r.status, 200);
      assert.match(r.headers['content-type'], /^text\/plain; version=0\.0\.4/);
      assert.equal(r.headers['cache-control'], 'no-store');
      const s = parse(r.text);
      const detail = { route: 'GET /api/v1/cases/:id' };
      assert.equal(sample(s, 'tsunagu_http_requests_total', { ...detail, code: '2xx' })[0]?.value, 3);
      assert.equal(sample(s, 'tsunagu_http_requests_total', { ...detail, code: '4xx' })[0]?.value, 1);
      assert.equal(sample(s, 'tsunagu_http_requests_total', { route: 'unmatched', code: '4xx' })[0]?.value, 1);
      assert.equal(sample(s, 'tsunagu_http_requests_total', { route: 'POST /api/v1/session', code: '2xx' })[0]?.value, 1);
      // No record id appears anywhere in the scrape.
      for (const c of cases) assert.ok(!r.text.includes(c.id));

      // The histogram: cumulative, ending in +Inf = _count = the requests.
      const buckets = sample(s, 'tsunagu_http_request_duration_seconds_bucket', detail);
      assert.equal(buckets.length, 13);
      assert.equal(buckets.at(-1).labels.le, '+Inf');
      for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i].value >= buckets[i - 1].value);
      assert.equal(buckets.at(-1).value, 4);
      assert.equal(sample(s, 'tsunagu_http_request_duration_seconds_count', detail)[0].value, 4);
      assert.ok(sample(s, 'tsunagu_http_request_duration_seconds_sum', detail)[0].value > 0);

      assert.equal(sample(s, 'tsunagu_sessions_active')[0].value, 1);
      assert.equal(sample(s, 'tsunagu_audit_queue_requests')[0].value, 0);
      assert.ok(sample(s, 'tsunagu_open_connections')[0].value >= 1);
      for (const kind of ['busy', 'unavailable', 'disk_full', 'other'])
        assert.equal(sample(s, 'tsunagu_database_errors_total', { kind })[0].value, 0);

      // A scrape counts itself like any request, under its own name.
      const again = parse((await getFrom(server.url, '/metrics')).text);
      assert.equal(sample(again, 'tsunagu_http_requests_total', { route: 'GET /metrics', code: '2xx' })[0]?.value, 1);
      assert.equal(sample(again, 'tsunagu_http_requests_total', { route: 'unmatched', code: '2xx' }).length, 0);
    });

    test('only GET and HEAD', async () => {
      const r = await fetch(`${server.url}/metrics`, { method: 'POST' });
      assert.equal(r.status, 405);
      assert.equal((await r.json()).code, 'method_not_allowed');
    });

    test('another address is answered as if there were no such path', async () => {
      const outsider = await getFrom(server.url, '/metrics', { localAddress: '127.0.0.2' });
      const unknown = await getFrom(server.url, '/no-such-page', { localAddress: '127.0.0.2' });
      assert.equal(outsider.status, unknown.status);
      assert.equal(outsider.text, unknown.text);
      assert.ok(!outsider.text.includes('tsunagu_http_requests_total'));
    });
  });
}

describe('/metrics access', () => {
  test('absent without --metrics-from', async () => {
    const server = await startServer({ demo: false });
    try {
      const r = await getFrom(server.url, '/metrics');
      assert.ok(!r.text.includes('tsunagu_'), 'no metrics without the flag');
      assert.equal(r.status, (await getFrom(server.url, '/no-such-page')).status);
    } finally { await server.stop(); }
  });

  test('a forged X-Forwarded-For from an untrusted peer gains nothing; a trusted proxy passes the client on', async () => {
    const server = await startServer({ demo: false, args: ['--metrics-from', '10.9.8.7'] });
    try {
      const forged = await getFrom(server.url, '/metrics', { headers: { 'x-forwarded-for': '10.9.8.7' } });
      assert.ok(!forged.text.includes('tsunagu_'));
    } finally { await server.stop(); }
    const proxied = await startServer({ demo: false, args: ['--metrics-from', '10.9.8.7', '--trusted-proxy', '127.0.0.1'] });
    try {
      const viaProxy = await getFrom(proxied.url, '/metrics', { headers: { 'x-forwarded-for': '10.9.8.7' } });
      assert.equal(viaProxy.status, 200);
      assert.match(viaProxy.text, /tsunagu_open_connections/);
      const otherClient = await getFrom(proxied.url, '/metrics', { headers: { 'x-forwarded-for': '203.0.113.5' } });
      assert.ok(!otherClient.text.includes('tsunagu_'));
    } finally { await proxied.stop(); }
  });

  test('a malformed address is refused at start with a Japanese message', async () => {
    await assert.rejects(startServer({ demo: false, args: ['--metrics-from', 'not-an-address'] }), /アドレスとして読めません/);
  });
});
