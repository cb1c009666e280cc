// Groups, sessions and attendance (issue 16). NPO法人ひだまりの家 runs the
// groups: watanabe (居場所スタッフ) and a supervisor made here. さくら市
// ステーション (suzuki) is another organisation; kobayashi is an analyst.
// Attendance is the NPO's record: other organisations see no group, no
// nickname, no session; analysts see figures with small cells hidden; bad
// input is refused in Japanese and writes nothing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn, Client } from '../support/server.mjs';
import { createCase, count, AUDIT_ENTRIES } from '../support/case_rows.mjs';

const tokyoDay = (offsetDays = 0) => new Date(Date.now() + 9 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);
const fiscalYearOf = (day) => { const [y, m] = day.split('-').map(Number); return m >= 4 ? y : y - 1; };
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

for (const kind of DATABASES) {
  describe(`groups (${kind})`, () => {
    let server, watanabe, kinoshita, suzuki, kobayashi, npo, sakura, sakuraCity, aobaTown, ibasho, npoCase, sakuraCase;
    let past, future, hana, kenta, late;
    const rows = (table) => count(server, `SELECT COUNT(*) FROM ${table}`);
    const ifMatch = (v) => ({ 'if-match': `"${v}"` });

    before(async () => {
      server = await startServer({ db: kind });
      const admin = await signedIn(server.url, 'admin');
      const orgs = (await admin.get('/api/v1/organisations')).json.items;
      npo = orgs.find((o) => o.name === 'NPO法人ひだまりの家');
      sakura = orgs.find((o) => o.name === 'さくら市ひきこもり支援ステーション');
      const areas = (await admin.get('/api/v1/areas')).json.items;
      sakuraCity = areas.find((a) => a.name === 'さくら市');
      aobaTown = areas.find((a) => a.name === 'あおば町');
      const u = await admin.post('/api/v1/users', { login: 'kinoshita', display_name: '木下 あかり', role: 'supervisor', organisation_id: npo.id, password: 'hidamari-no-ie-3' });
      assert.equal(u.status, 201, u.text);
      kinoshita = new Client(server.url);
      assert.equal((await kinoshita.login('kinoshita', 'hidamari-no-ie-3')).status, 201);
      [watanabe, suzuki, kobayashi] = await Promise.all(['ibasho_staff', 'coordinator', 'analyst'].map((w) => signedIn(server.url, w)));
      npoCase = await createCase(kinoshita, 'Cさん（30代男性）');
      sakuraCase = await createCase(suzuki, 'Bさん（20代女性）');
    });
    after(async () => { await server?.stop(); });

    test('居場所スタッフ registers a 居場所 with its schedule and the neighbouring town it accepts', async () => {
      const r = await watanabe.post('/api/v1/groups', {
        kind: '居場所', audience: 'どちらも', name: 'ひだまりカフェ', venue: 'ひだまりの家 1階', area_id: sakuraCity.id,
        schedule: { weekdays: EVERY_DAY, weeks: [], starts: '13:00', ends: '16:00' }, capacity: 15, cost: '一部有料',
        cost_note: 'お茶代100円', gender: '指定なし', public_listing: true,
        municipalities: [{ area_id: sakuraCity.id }, { area_id: aobaTown.id, agreement_note: '令和7年度 あおば町と費用按分の協定' }],
      });
      assert.equal(r.status, 201, r.text);
      ibasho = r.json;
      assert.equal(ibasho.organisation_id, npo.id);
      assert.equal(ibasho.schedule_label, '毎週月・火・水・木・金・土・日曜 13:00–16:00');
      assert.equal(ibasho.municipalities.find((m) => m.area_id === aobaTown.id).agreement_note, '令和7年度 あおば町と費用按分の協定');
      assert.equal(r.headers.get('etag'), '"1"');
      assert.ok((await kinoshita.get('/api/v1/groups')).json.items.some((g) => g.id === ibasho.id));
      const weekly = await watanabe.post('/api/v1/groups', { kind: '家族会', audience: '家族', name: '家族のつどい', online: true, schedule: { weekdays: [2], weeks: [2, 4], starts: '13:00', ends: '16:00' } });
      assert.equal(weekly.json.schedule_label, '第2・第4水曜 13:00–16:00');
    });

    test('a wrong group is refused field by field in Japanese; nothing written', async () => {
      const before = rows('groups');
      const r = await watanabe.post('/api/v1/groups', {
        kind: '集い', audience: '本人', name: '', schedule: { weekdays: [1], starts: '16:00', ends: '13:00' },
        municipalities: [{ area_id: 'no-such-area' }],
      });
      assert.equal(r.status, 400);
      const fields = r.json.errors.map((e) => e.field);
      for (const f of ['kind', 'name', 'schedule.ends', 'municipalities[0].area_id', 'venue']) assert.ok(fields.includes(f), `${f}: ${r.text}`);
      assert.match(r.json.errors.find((e) => e.field === 'kind').detail, /種類の値「集い」は選択肢にありません/);
      assert.equal(rows('groups'), before);
    });

    test('another organisation sees none of it; analysts and supporters cannot call group work', async () => {
      assert.equal((await suzuki.get(`/api/v1/groups/${ibasho.id}`)).status, 404);
      assert.equal((await suzuki.get(`/api/v1/groups/${ibasho.id}/participants`)).status, 404);
      assert.ok((await suzuki.get('/api/v1/groups')).json.items.every((g) => g.organisation_id === sakura.id));
      assert.equal((await kobayashi.get('/api/v1/groups')).status, 403);
      assert.equal((await suzuki.put(`/api/v1/groups/${ibasho.id}`, { name: '乗っ取り' }, ifMatch(1))).status, 404);
      assert.equal((await watanabe.get(`/api/v1/groups/${ibasho.id}`)).json.name, 'ひだまりカフェ');
      const denied = count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'denied' AND entity = 'group' AND entity_id = '${ibasho.id}'`);
      assert.ok(denied >= 2);
    });

    test('sessions come from the schedule, once per day, and start 予定', async () => {
      const r = await watanabe.post(`/api/v1/groups/${ibasho.id}/sessions/generate`, { from: tokyoDay(-30), to: tokyoDay(7) });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.items.length, 38);
      assert.ok(r.json.items.every((s) => s.state === '予定' && s.starts === '13:00'));
      const again = await watanabe.post(`/api/v1/groups/${ibasho.id}/sessions/generate`, { from: tokyoDay(-30), to: tokyoDay(7) });
      assert.equal(again.json.items.length, 0);
      const tooLong = await watanabe.post(`/api/v1/groups/${ibasho.id}/sessions/generate`, { from: tokyoDay(-400), to: tokyoDay(7) });
      assert.equal(tooLong.status, 400);
      const list = (await watanabe.get(`/api/v1/groups/${ibasho.id}/sessions?from=${tokyoDay(-20)}&to=${tokyoDay(-20)}`)).json.items;
      assert.equal(list.length, 1);
      past = list[0];
      future = (await watanabe.get(`/api/v1/groups/${ibasho.id}/sessions?from=${tokyoDay(3)}&to=${tokyoDay(3)}`)).json.items[0];
      // 「1回追加する」 on a day that has the session already: refused, not a second record of one gathering.
      const before = rows('group_sessions');
      const same = await watanabe.post(`/api/v1/groups/${ibasho.id}/sessions`, { held_on: tokyoDay(3) });
      assert.equal(same.status, 400);
      assert.match(same.json.errors[0].detail, /この日の13:00からの回は、すでにあります/);
      assert.equal(rows('group_sessions'), before);
      const evening = await watanabe.post(`/api/v1/groups/${ibasho.id}/sessions`, { held_on: tokyoDay(3), starts: '18:00', ends: '20:00' });
      assert.equal(evening.status, 201, evening.text);
      assert.equal((await watanabe.put(`/api/v1/group-sessions/${evening.json.id}`, { state: '中止', cancel_reason: '重複して作ったため' }, ifMatch(evening.json.version))).status, 200);
    });

    test('participants: a case of the organisation, or a nickname only; never a case of another organisation', async () => {
      // 居場所スタッフ see nicknames, not case records: linking a case is the case workers' (kinoshita, the NPO's 所長).
      const byStaff = await watanabe.post(`/api/v1/groups/${ibasho.id}/participants`, { case_id: npoCase, side: '本人' });
      assert.equal(byStaff.status, 400);
      assert.match(byStaff.json.errors[0].detail, /ケースとの結び付けは、相談員・所長等が行います/);
      assert.equal((await watanabe.get(`/api/v1/groups/${ibasho.id}/linkable-cases`)).status, 403);
      const a = await kinoshita.post(`/api/v1/groups/${ibasho.id}/participants`, { case_id: npoCase, side: '本人', municipality_area_id: sakuraCity.id, joined_on: tokyoDay(-30) });
      assert.equal(a.status, 201, a.text);
      kenta = a.json;
      assert.equal(kenta.case_title, 'Cさん（30代男性）');
      assert.equal(kenta.display_name, 'Cさん（30代男性）');
      // What 居場所スタッフ get of the same participant, wherever it comes: no case id, title or stage.
      const seen = (await watanabe.get(`/api/v1/groups/${ibasho.id}/participants`)).json.items.find((p) => p.id === kenta.id);
      assert.deepEqual([seen.case_id, seen.case_title, seen.case_stage, seen.display_name], [null, null, null, '（呼び名なし）']);
      const edited = await watanabe.put(`/api/v1/group-participants/${kenta.id}`, { nickname: 'ケンさん' }, ifMatch(kenta.version));
      assert.equal(edited.status, 200, edited.text);
      assert.deepEqual([edited.json.case_title, edited.json.display_name], [null, 'ケンさん']);
      const stale = await watanabe.put(`/api/v1/group-participants/${kenta.id}`, { nickname: 'x' }, ifMatch(kenta.version));
      assert.equal(stale.status, 412);
      assert.doesNotMatch(stale.text, /Cさん/, 'nor in the current record of a 412');
      assert.equal(count(server, `SELECT COUNT(*) FROM group_participants WHERE id = '${kenta.id}' AND case_id = '${npoCase}'`), 1,
        'their edit keeps the link');
      kenta = (await kinoshita.get(`/api/v1/groups/${ibasho.id}/participants`)).json.items.find((p) => p.id === kenta.id);
      assert.equal(kenta.case_title, 'Cさん（30代男性）');
      const b = await watanabe.post(`/api/v1/groups/${ibasho.id}/participants`, { nickname: 'はなさん', side: '本人', age_band: '20代', municipality_area_id: aobaTown.id, joined_on: tokyoDay(-30) });
      assert.equal(b.status, 201, b.text);
      hana = b.json;
      assert.equal(hana.case_id, null);
      const before = rows('group_participants');
      const other = await kinoshita.post(`/api/v1/groups/${ibasho.id}/participants`, { case_id: sakuraCase, side: '本人' });
      assert.equal(other.status, 400);
      assert.match(other.json.errors[0].detail, /このグループの組織のケースだけ/);
      const nobody = await watanabe.post(`/api/v1/groups/${ibasho.id}/participants`, { side: '家族' });
      assert.equal(nobody.status, 400);
      assert.match(nobody.json.errors[0].detail, /本名は必要ありません/);
      assert.equal(rows('group_participants'), before);
      // The case workers pick a case by its title and stage, nothing more.
      const cases = (await kinoshita.get(`/api/v1/groups/${ibasho.id}/linkable-cases`)).json.items;
      assert.deepEqual(Object.keys(cases[0]).sort(), ['id', 'stage', 'title']);
      assert.ok(cases.every((c) => c.id !== sakuraCase));
    });

    test('check-in: one answer per participant and counters per kind; the session becomes 実施', async () => {
      const view = await watanabe.get(`/api/v1/group-sessions/${past.id}`);
      assert.equal(view.status, 200);
      assert.equal(view.json.can_record, true);
      assert.deepEqual(view.json.participants.map((p) => p.display_name).sort(), ['ケンさん', 'はなさん'].sort());
      assert.ok(view.json.participants.every((p) => p.case_title === null));
      assert.equal(view.json.headcounts.length, 6);
      const r = await watanabe.put(`/api/v1/group-sessions/${past.id}/attendance`, {
        attendance: [{ participant_id: kenta.id, status: '出席' }, { participant_id: hana.id, status: '連絡あり欠席' }],
        headcounts: [{ side: '本人', visit: '初めて', count: 2 }, { side: '家族', visit: '2回目以降', count: 1 }],
      }, ifMatch(past.version));
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.state, '実施');
      assert.equal(r.json.present, 1);
      assert.equal(r.json.anonymous, 3);
      past = r.json;
      const stale = await watanabe.put(`/api/v1/group-sessions/${past.id}/attendance`, { attendance: [] }, ifMatch(1));
      assert.equal(stale.status, 412);
    });

    test('bad attendance: below zero, cancelled or future session, someone else — refused, nothing written', async () => {
      const before = [rows('group_attendance'), rows('group_headcounts')];
      const below = await watanabe.put(`/api/v1/group-sessions/${past.id}/attendance`, {
        attendance: [{ participant_id: hana.id, status: '出席' }], headcounts: [{ side: '本人', visit: '初めて', count: -1 }],
      }, ifMatch(past.version));
      assert.equal(below.status, 400);
      assert.match(below.json.errors[0].detail, /人数は0から/);
      const unknown = await watanabe.put(`/api/v1/group-sessions/${past.id}/attendance`, {
        attendance: [{ participant_id: 'no-such-person', status: '出席' }],
      }, ifMatch(past.version));
      assert.equal(unknown.status, 400);
      const inFuture = await watanabe.put(`/api/v1/group-sessions/${future.id}/attendance`, { attendance: [{ participant_id: hana.id, status: '出席' }] }, ifMatch(future.version));
      assert.equal(inFuture.status, 409);
      assert.equal(inFuture.json.code, 'session_in_future');
      assert.match(inFuture.json.detail, /開催日（.*）の前のため/);

      const target = (await watanabe.get(`/api/v1/groups/${ibasho.id}/sessions?from=${tokyoDay(-10)}&to=${tokyoDay(-10)}`)).json.items[0];
      const noReason = await watanabe.put(`/api/v1/group-sessions/${target.id}`, { state: '中止' }, ifMatch(target.version));
      assert.equal(noReason.status, 400);
      assert.match(noReason.json.errors[0].detail, /理由/);
      const cancelled = await watanabe.put(`/api/v1/group-sessions/${target.id}`, { state: '中止', cancel_reason: '台風のため' }, ifMatch(target.version));
      assert.equal(cancelled.status, 200, cancelled.text);
      assert.equal(cancelled.json.state, '中止');
      const onCancelled = await watanabe.put(`/api/v1/group-sessions/${target.id}/attendance`, { headcounts: [{ side: '本人', visit: '初めて', count: 1 }] }, ifMatch(cancelled.json.version));
      assert.equal(onCancelled.status, 409);
      assert.equal(onCancelled.json.code, 'session_cancelled');
      assert.equal((await watanabe.get(`/api/v1/group-sessions/${target.id}`)).json.can_record, false);
      assert.deepEqual([rows('group_attendance'), rows('group_headcounts')], before);
      // Another organisation cannot reach the session at all.
      assert.equal((await suzuki.put(`/api/v1/group-sessions/${past.id}/attendance`, { attendance: [] }, ifMatch(past.version))).status, 404);
      assert.equal((await suzuki.get(`/api/v1/group-sessions/${past.id}`)).status, 404);
    });

    test('a held session cannot be cancelled afterwards, nor go back to 予定 while attendance is kept', async () => {
      const r = await watanabe.put(`/api/v1/group-sessions/${past.id}`, { state: '中止', cancel_reason: 'x' }, ifMatch(past.version));
      assert.equal(r.status, 409);
      assert.equal(r.json.code, 'invalid_transition');
      const back = await watanabe.put(`/api/v1/group-sessions/${past.id}`, { state: '予定' }, ifMatch(past.version));
      assert.equal(back.status, 409);
      assert.equal(back.json.code, 'session_has_attendance');
      const note = await watanabe.put(`/api/v1/group-sessions/${past.id}`, { note: '雨で少なめ。はなさんは連絡あり。', room: '和室' }, ifMatch(past.version));
      assert.equal(note.status, 200, note.text);
      past = note.json;
    });

    test('a late joiner is not listed on earlier sessions and cannot be marked absent there', async () => {
      const r = await watanabe.post(`/api/v1/groups/${ibasho.id}/participants`, { nickname: 'あとから', side: '家族', joined_on: tokyoDay(-5) });
      late = r.json;
      const view = (await watanabe.get(`/api/v1/group-sessions/${past.id}`)).json;
      assert.ok(!view.participants.some((p) => p.id === late.id));
      const absent = await watanabe.put(`/api/v1/group-sessions/${past.id}/attendance`, { attendance: [{ participant_id: late.id, status: '欠席' }] }, ifMatch(past.version));
      assert.equal(absent.status, 400);
      // 「あとから」 is addressed as あとからさん; a 呼び名 that ends in さん gets no second one.
      assert.match(absent.json.errors[0].detail, /^あとからさんはこの回の時点で参加者ではありません/);
      const twice = await watanabe.put(`/api/v1/group-sessions/${past.id}/attendance`,
        { attendance: [{ participant_id: hana.id, status: '出席' }, { participant_id: hana.id, status: '出席' }] }, ifMatch(past.version));
      assert.equal(twice.status, 400);
      assert.match(twice.json.errors[0].detail, /^はなさんが2回指定されています/);
    });

    test('figures: 実人数 against 延べ, anonymous apart, and someone who left still counts', async () => {
      // Two more sessions: kenta again, hana once, late once, anonymous headcounts.
      const days = [-3, -2].map((d) => tokyoDay(d));
      for (const [i, day] of days.entries()) {
        const s = (await watanabe.get(`/api/v1/groups/${ibasho.id}/sessions?from=${day}&to=${day}`)).json.items[0];
        const att = [{ participant_id: kenta.id, status: '出席' }];
        if (i === 0) att.push({ participant_id: hana.id, status: '出席' }, { participant_id: late.id, status: '出席' });
        const r = await watanabe.put(`/api/v1/group-sessions/${s.id}/attendance`, { attendance: att, headcounts: [{ side: 'その他', visit: '初めて', count: 4 }] }, ifMatch(s.version));
        assert.equal(r.status, 200, r.text);
      }
      // hana leaves; her attendance stays in the counts.
      const left = await watanabe.put(`/api/v1/group-participants/${hana.id}`, { left_on: tokyoDay(-1), left_note: '就労体験へ' }, ifMatch(hana.version));
      assert.equal(left.status, 200, left.text);
      const fy = fiscalYearOf(tokyoDay(-3));
      const f = await kinoshita.get(`/api/v1/groups/${ibasho.id}/figures?fiscal_year=${fy}`);
      assert.equal(f.status, 200, f.text);
      assert.equal(f.json.suppressed, false);
      const months = f.json.tables.find((t) => t.id === 'group_months');
      const total = months.rows.at(-1);
      const col = (key) => months.columns.findIndex((c) => c.key === key);
      // In the sessions of this fiscal year: kenta up to 3 times, hana once, late once.
      const inYear = [-20, -3, -2].filter((d) => fiscalYearOf(tokyoDay(d)) === fy).length;
      assert.equal(total[0], '年度合計');
      assert.ok(total[col('participants')] <= 3);
      assert.ok(total[col('visits')] >= total[col('participants')]);
      if (inYear === 3) {
        assert.equal(total[col('participants')], 3);
        assert.equal(total[col('visits')], 5);
        assert.equal(total[col('anonymous_visits')], 11);
        assert.equal(total[col('all_visits')], 16);
        const sides = f.json.tables.find((t) => t.id === 'group_sides');
        assert.deepEqual(sides.rows.map((r) => r.slice(0, 2)), [['本人', 2], ['家族', 1], ['その他', 0]]);
        const places = f.json.tables.find((t) => t.id === 'group_municipalities');
        assert.deepEqual(places.rows.find((r) => r[0] === 'あおば町'), ['あおば町', 1]);
        const back = f.json.tables.find((t) => t.id === 'group_returning');
        assert.deepEqual(back.rows[0].slice(1, 3), [3, 1]);
      }
      // Analysts: aggregates only, small person counts hidden.
      const a = await kobayashi.get(`/api/v1/groups/${ibasho.id}/figures?fiscal_year=${fy}`);
      assert.equal(a.status, 200);
      assert.equal(a.json.suppressed, true);
      const family = (j) => j.tables.find((t) => t.id === 'group_sides').rows.find((r) => r[0] === '家族');
      assert.equal(family(f.json)[1], 1);
      assert.equal(family(a.json)[1], null);
      assert.equal(family(a.json)[3], family(f.json)[3]);  // anonymous visits are not persons
      assert.equal((await kobayashi.get(`/api/v1/groups/${ibasho.id}/participants`)).status, 403);
      const csv = await kinoshita.get(`/api/v1/groups/${ibasho.id}/figures?fiscal_year=${fy}&format=csv`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type'), /text\/csv/);
      assert.match(csv.text, /延べ人数（匿名の人数）/);
      const xlsx = await kinoshita.get(`/api/v1/groups/${ibasho.id}/figures?fiscal_year=${fy}&format=xlsx`);
      assert.equal(xlsx.status, 200);
      const org = await kobayashi.get(`/api/v1/reports/groups?organisation=${npo.id}&fiscal_year=${fy}`);
      assert.equal(org.status, 200, org.text);
      assert.equal(org.json.suppressed, true);
      // The organisation's table (SQL aggregates) says what the group's own figures (GroupTally) say.
      const full = (await kinoshita.get(`/api/v1/reports/groups?fiscal_year=${fy}`)).json.tables[0];
      const row = full.rows.find((r) => r[0] === 'ひだまりカフェ');
      const byKey = (t, r) => Object.fromEntries(t.columns.map((c, i) => [c.key, r[i]]));
      const { label: _a, kind: _k, ...orgRow } = byKey(full, row);
      const { label: _b, ...groupRow } = byKey(months, total);
      assert.deepEqual(orgRow, groupRow);
      assert.equal((await suzuki.get(`/api/v1/reports/groups?organisation=${npo.id}`)).status, 404);
    });

    test('a series: numbered sessions and completion per participant', async () => {
      const craft = (await kinoshita.post('/api/v1/groups', {
        kind: 'CRAFT プログラム', audience: '家族', name: 'CRAFT 家族プログラム', venue: '会議室', series_total: 3, series_required: 2,
        schedule: { weekdays: EVERY_DAY, weeks: [], starts: '10:00', ends: '12:00' },
      })).json;
      const made = (await kinoshita.post(`/api/v1/groups/${craft.id}/sessions/generate`, { from: tokyoDay(-6), to: tokyoDay(-1) })).json.items;
      assert.deepEqual(made.map((s) => s.series_number), [1, 2, 3]);
      const mother = (await kinoshita.post(`/api/v1/groups/${craft.id}/participants`, { nickname: 'Aさんの母', side: '家族', joined_on: tokyoDay(-6) })).json;
      for (const s of made.slice(0, 2))
        assert.equal((await kinoshita.put(`/api/v1/group-sessions/${s.id}/attendance`, { attendance: [{ participant_id: mother.id, status: '出席' }] }, ifMatch(s.version))).status, 200);
      const series = (await watanabe.get(`/api/v1/groups/${craft.id}/series`)).json;
      assert.deepEqual(series.items.map((i) => [i.display_name, i.attended, i.completed]), [['Aさんの母', 2, true]]);
    });

    test('another organisation sees attendance on its case timeline only under 本人同意, without the nickname', async () => {
      // kenta's NPO case came from さくら市's case by referral; until then the centre sees nothing.
      const timeline = async () => (await suzuki.get(`/api/v1/cases/${sakuraCase}/timeline?kinds=group`)).json.items;
      assert.deepEqual(await timeline(), []);
      const sato = await signedIn(server.url, 'supervisor');
      const resource = (await sato.post('/api/v1/resources', { name: 'ひだまりの家', category: '民間支援団体（当事者団体・NPO法人等）', linked_organisation_id: npo.id })).json;
      const consent = (await suzuki.post(`/api/v1/cases/${sakuraCase}/consents`, {
        given_by: '本人', method: '書面', given_on: tokyoDay(), scope: ['summary'], destination_resource_id: resource.id,
      })).json;
      const referral = await suzuki.post(`/api/v1/cases/${sakuraCase}/referrals`, {
        resource_id: resource.id, purpose: '居場所の利用を本人が希望', basis: '本人同意', consent_id: consent.id, shared_parts: ['summary'],
      });
      assert.equal(referral.status, 201, referral.text);
      const accepted = await kinoshita.post(`/api/v1/referrals/${referral.json.id}/accept`, { case_id: npoCase });
      assert.equal(accepted.status, 200, accepted.text);
      const shared = await timeline();
      assert.ok(shared.length >= 1, JSON.stringify(shared));
      assert.ok(shared.every((e) => e.kind === 'group' && e.summary.includes('NPO法人ひだまりの家') && e.by === null));
      assert.ok(shared.every((e) => !e.summary.includes('Cさん') && !e.summary.includes('はなさん')));
      // The NPO's own case shows its attendance too.
      const own = (await kinoshita.get(`/api/v1/cases/${npoCase}/timeline?kinds=group`)).json.items;
      assert.equal(own.length, shared.length);
      // Consent withdrawn: the centre sees nothing any more.
      const w = await suzuki.post(`/api/v1/cases/${sakuraCase}/consents/${consent.id}/withdraw`, { withdrawal_note: '本人より' }, ifMatch(consent.version));
      assert.equal(w.status, 200, w.text);
      assert.deepEqual(await timeline(), []);
    });

    test('the requirement matrix counts the 居場所 sessions held as evidence for ②', async () => {
      const fy = fiscalYearOf(tokyoDay());
      const held = count(server, `SELECT COUNT(*) FROM group_sessions x JOIN groups g ON g.id = x.group_id WHERE g.organisation_id = '${npo.id}' AND g.kind = '居場所' AND x.state = '実施' AND x.held_on >= '${fy}-04-01' AND x.held_on <= '${fy + 1}-03-31'`);
      assert.ok(held >= 1);
      const r = await kinoshita.get(`/api/v1/reports/requirements?fiscal_year=${fy}`);
      assert.equal(r.status, 200, r.text);
      const second = r.json.activities.find((a) => a.number === 2);
      assert.deepEqual(second.evidence, [{ label: '居場所の開催', count: held, unit: '回' }]);
    });

    test('reads of participants and check-in are audited', async () => {
      const before = count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND entity = 'group_participant'`);
      assert.equal((await watanabe.get(`/api/v1/groups/${ibasho.id}/participants`)).status, 200);
      assert.equal(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND entity = 'group_participant'`), before + 1);
      const writes = count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'update' AND entity = 'group_attendance'`);
      assert.ok(writes >= 3);
    });
  });
}
