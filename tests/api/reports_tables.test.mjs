// The per-organisation report tables (issue 5 points 2, 3, 4, 6): the
// program requirement matrix, outcomes beyond employment, staff load and
// the dashboard's monthly series, every cell checked against figures
// computed by hand from the fixture (tests/support/report_fixture.mjs), on
// SQLite and PostgreSQL; bad input; who may see what.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { buildReportFixture } from '../support/report_fixture.mjs';

const table = (report, id) => {
  const t = report.tables.find((x) => x.id === id);
  assert.ok(t, `table ${id}`);
  return t;
};
// Rows as objects keyed by column key (hidden cells are null).
const rowsOf = (t) => t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.key, r[i]])));
const currentFiscalYear = () => {
  const tokyo = new Date(Date.now() + 9 * 3600e3);
  return tokyo.getUTCMonth() + 1 >= 4 ? tokyo.getUTCFullYear() : tokyo.getUTCFullYear() - 1;
};

for (const kind of DATABASES) {
  describe(`report tables (${kind})`, () => {
    let server, fx, sup, aoki, inoue, analyst, otherSup;
    const q = (path, params) => `${path}?${new URLSearchParams({ organisation: fx.org.id, ...params })}`;

    before(async () => {
      server = await startServer({ db: kind });
      fx = await buildReportFixture(server.url);
      sup = fx.sup;
      aoki = fx.aoki;
      inoue = await fx.signIn(fx.users.inoue);
      analyst = await fx.signIn(fx.users.analyst);
      otherSup = await signedIn(server.url, 'supervisor'); // さくら市 (demo)
    });
    after(async () => { await server?.stop(); });

    test('requirement matrix FY2024: marks of ステーション, evidence, 記録なし, flags', async () => {
      const r = await sup.get(q('/api/v1/reports/requirements', { fiscal_year: '2024' }));
      assert.equal(r.status, 200, r.text);
      const j = r.json;
      assert.equal(j.fiscal_year, 2024);
      assert.equal(j.fiscal_year_label, '2024年度（令和6年度）');
      assert.equal(j.organisation.program_type, 'ステーション');
      assert.equal(j.activities.length, 12);
      const a = Object.fromEntries(j.activities.map((x) => [x.number, x]));
      assert.deepEqual(j.activities.map((x) => x.mark), ['◎', '◎', '◎', '○', '○', '○', '○', '○', '○', '○', '–', '–']);
      // ① contacts of FY2024: A×3 (incl. 31 March 23:30 Tokyo), B×3, C×1 (1 April), E×1 = 8; 訪問: B×2.
      assert.deepEqual(a[1].evidence, [{ label: '相談・支援記録', count: 8, unit: '件' }, { label: 'うち訪問', count: 2, unit: '件' }]);
      assert.equal(a[1].state, 'あり');
      assert.equal(a[1].required_without_evidence, false);
      // ② 居場所: recorded by the groups feature (issue 16), none held in FY2024 → なし, ◎ → flagged.
      assert.deepEqual(a[2].evidence, [{ label: '居場所の開催', count: 0, unit: '回' }]);
      assert.equal(a[2].state, 'なし');
      assert.equal(a[2].required_without_evidence, true);
      // ③ network: the resource was registered today (not in FY2024); one platform meeting (10/15).
      assert.deepEqual(a[3].evidence, [{ label: '社会資源の登録', count: 0, unit: '件' }, { label: '市町村プラットフォーム連絡会', count: 1, unit: '回' }]);
      assert.equal(a[3].state, 'あり');
      assert.equal(a[3].required_without_evidence, false);
      // ⑩ 支援体制: one case conference in FY2024 (the April one is FY2025).
      assert.deepEqual(a[10].evidence, [
        { label: 'ケース会議', count: 1, unit: '回' }, { label: '事例検討', count: 0, unit: '回' },
        { label: '支援会議', count: 0, unit: '回' }, { label: '重層的支援会議', count: 0, unit: '回' },
      ]);
      // ⑦ referrals to 民間支援団体 in FY2024: one (the cancelled one and the FY2025 one do not count).
      assert.deepEqual(a[7].evidence, [{ label: '民間支援団体へのつなぎ', count: 1, unit: '件' }]);
      assert.equal(a[7].required_without_evidence, false); // ○
      for (const n of [4, 5]) {
        assert.equal(a[n].state, 'なし', `activity ${n}`);
        assert.equal(a[n].required_without_evidence, false, `activity ${n}`);
      }
      assert.deepEqual(a[5].evidence.map((e) => e.label), ['講演会・研修会の開催', '相談会の開催']);
      // ⑧ 実態把握調査: recorded by the surveys feature (issue 18); none in FY2024.
      assert.deepEqual(a[8].evidence, [{ label: '実態把握調査の実施', count: 0, unit: '件' }, { label: '回収した調査票', count: 0, unit: '枚' }]);
      assert.equal(a[8].state, 'なし');
      assert.equal(a[8].required_without_evidence, false); // ○
      for (const n of [9, 12]) {
        assert.equal(a[n].state, '記録なし', `activity ${n}`);
        assert.equal(a[n].required_without_evidence, false, `activity ${n}`);
      }
      // ⑥ and ⑪ are recorded by the supporters feature (issue 17): nothing in FY2024.
      assert.deepEqual(a[6].evidence, [{ label: 'サポーターの派遣（実施）', count: 0, unit: '件' }, { label: 'サポーター養成・フォローアップ研修の開催', count: 0, unit: '回' }]);
      assert.deepEqual(a[11].evidence, [{ label: '関係機関向け研修の開催', count: 0, unit: '回' }, { label: '関係機関の職員の参加', count: 0, unit: '人' }]);
      for (const n of [6, 11]) {
        assert.equal(a[n].state, 'なし', `activity ${n}`);
        assert.equal(a[n].required_without_evidence, false, `activity ${n}`);
      }
      // The export table says the same.
      const t = rowsOf(table(j, 'program_requirements'));
      assert.deepEqual(t.filter((x) => x.number === '①').map((x) => [x.evidence, x.count, x.check]),
        [['相談・支援記録', 8, ''], ['うち訪問', 2, '']]);
      assert.deepEqual(t.find((x) => x.number === '②'), { number: '②', activity: '居場所づくり', mark: '◎', evidence: '居場所の開催', count: 0, state: 'なし', check: '要確認' });
    });

    test('requirement matrix of the current year: the resource registered today counts for ③', async () => {
      const j = (await sup.get(q('/api/v1/reports/requirements', { fiscal_year: String(currentFiscalYear()) }))).json;
      const third = j.activities[2];
      assert.equal(third.evidence[0].count, 1);
      assert.equal(third.evidence[1].count, 0); // no platform meeting this year
      assert.equal(third.state, 'あり');
      assert.equal(third.required_without_evidence, false);
      assert.equal(j.activities[0].evidence[0].count, 0); // no contact this year
      assert.equal(j.activities[0].required_without_evidence, true);
    });

    test('outcomes FY2024: axes, outing, stage moves, 本人に会えた, continuity — no employment rate', async () => {
      const r = await sup.get(q('/api/v1/reports/outcomes', { fiscal_year: '2024' }));
      assert.equal(r.status, 200, r.text);
      const j = r.json;
      assert.equal(j.suppressed, false);
      // No employment rate and no failure words in any header or row label (the notes say so in words).
      for (const t of j.tables) {
        for (const c of t.columns) assert.doesNotMatch(c.label, /就労|就職|失敗|後退/, c.label);
        for (const row of t.rows) assert.doesNotMatch(String(row[0]), /就労|就職|失敗|後退/);
      }
      // Goals with ≥2 records up to 2025-03-31, one in FY2024:
      //   A 日常 1→3 前進, A 社会 2→1 一時的に戻る, B 日常 2→2 変化なし;
      //   B 経済 (one record) and C 社会 (second record in FY2025) do not count.
      assert.deepEqual(rowsOf(table(j, 'outcome_axes')), [
        { label: '日常生活自立', forward: 1, same: 1, back_for_now: 0, total: 2 },
        { label: '社会生活自立', forward: 0, same: 0, back_for_now: 1, total: 1 },
        { label: '経済的自立', forward: 0, same: 0, back_for_now: 0, total: 0 },
        { label: '合計', forward: 1, same: 1, back_for_now: 1, total: 3 },
      ]);
      // A: 自室からほとんど出ない → 近所のコンビニ (前進); B: 趣味の用事 → 自室からは出るが (戻る); C: one assessment.
      assert.deepEqual(rowsOf(table(j, 'outcome_outing')), [{ label: '外出状況', forward: 1, same: 0, back_for_now: 1, total: 2 }]);
      // A: 最初 4/15, 前へ 8/1, 前へ 12/1, 戻る 2/1; B: 最初 5/10, 前へ 9/1.
      assert.deepEqual(rowsOf(table(j, 'outcome_stage_moves')), [
        { direction: '前へ', moves: 3, cases: 2 },
        { direction: '戻る', moves: 1, cases: 1 },
        { direction: '同じ', moves: 0, cases: 0 },
        { direction: '最初の段階', moves: 2, cases: 2 },
        { direction: 'モデルの切り替え', moves: 0, cases: 0 },
      ]);
      // Cases with a contact in FY2024: A, B, C, E; 本人 met in A, B, E.
      assert.deepEqual(rowsOf(table(j, 'outcome_met')), [{ label: 'ケースの数', met: 3, family_only: 1, total: 4, met_rate: 0.75 }]);
      // Gaps (Tokyo days) ending in FY2024: A 4/10→4/20 = 10, 4/20→3/31 = 345; B 5/1→5/4 = 3 (2 in UTC),
      // 5/4→7/1 = 58; C 3/31 (FY2023)→4/1 = 1. Sorted 1, 3, 10, 58, 345 → median 10; cases A, B, C.
      assert.deepEqual(rowsOf(table(j, 'outcome_continuity')), [{ label: '相談・支援記録の間隔', intervals: 5, cases: 3, median_days: 10 }]);
    });

    test('outcomes FY2025: the 1 April contact and the later progress record', async () => {
      const j = (await sup.get(q('/api/v1/reports/outcomes', { fiscal_year: '2025' }))).json;
      // A 3/31 23:30 → 4/1 00:10 Tokyo: 1 day.
      assert.deepEqual(rowsOf(table(j, 'outcome_continuity')), [{ label: '相談・支援記録の間隔', intervals: 1, cases: 1, median_days: 1 }]);
      assert.deepEqual(rowsOf(table(j, 'outcome_met')), [{ label: 'ケースの数', met: 0, family_only: 1, total: 1, met_rate: 0 }]);
      // C 社会 0 → 2 (2025-04-10).
      assert.deepEqual(rowsOf(table(j, 'outcome_axes'))[1], { label: '社会生活自立', forward: 1, same: 0, back_for_now: 0, total: 1 });
    });

    test('outcomes for an analyst: person counts below 3 hidden, with what they give away', async () => {
      const j = (await analyst.get(q('/api/v1/reports/outcomes', { fiscal_year: '2024' }))).json;
      assert.equal(j.suppressed, true);
      const met = table(j, 'outcome_met');
      // met 3 and total 4 are shown; family_only 1 is hidden, and so is one more of the row (complementary).
      const row = rowsOf(met)[0];
      assert.equal(row.family_only, null);
      assert.equal(met.hidden[0][met.columns.findIndex((c) => c.key === 'family_only')], true);
      assert.ok(met.hidden[0].filter(Boolean).length >= 2, 'a second cell of the line is hidden too');
      assert.equal(row.met_rate === null, row.met === null, 'a hidden count hides its rate (the rate would give it away), a shown one shows it');
      const cont = rowsOf(table(j, 'outcome_continuity'))[0];
      assert.equal(cont.cases, 3); // 3 = k is shown
      assert.equal(cont.median_days, 10);
      const stages = rowsOf(table(j, 'outcome_stage_moves'));
      assert.equal(stages[0].cases, null); // 2 cases
      assert.equal(stages[0].moves, 3);    // record counts are not persons
      assert.equal(stages[2].cases, 0);    // 0 is shown
    });

    test('staff load on 2025-06-30 with N = 90 and 91: the N-th day counts', async () => {
      const org = (await sup.get(`/api/v1/organisations/${fx.org.id}`)).json;
      const set = await sup.put(`/api/v1/organisations/${fx.org.id}/staff-load-settings`, { no_contact_days: 90 }, { 'if-match': `"${org.version}"` });
      assert.equal(set.status, 200, set.text);
      assert.equal(set.json.no_contact_days, 90);
      assert.equal(set.headers.get('etag'), `"${org.version + 1}"`);
      const r = await sup.get(q('/api/v1/reports/staff-load', { on: '2025-06-30' }));
      assert.equal(r.status, 200, r.text);
      const j = r.json;
      assert.equal(j.no_contact_days, 90);
      // Open: A, B, C, D (E closed). Last contact (Tokyo): A 2025-04-01 (90 days), B 2024-07-01 (364),
      // C 2024-04-01 (455), D none, opened 2025-01-15 (166). Current plans past review: A (6/1), B (5/1,
      // its older plan is replaced); C's is 7/15; E is closed.
      assert.deepEqual(j.totals, { open_cases: 4, without_contact: 4, overdue_reviews: 2 });
      const byName = Object.fromEntries(j.staff.map((s) => [s.display_name, s]));
      assert.deepEqual(Object.keys(byName).sort(), ['上野 所長', '井上 相談員', '青木 相談員'].sort());
      const counts = (s) => [s.open_cases, s.without_contact, s.overdue_reviews];
      assert.deepEqual(counts(byName['青木 相談員']), [2, 2, 2]);
      assert.deepEqual(counts(byName['井上 相談員']), [2, 2, 1]);
      assert.deepEqual(counts(byName['上野 所長']), [0, 0, 0]);
      assert.deepEqual(j.unassigned, { open_cases: 1, without_contact: 1, overdue_reviews: 0 });
      assert.deepEqual(j.cases_without_contact.map((c) => [c.title, c.days, c.last_on, c.ever_contacted]), [
        ['Cさん（20代）', 455, '2024-04-01', true],
        ['Bさん（40代）', 364, '2024-07-01', true],
        ['Dさん（50代）', 166, '2025-01-15', false],
        ['Aさん（30代）', 90, '2025-04-01', true],
      ]);
      assert.deepEqual(j.overdue_plans.map((p) => [p.case_title, p.review_on, p.days_overdue]), [
        ['Bさん（40代）', '2025-05-01', 60],
        ['Aさん（30代）', '2025-06-01', 29],
      ]);
      // Case titles were shown: the read is in the audit log.
      const audit = (await sup.get('/api/v1/audit?limit=50')).json.items;
      assert.ok(audit.some((e) => e.action === 'read' && e.entity === 'report' && e.entity_id === fx.org.id), 'staff-load read audited');
      const t = rowsOf(table(j, 'staff_load_by_staff'));
      assert.deepEqual(t.at(-1), { staff: '合計（重複を除く）', open_cases: 4, without_contact: 4, overdue_reviews: 2 });
      assert.deepEqual(t.at(-2), { staff: '担当者なし', open_cases: 1, without_contact: 1, overdue_reviews: 0 });

      const again = await sup.put(`/api/v1/organisations/${fx.org.id}/staff-load-settings`, { no_contact_days: 91 }, { 'if-match': `"${org.version + 1}"` });
      assert.equal(again.status, 200, again.text);
      const j91 = (await sup.get(q('/api/v1/reports/staff-load', { on: '2025-06-30' }))).json;
      assert.deepEqual(j91.totals, { open_cases: 4, without_contact: 3, overdue_reviews: 2 });
      assert.ok(!j91.cases_without_contact.some((c) => c.title === 'Aさん（30代）'));
    });

    test('staff load: a coordinator sees their own cases only; another coordinator\'s load is refused', async () => {
      const own = await aoki.get(q('/api/v1/reports/staff-load', { on: '2025-06-30' }));
      assert.equal(own.status, 200, own.text);
      assert.equal(own.json.staff_user_id, fx.users.aoki.id);
      assert.deepEqual(own.json.staff.map((s) => s.display_name), ['青木 相談員']);
      assert.deepEqual(own.json.totals, { open_cases: 2, without_contact: 1, overdue_reviews: 2 }); // N = 91 now: A no longer
      assert.deepEqual(own.json.cases_without_contact.map((c) => c.title), ['Bさん（40代）']);
      const other = await aoki.get(q('/api/v1/reports/staff-load', { staff: fx.users.inoue.id }));
      assert.equal(other.status, 404);
      assert.equal(other.json.code, 'not_found');
      const inoueOwn = await inoue.get('/api/v1/reports/staff-load?on=2025-06-30');
      assert.deepEqual(inoueOwn.json.totals, { open_cases: 2, without_contact: 2, overdue_reviews: 1 });
      // The supervisor may look at one coordinator.
      const one = await sup.get(q('/api/v1/reports/staff-load', { staff: fx.users.inoue.id, on: '2025-06-30' }));
      assert.deepEqual(one.json.totals, { open_cases: 2, without_contact: 2, overdue_reviews: 1 });
    });

    test('staff load for an analyst: totals only, small cells hidden', async () => {
      const r = await analyst.get(q('/api/v1/reports/staff-load', { on: '2025-06-30' }));
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.totals, { open_cases: 4, without_contact: 3, overdue_reviews: null }); // 2 < k = 3
      assert.equal(r.json.staff, undefined);
      assert.equal(r.json.cases_without_contact, undefined);
      assert.doesNotMatch(r.text, /Aさん|青木/);
      assert.deepEqual(r.json.tables.map((t) => t.id), ['staff_load_totals']);
    });

    test('dashboard FY2024: contacts by Tokyo month and channel, caseload', async () => {
      const r = await sup.get(q('/api/v1/reports/dashboard', { fiscal_year: '2024' }));
      assert.equal(r.status, 200, r.text);
      const rows = rowsOf(table(r.json, 'dashboard_channels_by_month'));
      assert.equal(rows.length, 13);
      assert.equal(rows[0].month, '2024年4月');
      assert.equal(rows[11].month, '2025年3月');
      const z = { phone: 0, email: 0, sns: 0, visit_office: 0, other: 0, total: 0 };
      // April: A 電話, A 来所, C 電話 (1 April 09:00 Tokyo); May: B 訪問 ×2 (5/1, 5/4 Tokyo);
      // June: E 来所; July: B SNS; March: A メール (31 March 23:30 Tokyo). The 00:10 on 1 April is FY2025.
      assert.deepEqual(rows[0], { ...z, month: '2024年4月', phone: 2, visit_office: 1, total: 3 });
      assert.deepEqual(rows[1], { ...z, month: '2024年5月', other: 2, total: 2 });
      assert.deepEqual(rows[2], { ...z, month: '2024年6月', visit_office: 1, total: 1 });
      assert.deepEqual(rows[3], { ...z, month: '2024年7月', sns: 1, total: 1 });
      for (const m of [4, 5, 6, 7, 8, 9, 10]) assert.deepEqual({ ...rows[m], month: '' }, { ...z, month: '' }, rows[m].month);
      assert.deepEqual(rows[11], { ...z, month: '2025年3月', email: 1, total: 1 });
      assert.deepEqual(rows[12], { month: '合計', phone: 2, email: 1, sns: 1, visit_office: 2, other: 2, total: 8 });
      const load = rowsOf(table(r.json, 'staff_load_by_staff'));
      assert.deepEqual(load.find((x) => x.staff === '青木 相談員').open_cases, 2);
      assert.deepEqual(load.find((x) => x.staff === '井上 相談員').open_cases, 2);
      const fy25 = rowsOf(table((await sup.get(q('/api/v1/reports/dashboard', { fiscal_year: '2025' }))).json, 'dashboard_channels_by_month'));
      assert.equal(fy25[0].phone, 1); // 1 April 00:10 Tokyo
    });

    test('exports: xlsx and CSV (UTF-8 with BOM) of the same tables', async () => {
      const csv = await sup.get(q('/api/v1/reports/outcomes', { fiscal_year: '2024', format: 'csv' }));
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type'), /^text\/csv/);
      assert.match(csv.headers.get('content-disposition'), /attachment; filename="outcomes-2024\.csv"/);
      const raw = Buffer.from(await (await fetch(server.url + q('/api/v1/reports/outcomes', { fiscal_year: '2024', format: 'csv' }), { headers: { cookie: sup.cookie } })).arrayBuffer());
      assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.match(csv.text, /三つの自立の軸/);
      assert.match(csv.text, /日常生活自立,1,1,0,2/);
      const xlsx = await fetch(server.url + q('/api/v1/reports/requirements', { fiscal_year: '2024', format: 'xlsx' }), { headers: { cookie: sup.cookie } });
      assert.equal(xlsx.status, 200);
      const bytes = Buffer.from(await xlsx.arrayBuffer());
      assert.equal(bytes.subarray(0, 2).toString(), 'PK');
      const bad = await sup.get(q('/api/v1/reports/outcomes', { format: 'pdf' }));
      assert.equal(bad.status, 400);
      assert.equal(bad.json.errors[0].field, 'format');
    });

    test('bad input: garbage fiscal year, unknown date, other organisation', async () => {
      for (const fy of ['abcd', '20245', '1999', '2101', '２０２４', '2024x']) {
        const r = await sup.get(q('/api/v1/reports/outcomes', { fiscal_year: fy }));
        assert.equal(r.status, 400, fy);
        assert.equal(r.json.code, 'validation_failed');
        assert.equal(r.json.errors[0].field, 'fiscal_year');
        assert.match(r.json.errors[0].detail, /年度/);
      }
      for (const on of ['2025-02-29', 'yesterday', '2025/06/30']) {
        const r = await sup.get(q('/api/v1/reports/staff-load', { on }));
        assert.equal(r.status, 400, on);
        assert.equal(r.json.errors[0].field, 'on');
      }
      for (const path of ['/api/v1/reports/requirements', '/api/v1/reports/outcomes', '/api/v1/reports/dashboard', '/api/v1/reports/staff-load']) {
        const other = await otherSup.get(`${path}?organisation=${fx.org.id}`);
        assert.equal(other.status, 404, path);
        assert.equal(other.json.code, 'not_found');
        const unknown = await sup.get(`${path}?organisation=no-such-organisation`);
        assert.equal(unknown.status, 404, path);
      }
      for (const days of [6, 366, '60', null, 1.5]) {
        const org = (await sup.get(`/api/v1/organisations/${fx.org.id}`)).json;
        const r = await sup.put(`/api/v1/organisations/${fx.org.id}/staff-load-settings`, { no_contact_days: days }, { 'if-match': `"${org.version}"` });
        assert.equal(r.status, 400, String(days));
        assert.equal(r.json.errors[0].field, 'no_contact_days');
        assert.equal((await sup.get(`/api/v1/organisations/${fx.org.id}`)).json.version, org.version, 'nothing written');
      }
      const stale = await sup.put(`/api/v1/organisations/${fx.org.id}/staff-load-settings`, { no_contact_days: 30 }, { 'if-match': '"1"' });
      assert.equal(stale.status, 412);
      const otherOrg = await otherSup.put(`/api/v1/organisations/${fx.org.id}/staff-load-settings`, { no_contact_days: 30 }, { 'if-match': '"1"' });
      assert.equal(otherOrg.status, 404);
      const coordinator = await aoki.put(`/api/v1/organisations/${fx.org.id}/staff-load-settings`, { no_contact_days: 30 }, { 'if-match': '"1"' });
      assert.equal(coordinator.status, 403);
    });
  });
}
