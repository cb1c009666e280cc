// The MHLW tables as MHLW prints them (issue 15 point 7), on SQLite and
// PostgreSQL:
//   - 国 above the prefectures: the national area report is one report,
//     the prefectures by JIS code, then the 指定都市 as a block of their own
//     (a prefecture's row leaves its 指定都市 out);
//   - the subtraction attack: an analyst fetches every area and every
//     organisation report of the year (and each organisation's dashboard,
//     whose 年代 table is the same row) and combines every equation they
//     print (a row's 合計 = its 年代; a table's 合計 row = its rows; the same
//     organisations' figures in different reports are the same numbers),
//     solving any equation with one unknown, again and again — and recovers
//     no hidden cell;
//   - 国 itself: one root, made by migration 0030, also for a database that
//     existed before it.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn, freshDatabase, runCli, Client } from '../support/server.mjs';
import { buildMhlwFixture } from '../support/mhlw_fixture.mjs';
import { execFileSync } from 'node:child_process';
import { readXlsx, sheetTable } from '../support/xlsx.mjs';

const ok = (r, status = 201) => { assert.equal(r.status, status, r.text); return r.json; };
const table = (report, id) => report.tables.find((t) => t.id === id);
const PASSWORD = 'kita-no-daichi-2025';

// Prefectures and 指定都市 with real codes, created out of JIS order, and
// people in small numbers in several 年代.
async function buildNation(server, admin) {
  const area = (b) => admin.post('/api/v1/areas', b).then(ok);
  const osakaFu = await area({ level: 'prefecture', name: '大阪府', code: '270008' });
  const hokkaido = await area({ level: 'prefecture', name: '北海道', code: '010006' });
  const sakai = await area({ level: 'municipality', name: '堺市', code: '271403', parent_id: osakaFu.id });
  const osaka = await area({ level: 'municipality', name: '大阪市', code: '271004', parent_id: osakaFu.id });
  const sapporo = await area({ level: 'municipality', name: '札幌市', code: '011002', parent_id: hokkaido.id });
  const hakodate = await area({ level: 'municipality', name: '函館市', code: '012025', parent_id: hokkaido.id });
  const chuo = await area({ level: 'district', name: '札幌市中央区', code: '01101', parent_id: sapporo.id });
  const org = (name, area_id, program_type = '市町村センター') =>
    admin.post('/api/v1/organisations', { name, kind: 'センター', program_type, area_id }).then(ok);
  const orgs = {
    hokkaido: await org('北海道ひきこもり成年相談センター', hokkaido.id, '都道府県センター'),
    sapporo: await org('札幌市ひきこもり地域支援センター', sapporo.id),
    chuo: await org('札幌市中央区ひきこもり支援ステーション', chuo.id, 'ステーション'),
    hakodate: await org('函館市ひきこもり支援ステーション', hakodate.id, 'ステーション'),
    // The reviewer's case: one person (40代) in one phone call — a 件数 合計
    // of 1 is one person, whatever the 実人数 table hides.
    hakodateNpo: await org('NPO法人はこだてのひだまり', hakodate.id, 'サポート事業'),
    osaka: await org('大阪市ひきこもり地域支援センター', osaka.id),
    sakai: await org('堺市ひきこもり地域支援センター', sakai.id),
  };
  // Born in: 10代 2008, 20代 2000, 30代 1990, 40代 1980, 50代〜 1965.
  const years = [2008, 2000, 1990, 1980, 1965];
  const people = {  // per organisation: how many in each of those 年代
    hokkaido: [0, 4, 0, 0, 1], sapporo: [0, 0, 3, 5, 2], chuo: [0, 1, 0, 0, 0],
    hakodate: [0, 1, 0, 3, 0], hakodateNpo: [0, 0, 0, 1, 0], osaka: [0, 3, 0, 0, 1], sakai: [5, 0, 4, 0, 0],
  };
  const clients = {};
  for (const [key, o] of Object.entries(orgs)) {
    const login = `nation_${key}`;
    ok(await admin.post('/api/v1/users', { login, display_name: `${login} さん`, role: 'coordinator', organisation_id: o.id, password: PASSWORD }));
    const c = new Client(server.url);
    assert.equal((await c.login(login, PASSWORD)).status, 201);
    clients[key] = c;
    let n = 0;
    for (const [band, count] of people[key].entries())
      for (let i = 0; i < count; i++) {
        const made = ok(await c.post('/api/v1/cases', { title: `${key}-${n}`, intake_route: '本人', subject_awareness: '知っている',
          subject: { naming: 'pseudonym', name: `${key}${n++}`, birth_date: `${years[band]}-04-15` } }));
        ok(await c.post(`/api/v1/cases/${made.id}/contacts`, { occurred_at: '2025-08-01T01:00:00.000Z', channel: '電話',
          counterpart: '本人', subject_met: true }));
      }
  }
  return { hokkaido, osakaFu, sapporo, hakodate, chuo, osaka, sakai, orgs, clients };
}

