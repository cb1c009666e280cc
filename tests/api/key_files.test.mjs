// The contact-details key cannot silently diverge (issue 20, point 1): a
// server refuses to start with a key file that does not open the sealed
// contact details it finds, or without the key file of a database that has
// them (it used to create a new key without a word, and what it wrote was
// unreadable to the other servers). demo and migrate say where the key is.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, DATABASES, freshDatabase, runCli } from '../support/server.mjs';

function serveOnce(url, keyFile) {
  // A server that starts would run until killed: the timeout makes that a failure.
  return spawnSync(BIN, ['serve', '--db', url, '--port', '0', '--key-file', keyFile], { encoding: 'utf8', timeout: 10000 });
}

for (const kind of DATABASES) {
  describe(`contact-details key (${kind})`, () => {
    test('a server with another key file, or none, refuses to start and names the file', () => {
      const db = freshDatabase(kind);
      const dir = mkdtempSync(join(tmpdir(), 'tsunagu-keys-'));
      try {
        const key = join(dir, 'right.key');
        const out = runCli(['demo', '--db', db.url, '--key-file', key]);
        assert.ok(out.includes(key), 'demo says where the key is');
        assert.ok(existsSync(key));

        const missing = join(dir, 'nowhere', 'missing.key');
        const r1 = serveOnce(db.url, missing);
        assert.notEqual(r1.status, 0, 'refused');
        assert.equal(r1.signal, null, 'it exited by itself, it did not serve');
        assert.match(r1.stderr, /鍵ファイル .*missing\.key がありません/);
        assert.ok(!existsSync(missing), 'no new key was made');

        const other = join(dir, 'other.key');
        runCli(['demo', '--db', freshDatabase('sqlite').url, '--key-file', other]);  // a key of another database
        const r2 = serveOnce(db.url, other);
        assert.notEqual(r2.status, 0);
        assert.equal(r2.signal, null);
        assert.match(r2.stderr, /other\.key では、このデータベースの連絡先を開けません/);

        const m = runCli(['migrate', '--db', db.url, '--key-file', key]);
        assert.ok(m.includes(key), 'migrate says where the key is');
      } finally {
        db.cleanup();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
