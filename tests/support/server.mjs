// Starts the real tsunagu server for a test: a fresh database (an SQLite
// file in a temporary folder, or a new database in the throwaway PostgreSQL
// cluster that scripts/test.sh started), the fictional demo data, and an
// ephemeral port. Nothing is mocked.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Keyring, serialised, completeSignIn, keyringFile } from './two_factor.mjs';

const root = resolve(import.meta.dirname, '..', '..');
export const BIN = process.env.TSUNAGU_BIN ?? join(root, 'build', 'tsunagu');
const WEB_ROOT = process.env.TSUNAGU_WEB_ROOT ?? join(root, 'web', 'dist');

// The databases every API test runs against. PostgreSQL needs the cluster
// of scripts/pg.sh; without it (a quick local run) only SQLite is used,
// and the run says so. TSUNAGU_TEST_DATABASES=sqlite (a comma list) names
// them explicitly: the sanitizer run (scripts/test-hardening.sh).
const chosen = process.env.TSUNAGU_TEST_DATABASES?.split(',').map((d) => d.trim()).filter(Boolean);
if (chosen?.some((d) => d !== 'sqlite' && d !== 'postgres')) throw new Error(`TSUNAGU_TEST_DATABASES: ${chosen}`);
if (chosen?.includes('postgres') && !process.env.TSUNAGU_PG_HOST) throw new Error('TSUNAGU_TEST_DATABASES names postgres without TSUNAGU_PG_HOST (scripts/pg.sh)');
export const DATABASES = chosen ?? (process.env.TSUNAGU_PG_HOST ? ['sqlite', 'postgres'] : ['sqlite']);
if (!chosen && !process.env.TSUNAGU_PG_HOST) console.warn('# TSUNAGU_PG_HOST がないため PostgreSQL の試験は省きます');

export async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

