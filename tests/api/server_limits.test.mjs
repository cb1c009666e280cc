// The server keeps serving whatever is thrown at it (issue 13, points 2, 6
// and 10): descriptors exhausted by idle connections, an accept error, a
// user looping on requests, a full disk; behind a proxy it sees the real
// client; everything it writes to disk is private to its account.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, runCli, Client, DATABASES, DEMO, signedIn } from '../support/server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// How long "serves again" may take before it counts as never: only a real
// hang reaches it (how fast it recovers is not this test's verdict).
const HANG = 60_000;

function openIdle(port, n) {
  const sockets = [];
  for (let i = 0; i < n; i++) {
    const s = connect(port, '127.0.0.1');
    s.on('error', () => {});
    sockets.push(s);
  }
  return sockets;
}

// Polls /healthz on fresh connections; resolves with the milliseconds it
// took to get a 200, or null when none came within `limit` ms.
async function servesAgainWithin(url, limit) {
  const start = Date.now();
  while (Date.now() - start < limit) {
    try {
      const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(300), headers: { connection: 'close' } });
      if (r.status === 200) return Date.now() - start;
    } catch { /* refused or timed out: try again */ }
    await sleep(50);
  }
  return null;
}

function openDescriptors(pid) { return readdirSync(`/proc/${pid}/fd`).length; }

function sql(server, text) {
  if (server.kind === 'sqlite') return execFileSync('sqlite3', [server.db.file, text], { encoding: 'utf8' }).trim();
  return server.db.psql(text).trim();
}

