// Supporters, trainings and dispatch (issue 17). NPO法人ひだまりの家 keeps the
// register: hayashi (coordinator, demo) and nishida (a second coordinator made
// here) book supporters from the NPO's cases; yamamoto (demo supporter,
// 山本 ゆう) and ueda (a supporter made here) sign in and see their own
// dispatches only, and of each only what the activity needs. さくら市
// ステーション (suzuki) is another organisation. Bad input is refused in
// Japanese and writes nothing; two coordinators booking one supporter at
// once get one booking.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn, Client } from '../support/server.mjs';
import { count, sql, AUDIT_ENTRIES } from '../support/case_rows.mjs';
import { begunToday } from '../support/begun_today.mjs';

const tokyoDay = (offsetDays = 0) => new Date(Date.now() + 9 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);
const ifMatch = (v) => ({ 'if-match': `"${v}"` });

for (const kind of DATABASES) {
  describe(`supporters (${kind})`, () => {
    let server, admin, hayashi, nishida, yamamoto, ueda, suzuki, watanabe, npo, sakuraCity;
    let npoCase, otherCase, ueda_supporter, course, expiredSupporter;
    let reportedDay; // the day of ueda's reported activity, whose month the statement shows
    const rows = (table) => count(server, `SELECT COUNT(*) FROM ${table}`);
    const booking = (supporterId, day, starts = '10:00', ends = '12:00', extra = {}) => ({
      supporter_id: supporterId, activity: '訪問同行', date: day, starts, ends, place: '本人の自宅',
      meeting_point: 'さくら中央駅 東口', nickname: 'だいちゃん', note_for_supporter: '玄関先で10分ほど。', call_name: '林',
      call_phone: '0120-000-111', wishes: { same_sex: true, same_generation: false, peer: true }, ...extra,
    });

    before(async () => {
      server = await startServer({ db: kind });
      admin = await signedIn(server.url, 'admin');
      const orgs = (await admin.get('/api/v1/organisations')).json.items;
      npo = orgs.find((o) => o.name === 'NPO法人ひだまりの家');
      sakuraCity = (await admin.get('/api/v1/areas')).json.items.find((a) => a.name === 'さくら市');
      for (const [login, role] of [['nishida', 'coordinator'], ['ueda', 'supporter']]) {
        const u = await admin.post('/api/v1/users', { login, display_name: `${login} さん`, role, organisation_id: npo.id, password: 'hidamari-no-ie-3' });
        assert.equal(u.status, 201, u.text);
      }
      nishida = new Client(server.url);
      assert.equal((await nishida.login('nishida', 'hidamari-no-ie-3')).status, 201);
      ueda = new Client(server.url);
      assert.equal((await ueda.login('ueda', 'hidamari-no-ie-3')).status, 201);
      [hayashi, yamamoto, suzuki, watanabe] = await Promise.all(['npo_coordinator', 'supporter', 'coordinator', 'ibasho_staff'].map((w) => signedIn(server.url, w)));
      npoCase = (await hayashi.get('/api/v1/cases?limit=50')).json.items.find((c) => c.title.startsWith('N01'));
      otherCase = (await suzuki.get('/api/v1/cases?limit=1')).json.items[0];
      assert.ok(npoCase && otherCase);
    });
    after(async () => { await server?.stop(); });

    test('register: a supporter linked to their sign-in, contact details sealed at rest', async () => {
      const users = (await admin.get('/api/v1/users')).json.items;
      const uedaUser = users.find((u) => u.login === 'ueda');
      const r = await hayashi.post('/api/v1/supporters', {
        kind: 'ピアサポーター', name: '上田 こう', user_id: uedaUser.id, sex: '男性', age_band: '20代', area_id: sakuraCity.id,
        activities: ['訪問同行', '電話・オンライン'], availability: '土日の午後', languages: ['日本語', 'English'],
        experience_note: '高校のころ2年間ひきこもっていました。', contact: { phone: '090-9999-1234', email: 'ueda@example.jp' },
      });
      assert.equal(r.status, 201, r.text);
      ueda_supporter = r.json;
      assert.equal(ueda_supporter.organisation_id, npo.id);
      assert.equal(ueda_supporter.peer, true);
      assert.deepEqual(ueda_supporter.contact, { phone: '090-9999-1234', email: 'ueda@example.jp' });
      assert.deepEqual(ueda_supporter.qualification_statuses.map((s) => s.status), ['未取得', '未取得']);
      const stored = sql(server, `SELECT contact_sealed FROM supporters WHERE id = '${ueda_supporter.id}'`);
      assert.ok(stored.trim().length > 20);
      assert.ok(!stored.includes('9999') && !stored.includes('example.jp'), 'the contact details are sealed');
      // The list keeps them sealed; the detail opens them, audited.
      const list = (await hayashi.get('/api/v1/supporters')).json.items;
      assert.equal(list.find((s) => s.id === ueda_supporter.id).contact, null);
      assert.equal((await hayashi.get(`/api/v1/supporters/${ueda_supporter.id}`)).json.contact.phone, '090-9999-1234');
      assert.ok(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND entity = 'supporter' AND entity_id = '${ueda_supporter.id}'`) >= 1);
    });

    test('register: bad input is refused field by field in Japanese, nothing written', async () => {
      const before = rows('supporters');
      const users = (await admin.get('/api/v1/users')).json.items;
      const r = await hayashi.post('/api/v1/supporters', {
        kind: 'ヘルパー', name: '', user_id: users.find((u) => u.login === 'hayashi').id, activities: ['草むしり'],
        contact: { phone: 'abc', fax: '1' }, age_band: '25歳',
      });
      assert.equal(r.status, 400);
      const fields = Object.fromEntries(r.json.errors.map((e) => [e.field, e.detail]));
      for (const f of ['kind', 'name', 'user_id', 'activities', 'contact.phone', 'contact.fax', 'age_band']) assert.ok(f in fields, `${f}: ${r.text}`);
      assert.match(fields.kind, /種別の値「ヘルパー」は選択肢にありません/);
      assert.match(fields.user_id, /役割を「サポーター」に/);
      assert.match(fields.activities, /選択肢にありません/);
      // A user already linked to another supporter.
      const again = await hayashi.post('/api/v1/supporters', { kind: 'サポーター', name: '二重', activities: ['訪問同行'], user_id: ueda_supporter.user_id });
      assert.equal(again.status, 400);
      assert.match(again.json.errors[0].detail, /すでに別のサポーター/);
      const malformed = await hayashi.request('POST', '/api/v1/supporters', '{"kind":', { 'content-type': 'application/json' });
      assert.equal(malformed.status, 400);
      assert.equal(rows('supporters'), before);
    });

    test('training: sessions, attendance, completion grants qualifications with an expiry', async () => {
      const bad = await hayashi.post('/api/v1/training-courses', { kind: '勉強会', title: '', qualifies: ['空を飛ぶ'], sessions_required: 0 });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['kind', 'qualifies', 'sessions_required', 'title']);
      const c = await hayashi.post('/api/v1/training-courses', { kind: '養成講座', title: 'テスト養成講座', qualifies: ['訪問同行', '電話・オンライン'], validity_months: 12, sessions_required: 2 });
      assert.equal(c.status, 201, c.text);
      course = c.json;
      const s1 = await hayashi.post(`/api/v1/training-courses/${course.id}/sessions`, { held_on: tokyoDay(-14), title: '第1回' });
      const s2 = await hayashi.post(`/api/v1/training-courses/${course.id}/sessions`, { held_on: tokyoDay(-7), title: '第2回' });
      const s3 = await hayashi.post(`/api/v1/training-courses/${course.id}/sessions`, { held_on: tokyoDay(7), title: '第3回' });
      assert.equal(s1.status, 201, s1.text);
      assert.equal((await hayashi.put(`/api/v1/training-sessions/${s1.json.id}/attendance`, { supporter_ids: [ueda_supporter.id] })).status, 200);
      // One session is not enough.
      const early = await hayashi.post(`/api/v1/training-courses/${course.id}/completions`, { supporter_id: ueda_supporter.id });
      assert.equal(early.status, 409);
      assert.equal(early.json.code, 'course_not_completed');
      assert.match(early.json.detail, /2 回の出席が必要です（いまの出席は 1 回）/);
      // A future session takes no attendance; a stranger is not an attendee.
      const future = await hayashi.put(`/api/v1/training-sessions/${s3.json.id}/attendance`, { supporter_ids: [ueda_supporter.id] });
      assert.equal(future.status, 409);
      assert.equal(future.json.code, 'session_in_future');
      const stranger = await hayashi.put(`/api/v1/training-sessions/${s2.json.id}/attendance`, { supporter_ids: ['no-such'] });
      assert.equal(stranger.status, 400);
      assert.equal((await hayashi.put(`/api/v1/training-sessions/${s2.json.id}/attendance`, { supporter_ids: [ueda_supporter.id] })).status, 200);
      const before = rows('supporter_qualifications');
      const done = await hayashi.post(`/api/v1/training-courses/${course.id}/completions`, { supporter_id: ueda_supporter.id, completed_on: tokyoDay(-7) });
      assert.equal(done.status, 201, done.text);
      assert.equal(done.json.granted.length, 2);
      assert.equal(rows('supporter_qualifications'), before + 2);
      const detail = (await hayashi.get(`/api/v1/supporters/${ueda_supporter.id}`)).json;
      assert.deepEqual(detail.qualification_statuses.map((s) => s.status), ['有効', '有効']);
      const courseView = (await hayashi.get(`/api/v1/training-courses/${course.id}`)).json;
      assert.equal(courseView.sessions.length, 3);
      assert.deepEqual(courseView.supporters.find((s) => s.supporter_id === ueda_supporter.id), { supporter_id: ueda_supporter.id, name: '上田 こう', kind: 'ピアサポーター', attended: 2, completed: true });
      // The supporter sees their own trainings and validity.
      const mine = (await ueda.get('/api/v1/my/supporter')).json;
      assert.equal(mine.trainings.length, 2);
      assert.equal(mine.qualification_statuses[0].status, '有効');
      assert.equal(mine.experience_note, undefined);
    });

    test('支援者の相談の場: regular sessions with attendance, granting nothing', async () => {
      const c = await hayashi.post('/api/v1/training-courses', { kind: '支援者の相談の場', title: 'サポーターの集い（月1回）', sessions_required: 1 });
      assert.equal(c.status, 201, c.text);
      const s = (await hayashi.post(`/api/v1/training-courses/${c.json.id}/sessions`, { held_on: tokyoDay(-3), title: '12月の集い' })).json;
      assert.equal((await hayashi.put(`/api/v1/training-sessions/${s.id}/attendance`, { supporter_ids: [ueda_supporter.id] })).status, 200);
      const done = await hayashi.post(`/api/v1/training-courses/${c.json.id}/completions`, { supporter_id: ueda_supporter.id });
      assert.equal(done.status, 201);
      assert.deepEqual(done.json.granted, []);
      const mine = (await ueda.get('/api/v1/my/supporter')).json;
      assert.ok(mine.trainings.some((t) => t.course_kind === '支援者の相談の場' && t.session_title === '12月の集い'));
    });

    test('an expired qualification refuses the dispatch; the warning shows before expiry', async () => {
      const s = await hayashi.post('/api/v1/supporters', { kind: 'サポーター', name: '期限 きれ子', sex: '女性', activities: ['訪問同行'] });
      expiredSupporter = s.json;
      const old = (await hayashi.post('/api/v1/training-courses', { kind: 'フォローアップ研修', title: '昔の研修', qualifies: ['訪問同行'], validity_months: 12, sessions_required: 1 })).json;
      const session = (await hayashi.post(`/api/v1/training-courses/${old.id}/sessions`, { held_on: '2024-04-10' })).json;
      await hayashi.put(`/api/v1/training-sessions/${session.id}/attendance`, { supporter_ids: [expiredSupporter.id] });
      const done = await hayashi.post(`/api/v1/training-courses/${old.id}/completions`, { supporter_id: expiredSupporter.id, completed_on: '2024-04-10' });
      assert.equal(done.json.granted[0].expires_on, '2025-04-09');
      assert.equal((await hayashi.get(`/api/v1/supporters/${expiredSupporter.id}`)).json.qualification_statuses[0].status, '期限切れ');
      const before = rows('dispatches');
      const r = await hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`, booking(expiredSupporter.id, tokyoDay(3)));
      assert.equal(r.status, 409);
      assert.equal(r.json.code, 'qualification_invalid');
      assert.match(r.json.detail, /有効な「訪問同行」の資格がありません/);
      assert.equal(rows('dispatches'), before);
      // The demo's 藤井 まさと: 訪問同行 expires within the warning days.
      const fujii = (await hayashi.get('/api/v1/supporters')).json.items.find((x) => x.name === '藤井 まさと');
      assert.equal(fujii.qualification_statuses.find((x) => x.activity === '訪問同行').status, '期限が近い');
    });

    test('candidates are suggested with reasons; nobody is booked by asking', async () => {
      const before = rows('dispatches');
      const q = `activity=${encodeURIComponent('訪問同行')}&date=${tokyoDay(20)}&starts=10:00&ends=12:00&same_sex=true&peer=true`;
      const r = await hayashi.get(`/api/v1/cases/${npoCase.id}/dispatch-candidates?${q}`);
      assert.equal(r.status, 200, r.text);
      const byName = Object.fromEntries(r.json.items.map((i) => [i.supporter.name, i]));
      assert.equal(byName['上田 こう'].excluded, false);
      assert.ok(byName['上田 こう'].reasons.includes('本人の希望（同性）に合います'), JSON.stringify(byName['上田 こう']));
      assert.ok(byName['上田 こう'].reasons.includes('本人の希望（ピア）に合います'));
      assert.equal(byName['期限 きれ子'].excluded, true);
      assert.ok(byName['小川 ひとみ'].cautions.some((c) => /資格がありません|ピアの立場/.test(c)));
      const firstExcluded = r.json.items.findIndex((i) => i.excluded);
      assert.ok(r.json.items.slice(firstExcluded).every((i) => i.excluded), 'excluded candidates come last');
      assert.equal(rows('dispatches'), before);
      const bad = await hayashi.get(`/api/v1/cases/${npoCase.id}/dispatch-candidates?activity=x&date=2026-13-01&starts=25:00`);
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['activity', 'date', 'ends', 'starts']);
      assert.equal((await suzuki.get(`/api/v1/cases/${npoCase.id}/dispatch-candidates?${q}`)).status, 404);
    });

    test('dispatch: bad input in Japanese, nothing written', async () => {
      const before = rows('dispatches');
      const r = await hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`, {
        supporter_id: 'no-such', activity: '草むしり', date: tokyoDay(-1), starts: '12:00', ends: '11:00',
        place: '', meeting_point: '', nickname: '', call_name: '', call_phone: 'abc', wishes: { same_sex: 'yes' },
      });
      assert.equal(r.status, 400);
      const fields = Object.fromEntries(r.json.errors.map((e) => [e.field, e.detail]));
      for (const f of ['supporter_id', 'activity', 'date', 'ends', 'place', 'meeting_point', 'nickname', 'call_name', 'call_phone', 'wishes.same_sex'])
        assert.ok(f in fields, `${f}: ${r.text}`);
      assert.match(fields.date, /今日以降/);
      const reversed = await hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`, booking(ueda_supporter.id, tokyoDay(2), '12:00', '11:00'));
      assert.equal(reversed.status, 400);
      assert.match(reversed.json.errors.find((e) => e.field === 'ends').detail, /終了の時刻は開始より後/);
      // Another organisation's supporter cannot be booked on this case, nor this case by another organisation.
      const sakuraBooking = await suzuki.post(`/api/v1/cases/${otherCase.id}/dispatches`, booking(ueda_supporter.id, tokyoDay(2)));
      assert.equal(sakuraBooking.status, 400);
      assert.match(sakuraBooking.json.errors[0].detail, /その組織あての本人同意の記録か、その組織が参加した支援会議を選んでください/);
      assert.equal((await suzuki.post(`/api/v1/cases/${npoCase.id}/dispatches`, booking(ueda_supporter.id, tokyoDay(2)))).status, 404);
      assert.equal(rows('dispatches'), before);
    });

    test('two coordinators booking one supporter at once: one booking, the others refused', async () => {
      const before = rows('dispatches');
      const day = tokyoDay(30);
      // Every two of these overlap, so exactly one can be booked, whichever comes first.
      const attempts = await Promise.all([
        hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`, booking(ueda_supporter.id, day, '10:00', '12:00')),
        nishida.post(`/api/v1/cases/${npoCase.id}/dispatches`, booking(ueda_supporter.id, day, '11:00', '13:00')),
        hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`, booking(ueda_supporter.id, day, '09:30', '11:30')),
        nishida.post(`/api/v1/cases/${npoCase.id}/dispatches`, booking(ueda_supporter.id, day, '10:00', '12:00')),
      ]);
      const statuses = attempts.map((a) => a.status).sort();
      assert.deepEqual(statuses, [201, 409, 409, 409], attempts.map((a) => a.text).join('\n'));
      for (const a of attempts.filter((x) => x.status === 409)) {
        assert.equal(a.json.code, 'supporter_double_booked');
        assert.match(a.json.detail, /同じ時間に別の派遣が入っています/);
      }
      assert.equal(rows('dispatches'), before + 1);
      // Back to back is not an overlap.
      const next = await nishida.post(`/api/v1/cases/${npoCase.id}/dispatches`, booking(ueda_supporter.id, day, '13:00', '14:00'));
      assert.equal(next.status, 201, next.text);
    });

    test('the supporter sees only what the activity needs, and nothing after the report', async () => {
      reportedDay = await begunToday(0);
      const d = await hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`, booking(ueda_supporter.id, reportedDay, '00:00', '00:01'));
      assert.equal(d.status, 201, d.text);
      assert.equal(d.json.state, '依頼');
      const mine = (await ueda.get('/api/v1/my/dispatches')).json.items;
      assert.ok(mine.length >= 3);
      const view = mine.find((x) => x.id === d.json.id);
      assert.deepEqual(Object.keys(view).sort(), ['activity', 'answered_at', 'call_name', 'call_phone', 'cancelled_at', 'details_open', 'done_at',
        'ends_at', 'group_name', 'id', 'meeting_point', 'nickname', 'note_for_supporter', 'reflection', 'reported_at', 'requested_at', 'starts_at', 'state', 'version']);
      assert.equal(view.nickname, 'だいちゃん');
      assert.equal(view.meeting_point, 'さくら中央駅 東口');
      const text = JSON.stringify(mine);
      for (const secret of [npoCase.id, npoCase.title, '本人の自宅', 'case_id', 'wishes']) assert.ok(!text.includes(secret), secret);
      // Nothing of the case, nothing of the coordinators' screens, no one else's dispatch.
      for (const path of [`/api/v1/cases/${npoCase.id}`, `/api/v1/cases/${npoCase.id}/dispatches`, `/api/v1/cases/${npoCase.id}/timeline`,
        `/api/v1/dispatches/${d.json.id}`, '/api/v1/dispatches', '/api/v1/supporters', `/api/v1/supporters/${ueda_supporter.id}`, '/api/v1/training-courses', '/api/v1/cases', '/api/v1/persons'])
        assert.equal((await ueda.get(path)).status, 403, path);
      const yamamotosOwn = (await yamamoto.get('/api/v1/my/dispatches')).json.items;
      assert.ok(yamamotosOwn.length >= 2);
      assert.ok(yamamotosOwn.every((x) => x.id !== d.json.id));
      const foreign = await yamamoto.get(`/api/v1/my/dispatches/${d.json.id}`);
      assert.equal(foreign.status, 404);
      assert.equal((await yamamoto.post(`/api/v1/my/dispatches/${d.json.id}/answer`, { answer: '承諾' }, ifMatch(1))).status, 404);
      assert.equal((await ueda.get(`/api/v1/my/dispatches/${yamamotosOwn[0].id}`)).status, 404);
      assert.ok(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'denied' AND entity = 'dispatch' AND entity_id = '${d.json.id}'`) >= 1);
      // Every view is audited.
      const one = await ueda.get(`/api/v1/my/dispatches/${d.json.id}`);
      assert.equal(one.status, 200);
      assert.equal(one.headers.get('etag'), '"1"');
      assert.ok(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND entity = 'dispatch' AND entity_id = '${d.json.id}'`) >= 1);

      // Accept, then report.
      const bad = await ueda.post(`/api/v1/my/dispatches/${d.json.id}/answer`, { answer: '実施' }, ifMatch(1));
      assert.equal(bad.status, 400);
      const accepted = await ueda.post(`/api/v1/my/dispatches/${d.json.id}/answer`, { answer: '承諾' }, ifMatch(1));
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal(accepted.json.state, '承諾');
      const stale = await ueda.post(`/api/v1/my/dispatches/${d.json.id}/report`, { what_happened: '話した' }, ifMatch(1));
      assert.equal(stale.status, 412);
      const empty = await ueda.post(`/api/v1/my/dispatches/${d.json.id}/report`, { what_happened: '' }, ifMatch(2));
      assert.equal(empty.status, 400);
      assert.match(empty.json.errors[0].detail, /どんなことをしたか/);
      const reported = await ueda.post(`/api/v1/my/dispatches/${d.json.id}/report`, { what_happened: '玄関先で話した', how_seemed: '落ち着いていた', urgent: true, minutes: 30, transport_yen: 420, reflection: '沈黙が続いても焦らないでいられた' }, ifMatch(2));
      assert.equal(reported.status, 200, reported.text);
      assert.equal(reported.json.state, '報告済み');
      assert.equal(reported.json.details_open, false);
      for (const k of ['nickname', 'meeting_point', 'note_for_supporter', 'call_name', 'call_phone']) assert.ok(!(k in reported.json), k);
      const after = (await ueda.get(`/api/v1/my/dispatches/${d.json.id}`)).json;
      assert.equal(after.nickname, undefined);
      assert.ok(!JSON.stringify((await ueda.get('/api/v1/my/dispatches')).json.items.find((x) => x.id === d.json.id)).includes('だいちゃん'));
      // The coordinator sees the report, each step dated, and it shows on the case's timeline.
      const full = (await hayashi.get(`/api/v1/dispatches/${d.json.id}`)).json;
      assert.equal(full.report_text, '玄関先で話した');
      assert.equal(full.report_urgent, true);
      assert.equal(full.hours_minutes, 30);
      assert.equal(full.transport_yen, 420);
      assert.equal(full.reflection, '沈黙が続いても焦らないでいられた');
      assert.equal(after.reflection, '沈黙が続いても焦らないでいられた'); // the supporter keeps their own words
      for (const k of ['requested_at', 'answered_at', 'done_at', 'reported_at']) assert.ok(full[k], k);
      const timeline = (await hayashi.get(`/api/v1/cases/${npoCase.id}/timeline?kinds=dispatch`)).json.items;
      assert.ok(timeline.some((e) => e.kind === 'dispatch' && e.ref_id === d.json.id), JSON.stringify(timeline));
      // The urgent mark reaches the coordinators' board at once, until the report is taken into the case.
      const urgent = (await hayashi.get('/api/v1/dispatches?urgent=true')).json.items;
      assert.deepEqual(urgent.map((x) => x.id), [d.json.id]);
      // The report becomes case work only when the coordinator accepts it, once.
      const contactsBefore = rows('contacts');
      const noMet = await hayashi.post(`/api/v1/dispatches/${d.json.id}/accept-report`, {}, ifMatch(full.version));
      assert.equal(noMet.status, 400);
      assert.equal(rows('contacts'), contactsBefore);
      const accepted2 = await hayashi.post(`/api/v1/dispatches/${d.json.id}/accept-report`, { subject_met: true }, ifMatch(full.version));
      assert.equal(accepted2.status, 200, accepted2.text);
      assert.equal(rows('contacts'), contactsBefore + 1);
      const contact = (await hayashi.get(`/api/v1/contacts/${accepted2.json.report_contact_id}`)).json;
      assert.equal(contact.channel, 'その他（訪問等）');
      assert.equal(contact.sub_kind, '訪問');
      assert.equal(contact.duration_minutes, 30);
      assert.match(contact.note, /玄関先で話した/);
      assert.ok(!contact.note.includes('沈黙'), 'the reflection is not case work');
      assert.deepEqual((await hayashi.get('/api/v1/dispatches?urgent=true')).json.items, []);
      const twice = await hayashi.post(`/api/v1/dispatches/${d.json.id}/accept-report`, { subject_met: true }, ifMatch(accepted2.json.version));
      assert.equal(twice.status, 409);
      assert.equal(twice.json.code, 'report_already_accepted');
      assert.equal(rows('contacts'), contactsBefore + 1);
      // A reported dispatch is final.
      const again = await hayashi.post(`/api/v1/dispatches/${d.json.id}/state`, { state: '取消', reason: 'x' }, ifMatch(accepted2.json.version));
      assert.equal(again.status, 409);
      assert.equal(again.json.code, 'invalid_transition');
    });

    test('the state machine: decline, cancel with a reason, no report before the activity', async () => {
      const day = tokyoDay(40);
      const a = (await hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`, booking(ueda_supporter.id, day, '10:00', '11:00'))).json;
      const early = await ueda.post(`/api/v1/my/dispatches/${a.id}/answer`, { answer: '承諾' }, ifMatch(1));
      assert.equal(early.status, 200);
      const report = await ueda.post(`/api/v1/my/dispatches/${a.id}/report`, { what_happened: 'まだ' }, ifMatch(2));
      assert.equal(report.status, 409);
      assert.equal(report.json.code, 'activity_not_started');
      const noReason = await ueda.post(`/api/v1/my/dispatches/${a.id}/answer`, { answer: '辞退' }, ifMatch(2));
      assert.equal(noReason.status, 400);
      assert.match(noReason.json.errors[0].detail, /理由/);
      const declined = await ueda.post(`/api/v1/my/dispatches/${a.id}/answer`, { answer: '辞退', reason: '体調のため' }, ifMatch(2));
      assert.equal(declined.json.state, '辞退');
      // A declined dispatch frees the time.
      const b = await hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`, booking(ueda_supporter.id, day, '10:00', '11:00'));
      assert.equal(b.status, 201, b.text);
      const notYet = await hayashi.post(`/api/v1/dispatches/${b.json.id}/state`, { state: '実施' }, ifMatch(1));
      assert.equal(notYet.status, 409);
      const notReported = await hayashi.post(`/api/v1/dispatches/${b.json.id}/accept-report`, { subject_met: true }, ifMatch(1));
      assert.equal(notReported.status, 409);
      assert.equal(notReported.json.code, 'report_not_ready');
      const cancel = await hayashi.post(`/api/v1/dispatches/${b.json.id}/state`, { state: '取消' }, ifMatch(1));
      assert.equal(cancel.status, 400);
      assert.match(cancel.json.errors[0].detail, /理由/);
      const cancelled = await hayashi.post(`/api/v1/dispatches/${b.json.id}/state`, { state: '取消', reason: '本人の希望で延期' }, ifMatch(1));
      assert.equal(cancelled.status, 200, cancelled.text);
      assert.equal(cancelled.json.state, '取消');
      assert.ok(cancelled.json.cancelled_at);
      const supporterMove = await ueda.post(`/api/v1/my/dispatches/${b.json.id}/answer`, { answer: '承諾' }, ifMatch(2));
      assert.equal(supporterMove.status, 409);
      // The board filters by state.
      const board = (await hayashi.get(`/api/v1/dispatches?state=${encodeURIComponent('取消')}`)).json.items;
      assert.ok(board.length >= 2 && board.every((x) => x.state === '取消'));
      assert.equal((await hayashi.get('/api/v1/dispatches?state=x')).status, 400);
    });

    test('a supporter for a 居場所 session: candidates, booking, and what the supporter sees', async () => {
      const g = await hayashi.post('/api/v1/groups', { kind: '居場所', audience: 'どちらも', name: 'ひだまりサロン', venue: 'ひだまりの家 2階' });
      assert.equal(g.status, 201, g.text);
      const session = (await hayashi.post(`/api/v1/groups/${g.json.id}/sessions`, { held_on: tokyoDay(9), starts: '13:00', ends: '16:00' })).json;
      const q = `activity=${encodeURIComponent('居場所の運営')}&starts=13:00&ends=16:00`;
      const c = await hayashi.get(`/api/v1/group-sessions/${session.id}/dispatch-candidates?${q}`);
      assert.equal(c.status, 200, c.text);
      const byName = Object.fromEntries(c.json.items.map((i) => [i.supporter.name, i]));
      assert.equal(byName['上田 こう'].excluded, true); // his course qualifies 訪問同行 and 電話・オンライン only
      assert.equal(byName['山本 ゆう'].excluded, false);
      const before = rows('dispatches');
      const bad = await hayashi.post(`/api/v1/group-sessions/${session.id}/dispatches`, { supporter_id: byName['山本 ゆう'].supporter.id, activity: '居場所の運営' });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['call_name', 'call_phone', 'ends', 'meeting_point', 'place', 'starts']);
      const body = { supporter_id: byName['山本 ゆう'].supporter.id, activity: '居場所の運営', starts: '13:00', ends: '16:00', place: 'ひだまりの家 2階',
        meeting_point: '2階の受付', note_for_supporter: '初めての方が2人来る予定です。', call_name: '林', call_phone: '0120-000-111' };
      const d = await hayashi.post(`/api/v1/group-sessions/${session.id}/dispatches`, body);
      assert.equal(d.status, 201, d.text);
      assert.equal(d.json.case_id, null);
      assert.equal(d.json.group_name, 'ひだまりサロン');
      assert.equal(rows('dispatches'), before + 1);
      const again = await hayashi.post(`/api/v1/group-sessions/${session.id}/dispatches`, body);
      assert.equal(again.status, 409);
      assert.equal(again.json.code, 'supporter_double_booked');
      const view = (await yamamoto.get(`/api/v1/my/dispatches/${d.json.id}`)).json;
      assert.equal(view.group_name, 'ひだまりサロン');
      assert.equal(view.nickname, null);
      assert.equal(view.meeting_point, '2階の受付');
      // A cancelled session takes no supporter; another organisation cannot reach the session.
      const other = (await hayashi.post(`/api/v1/groups/${g.json.id}/sessions`, { held_on: tokyoDay(16) })).json;
      await hayashi.put(`/api/v1/group-sessions/${other.id}`, { state: '中止', cancel_reason: '台風のため' }, ifMatch(other.version));
      const cancelled = await hayashi.post(`/api/v1/group-sessions/${other.id}/dispatches`, body);
      assert.equal(cancelled.status, 409);
      assert.equal(cancelled.json.code, 'session_cancelled');
      assert.equal((await suzuki.post(`/api/v1/group-sessions/${session.id}/dispatches`, body)).status, 404);
      assert.equal((await suzuki.get(`/api/v1/group-sessions/${session.id}/dispatch-candidates?${q}`)).status, 404);
      assert.equal(rows('dispatches'), before + 1);
    });

    test('a supporter of another organisation only on 本人\'s consent naming it; withdrawal closes the details', async () => {
      const before = rows('dispatches');
      const body = booking(ueda_supporter.id, tokyoDay(12), '10:00', '11:00');
      // A mother's consent does not cover 本人's nickname and whereabouts.
      const mother = (await suzuki.post(`/api/v1/cases/${otherCase.id}/consents`, { given_by: '母', method: '口頭', given_on: tokyoDay(0), scope: ['summary'], destination_organisation_id: npo.id })).json;
      const byMother = await suzuki.post(`/api/v1/cases/${otherCase.id}/dispatches`, { ...body, consent_id: mother.id });
      assert.equal(byMother.status, 400);
      assert.match(byMother.json.errors.find((e) => e.field === 'consent_id').detail, /有効な同意ではありません/);
      const q = `activity=${encodeURIComponent('訪問同行')}&date=${tokyoDay(12)}&starts=10:00&ends=11:00`;
      const without = (await suzuki.get(`/api/v1/cases/${otherCase.id}/dispatch-candidates?${q}`)).json.items;
      assert.ok(without.every((i) => i.supporter.name !== '上田 こう'), 'no consent: the other organisation\'s supporters are not offered');
      const own = await suzuki.post(`/api/v1/cases/${otherCase.id}/consents`, { given_by: '本人', method: '書面', given_on: tokyoDay(0), scope: ['summary'], destination_organisation_id: npo.id });
      assert.equal(own.status, 201, own.text);
      const offered = (await suzuki.get(`/api/v1/cases/${otherCase.id}/dispatch-candidates?${q}`)).json.items.find((i) => i.supporter.name === '上田 こう');
      assert.equal(offered.supporter.organisation_name, 'NPO法人ひだまりの家');
      assert.equal(rows('dispatches'), before);
      const d = await suzuki.post(`/api/v1/cases/${otherCase.id}/dispatches`, { ...body, consent_id: own.json.id });
      assert.equal(d.status, 201, d.text);
      assert.equal(d.json.consent_id, own.json.id);
      assert.equal((await ueda.get(`/api/v1/my/dispatches/${d.json.id}`)).json.nickname, 'だいちゃん');
      // The supporter's own organisation does not see the other organisation's case through it.
      assert.equal((await hayashi.get(`/api/v1/dispatches/${d.json.id}`)).status, 404);
      const w = await suzuki.post(`/api/v1/cases/${otherCase.id}/consents/${own.json.id}/withdraw`, { withdrawal_note: '本人より撤回' }, ifMatch(own.json.version));
      assert.equal(w.status, 200, w.text);
      const after = (await ueda.get(`/api/v1/my/dispatches/${d.json.id}`)).json;
      assert.equal(after.details_open, false);
      assert.equal(after.nickname, undefined);
      assert.equal(after.meeting_point, undefined);
      const again = await suzuki.post(`/api/v1/cases/${otherCase.id}/dispatches`, { ...booking(ueda_supporter.id, tokyoDay(13)), consent_id: own.json.id });
      assert.equal(again.status, 400);
    });

    test('another organisation, 居場所スタッフ and analysts reach none of it', async () => {
      assert.equal((await suzuki.get(`/api/v1/supporters/${ueda_supporter.id}`)).status, 404);
      assert.ok((await suzuki.get('/api/v1/supporters')).json.items.every((s) => s.organisation_id !== npo.id));
      assert.equal((await suzuki.get(`/api/v1/training-courses/${course.id}`)).status, 404);
      assert.equal((await suzuki.put(`/api/v1/supporters/${ueda_supporter.id}`, { name: '乗っ取り' }, ifMatch(1))).status, 404);
      assert.equal((await watanabe.get('/api/v1/supporters')).status, 403);
      assert.equal((await watanabe.get('/api/v1/my/dispatches')).status, 403);
      assert.equal((await hayashi.get('/api/v1/my/dispatches')).status, 403);
    });

    test('update keeps the sealed contact unless given; a stale version gets 412', async () => {
      const s = (await hayashi.get(`/api/v1/supporters/${ueda_supporter.id}`)).json;
      const r = await hayashi.put(`/api/v1/supporters/${s.id}`, { availability: '平日の夜' }, ifMatch(s.version));
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.contact.phone, '090-9999-1234');
      assert.equal((await hayashi.put(`/api/v1/supporters/${s.id}`, { availability: 'x' }, ifMatch(s.version))).status, 412);
    });

    test('pay: the supervisor sets the rates; a monthly statement per supporter, as CSV for the accounting office', async () => {
      const u = await admin.post('/api/v1/users', { login: 'npo-boss', display_name: '所長', role: 'supervisor', organisation_id: npo.id, password: 'hidamari-no-ie-3' });
      assert.equal(u.status, 201, u.text);
      const boss = new Client(server.url);
      assert.equal((await boss.login('npo-boss', 'hidamari-no-ie-3')).status, 201);
      const demoRates = (await hayashi.get('/api/v1/supporter-pay-rates')).json;
      assert.equal(demoRates.yen_per_hour, 1000);
      assert.equal((await hayashi.put('/api/v1/supporter-pay-rates', { yen_per_hour: 1200 }, ifMatch(demoRates.version))).status, 403);
      const bad = await boss.put('/api/v1/supporter-pay-rates', { yen_per_hour: -1, transport_cap_yen: 'x' }, ifMatch(demoRates.version));
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['transport_cap_yen', 'yen_per_hour']);
      const stale = await boss.put('/api/v1/supporter-pay-rates', { yen_per_hour: 1200 }, ifMatch(demoRates.version + 5));
      assert.equal(stale.status, 412);
      const set = await boss.put('/api/v1/supporter-pay-rates', { yen_per_hour: 1200, transport_cap_yen: 400 }, ifMatch(demoRates.version));
      assert.equal(set.status, 200, set.text);
      assert.equal(set.json.version, demoRates.version + 1);
      // ueda reported 30 minutes and 420 yen of 交通費 today: 600 yen at 1,200 yen an hour, 交通費 capped at 400.
      const month = reportedDay.slice(0, 7);
      const r = await hayashi.get(`/api/v1/supporters/${ueda_supporter.id}/statement?month=${month}`);
      assert.equal(r.status, 200, r.text);
      const t = r.json.tables[0];
      const total = t.rows[t.rows.length - 1];
      assert.equal(total[0], '合計');
      assert.ok(t.rows.some((row) => row[2] === 30 && row[3] === 600 && row[4] === 400), JSON.stringify(t.rows));
      const csv = await hayashi.get(`/api/v1/supporters/${ueda_supporter.id}/statement?month=${month}&format=csv`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type'), /text\/csv/);
      assert.match(csv.text, /謝金（円）/);
      assert.equal((await hayashi.get(`/api/v1/supporters/${ueda_supporter.id}/statement?month=2026-13`)).status, 400);
      assert.equal((await hayashi.get(`/api/v1/supporters/${ueda_supporter.id}/statement?month=${month}&format=pdf`)).status, 400);
      assert.equal((await suzuki.get(`/api/v1/supporters/${ueda_supporter.id}/statement?month=${month}`)).status, 404);
      assert.equal((await ueda.get(`/api/v1/supporters/${ueda_supporter.id}/statement?month=${month}`)).status, 403);
      // The supporter reads their own statement, and no one else's.
      const mine = await ueda.get(`/api/v1/my/statement?month=${month}`);
      assert.equal(mine.status, 200, mine.text);
      assert.ok(mine.json.tables[0].rows.some((row) => row[2] === 30 && row[3] === 600 && row[4] === 400));
      assert.equal((await ueda.get('/api/v1/my/statement?month=x')).status, 400);
      assert.equal((await hayashi.get(`/api/v1/my/statement?month=${month}`)).status, 403);
    });

    test('deletion on 本人\'s request clears what the case\'s dispatches say about 本人', async () => {
      const boss = new Client(server.url);
      assert.equal((await boss.login('npo-boss', 'hidamari-no-ie-3')).status, 201);
      const n02 = (await hayashi.get('/api/v1/cases?limit=50')).json.items.find((c) => c.title.startsWith('N02'));
      const person = (await hayashi.get(`/api/v1/cases/${n02.id}`)).json.subject.id;
      assert.ok(count(server, `SELECT COUNT(*) FROM dispatches WHERE case_id = '${n02.id}' AND nickname = 'まゆさん'`) >= 1);
      const done = await boss.post(`/api/v1/persons/${person}/deletion`, { reason: '本人からの削除の求め', confirm: true });
      assert.equal(done.status, 200, done.text);
      assert.equal(count(server, `SELECT COUNT(*) FROM dispatches WHERE case_id = '${n02.id}' AND (nickname = 'まゆさん' OR note_for_supporter IS NOT NULL OR place = '本人の自宅（さくら中央地区）')`), 0);
      assert.ok(count(server, `SELECT COUNT(*) FROM dispatches WHERE case_id = '${n02.id}'`) >= 1, 'the dispatches themselves stay for the figures');
    });
  });
}
