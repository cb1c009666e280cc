// A PostgreSQL cluster of a test's own, for tests that restart or crash
// PostgreSQL itself and must not pull the shared cluster of scripts/pg.sh
// from under the other tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, freePort } from './server.mjs';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const asPostgres = (cmd, args) => (process.getuid() === 0
  ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' })
  : execFileSync(cmd, args, { encoding: 'utf8' }));

// Starts a new cluster with one database `name` holding the demo data.
// Returns { url, database (for startServer), serverArgs (the key and anchor
// files, the same for every server and CLI call), psql(sql), restart(mode),
// stop() }.
export async function ownCluster(prefix, name = 't_own') {
  const dir = mkdtempSync(join(tmpdir(), `tsunagu-${prefix}-`));
  chmodSync(dir, 0o777);
  const port = String(await freePort());
  const data = join(dir, 'data');
  const ctl = (...args) => asPostgres(`${PG_BIN}/pg_ctl`, ['-D', data, '-l', join(dir, 'log'), ...args]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=''`;
  asPostgres(`${PG_BIN}/initdb`, ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  ctl('-w', '-o', options, 'start');
  const psqlOn = (db, sql) => execFileSync('psql', ['-h', dir, '-p', port, '-U', 'postgres', '-d', db, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  psqlOn('postgres', `CREATE DATABASE ${name}`);
  const url = `postgresql:///${name}?host=${dir}&port=${port}&user=postgres`;
  const serverArgs = ['--audit-anchor-file', join(dir, 'anchor'), '--audit-key-file', join(dir, 'audit-key'), '--key-file', join(dir, 'key')];
  runCli(['demo', '--db', url, ...serverArgs]);
  return {
    url,
    serverArgs,
    database: { url, cleanup: () => {}, psql: (sql) => psqlOn(name, sql) },
    psql: (sql) => psqlOn(name, sql),
    // 'fast': a clean restart; 'immediate': PostgreSQL stops without a
    // checkpoint, as in a crash, and recovers from its WAL on start.
    restart: (mode) => ctl('-w', '-m', mode, 'restart', '-o', options),
    stop() {
      try { ctl('-m', 'immediate', 'stop'); } catch { /* not running */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
