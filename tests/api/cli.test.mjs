// The `tsunagu` command (issue 2, point 9): help for every subcommand,
// idempotent migrate and demo, `user add` with the password on stdin, and
// an online SQLite backup taken while the server serves and writes.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, freshDatabase, runCli, Client, DATABASES, BIN, signedIn } from '../support/server.mjs';

const execFileAsync = promisify(execFile);
const cli = (args, input) => {
  const r = spawnSync(BIN, args, { encoding: 'utf8', input });
  return { code: r.status, out: r.stdout, err: r.stderr, all: r.stdout + r.stderr };
};
const sqlite = (file, q) => spawnSync('sqlite3', [file, q], { encoding: 'utf8' }).stdout.trim();

describe('tsunagu --help', () => {
  const SUBCOMMANDS = ['serve', 'migrate', 'demo', 'user', 'backup', 'audit', 'routes', 'rebuild-summaries'];

  test('lists every subcommand', () => {
    const r = cli(['--help']);
    assert.equal(r.code, 0, r.all);
    for (const s of SUBCOMMANDS) assert.match(r.out, new RegExp(`^\\s+${s}\\b`, 'm'), `--help に ${s} がありません`);
  });

  test('each subcommand has --help', () => {
    for (const args of [...SUBCOMMANDS.map((s) => [s]), ['user', 'add'], ['audit', 'verify']]) {
      const r = cli([...args, '--help']);
      assert.equal(r.code, 0, `${args.join(' ')} --help: ${r.all}`);
      assert.match(r.out, /Usage|使い方/i, args.join(' '));
    }
    assert.match(cli(['serve', '--help']).out, /--db[\s\S]*--port[\s\S]*--listen/);
    assert.match(cli(['user', 'add', '--help']).out, /--login[\s\S]*--name[\s\S]*--role[\s\S]*--organisation/);
    assert.match(cli(['backup', '--help']).out, /--to/);
  });

  test('no subcommand or an unknown one fails', () => {
    assert.notEqual(cli([]).code, 0);
    assert.notEqual(cli(['frobnicate']).code, 0);
  });

  test('routes prints the route table; --json for machines', () => {
    const text = cli(['routes']).out;
    assert.match(text, /^POST\t\/api\/v1\/session\t/m);
    const json = JSON.parse(cli(['routes', '--json']).out);
    assert.ok(json.some((r) => r.method === 'GET' && r.path === '/api/v1/users/:id' && r.reach.supervisor === 'own_organisation'));
  });
});

