// The prefecture deployment of docs/operations/prefecture-deployment.md,
// run for real (issue 20, point 3): the systemd unit passes
// `systemd-analyze verify` without a warning; two servers started with the
// unit's own ExecStart line on one PostgreSQL database, behind nginx with
// deploy/nginx/tsunagu.conf and a self-signed certificate: sign-in, reads
// and writes over HTTPS, Secure cookies and HSTS (once), TLS below 1.2
// refused, the client's address (not nginx's, not a forged header) in the
// sessions and the audit log, and requests (POST included) still answered
// with one server stopped.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest, Agent } from 'node:https';
import { request as httpRequest } from 'node:http';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BIN, DEMO, freshDatabase, runCli, freePort, keyring } from '../support/server.mjs';
import { completeSignIn, serialised } from '../support/two_factor.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const UNIT = join(root, 'deploy', 'systemd', 'tsunagu@.service');
const UNIT_ENV = join(root, 'deploy', 'systemd', 'a.env');
const NGINX_CONF = join(root, 'deploy', 'nginx', 'tsunagu.conf');
const WEB_ROOT = process.env.TSUNAGU_WEB_ROOT ?? join(root, 'web', 'dist');
// The browser's address as nginx sees it: not nginx's own (127.0.0.1, the
// trusted proxy), so that what tsunagu records can only be the right hop.
const CLIENT_ADDRESS = '127.0.0.2';

const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;


// The unit's ExecStart as argv, the way systemd reads it: continuation
// lines joined, ${VAR} from the environment file, %i the instance.
export function unitExecStart(unitText, env, instance) {
  const joined = unitText.replace(/\\\n\s*/g, ' ');
  const line = joined.split('\n').find((l) => l.startsWith('ExecStart='));
  return line.slice('ExecStart='.length).trim().split(/\s+/).map((w) =>
    w.replace(/\$\{(\w+)\}/g, (_, k) => {
      if (!(k in env)) throw new Error(`ExecStart uses \${${k}}, which the environment file does not set`);
      return env[k];
    }).replaceAll('%i', instance));
}

