// GET /api/v1/reports/mhlw (issue 5 points 1, 5, 7, 8, 9): every cell of
// every table against hand-computed figures on the edge-case fixture
// (tests/support/mhlw_fixture.mjs), on SQLite and PostgreSQL; small-cell
// suppression for the analyst; xlsx and CSV files; bad input.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { buildMhlwFixture, EXPECTED } from '../support/mhlw_fixture.mjs';
import { readXlsx, sheetTable } from '../support/xlsx.mjs';

const CATEGORIES = ['福祉事務所', '福祉事務所以外の市区町村窓口', '社会福祉協議会', '自立相談支援事業実施機関', '地域包括支援センター',
  '児童相談所', '児童家庭支援センター', '保健所・保健センター', '精神保健福祉センター', '発達障害者支援センター', '医療機関',
  '子ども・若者総合相談センター', '地域若者サポートステーション', 'ハローワーク', '企業', '学校・教育委員会等',
  '民間支援団体（当事者団体・NPO法人等）', '障害者総合支援関連施設', '障害者雇用促進関連施設', '他のひきこもり地域支援センター', 'その他'];
// The headers as MHLW prints them (seed 004): ※1 and ※2 point to the notes.
const CATEGORY_HEADERS = CATEGORIES.map((c) => (c.startsWith('障害者') ? `${c} ※1` : c === 'その他' ? `${c} ※2` : c));
const TITLES = ['令和7年度相談件数', '令和7年度相談実人数', 'ひきこもり地域支援センター 自治体別相談件数（令和7年度）',
  'ひきこもり地域支援センター 自治体別相談実人数（令和7年度）', 'ひきこもり地域支援センター 関係機関へのつなぎ件数（令和7年度）',
  'ひきこもり地域支援センター 自治体別関係機関へのつなぎ件数（令和7年度）'];
const sum = (a) => a.reduce((x, y) => x + y, 0);
const add = (...xs) => xs[0].map((_, i) => sum(xs.map((x) => x[i])));
const referralRow = (r) => CATEGORIES.map((c) => r[c] ?? 0);
const zero = { contacts: [0, 0, 0, 0, 0], people: [0, 0, 0, 0, 0, 0], referrals: {} };
const table = (report, id) => report.tables.find((t) => t.id === id);

// The six tables for the given units ([label, figures]…) and 合計.
function expectTables(report, units) {
  const contacts = units.map(([, f]) => f.contacts);
  const people = units.map(([, f]) => f.people);
  const refs = units.map(([, f]) => referralRow(f.referrals));
  const tc = add(...contacts), tp = add(...people), tr = add(...refs);
  assert.deepEqual(table(report, 'mhlw_contacts').rows, [[sum(tc), ...tc]]);
  assert.deepEqual(table(report, 'mhlw_people').rows, [[sum(tp), ...tp]]);
  assert.deepEqual(table(report, 'mhlw_contacts_by_area').rows,
    [...units.map(([l], i) => [l, ...contacts[i], sum(contacts[i])]), ['合計', ...tc, sum(tc)]]);
  assert.deepEqual(table(report, 'mhlw_people_by_area').rows,
    [...units.map(([l], i) => [l, ...people[i], sum(people[i])]), ['合計', ...tp, sum(tp)]]);
  assert.deepEqual(table(report, 'mhlw_referrals_by_area').rows,
    [...units.map(([l], i) => [l, ...refs[i], sum(refs[i])]), ['総計', ...tr, sum(tr)]]);
  const all = sum(tr);
  assert.deepEqual(table(report, 'mhlw_referrals').rows,
    [['件数', ...tr, all], ['率', ...tr.map((v) => (all ? v / all : null)), null]]);
}