export function freshDatabase(kind) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tsunagu-test-'));
    return { url: `sqlite:${join(dir, 'tsunagu.sqlite')}`, file: join(dir, 'tsunagu.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const host = process.env.TSUNAGU_PG_HOST, port = process.env.TSUNAGU_PG_PORT;
  const name = `t_${randomBytes(6).toString('hex')}`;
  const psql = (sql) => execFileSync('psql', ['-h', host, '-p', port, '-U', 'postgres', '-d', 'postgres', '-qAt', '-c', sql]);
  psql(`CREATE DATABASE ${name}`);
  return {
    url: `postgresql:///${name}?host=${host}&port=${port}&user=postgres`,
    psql: (sql) => execFileSync('psql', ['-h', host, '-p', port, '-U', 'postgres', '-d', name, '-qAt', '-c', sql]).toString(),
    cleanup: () => {
      try { psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } catch { /* cluster may be gone */ }
      // the anchor file a server on it kept by default (service/audit_anchor.h), where it ran
      rmSync(join('var', `tsunagu-${name}.audit-anchor`), { force: true });
    },
  };
}

export function runCli(args, options = {}) {
  return execFileSync(BIN, args, { encoding: 'utf8', ...options });
}

// Starts a server; returns { url, db, stop() }. `demo: true` loads the
// demo data first. Extra serve flags go in `args`. Given `database` (from
// freshDatabase), it serves that one and leaves it in place at stop, for a
// test that starts a server on one database more than once.
// `accessLog: true` keeps the access log (on stdout, one JSON object a
// line); `spawnWith` wraps the command (e.g. ['prlimit', '--nofile=200']).
// `clockOffset` (seconds) runs the server's clock that far ahead
// (--test-clock-offset-seconds, service/clock.h): with `database`, a test
// restarts the server "later" instead of waiting for time to pass.
// `listen` is the address to serve on (--listen) and to reach it at.
export async function startServer({ db = 'sqlite', demo = true, args = [], accessLog = false, spawnWith = [], database: given, demoArgs = [],
  clockOffset = 0, listen = null } = {}) {
  const database = given ?? freshDatabase(db);
  if (demo && !given) runCli(['demo', '--db', database.url, ...demoArgs]);
  // freePort's port is free when it answers, not when the server binds it:
  // another test's server (the API tests run two files at once) may take
  // it first. Ours then fails to bind and exits, while /healthz answers
  // from the other one. So a start counts only when this child says it is
  // listening, and one that lost its port is started again on another.
  let port, child, url, output, stdout;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const serveArgs = ['serve', '--db', database.url, '--port', String(port), '--web-root', WEB_ROOT,
      ...(accessLog ? [] : ['--no-access-log']), ...(clockOffset ? ['--test-clock-offset-seconds', String(clockOffset)] : []),
      ...(listen ? ['--listen', listen] : []), ...args];
    const command = spawnWith.length ? [spawnWith[0], [...spawnWith.slice(1), BIN, ...serveArgs]] : [BIN, serveArgs];
    child = spawn(command[0], command[1], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: clockOffset ? { ...process.env, TSUNAGU_TEST_CLOCK: '1' } : process.env,
    });
    output = ''; stdout = '';
    const mine = child;
    mine.stdout.on('data', (d) => { if (child === mine) { output += d; stdout += d; } });
    mine.stderr.on('data', (d) => { if (child === mine) output += d; });
    url = `http://${listen ?? '127.0.0.1'}:${port}`;
    let lostPort = false;
    for (let i = 0; ; i++) {
      if (stdout.includes('"event":"listening"')) {
        try {
          const r = await fetch(`${url}/healthz`);
          if (r.ok) break;
        } catch { /* not up yet */ }
      }
      if (child.exitCode !== null) {
        await new Promise((r) => setTimeout(r, 50));  // the last of its output
        if (/Address already in use/.test(output) && attempt < 5) { lostPort = true; break; }
        throw new Error(`server did not start: ${output}`);
      }
      if (i > 1200) throw new Error(`server did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!lostPort) break;
  }
  // Which database a URL serves and how far ahead its clock runs: the
  // two-factor secrets of its accounts are remembered per database, so a
  // server restarted on the same one ("later") finds them again.
  servers.set(url, { database: database.url, offset: clockOffset });
  return {
    url,
    port,
    pid: child.pid,
    db: database,
    kind: db,
    output: () => output,
    stdout: () => stdout,
    async stop() {
      child.kill('SIGTERM');
      // A process ended by a signal (a test's SIGKILL) has a signalCode and
      // no exitCode; its 'exit' has been emitted already.
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.on('exit', r)));
      if (!given) database.cleanup();
    },
  };
}

const servers = new Map();  // url → { database, offset }
export const keyring = new Keyring(keyringFile(process.env.TSUNAGU_URL));
/** The keyring's name for an account on the server at `base`. */
export function accountKey(base, login) {
  return `${servers.get(base)?.database ?? base} ${login}`;
}
export const clockOffsetOf = (base) => servers.get(base)?.offset ?? 0;

// A signed-in client: keeps the session cookie and CSRF token like the
// browser does (and the second-step cookie between password and code).
export class Client {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; this.secondFactor = ''; }

  async request(method, path, body, headers = {}) {
    const h = { ...headers };
    const cookies = [this.cookie, this.secondFactor].filter(Boolean).join('; ');
    if (cookies && !('cookie' in h)) h.cookie = cookies;
    if (method !== 'GET' && method !== 'HEAD' && this.csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      if (!('content-type' in h)) h['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const set = res.headers.get('set-cookie');
    if (set) {
      const m = /tsunagu_session=([^;]*)/.exec(set);
      if (m) this.cookie = m[1] ? `tsunagu_session=${m[1]}` : '';
      const f = /tsunagu_second_factor=([^;]*)/.exec(set);
      if (f) this.secondFactor = f[1] ? `tsunagu_second_factor=${f[1]}` : '';
    }
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, json, text };
  }

  get(p, h) { return this.request('GET', p, undefined, h); }
  post(p, b, h) { return this.request('POST', p, b, h); }
  put(p, b, h) { return this.request('PUT', p, b, h); }
  del(p, h) { return this.request('DELETE', p, undefined, h); }

  /** The password step alone: 201 (a session), 202 (a code is asked for) or a problem. */
  async loginPassword(login, password) {
    const r = await this.post('/api/v1/session', { login, password });
    if (r.status === 201) this.csrf = r.json.csrf_token;
    return r;
  }

  /**
   * Signs in like a person would, second factor included (see
   * two_factor.mjs): the answer of the last step, 201 with the session, or
   * the first refusal.
   */
  async login(login, password) {
    const key = accountKey(this.base, login), offset = clockOffsetOf(this.base);
    return serialised(key, async () => completeSignIn(this, keyring, key, offset, await this.loginPassword(login, password)));
  }
}

// The demo accounts (src/cli/demo_data.cc).
export const DEMO = {
  admin: ['admin', 'demo-admin-pass'],
  supervisor: ['sato', 'demo-sato-pass'],
  coordinator: ['suzuki', 'demo-suzuki-pass'],
  other_coordinator: ['takahashi', 'demo-takahashi-pass'],
  other_supervisor: ['ito', 'demo-ito-pass'],
  ibasho_staff: ['watanabe', 'demo-watanabe-pass'],
  supporter: ['yamamoto', 'demo-yamamoto-pass'],
  surveyor: ['nakamura', 'demo-nakamura-pass'],
  analyst: ['kobayashi', 'demo-kobayashi-pass'],
  prefecture_coordinator: ['kato', 'demo-kato-pass'],
  npo_coordinator: ['hayashi', 'demo-hayashi-pass'],
};

export async function signedIn(url, who) {
  const c = new Client(url);
  const r = await c.login(...DEMO[who]);
  if (r.status !== 201) throw new Error(`login ${who} failed: ${r.status} ${r.text}`);
  return c;
}
