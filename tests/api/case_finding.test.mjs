// Finding and sorting cases (issue 15 point 5): every case has a number
// (ケース番号 「2026-0012」, per organisation and fiscal year of its 受付日);
// search finds a case by that number as staff type it and by its title;
// the case list sorts by last contact, status, stage and staff either way,
// filters by them, and pages through any order without a case shown twice
// or left out. A database from before the numbers gets them by migration.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn, freshDatabase, runCli } from '../support/server.mjs';
import { sql, count } from '../support/case_rows.mjs';

const tokyoToday = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
const fiscalYear = (date) => Number(date.slice(0, 4)) - (date.slice(5, 7) < '04' ? 1 : 0);
const ago = (days) => new Date(Date.now() - days * 86400e3).toISOString();
const q = (s) => encodeURIComponent(s);

// Every page of one order, followed by its cursor, as the screen does.
async function allPages(client, query, limit = 3) {
  const ids = [];
  let cursor = null;
  for (let i = 0; i < 100; i++) {
    const r = await client.get(`/api/v1/cases?${query}&limit=${limit}${cursor ? `&cursor=${q(cursor)}` : ''}`);
    assert.equal(r.status, 200, r.text);
    ids.push(...r.json.items.map((c) => c.id));
    cursor = r.json.next_cursor;
    if (!cursor) return ids;
  }
  throw new Error('the pages never end');
}

