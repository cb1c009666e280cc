// `tsunagu init` (issue 20): the first prefecture, organisation and
// administrator of a new database, without the demo data.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN, DATABASES, freshDatabase, startServer, Client } from '../support/server.mjs';

const init = (url, password, kind = 'センター') => spawnSync(BIN, ['init', '--db', url, '--prefecture', 'みどり県',
  '--organisation', 'みどり県ひきこもり地域支援センター', '--kind', kind, '--login', 'kanrisha', '--name', '管理 花子'],
{ input: `${password}\n`, encoding: 'utf8' });

for (const kind of DATABASES) {
  describe(`tsunagu init (${kind})`, () => {
    test('makes a database an administrator can sign in to; refuses a second time and bad input', async () => {
      const db = freshDatabase(kind);
      try {
        const weak = init(db.url, 'password123');
        assert.equal(weak.status, 2, weak.stderr + weak.stdout);
        assert.match(weak.stderr, /推測されやすい/);
        const badKind = init(db.url, 'hoshizora-no-michi-7', '謎');
        assert.equal(badKind.status, 2, badKind.stderr);
        assert.match(badKind.stderr, /種別/);
        const ok = init(db.url, 'hoshizora-no-michi-7');
        assert.equal(ok.status, 0, ok.stderr);
        assert.match(ok.stdout, /初期設定を行いました/);
        assert.match(ok.stdout, /連絡先の鍵/);
        const again = init(db.url, 'hoshizora-no-michi-7');
        assert.equal(again.status, 2);
        assert.match(again.stderr, /すでにあります/);
        const server = await startServer({ db: kind, database: { ...db, cleanup: () => {} }, demo: false });
        try {
          const c = new Client(server.url);
          const r = await c.login('kanrisha', 'hoshizora-no-michi-7');
          assert.equal(r.status, 201, r.text);
          assert.equal(r.json.user.role, 'admin');
          const orgs = (await c.get('/api/v1/organisations')).json.items;
          assert.deepEqual(orgs.map((o) => [o.name, o.kind]), [['みどり県ひきこもり地域支援センター', 'センター']]);
        } finally { await server.stop(); }
      } finally { db.cleanup(); }
    });
  });
}