// Every report the analyst can ask for, and what each row is made of.
async function everyReport(analyst, fiscalYear) {
  const areas = (await analyst.get('/api/v1/areas')).json.items;
  const orgs = (await analyst.get('/api/v1/organisations')).json.items;
  const children = new Map();
  for (const a of areas) if (a.parent_id) children.set(a.parent_id, [...(children.get(a.parent_id) ?? []), a.id]);
  const subtree = (id) => [id, ...(children.get(id) ?? []).flatMap(subtree)];
  const orgsUnder = (id) => { const s = new Set(subtree(id)); return orgs.filter((o) => s.has(o.area_id)).map((o) => o.id); };
  const reports = [];
  for (const a of areas) {
    const r = await analyst.get(`/api/v1/reports/mhlw?fiscal_year=${fiscalYear}&area=${a.id}`);
    assert.equal(r.status, 200, r.text);
    const t = table(r.json, 'mhlw_people_by_area');
    // A row of an area: its organisations, less those of other area rows of
    // the same table inside it (the 指定都市 printed apart).
    const areaRows = t.row_refs.filter((ref) => ref.startsWith('area:')).map((ref) => ref.slice(5));
    const sets = t.row_refs.map((ref, i) => {
      if (i === t.rows.length - 1) return orgsUnder(a.id);
      if (ref.startsWith('organisation:')) return [ref.slice(13)];
      const id = ref.slice(5), inside = new Set(subtree(id));
      const apart = new Set(areaRows.filter((o) => o !== id && inside.has(o)).flatMap(orgsUnder));
      return orgsUnder(id).filter((o) => !apart.has(o));
    });
    reports.push({ what: `area ${a.name}`, table: t, sets, summary: table(r.json, 'mhlw_people'),
      contacts: table(r.json, 'mhlw_contacts_by_area'), contactSummary: table(r.json, 'mhlw_contacts') });
    if (process.env.DEBUG_ATTACK) console.log('AREA', a.name, JSON.stringify(t.rows), JSON.stringify(sets));
  }
  for (const o of orgs) {
    const r = await analyst.get(`/api/v1/reports/mhlw?fiscal_year=${fiscalYear}&organisation=${o.id}`);
    assert.equal(r.status, 200, r.text);
    const t = table(r.json, 'mhlw_people_by_area');
    reports.push({ what: `organisation ${o.name}`, table: t, sets: [[o.id], [o.id]], summary: table(r.json, 'mhlw_people'),
      contacts: table(r.json, 'mhlw_contacts_by_area'), contactSummary: table(r.json, 'mhlw_contacts') });
    // The dashboard's 年代別の相談実人数 is the same organisation's row again.
    const d = await analyst.get(`/api/v1/reports/dashboard?fiscal_year=${fiscalYear}&organisation=${o.id}`);
    assert.equal(d.status, 200, d.text);
    const ages = d.json.tables.find((x) => x.id === 'dashboard_age_bands');
    const months = d.json.tables.find((x) => x.id === 'dashboard_channels_by_month');
    reports.push({ what: `dashboard ${o.name}`, ages, months, id: o.id });
  }
  return reports;
}