async function loginWith(url, login, password, forwardedFor) {
  const r = await fetch(`${url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ login, password }),
  });
  return r.status;
}

describe('descriptors and accepting', () => {
  test('idle connections beyond the descriptor limit wait; released, the server serves again', async () => {
    const server = await startServer({ spawnWith: ['prlimit', '--nofile=256:256'] });
    try {
      const sockets = openIdle(server.port, 400);
      await sleep(1500);
      assert.ok(openDescriptors(server.pid) < 256, 'the server stays below its descriptor limit');
      for (const s of sockets) s.destroy();
      const ms = await servesAgainWithin(server.url, HANG);
      assert.notEqual(ms, null, 'serves again after the connections are released');
      const c = await signedIn(server.url, 'coordinator');
      assert.equal((await c.get('/api/v1/cases')).status, 200);
    } finally { await server.stop(); }
  });

  test('after an accept error (descriptors run out under it), accepting resumes once they are back', async () => {
    const server = await startServer({ spawnWith: ['prlimit', '--nofile=256:256'] });
    try {
      const base = openDescriptors(server.pid);
      // Lower the running server's limit to just above what it holds:
      // accept() fails with EMFILE, which RESTinio's acceptor alone never
      // recovers from.
      execFileSync('prlimit', ['--pid', String(server.pid), `--nofile=${base + 3}:256`]);
      const sockets = openIdle(server.port, 30);
      // The watchdog sees the acceptor stuck and restarts it; waited for as
      // an event, not for a time.
      for (const start = Date.now(); !/"event":"acceptor_restart"/.test(server.stdout()); await sleep(50))
        assert.ok(Date.now() - start < HANG, `no acceptor_restart: ${server.stdout()}`);
      execFileSync('prlimit', ['--pid', String(server.pid), '--nofile=256:256']);
      for (const s of sockets) s.destroy();
      const ms = await servesAgainWithin(server.url, HANG);
      assert.notEqual(ms, null, 'serves again');
      assert.match(server.stdout(), /"event":"acceptor_reopened"/);
    } finally { await server.stop(); }
  });
});

describe('a full disk', () => {
  test('writes answer 503 disk_full, nothing is half-written, /healthz says so, and it recovers by itself', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tsunagu-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12m', 'tmpfs', dir]);
    } catch {
      rmSync(dir, { recursive: true, force: true });
      t.skip('cannot mount a small tmpfs here (needs root): the disk-full test did not run');
      return;
    }
    let server;
    try {
      const file = join(dir, 'tsunagu.sqlite');
      runCli(['demo', '--db', `sqlite:${file}`]);
      server = await startServer({ demo: false, args: ['--min-free-disk-mb', '1'], database: { url: `sqlite:${file}`, file, cleanup: () => {} } });
      const admin = await signedIn(server.url, 'admin');
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      // Fill the disk.
      const filler = join(dir, 'filler');
      const fd = openSync(filler, 'w');
      const block = Buffer.alloc(64 * 1024, 1);
      try { for (;;) writeSync(fd, block); } catch { /* ENOSPC */ }
      closeSync(fd);
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 503);
      const h = await health.json();
      assert.equal(h.status, 'unavailable');
      assert.equal(h.checks.disk, 'full');
      const before = (await admin.get('/api/v1/areas')).json;
      const w = await admin.post('/api/v1/areas', { level: 'municipality', name: '満杯町', parent_id: before.items.find((a) => a.level === 'prefecture').id });
      assert.equal(w.status, 503, w.text);
      assert.equal(w.json.code, 'disk_full');
      assert.match(w.json.detail, /ディスク/);
      assert.match(w.headers.get('content-security-policy') ?? '', /default-src/);
      // Space returns: the server serves and writes again without a restart.
      rmSync(filler);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      const after = (await admin.get('/api/v1/areas')).json;
      assert.equal(after.items.length, before.items.length, 'the refused write left nothing');
      const again = await admin.post('/api/v1/areas', { level: 'municipality', name: '満杯町', parent_id: before.items.find((a) => a.level === 'prefecture').id });
      assert.equal(again.status, 201, again.text);
    } finally {
      await server?.stop();
      try { execFileSync('umount', ['-l', dir]); } catch { /* already gone */ }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const kind of DATABASES) {
  describe(`behind a reverse proxy (${kind})`, () => {
    test('with --trusted-proxy the client is the rightmost untrusted X-Forwarded-For hop', async () => {
      const server = await startServer({ db: kind, args: ['--trusted-proxy', '127.0.0.1/32', '--trusted-proxy', '10.0.0.0/8'] });
      try {
        for (let i = 0; i < 20; i++) assert.equal(await loginWith(server.url, `guess-${i}`, 'wrong-password', `198.51.100.7, 203.0.113.1, 10.0.0.2`), 401);
        assert.equal(await loginWith(server.url, ...DEMO.coordinator, '203.0.113.1'), 429, 'that client is throttled');
        assert.equal(await loginWith(server.url, ...DEMO.coordinator, '203.0.113.2'), 201, 'another client behind the same proxy is not');
        assert.equal(sql(server, "SELECT DISTINCT client FROM login_failures"), '203.0.113.1');
        assert.equal(sql(server, "SELECT client FROM sessions"), '203.0.113.2');
      } finally { await server.stop(); }
    });

    test('without --trusted-proxy X-Forwarded-For is ignored (anyone can send it)', async () => {
      const server = await startServer({ db: kind });
      try {
        for (let i = 0; i < 20; i++) assert.equal(await loginWith(server.url, `guess-${i}`, 'wrong-password', `203.0.113.${i}`), 401);
        assert.equal(await loginWith(server.url, ...DEMO.coordinator, '203.0.113.99'), 429, 'a forged header does not escape the throttle');
        assert.equal(sql(server, "SELECT DISTINCT client FROM login_failures"), '127.0.0.1');
      } finally { await server.stop(); }
    });
  });

  describe(`requests per user (${kind})`, () => {
    test('a user looping on requests is slowed with 429 and Retry-After; others are not', async () => {
      // One request in 1000 s on average: no token comes back during the
      // test, however slowly it runs, so the burst is exactly what passes.
      // The refill over time is tests/unit/rate_limiter_test.cc, where the
      // clock is a parameter.
      const server = await startServer({ db: kind, args: ['--user-requests-per-second', '0.001', '--user-request-burst', '10'] });
      try {
        const loop = await signedIn(server.url, 'coordinator');
        const other = await signedIn(server.url, 'supervisor');
        const statuses = [];
        for (let i = 0; i < 10; i++) statuses.push((await loop.get('/api/v1/cases')).status);
        assert.deepEqual(statuses, Array(10).fill(200));
        const r = await loop.get('/api/v1/cases');
        assert.equal(r.status, 429);
        assert.equal(r.json.code, 'too_many_requests');
        assert.match(r.json.detail, /少し待って/);
        assert.equal(r.headers.get('retry-after'), '1');
        assert.equal((await other.get('/api/v1/cases')).status, 200);
        assert.equal((await loop.get('/api/v1/cases')).status, 429, 'and stays slowed while no token has come back');
      } finally { await server.stop(); }
    });
  });
}

describe('files on disk', () => {
  test('the database, its read-audit file, its key and backups are private to the account (0600)', async () => {
    const server = await startServer();
    try {
      await (await signedIn(server.url, 'coordinator')).get('/api/v1/cases');
      const dir = join(server.db.file, '..');
      const backup = join(dir, 'backup.sqlite');
      runCli(['backup', '--db', `sqlite:${server.db.file}`, '--to', backup]);
      const files = readdirSync(dir).filter((f) => !f.endsWith('-shm') || true);
      assert.ok(files.length >= 4, files.join(' '));
      for (const f of files) {
        const mode = statSync(join(dir, f)).mode & 0o777;
        assert.equal(mode.toString(8), '600', `${f} is ${mode.toString(8)}`);
      }
    } finally { await server.stop(); }
  });
});
