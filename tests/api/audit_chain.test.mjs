// Issue 13 point 5: someone who can write the database, but has not got
// the audit key, cannot rewrite the audit log unnoticed (docs/design/audit-chain.md).
// Each attack below makes a chain that the verify of before the key
// (legacyVerify, the same algorithm in JS) accepts; `tsunagu audit verify`
// must not. For both logs, on both databases.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readFileSync, writeFileSync, copyFileSync, renameSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startServer, freshDatabase, runCli, DATABASES, BIN, signedIn } from '../support/server.mjs';
import { blake2b256Hex } from '../support/blake2b.mjs';

const GENESIS = '0'.repeat(64);
const TABLES = { main: ['audit_log', 'audit_head'], reads: ['reads.audit_log', 'reads.audit_head'] };
const LABEL = { main: '操作の記録', reads: '閲覧の記録' };

for (const kind of DATABASES) {
  describe(`audit chain against someone who can write the database (${kind})`, () => {
    // A demo database with both logs in use: a server started on it, a few
    // reads and a write, stopped (its anchor has a checkpoint of both).
    async function setup() {
      const db = freshDatabase(kind);
      const dir = mkdtempSync(join(tmpdir(), 'tsunagu-audit-files-'));
      const key = join(dir, 'audit-key'), anchor = join(dir, 'audit-anchor');
      const files = ['--audit-key-file', key, '--audit-anchor-file', anchor];
      runCli(['demo', '--db', db.url, ...files]);
      const t = {
        db, dir, key, anchor, files,
        sql(q) {
          if (kind === 'sqlite') return execFileSync('sqlite3', [db.file, `ATTACH DATABASE '${db.file}.read-audit' AS reads; ${q}`], { encoding: 'utf8' });
          return db.psql(q);
        },
        verify(extra = ['--anchor', anchor]) {
          const r = spawnSync(BIN, ['audit', 'verify', '--db', db.url, '--audit-key-file', key, ...extra], { encoding: 'utf8' });
          return { code: r.status, out: r.stdout + r.stderr };
        },
        async use() {
          const server = await startServer({ db: kind, database: db, args: files });
          const admin = await signedIn(server.url, 'admin');
          for (let i = 0; i < 6; i++) assert.equal((await admin.get('/api/v1/users')).status, 200);  // audited reads
          const area = (await admin.get('/api/v1/areas')).json.items.find((a) => a.level === 'municipality');
          assert.equal((await admin.post('/api/v1/organisations', { name: `架空の会 ${randomBytes(3).toString('hex')}`, kind: 'NPO', area_id: area.id })).status, 201);
          await server.stop();
        },
        cleanup() { db.cleanup(); rmSync(dir, { recursive: true, force: true }); },
      };
      await t.use();
      return t;
    }

    function entries(t, log) {
      const cols = 'seq, at, user_id, organisation_id, action, entity, entity_id, client, detail, prev_hash, hash';
      const q = `SELECT ${cols} FROM ${TABLES[log][0]} ORDER BY seq`;
      const text = kind === 'sqlite'
        ? execFileSync('sqlite3', ['-json', t.db.file, `ATTACH DATABASE '${t.db.file}.read-audit' AS reads; ${q}`], { encoding: 'utf8' })
        : t.sql(`SELECT coalesce(json_agg(e ORDER BY e.seq), '[]') FROM (${q}) e`);
      return (text.trim() ? JSON.parse(text) : []).map((e) => ({ ...e, seq: Number(e.seq) }));
    }
    const head = (t, log) => {
      const [seq, hash] = t.sql(`SELECT seq, hash FROM ${TABLES[log][1]} WHERE id = 1`).trim().split('|');
      return { seq: Number(seq), hash };
    };
    // The entry hash of before the key: all anyone without the key can compute.
    const unkeyed = (prev, e) => blake2b256Hex([prev, e.at, e.user_id, e.organisation_id, e.action, e.entity,
      e.entity_id, e.client, e.detail, String(e.seq)].join('\x1f'));

    // What `tsunagu audit verify` checked before the key: links, unkeyed
    // hashes, the head's seq and hash.
    function legacyVerify(t, log) {
      let prev = GENESIS, expected = 1;
      for (const e of entries(t, log)) {
        if (e.seq !== expected || e.prev_hash !== prev || unkeyed(prev, e) !== e.hash) return false;
        prev = e.hash;
        expected++;
      }
      const h = head(t, log);
      return h.seq === expected - 1 && h.hash === prev;
    }

    // The attacker's tool: every hash from `from` on recomputed with the
    // unkeyed formula, and the head set to the new end. Only hex and numbers
    // enter the SQL text.
    function rechain(t, log, from = 1) {
      const [table, headTable] = TABLES[log];
      const all = entries(t, log);
      let prev = from === 1 ? GENESIS : all.find((e) => e.seq === from - 1).hash;
      const stmts = [];
      for (const e of all.filter((x) => x.seq >= from)) {
        const h = unkeyed(prev, e);
        stmts.push(`UPDATE ${table} SET prev_hash = '${prev}', hash = '${h}' WHERE seq = ${e.seq};`);
        prev = h;
      }
      const last = all.length ? all[all.length - 1].seq : 0;
      stmts.push(`UPDATE ${headTable} SET seq = ${last}, hash = '${prev}' WHERE id = 1;`);
      t.sql(stmts.join('\n'));
    }

    test('a used database verifies with its key and anchor; the key and anchor files are 0600', async () => {
      const t = await setup();
      try {
        const v = t.verify();
        assert.equal(v.code, 0, v.out);
        assert.match(v.out, /操作の記録）は正常/);
        assert.match(v.out, /閲覧の記録）は正常/);
        assert.match(v.out, /チェックポイント \d+ 件と一致/);
        for (const f of [t.key, t.anchor]) assert.equal(statSync(f).mode & 0o777, 0o600, f);
        const lines = readFileSync(t.anchor, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
        for (const log of ['main', 'reads']) assert.ok(lines.some((l) => l.log === log && l.seq === head(t, log).seq), log);
        assert.deepEqual(Object.keys(lines[0]), ['log', 'seq', 'hash', 'keyed_from', 'at', 'mac']);
      } finally { t.cleanup(); }
    });

    test('(a) the last entries deleted and the head fixed to match', async () => {
      const t = await setup();
      try {
        for (const log of ['main', 'reads']) {
          const end = head(t, log).seq;
          assert.ok(end > 3, log);
          const [table, headTable] = TABLES[log];
          t.sql(`DELETE FROM ${table} WHERE seq > ${end - 3}`);
          const last = entries(t, log).at(-1);
          t.sql(`UPDATE ${headTable} SET seq = ${last.seq}, hash = '${last.hash}' WHERE id = 1`);
          // Every remaining entry is as the server wrote it, and the head
          // names the last one: all the old verify looked at.
          const h = head(t, log);
          assert.deepEqual([h.seq, h.hash], [last.seq, last.hash]);
        }
        // even without the anchor file: the head's MAC no longer fits
        let v = t.verify(['--anchor', '/dev/null']);
        assert.notEqual(v.code, 0, v.out);
        for (const log of ['main', 'reads']) assert.match(v.out, new RegExp(`${LABEL[log]}）の改ざんまたは欠落.*先頭.*署名が合いません`));
        v = t.verify();
        assert.match(v.out, /古いバックアップに戻されたか、末尾が削除されています/);
        // and if the attacker also clears the key mark, the key file betrays it
        t.sql(`UPDATE ${TABLES.reads[1]} SET keyed_from = NULL, mac = NULL WHERE id = 1`);
        v = t.verify();
        assert.match(v.out, /閲覧の記録）の改ざんまたは欠落.*鍵で署名された印がありません/);
        const r = spawnSync(BIN, ['serve', '--db', t.db.url, '--port', '1', ...t.files], { encoding: 'utf8', timeout: 10_000 });
        assert.notEqual(r.status, 0);
        assert.match(r.stderr, /鍵ファイル|署名/);
      } finally { t.cleanup(); }
    });

    test('(b) an entry in the middle deleted, the later ones renumbered and rehashed', async () => {
      const t = await setup();
      try {
        for (const log of ['main', 'reads']) {
          const [table] = TABLES[log];
          const s = Math.max(2, Math.floor(head(t, log).seq / 2));
          t.sql(`DELETE FROM ${table} WHERE seq = ${s}; UPDATE ${table} SET seq = -(seq - 1) WHERE seq > ${s}; UPDATE ${table} SET seq = -seq WHERE seq < 0;`);
          rechain(t, log);
          assert.ok(legacyVerify(t, log), `${log}: the old verify accepts the shortened chain`);
        }
        const v = t.verify();
        assert.notEqual(v.code, 0, v.out);
        for (const log of ['main', 'reads']) assert.match(v.out, new RegExp(`${LABEL[log]}）の改ざんまたは欠落`));
      } finally { t.cleanup(); }
    });

    test('(c) an entry rewritten and every later hash recomputed without the key', async () => {
      const t = await setup();
      try {
        const at = {};
        for (const log of ['main', 'reads']) {
          const s = at[log] = Math.max(2, Math.floor(head(t, log).seq / 2));
          t.sql(`UPDATE ${TABLES[log][0]} SET entity_id = 'someone-else' WHERE seq = ${s}`);
          rechain(t, log, s);
        }
        let v = t.verify(['--anchor', '/dev/null']);
        assert.notEqual(v.code, 0, v.out);
        // the first entry whose MAC does not fit is the rewritten one
        for (const log of ['main', 'reads'])
          assert.match(v.out, new RegExp(`${LABEL[log]}）の改ざんまたは欠落.*${at[log]} 番の署名が合いません.*\\(seq ${at[log]}\\)`));
        // and rehashing the whole chain, as the old verify requires, is caught too
        for (const log of ['main', 'reads']) {
          rechain(t, log);
          assert.ok(legacyVerify(t, log), `${log}: the old verify accepts the rewritten chain`);
        }
        v = t.verify();
        assert.notEqual(v.code, 0, v.out);
        for (const log of ['main', 'reads']) assert.match(v.out, new RegExp(`${LABEL[log]}）の改ざんまたは欠落`));
      } finally { t.cleanup(); }
    });

    test('(d) an older copy of the database put back: the chains verify, the anchor does not; the server refuses until the anchor is set aside', async () => {
      const t = await setup();
      const copy = kind === 'sqlite' ? join(t.dir, 'old.sqlite') : `${t.db.url.match(/\/\/\/(\w+)/)[1]}_old`;
      const pgAdmin = (q) => execFileSync('psql', ['-h', process.env.TSUNAGU_PG_HOST, '-p', process.env.TSUNAGU_PG_PORT, '-U', 'postgres', '-d', 'postgres', '-qAt', '-c', q]);
      const name = kind === 'postgres' ? t.db.url.match(/\/\/\/(\w+)/)[1] : '';
      try {
        if (kind === 'sqlite') {
          for (const s of ['', '.read-audit']) copyFileSync(t.db.file + s, copy + s);
        } else {
          pgAdmin(`CREATE DATABASE ${copy} TEMPLATE ${name}`);
        }
        await t.use();  // more reads and a write, then a checkpoint at stop
        assert.equal(t.verify().code, 0);
        if (kind === 'sqlite') {
          for (const s of ['', '.read-audit']) {
            copyFileSync(copy + s, t.db.file + s);
            for (const w of ['-wal', '-shm']) rmSync(t.db.file + s + w, { force: true });
          }
        } else {
          pgAdmin(`DROP DATABASE ${name} WITH (FORCE)`);
          pgAdmin(`CREATE DATABASE ${name} TEMPLATE ${copy}`);
        }
        let v = t.verify();
        assert.notEqual(v.code, 0, v.out);
        // each chain by itself is whole: a chain-only verify passes it
        assert.match(v.out, /操作の記録）は正常/);
        assert.match(v.out, /閲覧の記録）は正常/);
        assert.match(v.out, /アンカー .* 行目（main.*古いバックアップに戻されたか/);
        assert.match(v.out, /アンカー .* 行目（reads.*古いバックアップに戻されたか/);
        const r = spawnSync(BIN, ['serve', '--db', t.db.url, '--port', '1', ...t.files], { encoding: 'utf8', timeout: 10_000 });
        assert.notEqual(r.status, 0);
        assert.match(r.stderr, /古いバックアップを戻したのなら、アンカーファイル .* を別の名前で保管して/);
        // the operator acknowledges the restore: the old anchor is kept aside, a new one begins
        renameSync(t.anchor, `${t.anchor}.before-restore`);
        await t.use();
        v = t.verify();
        assert.equal(v.code, 0, v.out);
        assert.notEqual(t.verify(['--anchor', `${t.anchor}.before-restore`]).code, 0, 'the old anchor still tells');
      } finally {
        if (kind === 'postgres') { try { pgAdmin(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`); } catch { /* gone */ } }
        t.cleanup();
      }
    });

    test('the server refuses another key file, and a missing one, with a clear message', async () => {
      const t = await setup();
      try {
        const serve = () => spawnSync(BIN, ['serve', '--db', t.db.url, '--port', '1', ...t.files], { encoding: 'utf8', timeout: 10_000 });
        const original = readFileSync(t.key);
        writeFileSync(t.key, randomBytes(32), { mode: 0o600 });
        let r = serve();
        assert.notEqual(r.status, 0);
        assert.match(r.stderr, /鍵ファイル .* では監査ログ（操作の記録）の先頭の署名を確かめられません/);
        const wrong = t.verify();
        assert.notEqual(wrong.code, 0, 'verify with the wrong key fails too');
        assert.match(wrong.out, /鍵ファイルがこのデータベースのものでないか/);
        rmSync(t.key);
        r = serve();
        assert.notEqual(r.status, 0);
        assert.match(r.stderr, /鍵ファイル .* がありません/);
        assert.ok(!existsSync(t.key), 'no new key is made for a keyed chain');
        let v = spawnSync(BIN, ['audit', 'verify', '--db', t.db.url, '--audit-key-file', t.key], { encoding: 'utf8' });
        assert.equal(v.status, 2);
        assert.match(v.stderr, /鍵ファイル .* が見つかりません/);
        if (kind === 'sqlite') {
          // no key named and none at the default place (<db>.audit-key)
          v = spawnSync(BIN, ['audit', 'verify', '--db', t.db.url, '--anchor', t.anchor], { encoding: 'utf8' });
          assert.notEqual(v.status, 0);
          assert.match(v.stdout, /鍵ファイルがないため検証できません/);
        }
        writeFileSync(t.key, original, { mode: 0o600 });
        assert.equal(t.verify().code, 0);
      } finally { t.cleanup(); }
    });

    test('audit checkpoint prints the signed heads to keep elsewhere; verify --anchor checks against them', async () => {
      const t = await setup();
      try {
        const out = runCli(['audit', 'checkpoint', '--db', t.db.url, '--audit-key-file', t.key]);
        const kept = join(t.dir, 'kept-elsewhere.jsonl');
        writeFileSync(kept, out);
        assert.equal(out.trim().split('\n').length, 2);
        await t.use();
        let v = t.verify(['--anchor', kept]);
        assert.equal(v.code, 0, v.out);
        assert.match(v.out, /チェックポイント 2 件と一致/);
        // a forged line (another seq, same MAC) is not trusted
        const forged = JSON.parse(out.split('\n')[0]);
        forged.seq -= 1;
        writeFileSync(kept, `${JSON.stringify(forged)}\n`);
        v = t.verify(['--anchor', kept]);
        assert.notEqual(v.code, 0);
        assert.match(v.out, /署名が合いません/);
        // without the key there is nothing to sign with
        const r = spawnSync(BIN, ['audit', 'checkpoint', '--db', t.db.url, '--audit-key-file', join(t.dir, 'none')], { encoding: 'utf8' });
        assert.notEqual(r.status, 0);
        assert.match(r.stderr, /見つかりません/);
      } finally { t.cleanup(); }
    });
  });
}