for (const kind of DATABASES) {
  describe(`MHLW annual figures (${kind})`, () => {
    let server, fx, analyst;
    before(async () => {
      server = await startServer({ db: kind });
      fx = await buildMhlwFixture(server);
      analyst = await signedIn(server.url, 'analyst');
    });
    after(async () => { await server?.stop(); });

    test('an organisation, FY2025, as its own coordinator: every cell, nothing hidden', async () => {
      const r = await fx.a.get(`/api/v1/reports/mhlw?fiscal_year=2025`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.fiscal_year_label, '令和7年度（2025年度）');
      assert.deepEqual(r.json.scope, { kind: 'organisation', id: fx.A.id, label: '東市ひきこもり相談センター' });
      assert.equal(r.json.suppressed, false);
      assert.deepEqual(r.json.tables.map((t) => t.title), TITLES);
      assert.deepEqual(table(r.json, 'mhlw_contacts').columns.map((c) => c.label), ['合計', '電話', 'メール', 'SNS', '来所', 'その他（訪問等）']);
      assert.deepEqual(table(r.json, 'mhlw_people').columns.map((c) => c.label), ['合計', '〜10代', '20代', '30代', '40代', '50代〜', '年齢不明']);
      assert.deepEqual(table(r.json, 'mhlw_referrals').columns.map((c) => c.label), ['関係機関', ...CATEGORY_HEADERS, '総計']);
      // The first header cell of an area table is blank, as MHLW prints it.
      assert.deepEqual(table(r.json, 'mhlw_contacts_by_area').columns.map((c) => c.label),
        ['', '電話', 'メール', 'SNS', '来所', 'その他（訪問等）', '合計']);
      // MHLW's notes under their tables.
      for (const id of ['mhlw_contacts', 'mhlw_contacts_by_area'])
        assert.equal(table(r.json, id).notes[0], '※SNSによる相談件数は令和2年度から集計');
      for (const id of ['mhlw_referrals', 'mhlw_referrals_by_area']) {
        assert.match(table(r.json, id).notes[0], /^※1 根拠法\(障害者総合支援法、障害者雇用促進法\)に分けてそれぞれ整理/);
        assert.match(table(r.json, id).notes[1], /^※2 その他機関の例… 警察署、/);
      }
      assert.deepEqual(table(r.json, 'mhlw_contacts').caption.slice(0, 2), ['令和7年度（2025年度）', '対象: 東市ひきこもり相談センター（組織）']);
      expectTables(r.json, [['東市ひきこもり相談センター', EXPECTED.fy2025.A]]);
      assert.ok(r.json.tables.every((t) => t.hidden.flat().every((h) => h === false)));
      // The same through organisation=<own id>.
      const same = await fx.a.get(`/api/v1/reports/mhlw?fiscal_year=2025&organisation=${fx.A.id}`);
      assert.deepEqual(same.json.tables, r.json.tables);
    });

    test('the fiscal-year boundaries: 31 March 23:59 JST in FY2024, 1 April 00:10 JST in FY2026', async () => {
      const y24 = (await fx.a.get('/api/v1/reports/mhlw?fiscal_year=2024')).json;
      assert.equal(y24.fiscal_year_label, '令和6年度（2024年度）');
      expectTables(y24, [['東市ひきこもり相談センター', EXPECTED.fy2024.A]]);
      const y26 = (await fx.a.get('/api/v1/reports/mhlw?fiscal_year=2026')).json;
      expectTables(y26, [['東市ひきこもり相談センター', EXPECTED.fy2026.A]]);
    });

    test('the moved case counts at the receiver from the move on', async () => {
      const r = (await fx.b.get('/api/v1/reports/mhlw?fiscal_year=2025')).json;
      expectTables(r, [['東市北ひきこもり支援ステーション', EXPECTED.fy2025.B]]);
      const s = (await fx.c.get('/api/v1/reports/mhlw?fiscal_year=2025')).json;
      expectTables(s, [['検証県ひきこもり地域支援センター', EXPECTED.fy2025.C]]);
    });

    test('a prefecture as admin: a row per municipality and for the centre on the prefecture itself, small cells hidden', async () => {
      const r = await fx.admin.get(`/api/v1/reports/mhlw?fiscal_year=2025&area=${fx.pref.id}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.suppressed, true);
      const { A, B, C } = EXPECTED.fy2025;
      const east = { contacts: add(A.contacts, B.contacts), people: add(A.people, B.people), referrals: A.referrals };
      const units = [['東市', east], ['西町', zero], ['検証県ひきこもり地域支援センター', C]];
      const people = table(r.json, 'mhlw_people_by_area');
      // 東市: 20代 1 and 30代 1 (primary); C: 〜10代 1, 50代〜 1, 合計 2
      // (primary); 合計 row: 〜10代, 20代, 30代, 50代〜 (primary); the 合計
      // column then has one hidden cell (C) → 東市's 合計 (5) hidden too.
      const X = null;
      assert.deepEqual(people.rows, [
        ['東市', 0, X, X, 0, 0, 3, X],
        ['西町', 0, 0, 0, 0, 0, 0, 0],
        ['検証県ひきこもり地域支援センター', X, 0, 0, 0, X, 0, X],
        ['合計', X, X, X, 0, X, 3, 7],
      ]);
      assert.deepEqual(people.hidden.map((row) => row.map((h) => (h ? 1 : 0))), [
        [0, 0, 1, 1, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 1, 0, 1], [0, 1, 1, 1, 0, 1, 0, 0]]);
      assert.deepEqual(table(r.json, 'mhlw_people').rows, [[7, X, X, X, 0, X, 3]]);
      assert.match(people.notes.join(''), /3人未満の人数/);
      // 件数 bound the persons (counting-rules.md §6): C's 合計 2 is below k
      // (2 records are 1 or 2 persons), hidden with its 電話 (its row) and
      // 東市's 電話 and 合計 (the columns); 西町 has no record and takes no part.
      const contacts = table(r.json, 'mhlw_contacts_by_area');
      assert.deepEqual(contacts.rows, [
        ['東市', X, 1, 1, 3, 2, X],
        ['西町', 0, 0, 0, 0, 0, 0],
        ['検証県ひきこもり地域支援センター', X, 0, 0, 1, 0, X],
        ['合計', 4, 1, 1, 4, 2, 12],
      ]);
      assert.match(contacts.notes.join(''), /件数の合計が3件未満の行は件数も秘匿/);
      // Everything else exact.
      const unsuppressed = { ...r.json, tables: r.json.tables.filter((t) => !t.id.startsWith('mhlw_people') && t.id !== 'mhlw_contacts_by_area') };
      const fake = { ...unsuppressed, tables: [...unsuppressed.tables,
        { id: 'mhlw_people', rows: [[7, 1, 1, 1, 0, 1, 3]] },
        { id: 'mhlw_people_by_area', rows: [['東市', 0, 1, 1, 0, 0, 3, 5], ['西町', 0, 0, 0, 0, 0, 0, 0], ['検証県ひきこもり地域支援センター', 1, 0, 0, 0, 1, 0, 2], ['合計', 1, 1, 1, 0, 1, 3, 7]] },
        { id: 'mhlw_contacts_by_area', rows: [['東市', 3, 1, 1, 3, 2, 10], ['西町', 0, 0, 0, 0, 0, 0], ['検証県ひきこもり地域支援センター', 1, 0, 0, 1, 0, 2], ['合計', 4, 1, 1, 4, 2, 12]] }] };
      expectTables(fake, units);
      // No hidden value is anywhere in the answer.
      assert.equal(r.text.includes('"hidden_label":"X"'), true);
    });

    test('a municipality as analyst: the district row and nothing of other areas', async () => {
      const r = await analyst.get(`/api/v1/reports/mhlw?fiscal_year=2025&area=${fx.east.id}`);
      assert.equal(r.status, 200, r.text);
      const t = table(r.json, 'mhlw_contacts_by_area');
      const X = null;
      // The district's 2 records (its 合計, below k) are hidden with its 電話,
      // the centre's 電話 (the column) and both 合計 of 東市 (the prefecture's
      // table hides 東市's 10 beside the prefecture centre's 2).
      assert.deepEqual(t.rows, [
        ['東市北地区', X, 0, 0, 1, 0, X],
        ['東市ひきこもり相談センター', X, 1, 1, 2, 2, X],
        ['合計', X, 1, 1, 3, 2, X],
      ]);
      // The district has 1 person (年齢不明) → hidden, with complements;
      // 東市's 合計 (5) too, as it is in the prefecture's table (the
      // centre's 2 there is hidden in the 合計 column).
      const p = table(r.json, 'mhlw_people_by_area');
      assert.deepEqual(p.rows, [
        ['東市北地区', 0, 0, 0, 0, 0, X, X],
        ['東市ひきこもり相談センター', 0, X, X, 0, 0, X, X],
        ['合計', 0, X, X, 0, 0, 3, X],
      ]);
      for (const row of p.hidden) assert.notEqual(row.slice(1).filter(Boolean).length, 1);
    });

    test('the analyst sees an organisation with its small cells hidden too', async () => {
      const r = (await analyst.get(`/api/v1/reports/mhlw?fiscal_year=2025&organisation=${fx.A.id}`)).json;
      assert.equal(r.suppressed, true);
      // 20代 1, 30代 1 and 年齢不明 2 are all below 3; the total 4 is hidden
      // as well, as in 東市's table, where the station's 1 beside it is
      // hidden in the 合計 column (else 5 − 4 would give it away).
      assert.deepEqual(table(r, 'mhlw_people_by_area').rows, [
        ['東市ひきこもり相談センター', 0, null, null, 0, 0, null, null], ['合計', 0, null, null, 0, 0, null, null]]);
    });

    test('xlsx: Japanese sheet names and headers, both calendars, numbers as numbers, X for hidden cells', async () => {
      const r = await fx.admin.get(`/api/v1/reports/mhlw?fiscal_year=2025&area=${fx.pref.id}&format=xlsx`);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const cd = r.headers.get('content-disposition');
      assert.match(cd, /^attachment; filename="mhlw-2025\.xlsx"; filename\*=UTF-8''/);
      assert.equal(decodeURIComponent(cd.split("UTF-8''")[1]), '令和7年度_ひきこもり相談実績_検証県.xlsx');
      const bytes = Buffer.from(await (await fetch(`${server.url}/api/v1/reports/mhlw?fiscal_year=2025&area=${fx.pref.id}&format=xlsx`,
        { headers: { cookie: fx.admin.cookie } })).arrayBuffer());
      const book = readXlsx(bytes);
      assert.deepEqual(book.sheets.map((s) => s.name), ['相談件数', '相談実人数', '相談件数（地域別）', '相談実人数（地域別）', 'つなぎ件数', 'つなぎ件数（地域別）']);
      assert.deepEqual(book.sheets.map((s) => s.rows[0][0]), TITLES);
      const first = book.sheets[0];
      assert.equal(first.rows[1][0], '令和7年度（2025年度）');
      const { A, B, C } = EXPECTED.fy2025;
      const tc = add(A.contacts, B.contacts, C.contacts);
      assert.deepEqual(sheetTable(first, '合計').rows, [[sum(tc), ...tc]]);
      const byArea = sheetTable(book.sheets[3], '');
      assert.deepEqual(byArea.header.slice(1), ['〜10代', '20代', '30代', '40代', '50代〜', '年齢不明', '合計']);
      assert.deepEqual(byArea.rows[0], ['東市', 0, 'X', 'X', 0, 0, 3, 'X']);
      assert.deepEqual(byArea.rows[3], ['合計', 'X', 'X', 'X', 0, 'X', 3, 7]);
      // MHLW's notes under the tables they belong to.
      const texts = (sheet) => sheet.rows.filter(Boolean).map((r) => r[0]);
      assert.ok(texts(book.sheets[0]).includes('※SNSによる相談件数は令和2年度から集計'));
      assert.ok(texts(book.sheets[2]).includes('※SNSによる相談件数は令和2年度から集計'));
      assert.ok(texts(book.sheets[4]).some((t) => /^※1 根拠法/.test(t ?? '')));
      assert.ok(texts(book.sheets[5]).some((t) => /^※2 その他機関の例/.test(t ?? '')));
      const refs = sheetTable(book.sheets[4], '関係機関');
      assert.deepEqual(refs.header, ['関係機関', ...CATEGORY_HEADERS, '総計']);
      assert.equal(refs.rows[0][0], '件数');
      assert.equal(refs.rows[0][1], 1);     // 福祉事務所 (declined: counts)
      assert.equal(refs.rows[0][8], 2);     // 保健所・保健センター (one of them declined)
      assert.equal(refs.rows[1][8], 0.4);   // 率 as a number (format 0.0%)
      assert.equal(refs.rows[0][22], 5);
    });

    test('CSV: UTF-8 with BOM, CRLF, the same cells', async () => {
      const res = await fetch(`${server.url}/api/v1/reports/mhlw?fiscal_year=2025&organisation=${fx.A.id}&format=csv`,
        { headers: { cookie: fx.a.cookie } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.equal(decodeURIComponent(res.headers.get('content-disposition').split("UTF-8''")[1]),
        '令和7年度_ひきこもり相談実績_東市ひきこもり相談センター.csv');
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
      const lines = text.split('\r\n');
      assert.deepEqual(lines.slice(0, 7), ['令和7年度相談件数', '令和7年度（2025年度）', '対象: 東市ひきこもり相談センター（組織）', '(件数)',
        '合計,電話,メール,SNS,来所,その他（訪問等）', '8,2,1,1,2,2', '※SNSによる相談件数は令和2年度から集計']);
      for (const t of TITLES) assert.ok(lines.includes(t), t);
      assert.ok(lines.includes(`関係機関,${CATEGORY_HEADERS.join(',')},総計`));
      assert.ok(lines.some((l) => l.startsWith('※1 根拠法')) && lines.some((l) => l.startsWith('※2 その他機関の例')));
      assert.ok(lines.includes(',電話,メール,SNS,来所,その他（訪問等）,合計'), 'the first header cell blank');
      assert.ok(lines.includes('東市ひきこもり相談センター,0,1,1,0,0,2,4'));
      const rate = { 福祉事務所: '20.0%', '保健所・保健センター': '40.0%', '他のひきこもり地域支援センター': '40.0%' };
      assert.ok(lines.includes(`件数,${CATEGORIES.map((c) => ({ 福祉事務所: 1, '保健所・保健センター': 2, '他のひきこもり地域支援センター': 2 })[c] ?? 0).join(',')},5`));
      assert.ok(lines.includes(`率,${CATEGORIES.map((c) => rate[c] ?? '0.0%').join(',')},`));
    });

    test('bad input: Japanese 400s; unknown area 404; another organisation 404; areas only for analysts and admins', async () => {
      for (const q of ['', 'fiscal_year=', 'fiscal_year=abcd', 'fiscal_year=25', 'fiscal_year=1999', 'fiscal_year=2999', 'fiscal_year=２０２５']) {
        const r = await fx.a.get(`/api/v1/reports/mhlw?${q}`);
        assert.equal(r.status, 400, q);
        assert.equal(r.json.code, 'validation_failed');
        assert.equal(r.json.errors[0].field, 'fiscal_year');
        assert.match(r.json.errors[0].detail, /年度/);
      }
      const both = await analyst.get(`/api/v1/reports/mhlw?fiscal_year=2025&area=${fx.pref.id}&organisation=${fx.A.id}`);
      assert.equal(both.status, 400);
      const fmt = await fx.a.get('/api/v1/reports/mhlw?fiscal_year=2025&format=pdf');
      assert.equal(fmt.status, 400);
      assert.match(fmt.json.errors[0].detail, /xlsx/);
      const unknown = await analyst.get('/api/v1/reports/mhlw?fiscal_year=2025&area=no-such-area');
      assert.equal(unknown.status, 404);
      assert.match(unknown.json.detail, /地域/);
      const unknownOrg = await analyst.get('/api/v1/reports/mhlw?fiscal_year=2025&organisation=no-such-org');
      assert.equal(unknownOrg.status, 404);
      const other = await fx.a.get(`/api/v1/reports/mhlw?fiscal_year=2025&organisation=${fx.B.id}`);
      assert.equal(other.status, 404);
      const area = await fx.c.get(`/api/v1/reports/mhlw?fiscal_year=2025&area=${fx.pref.id}`);
      assert.equal(area.status, 403);
      assert.match(area.json.detail, /自組織/);
      const ibasho = await signedIn(server.url, 'ibasho_staff');
      assert.equal((await ibasho.get('/api/v1/reports/mhlw?fiscal_year=2025')).status, 403);
    });
  });
}

// --small-cell-k other than the default 3 (README): with k = 2 a count of 2
// is shown and only the 1s are hidden (the same fixture, another server).
describe(`MHLW annual figures with --small-cell-k 2 (${DATABASES[0]})`, () => {
  let server, fx, analyst;
  before(async () => {
    server = await startServer({ db: DATABASES[0], args: ['--small-cell-k', '2'] });
    fx = await buildMhlwFixture(server);
    analyst = await signedIn(server.url, 'analyst');
  });
  after(async () => { await server?.stop(); });

  test('the analyst sees the 2 that k = 3 hides; the 1s stay hidden, and so does what would give them away', async () => {
    const pref = (await analyst.get(`/api/v1/reports/mhlw?fiscal_year=2025&area=${fx.pref.id}`)).json;
    assert.equal(pref.suppressed, true);
    assert.equal(pref.small_cell_k, 2);
    // The centre's 2 is shown now.
    assert.deepEqual(table(pref, 'mhlw_people_by_area').rows[2], ['検証県ひきこもり地域支援センター', null, 0, 0, 0, null, 0, 2]);
    // A's 年齢不明 2 is not: 東市's 年齢不明 (3) = the station's 1 + A's 2,
    // so showing A's 2 in A's own report would give away the station's 1.
    const r = (await analyst.get(`/api/v1/reports/mhlw?fiscal_year=2025&organisation=${fx.A.id}`)).json;
    const people = table(r, 'mhlw_people_by_area');
    assert.deepEqual(people.rows, [
      ['東市ひきこもり相談センター', 0, null, null, 0, 0, null, null], ['合計', 0, null, null, 0, 0, null, null]]);
    assert.match(people.notes.join(''), /2人未満の人数/);
  });
});
