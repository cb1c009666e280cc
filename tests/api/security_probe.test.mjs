// The outside probe of issue 13, replayed against the real server on every
// run: traversal forms (points 1), malformed URLs (point 8) and log
// injection (point 4), from the corpora in tests/security/. Requests are
// written byte for byte on a socket: fetch() would normalise `..`, `\` and
// `%2e` before they reached the server.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { startServer, DATABASES } from '../support/server.mjs';

const corpus = (name) => readFileSync(join(import.meta.dirname, '..', 'security', name), 'utf8')
  .split('\n').filter((l) => l && !l.startsWith('#'));

// One request on its own connection; resolves { status, headers, body }.
export function rawRequest(port, target, extraHeaders = '') {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    const chunks = [];
    s.on('data', (d) => chunks.push(d));
    s.on('error', reject);
    s.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split).toString('latin1');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = {};
      for (const l of lines) { const i = l.indexOf(':'); headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim(); }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: all.subarray(split + 4) });
    });
    s.write(Buffer.concat([Buffer.from(`GET `), Buffer.from(target, 'latin1'),
      Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1\r\n${extraHeaders}Connection: close\r\n\r\n`)]));
  });
}

const SECRETS = [/root:.*:0:0/, /SQLite format 3/, /\[core\]/, /PATH=/];

for (const kind of DATABASES) {
  describe(`outside probe (${kind})`, () => {
    let server, index;
    before(async () => {
      server = await startServer({ db: kind, accessLog: true });
      index = (await rawRequest(server.port, '/')).body;
    });
    after(async () => { await server?.stop(); });

    test('no traversal form reads a file outside the web root', async () => {
      const db = server.db.file ?? '/tmp/tsunagu-no-such.sqlite';
      for (const raw of corpus('traversal.txt')) {
        const target = raw.replaceAll('{DB}', db.replace(/^\//, '')).replaceAll('{DBREL}', db.replace(/^\//, ''));
        const r = await rawRequest(server.port, target);
        const text = r.body.toString('latin1');
        for (const s of SECRETS) assert.doesNotMatch(text, s, target);
        // Only the app itself (index.html for an app route) may answer 200.
        if (r.status === 200) assert.ok(r.body.equals(index), `${target} answered 200 with something else`);
        else assert.ok([400, 404].includes(r.status), `${target}: ${r.status}`);
        assert.equal(r.headers['x-content-type-options'], 'nosniff', target);
      }
      // The plainest forms are refused outright, not answered with the app.
      for (const target of ['//etc/passwd', '/%2Fetc/passwd', '///etc//passwd', `/${db.replace(/^\//, '')}`, `//${db.replace(/^\//, '')}.key`])
        assert.equal((await rawRequest(server.port, target)).status, 404, target);
    });

    test('malformed URLs answer 400 with the security headers and a log line', async () => {
      for (const target of corpus('malformed.txt')) {
        const r = await rawRequest(server.port, target);
        assert.equal(r.status, 400, target);
        assert.match(r.headers['content-type'] ?? '', /application\/problem\+json/, target);
        assert.match(r.headers['content-security-policy'] ?? '', /default-src 'self'/, target);
        assert.equal(r.headers['x-frame-options'], 'DENY', target);
        const j = JSON.parse(r.body.toString('utf8'));
        assert.match(j.code, /^malformed_/);
        assert.match(j.detail, /URL/);
      }
      const lines = server.stdout().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const statuses400 = lines.filter((l) => l.event === 'access' && l.status === 400).length;
      assert.ok(statuses400 >= corpus('malformed.txt').length, `${statuses400} access lines with 400`);
    });

    test('no request can forge a log line: every line is one JSON object', async () => {
      const before = server.stdout().split('\n').filter(Boolean).length;
      const sent = corpus('log_injection.txt');
      for (const raw of sent) {
        const [target, header] = raw.split('\t');
        await rawRequest(server.port, target, `X-Note: ${header ?? '"}\\n{"event":"access"'}\r\nUser-Agent: "},{"user":"admin"\r\n`);
      }
      // The access line may reach stdout just after the answer: wait for
      // them (an event, bounded only against a hang), then read.
      const accessLines = () => server.stdout().split('\n').filter(Boolean).slice(before).filter((l) => /"event":"access"/.test(l)).length;
      for (const start = Date.now(); accessLines() < sent.length; await new Promise((r) => setTimeout(r, 20)))
        assert.ok(Date.now() - start < 60_000, `${accessLines()} access lines of ${sent.length}`);
      const lines = server.stdout().split('\n').filter(Boolean);
      for (const l of lines) {
        const j = JSON.parse(l);  // throws on a forged or broken line
        assert.equal(typeof j, 'object');
        assert.ok(typeof j.event === 'string', l);
      }
      const added = lines.slice(before).map((l) => JSON.parse(l)).filter((j) => j.event === 'access');
      assert.equal(added.length, sent.length, 'one access line per request, no more');
      for (const j of added) {
        assert.equal(j.method, 'GET');
        assert.equal(j.user, '');
      }
    });
  });
}

test('the server\'s own lines, the shutdown line included, are JSON too', async () => {
  const server = await startServer({ accessLog: true });
  await rawRequest(server.port, '/healthz');
  const stdout = server.stdout;
  await server.stop();
  const lines = stdout().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  assert.ok(lines.some((l) => l.event === 'stopping'), 'the shutdown line');
  assert.ok(lines.some((l) => l.event === 'listening'));
  assert.ok(lines.every((l) => ['info', 'warning', 'error'].includes(l.level)), 'every line says its level');
});