for (const kind of DATABASES) {
  describe(`tsunagu CLI on ${kind}`, () => {
    test('migrate twice is idempotent; demo twice adds nothing twice', () => {
      const db = freshDatabase(kind);
      try {
        const first = cli(['migrate', '--db', db.url]);
        assert.equal(first.code, 0, first.all);
        const applied = Number(/(\d+) 件/.exec(first.out)[1]);
        assert.ok(applied > 0);
        const second = cli(['migrate', '--db', db.url]);
        assert.equal(second.code, 0, second.all);
        assert.match(second.out, /\b0 件/);
        assert.equal(cli(['demo', '--db', db.url]).code, 0);
        const again = cli(['demo', '--db', db.url]);
        assert.equal(again.code, 0, again.all);
        const count = (q) => (kind === 'sqlite' ? sqlite(db.file, q) : db.psql(q).trim());
        assert.equal(count('SELECT COUNT(*) FROM users'), '11');
        assert.equal(count('SELECT COUNT(*) FROM organisations'), '4');
        assert.equal(count('SELECT COUNT(*) FROM cases'), '32');
        assert.equal(count('SELECT COUNT(*) FROM supporters'), '12');
        assert.equal(count('SELECT COUNT(*) FROM search_entries'), count('SELECT (SELECT COUNT(*) FROM contacts WHERE note IS NOT NULL) + (SELECT COUNT(*) FROM persons WHERE name IS NOT NULL)'));
        assert.equal(cli(['audit', 'verify', '--db', db.url]).code, 0);
      } finally { db.cleanup(); }
    });

    test('user add reads the password from stdin; the new user can sign in', async () => {
      const server = await startServer({ db: kind });
      try {
        const add = cli(['user', 'add', '--db', server.db.url, '--login', 'cli-made', '--name', '端末 から子',
          '--role', 'supervisor', '--organisation', 'さくら市ひきこもり支援ステーション'], 'yuugure-no-kane-3\n');
        assert.equal(add.code, 0, add.all);
        assert.ok(!add.all.includes('yuugure-no-kane-3'), 'the password is not echoed');
        const c = new Client(server.url);
        const r = await c.login('cli-made', 'yuugure-no-kane-3');
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.user.role, 'supervisor');
        assert.equal(r.json.user.organisation_name, 'さくら市ひきこもり支援ステーション');
        // the creation is in the audit log, from the command line
        const admin = await signedIn(server.url, 'admin');
        const created = (await admin.get('/api/v1/audit?limit=200')).json.items
          .find((e) => e.action === 'create' && e.entity === 'user' && e.detail.includes('cli-made'));
        assert.ok(created);
        assert.equal(created.client, 'cli');
        assert.equal(cli(['audit', 'verify', '--db', server.db.url]).code, 0);

        // refusals: short password, unknown organisation, unknown role, taken login
        const base = ['user', 'add', '--db', server.db.url, '--name', '誰か', '--organisation', 'さくら市ひきこもり支援ステーション'];
        let bad = cli([...base, '--login', 'short-pw'], 'short\n');
        assert.notEqual(bad.code, 0);
        assert.match(bad.err, /10文字以上/);
        // the password rule of every newly set password (service/password_policy.h)
        bad = cli([...base, '--login', 'common-pw'], 'Password123\n');
        assert.equal(bad.code, 2, bad.all);
        assert.match(bad.err, /よく使われていて推測されやすいパスワードです/);
        bad = cli([...base, '--login', 'pw-owner'], 'PW-OWNER-garden-9\n');
        assert.equal(bad.code, 2, bad.all);
        assert.match(bad.err, /ログインIDが含まれて/);
        bad = cli(['user', 'add', '--db', server.db.url, '--login', 'no-org', '--name', '誰か', '--organisation', '存在しない組織'], 'long-enough-pass\n');
        assert.notEqual(bad.code, 0);
        assert.match(bad.err, /見つかりません/);
        bad = cli([...base, '--login', 'bad-role', '--role', 'root'], 'long-enough-pass\n');
        assert.notEqual(bad.code, 0);
        bad = cli([...base, '--login', 'cli-made'], 'another-password\n');
        assert.notEqual(bad.code, 0);
        assert.match(bad.err, /すでに使われています/);
        assert.equal((await new Client(server.url).login('cli-made', 'yuugure-no-kane-3')).status, 201, 'the first one is untouched');
        for (const login of ['short-pw', 'common-pw', 'pw-owner', 'no-org', 'bad-role'])
          assert.equal((await new Client(server.url).login(login, 'long-enough-pass')).status, 401, `${login} was not created`);
      } finally { await server.stop(); }
    });

    if (kind === 'postgres') {
      test('backup on PostgreSQL refuses and points to pg_dump', () => {
        const db = freshDatabase(kind);
        try {
          const r = cli(['backup', '--db', db.url, '--to', join(tmpdir(), 'never-written.sqlite')]);
          assert.notEqual(r.code, 0);
          assert.match(r.err, /pg_dump/);
        } finally { db.cleanup(); }
      });
    }

    if (kind === 'sqlite') {
      test('backup while the server serves and writes gives a whole, consistent file', async () => {
        const server = await startServer({ db: kind });
        const dir = mkdtempSync(join(tmpdir(), 'tsunagu-backup-'));
        try {
          const admin = await signedIn(server.url, 'admin');
          const area = (await admin.get('/api/v1/areas')).json.items.find((a) => a.level === 'municipality');
          assert.equal((await admin.get('/api/v1/users')).status, 200);  // an audited read, for the read audit log
          // A file of some 40 MB (a town after a few years), so that copying
          // takes long enough for many writes to land during it.
          spawnSync('sqlite3', [server.db.file, 'CREATE TABLE test_padding(x BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL '
            + 'SELECT i + 1 FROM n WHERE i < 10000) INSERT INTO test_padding SELECT randomblob(4000) FROM n;']);
          let writing = true, written = 0;
          const writer = (async () => {
            while (writing) {
              const r = await admin.post('/api/v1/organisations', { name: `バックアップ中の団体 ${written}`, kind: 'NPO', area_id: area.id });
              assert.equal(r.status, 201, r.text);
              written++;
            }
          })();
          await new Promise((r) => setTimeout(r, 100));
          const target = join(dir, 'backup.sqlite');
          // Under steady writes the copy must still finish (a copy that
          // restarts after every write never would on a large file). How fast
          // it is belongs to bench/; the timeout only stops a real hang.
          const writtenBefore = written;
          const { stdout } = await execFileAsync(BIN, ['backup', '--db', server.db.url, '--to', target], { timeout: 300_000 });
          const writtenDuring = written - writtenBefore;
          writing = false;
          await writer;
          assert.match(stdout, /複製しました/);
          assert.ok(writtenDuring > 0, 'writes went on during the backup');
          assert.ok(existsSync(target));
          assert.match(stdout, /read-audit/);
          assert.ok(existsSync(`${target}.read-audit`), 'the read audit log is copied beside it');
          assert.equal(sqlite(`${target}.read-audit`, 'PRAGMA integrity_check'), 'ok');
          assert.ok(Number(sqlite(`${target}.read-audit`, 'SELECT COUNT(*) FROM audit_log')) > 0, 'with the reads made so far');
          assert.equal(sqlite(target, 'PRAGMA integrity_check'), 'ok');
          assert.equal(sqlite(target, 'PRAGMA foreign_key_check'), '');
          assert.equal(sqlite(target, "SELECT COUNT(*) FROM users WHERE login IN ('admin','sato','suzuki')"), '3');
          assert.ok(Number(sqlite(target, 'SELECT COUNT(*) FROM organisations')) >= 4);
          assert.equal(sqlite(target, 'SELECT COUNT(*) FROM test_padding'), '10000');
          // the copy is one moment of the database: its audit chain is whole
          // (with the live database's audit key: backup does not copy keys)
          const v = cli(['audit', 'verify', '--db', `sqlite:${target}`, '--audit-key-file', `${server.db.file}.audit-key`]);
          assert.equal(v.code, 0, v.all);
          assert.match(v.all, /閲覧の記録）は正常/);
          // and a server starts on it
          const restored = spawnSync(BIN, ['migrate', '--db', `sqlite:${target}`], { encoding: 'utf8' });
          assert.equal(restored.status, 0);
          assert.match(restored.stdout, /\b0 件/);
        } finally {
          await server.stop();
          rmSync(dir, { recursive: true, force: true });
        }
      });

      test('a new database beside another database\'s read audit log does not start, and keeps that log', async () => {
        const server = await startServer({ db: kind });
        const dir = mkdtempSync(join(tmpdir(), 'tsunagu-pair-'));
        try {
          const admin = await signedIn(server.url, 'admin');
          assert.equal((await admin.get('/api/v1/users')).status, 200);  // an audited read
          const target = join(dir, 'copy.sqlite');
          await execFileAsync(BIN, ['backup', '--db', server.db.url, '--to', target], { timeout: 15_000 });
          // the main file goes (deleted, or about to be made anew); its read log stays
          rmSync(target);
          const r = spawnSync(BIN, ['demo', '--db', `sqlite:${target}`], { encoding: 'utf8', timeout: 20_000 });
          assert.notEqual(r.status, 0);
          assert.match(r.stderr, /閲覧の監査ログのファイル .*read-audit に、このデータベースのものではない記録があります/);
          assert.ok(Number(sqlite(`${target}.read-audit`, 'SELECT COUNT(*) FROM audit_log')) > 0, 'the log is left as it was');
        } finally {
          await server.stop();
          rmSync(dir, { recursive: true, force: true });
        }
      });

      test('a database restored without its read audit file does not start, and says which file is missing', () => {
        const db = freshDatabase(kind);
        try {
          runCli(['demo', '--db', db.url]);
          const reads = `${db.file}.read-audit`;
          assert.ok(existsSync(reads));
          rmSync(reads);
          for (const args of [['migrate', '--db', db.url], ['serve', '--db', db.url, '--port', '1']]) {
            const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 10_000 });
            assert.notEqual(r.status, 0, args[0]);
            assert.match(r.stderr, /閲覧の監査ログのファイル .*read-audit が見つからない/, args[0]);
            // and it did not leave an empty log behind that the next start would take
            assert.ok(!existsSync(reads), args[0]);
          }
        } finally { db.cleanup(); }
      });
    }
  });
}
