// The fixture of the per-organisation report tests (tests/api/reports_tables.test.mjs
// and tests/e2e/dashboard.test.mjs), made entirely through the API: a new
// organisation (program type ステーション) with a supervisor, two coordinators
// and an analyst, five cases, contacts around the fiscal-year boundary, plans
// with progress, assessments, stage moves, referrals and meetings, all in FY2024
// (2024-04-01 … 2025-03-31, Asia/Tokyo) and a little in FY2025.
//
// The expected figures are computed by hand in the comments of the test that
// checks them; the dates here are chosen for the edges (a contact at 23:30 on
// 31 March and at 00:10 on 1 April Tokyo time, a visit at 01:00 Tokyo that is
// still the previous day in UTC, a plan superseded by a newer one, a closed case).
import assert from 'node:assert/strict';
import { Client } from './server.mjs';

const PASSWORD = 'report-fixture-pass';

async function ok(res, status = 201) {
  assert.equal(res.status, status, res.text);
  return res.json;
}

export async function buildReportFixture(baseUrl, suffix = '') {
  const admin = new Client(baseUrl);
  assert.equal((await admin.login(process.env.TSUNAGU_ADMIN_LOGIN ?? 'admin', process.env.TSUNAGU_ADMIN_PASSWORD ?? 'demo-admin-pass')).status, 201);
  const areas = (await admin.get('/api/v1/areas')).json.items;
  const org = await ok(await admin.post('/api/v1/organisations', {
    name: `ひばり町ひきこもり支援ステーション${suffix}`, kind: 'ステーション', program_type: 'ステーション', area_id: areas[0].id,
  }));
  const user = async (login, display_name, role) =>
    ok(await admin.post('/api/v1/users', { login: `${login}${suffix}`, display_name, role, organisation_id: org.id, password: PASSWORD }));
  const users = {
    supervisor: await user('rpt-ueno', '上野 所長', 'supervisor'),
    aoki: await user('rpt-aoki', '青木 相談員', 'coordinator'),
    inoue: await user('rpt-inoue', '井上 相談員', 'coordinator'),
    analyst: await user('rpt-analyst', '分析 担当', 'analyst'),
  };
  const signIn = async (u) => {
    const c = new Client(baseUrl);
    assert.equal((await c.login(u.login, PASSWORD)).status, 201);
    return c;
  };
  const sup = await signIn(users.supervisor);
  const aoki = await signIn(users.aoki);

  const newCase = async (title, opened_on, staff_ids) =>
    ok(await sup.post('/api/v1/cases', { title, intake_route: '家族', subject_awareness: '不明', opened_on, staff_ids }));
  const cases = {
    A: await newCase('Aさん（30代）', '2024-04-10', [users.aoki.id]),
    B: await newCase('Bさん（40代）', '2024-05-01', [users.aoki.id, users.inoue.id]),
    C: await newCase('Cさん（20代）', '2024-03-01', [users.inoue.id]),
    D: await newCase('Dさん（50代）', '2025-01-15', []),
    E: await newCase('Eさん（10代）', '2024-04-05', [users.aoki.id]),
  };
  const contact = (c, occurred_at, channel, subject_met, sub_kind) =>
    sup.post(`/api/v1/cases/${c.id}/contacts`, { occurred_at, channel, sub_kind, counterpart: subject_met ? '本人' : '母', subject_met });
  for (const [c, at, channel, met, sub] of [
    [cases.A, '2024-04-10T01:00:00.000Z', '電話', false],
    [cases.A, '2024-04-20T05:00:00.000Z', '来所', true],
    [cases.A, '2025-03-31T14:30:00.000Z', 'メール', false],          // 2025-03-31 23:30 Tokyo: FY2024
    [cases.A, '2025-03-31T15:10:00.000Z', '電話', false],            // 2025-04-01 00:10 Tokyo: FY2025
    [cases.B, '2024-05-01T02:00:00.000Z', 'その他（訪問等）', false, '訪問'],
    [cases.B, '2024-05-03T16:00:00.000Z', 'その他（訪問等）', true, '訪問'], // 2024-05-04 01:00 Tokyo
    [cases.B, '2024-07-01T03:00:00.000Z', 'SNS', false],
    [cases.C, '2024-03-31T14:59:00.000Z', '電話', false],            // 2024-03-31 23:59 Tokyo: FY2023
    [cases.C, '2024-04-01T00:00:00.000Z', '電話', false],
    [cases.E, '2024-06-15T01:00:00.000Z', '来所', true],
  ]) await ok(await contact(c, at, channel, met, sub));

  // Plans (B has an older plan replaced by a newer one) and progress.
  const plan = async (c, started_on, review_on, goals) =>
    ok(await sup.post(`/api/v1/cases/${c.id}/plans`, { started_on, review_on, goals: goals.map((axis) => ({ axis, term: '短期', words: `${axis}の目標` })) }));
  const progress = async (p, i, recorded_on, level) =>
    ok(await sup.post(`/api/v1/plans/${p.id}/goals/${p.goals[i].id}/progress`, { recorded_on, level }));
  const planA = await plan(cases.A, '2024-04-15', '2025-06-01', ['日常生活自立', '社会生活自立']);
  await progress(planA, 0, '2024-05-01', 1);
  await progress(planA, 0, '2024-09-01', 2);
  await progress(planA, 0, '2025-02-01', 3);
  await progress(planA, 1, '2024-05-01', 2);
  await progress(planA, 1, '2024-10-01', 1);
  await plan(cases.B, '2024-05-10', '2024-11-01', ['日常生活自立']);
  const planB = await plan(cases.B, '2024-11-01', '2025-05-01', ['日常生活自立', '経済的自立']);
  await progress(planB, 0, '2024-12-01', 2);
  await progress(planB, 0, '2025-02-01', 2);
  await progress(planB, 1, '2024-12-01', 0);
  const planC = await plan(cases.C, '2024-06-10', '2025-07-15', ['社会生活自立']);
  await progress(planC, 0, '2024-07-01', 0);
  await progress(planC, 0, '2025-04-10', 2);
  await plan(cases.E, '2024-06-15', '2024-12-01', ['日常生活自立']);

  // Assessments with the outing level.
  const assess = (c, assessed_on, outing_level) => sup.post(`/api/v1/cases/${c.id}/assessments`, { assessed_on, outing_level });
  await ok(await assess(cases.A, '2024-04-15', '自室からほとんど出ない'));
  await ok(await assess(cases.A, '2025-01-10', '近所のコンビニなどには出かける'));
  await ok(await assess(cases.B, '2024-05-10', '趣味の用事のときだけ外出する'));
  await ok(await assess(cases.B, '2024-11-10', '自室からは出るが、家からは出ない'));
  await ok(await assess(cases.C, '2024-06-10', '自室からほとんど出ない'));

  // Stage moves (guideline2010).
  const move = async (c, to_stage, changed_on) => {
    const v = (await sup.get(`/api/v1/cases/${c.id}/stage-changes`)).json.version;
    return ok(await sup.post(`/api/v1/cases/${c.id}/stage-changes`, { to_stage, changed_on }, { 'if-match': `"${v}"` }));
  };
  await move(cases.A, '出会い・評価段階', '2024-04-15');
  await move(cases.A, '個人的支援段階', '2024-08-01');
  await move(cases.A, '中間的・過渡的な支援段階', '2024-12-01');
  await move(cases.A, '個人的支援段階', '2025-02-01');
  await move(cases.B, '出会い・評価段階', '2024-05-10');
  await move(cases.B, '個人的支援段階', '2024-09-01');

  // つなぎ to a private group: one in FY2024, one cancelled, one in FY2025.
  const npo = await ok(await sup.post('/api/v1/resources', { name: `ひばり町NPO${suffix}`, category: '民間支援団体（当事者団体・NPO法人等）' }));
  const refer = (c, referred_on) => sup.post(`/api/v1/cases/${c.id}/referrals`, {
    resource_id: npo.id, purpose: '居場所の紹介', basis: '個人情報保護法第27条第1項', basis_reason: '本人の生命を守るため', referred_on,
  });
  await ok(await refer(cases.A, '2024-08-01'));
  const cancelled = await ok(await refer(cases.B, '2024-08-02'));
  await ok(await sup.post(`/api/v1/referrals/${cancelled.id}/events`, { to: '取消', note: '本人の希望で取りやめ', occurred_on: '2024-08-03' }, { 'if-match': `"${cancelled.version}"` }), 200);
  await ok(await refer(cases.A, '2025-04-02'));

  // Meetings: a platform meeting and a case conference in FY2024, another in FY2025.
  for (const [kind, title, held_on] of [
    ['市町村プラットフォーム連絡会', 'ひばり町プラットフォーム連絡会', '2024-10-15'],
    ['ケース会議', 'ケース会議（2月）', '2025-02-20'],
    ['ケース会議', 'ケース会議（4月）', '2025-04-05'],
  ]) await ok(await sup.post('/api/v1/meetings', { kind, title, held_on }));

  // E is closed: its plan and contacts no longer count in the staff load.
  await ok(await sup.post(`/api/v1/cases/${cases.E.id}/status`, { to: '終結', reason: '本人の希望で終結', on: '2025-03-01' }, { 'if-match': `"${(await sup.get(`/api/v1/cases/${cases.E.id}`)).json.version}"` }), 200);

  return { org, users, cases, password: PASSWORD, signIn, admin, sup, aoki };
}
