// SQLite numbers each organisation's search entries within its own rowid
// range (migration 0014), so that the full-text index returns one
// organisation's hits alone. These tests hold the numbering to that on every
// write, and check that a database indexed before 0014 is renumbered by the
// migration and answers every search as before.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, runCli } from '../support/server.mjs';
import { sql } from '../support/case_rows.mjs';

const SHIFT = 2n ** 40n;
const ago = (minutes) => new Date(Date.now() - minutes * 60e3).toISOString();
const QUERIES = ['田中', 'たなか', '蓮', 'ひき', 'ヒキコモリ', 'ゲーム配信', '電話', '散歩', 'クマガイ'];

// The numbering before 0014: small rowids, the organisations interleaved.
// The full-text tables and their triggers are those of 0003 (0014 made them
// again as they were), so the triggers renumber the index along with the
// entries.
const BEFORE_0014 = `
UPDATE search_entries SET rid = (rid % ${SHIFT}) * 16 + rid / ${SHIFT};
DROP TABLE search_organisations;
DELETE FROM schema_migrations WHERE version = 14;`;

describe('search entries numbered by organisation (sqlite)', () => {
  let server, suzuki, takahashi;
  const created = [];
  before(async () => {
    server = await startServer({ db: 'sqlite' });
    suzuki = await signedIn(server.url, 'coordinator');
    takahashi = await signedIn(server.url, 'other_coordinator');
    for (const [who, title] of [[suzuki, '番号A'], [takahashi, '番号B'], [suzuki, '番号C']]) {
      const c = (await who.post('/api/v1/cases', { title, intake_route: '家族',
        subject: { naming: 'named', name: '田中 蓮', furigana: 'たなか れん' },
        caller: { naming: 'named', name: '熊谷 綾', furigana: 'クマガイ アヤ', relation: '母' } })).json;
      created.push(c.id);
      const k = await who.post(`/api/v1/cases/${c.id}/contacts`, { occurred_at: ago(5), channel: '電話',
        counterpart: '母', subject_met: false, note: 'ﾋｷｺﾓﾘが続き、ゲーム配信の話をした。' });
      assert.equal(k.status, 201, k.text);
      // An edit deletes the entry and numbers it again.
      const edited = await who.put(`/api/v1/contacts/${k.json.id}`, { ...k.json, note: 'ゲーム配信と散歩の話をした。' },
        { 'if-match': `"${k.json.version}"` });
      assert.equal(edited.status, 200, edited.text);
    }
  });
  after(async () => { await server?.stop(); });

  const rids = () => sql(server, 'SELECT rid FROM search_entries').trim().split('\n').map(BigInt);
  const entries = () => sql(server, `SELECT e.rid, e.organisation_id, o.prefix FROM search_entries e
      LEFT JOIN search_organisations o ON o.organisation_id = e.organisation_id ORDER BY e.rid`)
    .trim().split('\n').map((l) => l.split('|'));
  const answers = async () => {
    const out = {};
    for (const [who, name] of [[suzuki, 'suzuki'], [takahashi, 'takahashi']])
      for (const q of QUERIES) out[`${name} ${q}`] = (await who.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).json.items.map((c) => c.id);
    return out;
  };
  const assertNumbered = () => {
    const rows = entries();
    assert.ok(rows.length >= 10, 'persons and notes of both organisations are indexed');
    const prefixes = new Map();
    for (const [rid, org, prefix] of rows) {
      assert.ok(prefix, `organisation ${org} has a search prefix`);
      assert.equal(BigInt(rid) / SHIFT, BigInt(prefix), `entry ${rid} lies in its organisation's range`);
      prefixes.set(org, prefix);
    }
    assert.equal(new Set(prefixes.values()).size, prefixes.size, 'one prefix per organisation');
    assert.ok(prefixes.size >= 2);
    sql(server, "INSERT INTO search_trigram(search_trigram, rank) VALUES ('integrity-check', 1)");
    sql(server, "INSERT INTO search_bigram(search_bigram, rank) VALUES ('integrity-check', 1)");
  };

  test('every write numbers the entry within its organisation\'s range', async () => {
    assertNumbered();
    const a = await answers();
    assert.ok(a['suzuki 田中'].length >= 2 && a['takahashi 田中'].length >= 1);
    assert.equal(a['suzuki 散歩'].filter((id) => created.includes(id)).length, 2, 'the edited note is found');
    assert.ok(!a['suzuki ヒキコモリ'].some((id) => created.includes(id)), 'the note before the edit is not');
  });

  test('a database indexed before migration 0014 is renumbered and answers as before', async () => {
    const before = await answers();
    sql(server, BEFORE_0014);
    assert.ok(rids().every((rid) => rid < SHIFT), 'the old numbering is in place');
    assert.match(runCli(['migrate', '--db', server.db.url]), /\b1 件/);
    assertNumbered();
    assert.deepEqual(await answers(), before);
  });
});