function readEnvFile(text) {
  const env = {};
  for (const l of text.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(l.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

describe('systemd unit', { skip: !have('systemd-analyze') && 'no systemd-analyze' }, () => {
  test('systemd-analyze verify passes without a warning (template and an instance)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsunagu-unit-'));
    try {
      // verify checks that ExecStart's binary exists: the installed path
      // (/usr/local/bin/tsunagu) does not here, the built one does.
      const text = readFileSync(UNIT, 'utf8');
      assert.match(text, /^ExecStart=\/usr\/local\/bin\/tsunagu serve/m);
      writeFileSync(join(dir, 'tsunagu@.service'), text.replaceAll('/usr/local/bin/tsunagu', BIN));
      writeFileSync(join(dir, 'tsunagu@a.service'), text.replaceAll('/usr/local/bin/tsunagu', BIN));
      for (const f of ['tsunagu@.service', 'tsunagu@a.service']) {
        const r = spawnSync('systemd-analyze', ['verify', join(dir, f)], { encoding: 'utf8' });
        // Unknown or misspelt settings are only warnings (exit 0): none allowed.
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stderr.trim(), '', `${f}: ${r.stderr}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the settings the operations docs ask for are there', () => {
    const text = readFileSync(UNIT, 'utf8');
    for (const s of ['User=tsunagu', 'LimitNOFILE=65536', 'Restart=on-failure', 'NoNewPrivileges=yes',
      'ProtectSystem=strict', 'ReadWritePaths=/var/lib/tsunagu', 'PrivateTmp=yes', 'ProtectHome=yes', 'UMask=0077']) {
      assert.ok(text.split('\n').includes(s), s);
    }
    const argv = unitExecStart(text, readEnvFile(readFileSync(UNIT_ENV, 'utf8')), 'a');
    for (const flag of ['--db', '--listen', '--trusted-proxy', '--key-file', '--audit-key-file', '--audit-anchor-file']) {
      assert.ok(argv.includes(flag), flag);
    }
    assert.equal(argv[argv.indexOf('--listen') + 1], '127.0.0.1');
    assert.doesNotMatch(argv[argv.indexOf('--db') + 1], /:[^@/]*@/, 'no password in --db (the command line is public)');
    assert.doesNotMatch(argv.join(' '), /--insecure-cookies/);
  });
});

const PG_BIN = '/usr/lib/postgresql/15/bin';
const isRoot = process.getuid?.() === 0;

describe('PostgreSQL settings (deploy/postgresql/)', {
  skip: !existsSync(join(PG_BIN, 'postgres')) ? 'no PostgreSQL 15' : !isRoot && 'needs root (initdb and peer sign-in as postgres)',
}, () => {
  test('tsunagu.conf loads with its values; pg_hba.conf parses without an error', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tsunagu-pgconf-'));
    const asPg = (cmd, args, opts = {}) => execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', ...opts });
    const data = join(dir, 'data');
    let started = false;
    try {
      execFileSync('chown', ['postgres', dir]);
      asPg(join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'], { stdio: 'ignore' });
      asPg('sh', ['-c', `echo "include '${join(root, 'deploy', 'postgresql', 'tsunagu.conf')}'" >> ${data}/postgresql.conf`]);
      // `postgres -C` reads every setting and refuses a value it cannot use.
      const show = (name) => asPg(join(PG_BIN, 'postgres'), ['-D', data, '-C', name]).trim();
      assert.equal(show('max_connections'), '150');
      assert.equal(show('shared_buffers'), '786432');  // 8 kB pages: 6 GB
      assert.equal(show('synchronous_commit'), 'on');
      assert.equal(show('wal_level'), 'replica');
      assert.equal(show('archive_mode'), 'on');
      assert.equal(show('password_encryption'), 'scram-sha-256');
      assert.equal(show('ssl'), 'on');

      // Started with its TLS files, the pg_hba.conf lines, and the host's
      // sizes replaced by this machine's: pg_hba_file_rules names any line
      // it could not use.
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
        '-subj', '/CN=db', '-keyout', join(dir, 'server.key'), '-out', join(dir, 'server.crt')], { stdio: 'ignore' });
      execFileSync('cp', [join(root, 'deploy', 'postgresql', 'pg_hba.conf'), join(dir, 'pg_hba.conf')]);
      execFileSync('chown', ['postgres', join(dir, 'server.key'), join(dir, 'server.crt'), join(dir, 'pg_hba.conf')]);
      const port = String(20000 + Math.floor(Math.random() * 20000));
      const opts = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=''", '-c shared_buffers=128MB', '-c archive_mode=off',
        `-c hba_file=${dir}/pg_hba.conf`, `-c ssl_cert_file=${dir}/server.crt`, `-c ssl_key_file=${dir}/server.key`].join(' ');
      asPg(join(PG_BIN, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-o', opts, 'start'], { stdio: 'ignore' });
      started = true;
      const errors = asPg(join(PG_BIN, 'psql'), ['-h', dir, '-p', port, '-U', 'postgres', '-d', 'postgres', '-qAtX', '-c',
        "SELECT line_number || ': ' || error FROM pg_hba_file_rules WHERE error IS NOT NULL"]).trim();
      assert.equal(errors, '');
      const rules = asPg(join(PG_BIN, 'psql'), ['-h', dir, '-p', port, '-U', 'postgres', '-d', 'postgres', '-qAtX', '-c',
        "SELECT type || ' ' || auth_method FROM pg_hba_file_rules WHERE 'tsunagu' = ANY(user_name) OR 'tsunagu_backup' = ANY(user_name)"]).trim().split('\n');
      assert.ok(rules.length >= 2 && rules.every((r) => r === 'hostssl scram-sha-256'), rules.join(', '));
      t.diagnostic(`pg_hba rules for tsunagu: ${rules.length}`);
    } finally {
      if (started) try { asPg(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' }); } catch { /* gone */ }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// A small HTTPS client that keeps the session cookie and CSRF token and
// connects from CLIENT_ADDRESS, trusting only the test's certificate.
class HttpsClient {
  constructor(base, ca) {
    this.base = new URL(base);
    this.agent = new Agent({ ca, localAddress: CLIENT_ADDRESS, keepAlive: false });
    this.cookie = '';
    this.csrf = '';
    this.secondFactor = '';
  }

  request(method, path, body, extraHeaders = {}) {
    const headers = { ...extraHeaders };
    const cookies = [this.cookie, this.secondFactor].filter(Boolean).join('; ');
    if (cookies) headers.cookie = cookies;
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    if (payload) { headers['content-type'] = 'application/json'; headers['content-length'] = payload.length; }
    return new Promise((res, rej) => {
      const req = httpsRequest({ host: this.base.hostname, port: this.base.port, path, method, headers, agent: this.agent }, (r) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (d) => { text += d; });
        r.on('end', () => {
          const setCookie = r.headers['set-cookie'] ?? [];
          for (const c of setCookie) {
            const m = /^tsunagu_session=([^;]*)/.exec(c);
            if (m) this.cookie = m[1] ? `tsunagu_session=${m[1]}` : '';
            const f = /^tsunagu_second_factor=([^;]*)/.exec(c);
            if (f) this.secondFactor = f[1] ? `tsunagu_second_factor=${f[1]}` : '';
          }
          let json = null;
          try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
          res({ status: r.statusCode, headers: r.headers, rawHeaders: r.rawHeaders, setCookie, json, text });
        });
      });
      req.on('error', rej);
      req.setTimeout(15000, () => req.destroy(new Error('timeout')));
      if (payload) req.write(payload);
      req.end();
    });
  }

  get(p, h) { return this.request('GET', p, undefined, h); }
  post(p, b, h) { return this.request('POST', p, b, h); }

  // With the second step when the account has one (tests/support/two_factor.mjs).
  async login(who) {
    const [login, password] = DEMO[who];
    const r = await this.post('/api/v1/session', { login, password });
    if (r.status === 201) this.csrf = r.json.csrf_token;
    return serialised(`${this.base} ${login}`, () => completeSignIn(this, keyring, `${this.base} ${login}`, 0, r));
  }
}

const skipNginx = !process.env.TSUNAGU_PG_HOST ? 'no PostgreSQL (scripts/pg.sh)'
  : !have('nginx') || !have('openssl') ? 'no nginx or openssl' : false;

describe('two servers behind nginx with TLS, as deploy/ describes them', { skip: skipNginx }, () => {
  const children = new Map();  // name → child process, every one stopped in after()
  let dir, db, httpsBase, httpPort, ca, servers = {}, nginxLog;

  function spawnChild(name, cmd, args) {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    children.set(name, child);
    return { child, output: () => out };
  }

  async function stopChild(name) {
    const child = children.get(name);
    if (!child) return;
    children.delete(name);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(t);
    }
  }

  // Last resort if the test process itself is ended: nothing stays behind.
  const killAll = () => { for (const c of children.values()) try { c.kill('SIGKILL'); } catch { /* gone */ } };
  process.on('exit', killAll);

  async function waitFor(check, what, proc) {
    for (let i = 0; i < 200; i++) {
      try { if (await check()) return; } catch { /* not up yet */ }
      if (proc && proc.child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${what} did not start: ${proc ? proc.output() : ''}`);
  }

  async function startTsunagu(instance, env) {
    const unit = readFileSync(UNIT, 'utf8');
    const port = await freePort();
    const argv = unitExecStart(unit, { ...env, TSUNAGU_PORT: String(port) }, instance).map((w) =>
      w.replace(/^\/usr\/local\/bin\/tsunagu$/, BIN)
        .replace(/^\/usr\/local\/share\/tsunagu\/web$/, WEB_ROOT)
        .replace(/^\/var\/lib\/tsunagu/, join(dir, 'state')));
    mkdirSync(join(dir, 'state', instance), { recursive: true });
    const proc = spawnChild(instance, argv[0], argv.slice(1));
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, `tsunagu ${instance}`, proc);
    return { port, ...proc };
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagu-deploy-'));
    db = freshDatabase('postgres');
    const keys = ['--key-file', join(dir, 'state', 'keys', 'contact.key'), '--audit-key-file', join(dir, 'state', 'keys', 'audit.key')];
    runCli(['demo', '--db', db.url, ...keys, '--audit-anchor-file', join(dir, 'demo.anchor')]);

    // Both servers from the unit, with the example environment file's
    // settings except the database (this test's) and the port (a free one).
    const env = { ...readEnvFile(readFileSync(UNIT_ENV, 'utf8')), TSUNAGU_DB: db.url };
    delete env.PGPASSFILE;
    servers.a = await startTsunagu('a', env);
    servers.b = await startTsunagu('b', env);

    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', join(dir, 'privkey.pem'), '-out', join(dir, 'fullchain.pem')], { stdio: 'ignore' });
    ca = readFileSync(join(dir, 'fullchain.pem'));

    // deploy/nginx/tsunagu.conf with this test's ports and paths: each
    // replaced string must be found, so that the test follows the file.
    const httpsPort = await freePort();
    httpPort = await freePort();
    let conf = readFileSync(NGINX_CONF, 'utf8');
    const replace = (from, to) => {
      assert.ok(conf.includes(from), `deploy/nginx/tsunagu.conf no longer holds ${JSON.stringify(from)}`);
      conf = conf.replaceAll(from, to);
    };
    replace('127.0.0.1:8081', `127.0.0.1:${servers.a.port}`);
    replace('127.0.0.1:8082', `127.0.0.1:${servers.b.port}`);
    replace('    listen [::]:80;\n', '');
    replace('    listen [::]:443 ssl http2;\n', '');
    replace('listen 80;', `listen 127.0.0.1:${httpPort};`);
    replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`);
    replace('/etc/ssl/tsunagu/', `${dir}/`);
    replace('/var/log/nginx/tsunagu.access.log', join(dir, 'nginx-access.log'));
    writeFileSync(join(dir, 'tsunagu.conf'), conf);
    // The main file Debian's /etc/nginx/nginx.conf would be, in the temp dir.
    writeFileSync(join(dir, 'nginx.conf'), `
${isRoot ? 'user root;' : ''}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log notice;
events { worker_connections 256; }
http {
  client_body_temp_path ${dir}/nginx-body;
  proxy_temp_path ${dir}/nginx-proxy;
  fastcgi_temp_path ${dir}/nginx-fastcgi;
  uwsgi_temp_path ${dir}/nginx-uwsgi;
  scgi_temp_path ${dir}/nginx-scgi;
  include ${dir}/tsunagu.conf;
}
`);
    const nginxArgs = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'nginx-error.log')];
    const t = spawnSync('nginx', [...nginxArgs, '-t'], { encoding: 'utf8' });
    assert.equal(t.status, 0, `nginx -t: ${t.stderr}`);
    const nginx = spawnChild('nginx', 'nginx', [...nginxArgs, '-g', 'daemon off;']);
    nginxLog = () => nginx.output() + (existsSync(join(dir, 'nginx-error.log')) ? readFileSync(join(dir, 'nginx-error.log'), 'utf8') : '');
    httpsBase = `https://127.0.0.1:${httpsPort}`;
    await waitFor(async () => (await new HttpsClient(httpsBase, ca).get('/healthz')).status === 200, 'nginx', nginx);
  });

  after(async () => {
    await stopChild('nginx');
    await stopChild('a');
    await stopChild('b');
    process.off('exit', killAll);
    db?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('plain HTTP only redirects to HTTPS', async () => {
    const r = await new Promise((res, rej) => {
      httpRequest({ host: '127.0.0.1', port: httpPort, path: '/api/v1/session', method: 'GET' }, (x) => { x.resume(); res(x); })
        .on('error', rej).end();
    });
    assert.equal(r.statusCode, 301);
    assert.match(r.headers.location, /^https:\/\//);
  });

  test('TLS 1.2 and 1.3 are accepted, TLS 1.1 is not', async () => {
    const handshake = (opts) => new Promise((res) => {
      const s = tlsConnect({ host: '127.0.0.1', port: new URL(httpsBase).port, ca, ...opts }, () => {
        const p = s.getProtocol();
        s.end();
        res(p);
      });
      s.on('error', (e) => res(`error: ${e.code ?? e.message}`));
    });
    assert.equal(await handshake({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }), 'TLSv1.2');
    assert.equal(await handshake({ minVersion: 'TLSv1.3' }), 'TLSv1.3');
    // The client is allowed TLS 1.1 (security level 0), the server refuses.
    assert.match(await handshake({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' }), /^error/);
  });

  test('sign in, read and write over HTTPS; Secure cookie, HSTS once, no caching of /api', async () => {
    const c = new HttpsClient(httpsBase, ca);
    const login = await c.login('admin');
    assert.equal(login.status, 201, login.text);
    const session = login.setCookie.find((x) => x.startsWith('tsunagu_session='));
    assert.match(session, /;\s*Secure/i);
    assert.match(session, /;\s*HttpOnly/i);
    const hsts = login.rawHeaders.filter((_, i) => i % 2 === 0 && login.rawHeaders[i].toLowerCase() === 'strict-transport-security');
    assert.equal(hsts.length, 1, 'HSTS sent by tsunagu, once (nginx adds none)');
    assert.match(login.headers['strict-transport-security'], /max-age=\d+/);

    const areas = await c.get('/api/v1/areas');
    assert.equal(areas.status, 200);
    assert.equal(areas.headers['cache-control'], 'no-store');
    const pref = areas.json.items.find((x) => x.level === 'prefecture');
    const made = await c.post('/api/v1/areas', { level: 'municipality', name: 'TLS町', parent_id: pref.id });
    assert.equal(made.status, 201, made.text);
    assert.ok((await c.get('/api/v1/areas')).json.items.some((x) => x.id === made.json.id));

    // Both servers took part (nginx alternates between them).
    const served = (s) => s.output().split('\n').filter((l) => l.includes('"event":"access"')).length;
    assert.ok(served(servers.a) > 0 && served(servers.b) > 0, `a ${served(servers.a)}, b ${served(servers.b)}`);
  });

  test("the client's address is recorded, not nginx's and not a forged X-Forwarded-For", async () => {
    const c = new HttpsClient(httpsBase, ca);
    assert.equal((await c.login('admin')).status, 201);
    const pref = (await c.get('/api/v1/areas')).json.items.find((x) => x.level === 'prefecture');
    const made = await c.post('/api/v1/areas', { level: 'municipality', name: '偽装町', parent_id: pref.id },
      { 'x-forwarded-for': '203.0.113.9' });
    assert.equal(made.status, 201, made.text);
    assert.equal(db.psql(`SELECT client FROM audit_log WHERE entity = 'area' AND entity_id = '${made.json.id}'`).trim(), CLIENT_ADDRESS);
    assert.deepEqual(db.psql('SELECT DISTINCT client FROM sessions').trim().split('\n'), [CLIENT_ADDRESS]);
    assert.equal(db.psql("SELECT count(*) FROM audit_log WHERE client IN ('127.0.0.1', '203.0.113.9')").trim(), '0');
    // The access logs (stdout → journald) say the same.
    const access = [servers.a, servers.b].flatMap((s) => s.output().split('\n'))
      .filter((l) => l.includes('"event":"access"')).map((l) => JSON.parse(l));
    assert.ok(access.length > 0);
    assert.deepEqual([...new Set(access.filter((l) => l.path.startsWith('/api/')).map((l) => l.client))], [CLIENT_ADDRESS]);
  });

  test('one server stopped: reads and writes (POST) still succeed through the other', async (t) => {
    const c = new HttpsClient(httpsBase, ca);
    assert.equal((await c.login('admin')).status, 201);
    const pref = (await c.get('/api/v1/areas')).json.items.find((x) => x.level === 'prefecture');
    const connections = db.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()").trim();
    t.diagnostic(`PostgreSQL connections held by the two servers: ${connections}`);

    await stopChild('a');  // like `systemctl stop tsunagu@a`
    const results = [];
    for (let i = 0; i < 6; i++) {
      results.push((await c.get('/api/v1/session')).status);
      results.push((await c.post('/api/v1/areas', { level: 'municipality', name: `片肺町${i}`, parent_id: pref.id })).status);
    }
    assert.deepEqual(results, Array(12).fill(0).map((_, i) => (i % 2 ? 201 : 200)), nginxLog());
    // Each POST was made once, not twice.
    assert.equal(db.psql("SELECT count(*) FROM areas WHERE name LIKE '片肺町%'").trim(), '6');

    // The chain both servers wrote is whole, and agrees with both anchors.
    const out = runCli(['audit', 'verify', '--db', db.url, '--audit-key-file', join(dir, 'state', 'keys', 'audit.key'),
      '--anchor', join(dir, 'state', 'a', 'audit-anchor'), '--anchor', join(dir, 'demo.anchor')]);
    assert.match(out, /正常/);
  });
});
