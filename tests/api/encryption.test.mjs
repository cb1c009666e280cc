// Contact details are sealed at rest (issue 3, point 1): the raw SQLite
// file (and its WAL) holds no plaintext phone number, email or address;
// the key lives in its own file (mode 0600), not in the database; another
// key cannot open the values.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startServer, DATABASES, signedIn, runCli } from '../support/server.mjs';

const PHONE = '090-8642-9753', EMAIL = 'secret-mail@example.jp', ADDRESS = 'さくら市ひがし台9-8-7';

for (const kind of DATABASES) {
  describe(`sealed contact details (${kind})`, () => {
    let server;
    after(async () => { await server?.stop(); });

    test('no plaintext in the database; the key file is separate', async () => {
      server = await startServer({ db: kind });
      const suzuki = await signedIn(server.url, 'coordinator');
      const p = await suzuki.post('/api/v1/persons', { naming: 'named', name: '暗号 確認',
        contact: { phone: PHONE, email: EMAIL, address: ADDRESS } });
      assert.equal(p.status, 201);
      const c = await suzuki.post('/api/v1/cases', { title: '暗号化の確認', intake_route: '家族',
        caller: { naming: 'named', name: '暗号 母', relation: '母', contact: { phone: '080-1357-2468' } } });
      assert.equal(c.status, 201);
      assert.equal((await suzuki.get(`/api/v1/persons/${p.json.id}`)).json.contact.phone, PHONE);
      if (kind === 'sqlite') {
        const dir = dirname(server.db.file);
        const files = readdirSync(dir).filter((f) => f.startsWith('tsunagu.sqlite') && !f.endsWith('.key'));
        assert.ok(files.length >= 1);
        for (const f of files) {
          const bytes = readFileSync(join(dir, f));
          for (const secret of [PHONE, EMAIL, ADDRESS, '080-1357-2468', '09086429753'])
            assert.equal(bytes.indexOf(Buffer.from(secret)), -1, `${f} contains ${secret}`);
        }
        const keyFile = `${server.db.file}.key`;
        assert.ok(existsSync(keyFile), 'key file next to the database');
        const st = statSync(keyFile);
        assert.equal(st.size, 32);
        assert.equal(st.mode & 0o777, 0o600);
        const key = readFileSync(keyFile);
        for (const f of files) assert.equal(readFileSync(join(dir, f)).indexOf(key), -1, `${f} contains the key`);
      } else {
        const dump = server.db.psql('SELECT string_agg(coalesce(contact_sealed, \'\'), \'|\') FROM persons');
        assert.ok(dump.length > 40);
        for (const secret of [PHONE, EMAIL, ADDRESS]) assert.ok(!dump.includes(secret));
        const all = server.db.psql("SELECT count(*) FROM persons WHERE contact_sealed LIKE '%090-%' OR note LIKE '%090-8642%'");
        assert.equal(all.trim(), '0');
      }
      await server.stop();
      server = null;
    });

    if (kind === 'sqlite') test('a server with another key does not start on sealed values it cannot open', async () => {
      // It used to start and show every contact as unreadable (and seal new
      // ones that the other servers could not read); now it refuses, naming
      // the key file (key_files.test.mjs covers both databases).
      const otherKey = join(process.env.TMPDIR ?? '/tmp', `tsunagu-other-${process.pid}.key`);
      await assert.rejects(() => startServer({ db: kind, args: ['--key-file', otherKey] }), /鍵ファイル .*がありません/);
      assert.match(runCli(['serve', '--help']), /--key-file/);
      rmSync(otherKey, { force: true });
    });
  });
}