// The attacker: every cell is (set of organisations, column) — columns 1–6
// the 年代 and 7 the 実人数 合計, c1–c5 the 相談方法 and c6 the 件数 合計 —
// a number printed anywhere is known, and so is what the 件数 tell about
// persons: every record belongs to one person, so a row with records has
// 1 ≤ 実人数 ≤ 件数 (a row whose 件数 合計 is 1 has one person); no count is
// negative. Equations are solved while they have one unknown, or while
// their unknowns can only all sit at those bounds (two hidden rows whose
// shown sum is 2 are 1 and 1), until nothing moves. Returns the cells
// hidden somewhere and those solved.
function attack(reports) {
  const key = (set, c) => `${[...set].sort().join(',')}#${c}`;
  const known = new Map(), hidden = new Set(), equations = [], rows = new Map();
  const learn = (set, c, v, isHidden) => {
    if (set.length === 0) { known.set(key(set, c), 0); return; }  // no organisation: zero, and everyone knows it
    const k = key(set, c);
    rows.set(key(set, ''), set);
    if (isHidden) hidden.add(k);
    else {
      assert.ok(!known.has(k) || known.get(k) === v, `${k}: one number everywhere`);
      known.set(k, v);
    }
  };
  const PEOPLE = [1, 2, 3, 4, 5, 6], CONTACTS = ['c1', 'c2', 'c3', 'c4', 'c5'];
  const rowEquations = (set) => {
    equations.push({ total: key(set, 7), parts: PEOPLE.map((c) => key(set, c)) });
    equations.push({ total: key(set, 'c6'), parts: CONTACTS.map((c) => key(set, c)) });
  };
  for (const { ages, months, id } of reports.filter((r) => r.ages)) {
    ages.rows.forEach((row, r) => learn([id], r + 1, row[1], ages.hidden?.[r]?.[1]));  // six 年代, then 合計 (column 7)
    // The months add up to the organisation's 件数 row (the 合計 row).
    months.rows.forEach((row, r) => {
      const set = r === months.rows.length - 1 ? [id] : [`${id}@${r}`];
      for (let c = 1; c <= 6; c++) learn(set, `c${c}`, row[c], months.hidden?.[r]?.[c]);
      equations.push({ total: key(set, 'c6'), parts: CONTACTS.map((c) => key(set, c)) });
    });
    for (let c = 1; c <= 6; c++)
      equations.push({ total: key([id], `c${c}`), parts: months.rows.slice(0, -1).map((_, r) => key([`${id}@${r}`], `c${c}`)) });
  }
  for (const { table: t, contacts: ct, sets, summary, contactSummary } of reports.filter((r) => r.table)) {
    const columns = [[t, (c) => c], [ct, (c) => `c${c}`]];  // 実人数: 1–7; 件数: c1–c6
    for (const [tab, col] of columns) {
      const cols = tab.columns.length;
      tab.rows.forEach((row, r) => { for (let c = 1; c < cols; c++) learn(sets[r], col(c), row[c], tab.hidden?.[r]?.[c]); });
      for (let c = 1; c < cols; c++)
        equations.push({ total: key(sets.at(-1), col(c)), parts: sets.slice(0, -1).map((s) => key(s, col(c))) });
      // The rows before the 指定都市 block add up to the area's row in the
      // table above (北海道 without 札幌市): the attacker knows what rows are made of.
      const block = (tab.row_groups ?? [])[0]?.row;
      if (block !== undefined) {
        const rest = sets.slice(0, block);
        for (let c = 1; c < cols; c++) equations.push({ total: key(rest.flat(), col(c)), parts: rest.map((s) => key(s, col(c))) });
      }
    }
    sets.forEach(rowEquations);
    // The one-row summaries are the 合計 rows again (合計 first there).
    const last = sets.at(-1);
    summary.rows[0].forEach((v, i) => learn(last, i === 0 ? 7 : i, v, summary.hidden?.[0]?.[i]));
    contactSummary.rows[0].forEach((v, i) => learn(last, `c${i === 0 ? 6 : i}`, v, contactSummary.hidden?.[0]?.[i]));
  }
  // The bounds: a row with records (a non-zero or a hidden cell: only such
  // rows have hidden cells) has at least one person and one record, and no
  // more persons than records.
  const floor = new Map(), ceiling = new Map();
  for (const [, set] of rows) {
    if (set.some((id) => id.includes('@'))) continue;  // a month may have no record
    const cells = [...PEOPLE, 7, ...CONTACTS, 'c6'].map((c) => key(set, c));
    if (!cells.some((c) => hidden.has(c) || known.get(c) > 0)) continue;
    floor.set(key(set, 7), 1); floor.set(key(set, 'c6'), 1);
    ceiling.set(key(set, 7), key(set, 'c6'));
  }
  const low = (k) => floor.get(k) ?? 0;
  const high = (k) => (ceiling.has(k) && known.has(ceiling.get(k)) ? known.get(ceiling.get(k)) : Infinity);
  // Each equation as Σ coefficient × cell = 0 (the same cell on both sides
  // cancels: an organisation's report is its own 合計).
  const linear = equations.map((e) => {
    const coef = new Map([[e.total, -1]]);
    for (const p of e.parts) coef.set(p, (coef.get(p) ?? 0) + 1);
    return [...coef].filter(([, a]) => a !== 0);
  });
  const solved = new Map();
  const found = (u, value, why) => {
    known.set(u, value);
    solved.set(u, value);
    if (process.env.DEBUG_ATTACK && hidden.has(u)) console.log('SOLVED', u, value, why);
  };
  for (let moved = true; moved;) {
    moved = false;
    for (const u of hidden)  // a 件数 合計 of 1 is one person
      if (!known.has(u) && low(u) === high(u)) { found(u, low(u), 'bounds'); moved = true; }
    for (const terms of linear) {
      const unknown = terms.filter(([k]) => !known.has(k));
      if (unknown.length === 0) continue;
      const target = -terms.filter(([k]) => known.has(k)).reduce((s, [k, b]) => s + b * known.get(k), 0);
      if (unknown.length === 1) { found(unknown[0][0], target / unknown[0][1], JSON.stringify(terms)); moved = true; continue; }
      const least = unknown.reduce((s, [k, a]) => s + (a > 0 ? a * low(k) : a * high(k)), 0);
      const most = unknown.reduce((s, [k, a]) => s + (a > 0 ? a * high(k) : a * low(k)), 0);
      if (target !== least && target !== most) continue;
      for (const [k, a] of unknown) found(k, (a > 0) === (target === least) ? low(k) : high(k), `bounds ${JSON.stringify(terms)}`);
      moved = true;
    }
  }
  return { hidden, solved };
}