for (const kind of DATABASES) {
  describe(`finding and sorting cases (${kind})`, () => {
    let server, suzuki, takahashi, cases, meta;
    before(async () => {
      server = await startServer({ db: kind });
      suzuki = await signedIn(server.url, 'coordinator');
      takahashi = await signedIn(server.url, 'other_coordinator');
      meta = (await suzuki.get('/api/v1/meta')).json;
      cases = (await suzuki.get('/api/v1/cases?limit=200')).json.items;
    });
    after(async () => { await server?.stop(); });

    test('every case has a number of its fiscal year; a new case takes the next one', async () => {
      assert.ok(cases.length >= 10);
      const numbers = cases.map((c) => c.number);
      for (const [i, n] of numbers.entries()) {
        assert.match(n, /^\d{4}-\d{4,}$/);
        assert.equal(Number(n.slice(0, 4)), fiscalYear(cases[i].opened_on), `${n} is of the year of ${cases[i].opened_on}`);
      }
      assert.equal(new Set(numbers).size, numbers.length, 'no number twice in one organisation');
      const year = fiscalYear(tokyoToday());
      const last = Math.max(0, ...numbers.filter((n) => n.startsWith(`${year}-`)).map((n) => Number(n.slice(5))));
      const r = await suzuki.post('/api/v1/cases', { title: '番号のテスト', intake_route: '本人' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.number, `${year}-${String(last + 1).padStart(4, '0')}`);
      // A case recorded today for a 受付日 of an earlier fiscal year takes
      // that year's next number.
      const old = await suzuki.post('/api/v1/cases', { title: '昨年度の受付', intake_route: '本人', opened_on: `${year - 1}-05-01` });
      assert.equal(old.status, 201, old.text);
      assert.match(old.json.number, new RegExp(`^${year - 1}-\\d{4}$`));
      // Another organisation counts its own numbers from 1.
      const other = await takahashi.post('/api/v1/cases', { title: '別の機関の番号', intake_route: '本人' });
      assert.match(other.json.number, new RegExp(`^${year}-\\d{4}$`));
      const detail = await suzuki.get(`/api/v1/cases/${r.json.id}`);
      assert.equal(detail.json.number, r.json.number);
    });

    test('search finds a case by its number as staff type it, and only in their own organisation', async () => {
      const target = cases[3];
      const [year, seq] = target.number.split('-');
      const fullWidth = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
      for (const typed of [target.number, `${year}-${Number(seq)}`, fullWidth(`${year}－${seq}`), `${year}${seq}`, ` ${year} ー ${seq} `]) {
        for (const path of ['/api/v1/cases', '/api/v1/search']) {
          const r = await suzuki.get(`${path}?q=${q(typed)}`);
          assert.equal(r.status, 200, r.text);
          const hit = r.json.items.find((c) => c.id === target.id);
          assert.ok(hit, `${path} finds ${target.number} typed as 「${typed}」`);
          assert.ok(hit.matched.includes('number'));
        }
      }
      const theirs = await takahashi.get(`/api/v1/search?q=${q(target.number)}`);
      assert.equal(theirs.status, 200);
      assert.ok(!theirs.json.items.some((c) => c.id === target.id), 'another organisation never finds it');
    });

    test('search finds a case by its title, folded as names are (ｶﾅ = かな = カナ)', async () => {
      const made = await suzuki.post('/api/v1/cases', { title: 'ヒマワリ通信の読者', intake_route: '本人' });
      assert.equal(made.status, 201, made.text);
      for (const typed of ['ﾋﾏﾜﾘ', 'ひまわり通信', '通信の読', '読者']) {
        const r = await suzuki.get(`/api/v1/cases?q=${q(typed)}`);
        const hit = r.json.items.find((c) => c.id === made.json.id);
        assert.ok(hit, `「${typed}」 finds the title`);
        assert.ok(hit.matched.includes('title'));
      }
      // An edited title is found by its new words, no longer by the old.
      const edited = await suzuki.put(`/api/v1/cases/${made.json.id}`, { ...made.json, title: 'コスモス便りの読者' },
        { 'if-match': `"${made.json.version}"` });
      assert.equal(edited.status, 200, edited.text);
      assert.ok((await suzuki.get(`/api/v1/cases?q=${q('こすもす')}`)).json.items.some((c) => c.id === made.json.id));
      assert.ok(!(await suzuki.get(`/api/v1/cases?q=${q('ひまわり')}`)).json.items.some((c) => c.id === made.json.id));
    });

    test('sorted by status, stage or staff the list follows the enumerations and names, and pages cover it once', async () => {
      const all = (await suzuki.get('/api/v1/cases?limit=200')).json.items;
      const statusOrder = meta.enumerations.case_status.values;
      for (const [sort, rank] of [
        ['status', (c) => statusOrder.indexOf(c.status)],
        ['staff', (c) => (c.staff.length ? c.staff.map((s) => s.display_name).sort()[0] : '\uffff')],
      ]) {
        const ids = await allPages(suzuki, `sort=${sort}`);
        assert.deepEqual([...ids].sort(), all.map((c) => c.id).sort(), `${sort}: every case once`);
        const byId = new Map(all.map((c) => [c.id, c]));
        const keys = ids.map((id) => rank(byId.get(id)));
        for (let i = 1; i < keys.length; i++) assert.ok(keys[i - 1] <= keys[i], `${sort} ascending at ${i}`);
        const down = await allPages(suzuki, `sort=${sort}&direction=desc`, 4);
        const downKeys = down.map((id) => rank(byId.get(id)));
        for (let i = 1; i < downKeys.length; i++) assert.ok(downKeys[i - 1] >= downKeys[i], `${sort} descending at ${i}`);
        // The same request twice gives the same order (ties by last update, then id).
        assert.deepEqual(await allPages(suzuki, `sort=${sort}`, 5), ids);
      }
      const staged = await allPages(suzuki, 'sort=stage');
      const models = (await suzuki.get('/api/v1/stage-models')).json.items;
      const stageRank = (c) => {
        const m = models.findIndex((x) => x.key === c.stage_model);
        const s = c.current_stage ? models[m].stages.indexOf(c.current_stage) : -1;
        return s < 0 ? 9999 : m * 100 + s;
      };
      const byId = new Map(all.map((c) => [c.id, c]));
      const ranks = staged.map((id) => stageRank(byId.get(id)));
      for (let i = 1; i < ranks.length; i++) assert.ok(ranks[i - 1] <= ranks[i], `stage order at ${i}`);
      assert.equal(staged.length, all.length);
    });

    test('sorted by last contact: the newest first, or the longest quiet first; filters narrow the list', async () => {
      const quiet = await suzuki.post('/api/v1/cases', { title: '連絡の間があいたケース', intake_route: '本人' });
      const recent = await suzuki.post('/api/v1/cases', { title: '昨日連絡したケース', intake_route: '本人' });
      for (const [c, days] of [[quiet, 60], [recent, 1]]) {
        const k = await suzuki.post(`/api/v1/cases/${c.json.id}/contacts`, { occurred_at: ago(days), channel: '電話', counterpart: '本人', subject_met: true });
        assert.equal(k.status, 201, k.text);
      }
      const newest = (await suzuki.get('/api/v1/cases?sort=last_contact&limit=200')).json.items;
      const times = newest.map((c) => c.last_contact_at ?? '');
      for (let i = 1; i < times.length; i++) assert.ok(times[i - 1] >= times[i], 'newest contact first');
      assert.equal(times.at(-1), newest.some((c) => !c.last_contact_at) ? '' : times.at(-1), 'never contacted last');
      const oldestFirst = await allPages(suzuki, 'sort=last_contact&direction=asc', 4);
      assert.equal(oldestFirst.length, newest.length);

      const before = new Date(Date.now() - 30 * 86400e3 + 9 * 3600e3).toISOString().slice(0, 10);
      const stale = (await suzuki.get(`/api/v1/cases?last_contact_before=${before}&limit=200`)).json.items;
      assert.ok(stale.some((c) => c.id === quiet.json.id), 'no contact for sixty days: shown');
      assert.ok(!stale.some((c) => c.id === recent.json.id), 'a contact yesterday: not shown');
      for (const c of stale) assert.ok(!c.last_contact_at || c.last_contact_at.slice(0, 10) <= before);

      const stage = cases.find((c) => c.current_stage)?.current_stage;
      if (stage) {
        const inStage = (await suzuki.get(`/api/v1/cases?stage=${q(stage)}&limit=200`)).json.items;
        assert.ok(inStage.length > 0);
        for (const c of inStage) assert.equal(c.current_stage, stage);
      }
      const mine = (await suzuki.get('/api/v1/cases?staff=me&status=継続支援&sort=last_contact&limit=200')).json.items;
      for (const c of mine) assert.equal(c.status, '継続支援');
    });

    test('a sort, direction, date or cursor it does not know is refused in Japanese', async () => {
      const before = count(server, 'SELECT COUNT(*) FROM cases');
      const first = (await suzuki.get('/api/v1/cases?sort=status&limit=2')).json.next_cursor;
      for (const [query, field] of [
        ['sort=name', 'sort'], ['direction=up', 'direction'], ['last_contact_before=2026-13-01', 'last_contact_before'],
        [`sort=staff&cursor=${q(first)}`, 'cursor'], ['cursor=status.zz.2026-01-01T00:00:00.000Z~x', 'cursor'],
        ['sort=stage&cursor=stage.6162.x~y', 'cursor'],
      ]) {
        const r = await suzuki.get(`/api/v1/cases?${query}`);
        assert.equal(r.status, 400, `${query}: ${r.text}`);
        assert.equal(r.json.code, 'validation_failed');
        const e = r.json.errors.find((x) => x.field === field);
        assert.ok(e, `${query}: an error on ${field}`);
        assert.match(e.detail, /[ぁ-んァ-ン一-龯]/, "a Japanese message");
      }
      assert.equal(count(server, 'SELECT COUNT(*) FROM cases'), before);
    });
  });

  describe(`case numbers of a database from before them (${kind})`, () => {
    test('the migration numbers existing cases in the order they were recorded, and new ones follow', async () => {
      const database = freshDatabase(kind);
      runCli(['demo', '--db', database.url]);
      // Back to the schema before 0031: no numbers, no counters, no folded
      // titles.
      sql({ kind, db: database }, `DROP INDEX cases_number; DROP TABLE case_number_counters;
        ALTER TABLE cases DROP COLUMN number_year; ALTER TABLE cases DROP COLUMN number_seq;
        ALTER TABLE cases DROP COLUMN title_folded; DELETE FROM schema_migrations WHERE version = 31;`);
      const server = await startServer({ db: kind, database });
      try {
        const suzuki = await signedIn(server.url, 'coordinator');
        const list = (await suzuki.get('/api/v1/cases?limit=200')).json.items;
        const rows = sql(server, `SELECT id, number_year, number_seq FROM cases ORDER BY organisation_id, number_year, number_seq`)
          .trim().split('\n').map((l) => l.split('|').map((x) => x.trim()));
        assert.ok(rows.every((r) => r[1] && r[2]), 'every case numbered');
        for (const c of list) assert.equal(Number(c.number.slice(0, 4)), fiscalYear(c.opened_on));
        const byCreation = [...list].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
          .filter((c) => c.number.startsWith(list[0].number.slice(0, 5)));
        const seqs = byCreation.map((c) => Number(c.number.slice(5)));
        assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'numbered in the order recorded');
        assert.equal(seqs[0], 1);
        const title = list[0].title;
        assert.ok((await suzuki.get(`/api/v1/cases?q=${q(title)}`)).json.items.some((c) => c.id === list[0].id), 'old titles are searchable');
        const made = await suzuki.post('/api/v1/cases', { title: '移行後の新しいケース', intake_route: '本人', opened_on: list[0].opened_on });
        assert.equal(made.status, 201, made.text);
        const sameYear = list.filter((c) => c.number.slice(0, 4) === made.json.number.slice(0, 4)).map((c) => Number(c.number.slice(5)));
        assert.equal(Number(made.json.number.slice(5)), Math.max(...sameYear) + 1);
      } finally {
        await server.stop();
        database.cleanup();
      }
    });
  });
}
