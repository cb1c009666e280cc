// docs/operations/postgresql.md, followed step by step (issue 20, point 1):
// every `sh` block of the page, in order, in one bash, on a PostgreSQL
// cluster of its own — as a newcomer would type them. Only what must differ
// on a test machine is changed: the socket directory, the port, the folders
// for the key files and the front end, and `sudo -u postgres`, which runs
// through runuser with the cluster's socket. If the page stops working, this
// test fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BIN, freePort } from '../support/server.mjs';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const root = resolve(import.meta.dirname, '..', '..');
const asPostgres = (cmd, args) => (process.getuid() === 0
  ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' })
  : execFileSync(cmd, args, { encoding: 'utf8' }));


test('docs/operations/postgresql.md works as written', { skip: (!existsSync(PG_BIN) || !process.env.TSUNAGU_PG_HOST) && 'no PostgreSQL (scripts/pg.sh)' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsunagu-pgdoc-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data'), sock = join(dir, 'sock'), keys = join(dir, 'keys'), bin = join(dir, 'bin');
  mkdirSync(sock); chmodSync(sock, 0o777); mkdirSync(bin);
  symlinkSync(BIN, join(bin, 'tsunagu'));
  const pgPort = String(await freePort()), appPort = String(await freePort());
  const ctl = (...args) => asPostgres(`${PG_BIN}/pg_ctl`, ['-D', data, '-l', join(dir, 'log'), ...args]);
  try {
    asPostgres(`${PG_BIN}/initdb`, ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
    ctl('-w', '-o', `-p ${pgPort} -k ${sock} -c listen_addresses=''`, 'start');

    const page = readFileSync(join(root, 'docs', 'operations', 'postgresql.md'), 'utf8');
    const blocks = [...page.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
    assert.ok(blocks.length >= 5, 'the page has its steps');
    const body = blocks.join('\n')
      .replaceAll('/var/run/postgresql', sock)
      .replaceAll('/var/lib/tsunagu', keys)
      .replaceAll('/opt/tsunagu/web/dist', join(root, 'web', 'dist'))
      .replaceAll('8080', appPort);
    const script = `set -euo pipefail
export PATH="${bin}:$PATH" PGPORT=${pgPort} PGUSER=tsunagu
# The page runs tsunagu as the OS user tsunagu (peer authentication); here
# the cluster trusts local connections and PGUSER names the role.
sudo() { if [ "$1" = -u ]; then local u="$2"; shift 2; runuser -u "$u" -- env PGHOST="${sock}" PGPORT=${pgPort} PGUSER="$u" "$@"; else "$@"; fi; }
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true' EXIT
${body}
`;
    writeFileSync(join(dir, 'steps.sh'), script);
    const r = spawnSync('bash', [join(dir, 'steps.sh')], { encoding: 'utf8', timeout: 120000 });
    const out = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 0, out);
    assert.match(r.stdout, /"status":"ok"/, '/healthz answered ok');
    assert.match(r.stdout, /^201$/m, 'the administrator made by init signs in');
    assert.match(r.stdout, /監査ログ（操作の記録）は正常です/);
    assert.match(r.stdout, /初期設定を行いました/);
    assert.match(r.stdout, /連絡先の鍵は .*contact\.key/, 'migrate says where the key is');
  } finally {
    try { ctl('-m', 'immediate', 'stop'); } catch { /* not running */ }
    rmSync(dir, { recursive: true, force: true });
  }
});