for (const kind of DATABASES) {
  describe(`MHLW tables as MHLW prints them (${kind})`, () => {
    let server, fx, nation, analyst, root;
    before(async () => {
      server = await startServer({ db: kind });
      fx = await buildMhlwFixture(server);
      nation = await buildNation(server, fx.admin);
      analyst = await signedIn(server.url, 'analyst');
      root = (await analyst.get('/api/v1/areas')).json.items.find((a) => a.level === 'national');
    });
    after(async () => { await server?.stop(); });

    test('国 is the one root: every prefecture hangs under it; a second one is refused', async () => {
      const areas = (await analyst.get('/api/v1/areas')).json.items;
      assert.deepEqual(areas.filter((a) => a.level === 'national').map((a) => [a.name, a.parent_id]), [['全国', null]]);
      assert.ok(areas.filter((a) => a.level === 'prefecture').every((a) => a.parent_id === root.id));
      const second = await fx.admin.post('/api/v1/areas', { level: 'national', name: '第二の国' });
      assert.equal(second.status, 400);
      assert.match(second.json.errors[0].detail, /国は一つだけ/);
      const underCity = await fx.admin.post('/api/v1/areas', { level: 'prefecture', name: '誤県', parent_id: nation.sapporo.id });
      assert.equal(underCity.status, 400);
      assert.match(underCity.json.errors[0].detail, /都道府県の上位には国/);
    });

    test('the national report: prefectures by JIS code, then the 指定都市 block; the prefecture rows leave their 指定都市 out', async () => {
      const r = await analyst.get(`/api/v1/reports/mhlw?fiscal_year=2025&area=${root.id}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.scope, { kind: 'area', id: root.id, label: '全国' });
      const t = table(r.json, 'mhlw_contacts_by_area');
      assert.equal(t.title, 'ひきこもり地域支援センター 自治体別相談件数（令和7年度）');
      assert.deepEqual(t.caption.slice(0, 2), ['令和7年度（2025年度）', '対象: 全国（国）']);
      assert.deepEqual(t.rows.map((row) => row[0]), ['北海道', '大阪府', 'みどり県', '検証県', '札幌市', '大阪市', '堺市', '合計']);
      assert.deepEqual(t.row_groups, [{ row: 4, label: '指定都市' }]);
      assert.deepEqual(t.row_refs.slice(0, 2), [`area:${nation.hokkaido.id}`, `area:${nation.osakaFu.id}`]);
      // 電話 only: 北海道 = its centre 5 + 函館市 5 (station 4, NPO 1; 札幌市 and its ward apart);
      // 札幌市 = 10 + its ward's 1; 大阪府 has nothing outside its cities.
      const phone = (label) => t.rows.find((row) => row[0] === label)[1];
      assert.deepEqual(['北海道', '大阪府', '札幌市', '大阪市', '堺市'].map(phone), [10, 0, 11, 4, 9]);
      const total = t.rows.at(-1);
      const sums = t.columns.slice(1).map((_, i) => t.rows.slice(0, -1).reduce((s, row) => s + row[i + 1], 0));
      assert.deepEqual(total.slice(1), sums, 'the 合計 row adds every row once');
      assert.match(t.notes.join(''), /指定都市は別掲/);
      assert.equal(t.notes[0], '※SNSによる相談件数は令和2年度から集計');
      // The prefecture's own report: its municipalities, 札幌市 in the block.
      const h = table((await analyst.get(`/api/v1/reports/mhlw?fiscal_year=2025&area=${nation.hokkaido.id}`)).json, 'mhlw_contacts_by_area');
      assert.deepEqual(h.rows.map((row) => row[0]), ['函館市', '北海道ひきこもり成年相談センター', '札幌市', '合計']);
      assert.deepEqual(h.rows.map((row) => row[1]), [5, 5, 11, 21]);
      assert.deepEqual(h.row_groups, [{ row: 2, label: '指定都市' }]);
    });

    test('the national CSV and xlsx carry the titles, the blank first header cell and the notes', async () => {
      const csv = await fetch(`${server.url}/api/v1/reports/mhlw?fiscal_year=2025&area=${root.id}&format=csv`, { headers: { cookie: analyst.cookie } });
      assert.equal(csv.status, 200);
      const lines = Buffer.from(await csv.arrayBuffer()).subarray(3).toString('utf8').split('\r\n');
      assert.ok(lines.includes('ひきこもり地域支援センター 自治体別相談件数（令和7年度）'));
      assert.ok(lines.includes(',電話,メール,SNS,来所,その他（訪問等）,合計'));
      assert.ok(lines.includes('指定都市'), 'the block heading');
      assert.ok(lines.includes('※SNSによる相談件数は令和2年度から集計'));
      assert.equal(decodeURIComponent(csv.headers.get('content-disposition').split("UTF-8''")[1]), '令和7年度_ひきこもり相談実績_全国.csv');
      const xlsx = await fetch(`${server.url}/api/v1/reports/mhlw?fiscal_year=2025&area=${root.id}&format=xlsx`, { headers: { cookie: analyst.cookie } });
      const book = readXlsx(Buffer.from(await xlsx.arrayBuffer()));
      const sheet = book.sheets[2];
      assert.equal(sheet.rows[0][0], 'ひきこもり地域支援センター 自治体別相談件数（令和7年度）');
      const t = sheetTable(sheet, '');
      assert.deepEqual(t.rows.map((r) => r[0]), ['北海道', '大阪府', 'みどり県', '検証県', '指定都市', '札幌市', '大阪市', '堺市', '合計']);
      const texts = sheet.rows.filter(Boolean).map((r) => r[0]);
      assert.ok(texts.includes('※SNSによる相談件数は令和2年度から集計'));
      assert.ok(book.sheets[4].rows.filter(Boolean).some((r) => /^※1 根拠法/.test(r[0] ?? '')));
    });

    test('the subtraction attack across area, child-area and organisation reports recovers nothing', async () => {
      const reports = await everyReport(analyst, 2025);
      const { hidden, solved } = attack(reports);
      assert.ok(hidden.size >= 10, `small numbers were hidden (${hidden.size})`);
      const recovered = [...hidden].filter((k) => solved.has(k));
      assert.deepEqual(recovered, [], 'no hidden cell can be worked out');
      // The attacker is not toothless: told one hidden number, it works out others.
      const one = reports.find((r) => r.what === 'organisation 北海道ひきこもり成年相談センター');
      assert.ok(one.table.hidden[0][5], '北海道 centre 50代〜 (1) is hidden');
      const leaked = structuredClone(reports);
      const l = leaked.find((r) => r.what === one.what);
      l.table.hidden[0][5] = false; l.table.rows[0][5] = 1;
      assert.ok(attack(leaked).solved.size > 0);
    });

    test('a cell hidden in one report is hidden in every report that shows it', async () => {
      const reports = await everyReport(analyst, 2025);
      const seen = new Map();
      for (const { table: t, sets } of reports.filter((x) => x.table))
        t.rows.forEach((row, r) => {
          const k = [...sets[r]].sort().join(',');
          if (!k) return;
          const flags = t.hidden[r].slice(1).join();
          assert.equal(seen.get(k) ?? flags, flags, `row of ${k}`);
          seen.set(k, flags);
        });
    });

    test('the coordinators still see their own figures in full', async () => {
      const r = (await nation.clients.hokkaido.get('/api/v1/reports/mhlw?fiscal_year=2025')).json;
      assert.equal(r.suppressed, false);
      assert.deepEqual(table(r, 'mhlw_people').rows, [[5, 0, 4, 0, 0, 1, 0]]);
    });
  });
}

// A database from before migration 0030 (prefectures at the top, the old
// level CHECK): the server migrates it at start-up.
for (const kind of DATABASES) {
  describe(`migration 0030 on an existing database (${kind})`, () => {
    let database, server, run;
    before(async () => {
      database = freshDatabase(kind);
      runCli(['demo', '--db', database.url]);
      const back = kind === 'sqlite'
        ? `UPDATE areas SET parent_id = NULL WHERE level = 'prefecture'; DELETE FROM areas WHERE level = 'national';
           DELETE FROM schema_migrations WHERE version = 30; PRAGMA writable_schema = ON;
           UPDATE sqlite_schema SET sql = replace(sql, '''national'', ', '') WHERE type = 'table' AND name = 'areas';`
        : `UPDATE areas SET parent_id = NULL WHERE level = 'prefecture'; DELETE FROM areas WHERE level = 'national';
           ALTER TABLE areas DROP CONSTRAINT areas_level_check;
           ALTER TABLE areas ADD CONSTRAINT areas_level_check CHECK (level IN ('prefecture', 'municipality', 'district'));
           DELETE FROM schema_migrations WHERE version = 30;`;
      run = (s) => (kind === 'sqlite' ? execFileSync('sqlite3', [database.file, s], { encoding: 'utf8' }) : database.psql(s));
      run(back);
      assert.match(run("SELECT count(*) FROM areas WHERE parent_id IS NULL AND level = 'prefecture'"), /^1\b/);
      server = await startServer({ db: kind, database });
    });
    after(async () => { await server?.stop(); database?.cleanup(); });

    test('one 国 root with the prefecture under it; the table keeps its triggers and foreign keys', async () => {
      const analyst = await signedIn(server.url, 'analyst');
      const areas = (await analyst.get('/api/v1/areas')).json.items;
      const roots = areas.filter((a) => !a.parent_id);
      assert.deepEqual(roots.map((a) => [a.level, a.name]), [['national', '全国']]);
      const pref = areas.find((a) => a.name === 'みどり県');
      assert.equal(pref.parent_id, roots[0].id);
      assert.equal(pref.version, 2, 'the move raised the version');
      if (kind === 'sqlite') {
        assert.equal(run("SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'areas' AND type = 'trigger'").trim(), '4');
        assert.equal(run('PRAGMA foreign_key_check').trim(), '');
        assert.match(run("SELECT sql FROM sqlite_schema WHERE name = 'areas'"), /'national', 'prefecture'/);
      }
      // The national report over the migrated tree.
      const r = await analyst.get(`/api/v1/reports/mhlw?fiscal_year=2025&area=${roots[0].id}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(table(r.json, 'mhlw_contacts_by_area').rows.map((row) => row[0]), ['みどり県', '合計']);
      // A renamed area still raises the public portal's revision (trigger kept).
      const admin = await signedIn(server.url, 'admin');
      const before = run('SELECT n FROM public_revision WHERE id = 1').trim();
      ok(await admin.put(`/api/v1/areas/${pref.id}`, { level: 'prefecture', name: 'みどり県', code: '99', population: pref.population, parent_id: pref.parent_id },
        { 'if-match': `"${pref.version}"` }), 200);
      assert.notEqual(run('SELECT n FROM public_revision WHERE id = 1').trim(), before);
    });
  });
}
