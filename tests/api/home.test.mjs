// The home screen (issue 15 point 3): GET /api/v1/home answers in one
// request what is due for the signed-in person. suzuki (coordinator,
// さくら市ステーション) is staff of the cases made here; takahashi
// (あおば町) sends a referral to さくら市 and sees none of さくら市's
// records; roles without case work get 200 with no section at all.
// The demo data has records of its own, so every check looks for the
// records made here by id, and counts by difference.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { createCase, sql, count, AUDIT_ENTRIES } from '../support/case_rows.mjs';

const DAY = 86400e3;
const tokyoDay = (offsetDays = 0) => new Date(Date.now() + 9 * 3600e3 + offsetDays * DAY).toISOString().slice(0, 10);
const daysAgo = (n) => new Date(Date.now() - n * DAY).toISOString();
const LAW_27 = '個人情報保護法第27条第1項';

async function contact(client, caseId, at, nextStep, nextStepOn) {
  const r = await client.post(`/api/v1/cases/${caseId}/contacts`, {
    occurred_at: at, channel: '電話', counterpart: '母', subject_met: false, note: '母より電話。',
    ...(nextStep ? { next_step: nextStep, next_step_on: nextStepOn } : {}),
  });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

for (const kind of DATABASES) {
  describe(`home (${kind})`, () => {
    let server, suzuki, sato, takahashi, ito, sakura, suzukiId;
    const home = async (client) => {
      const r = await client.get('/api/v1/home');
      assert.equal(r.status, 200, r.text);
      return r.json;
    };
    const dueIds = (h) => h.due.items.map((i) => i.id);
    const quietIds = (h) => h.quiet_cases.items.map((i) => i.case.id);

    before(async () => {
      server = await startServer({ db: kind });
      const admin = await signedIn(server.url, 'admin');
      sakura = (await admin.get('/api/v1/organisations')).json.items.find((o) => o.name === 'さくら市ひきこもり支援ステーション');
      [suzuki, sato, takahashi, ito] = await Promise.all(['coordinator', 'supervisor', 'other_coordinator', 'other_supervisor'].map((w) => signedIn(server.url, w)));
      suzukiId = (await suzuki.get('/api/v1/session')).json.user.id;
    });
    after(async () => { await server?.stop(); });

    test('the next step of a case\'s latest contact is due today or earlier; a later contact supersedes it; a future one waits', async () => {
      const caseA = await createCase(suzuki, 'ホームA（期限切れ）');
      const overdue = await contact(suzuki, caseA, daysAgo(5), '母へ折り返しの電話', tokyoDay(-2));
      const caseB = await createCase(suzuki, 'ホームB（今日）');
      const today = await contact(suzuki, caseB, daysAgo(1), '本人へ手紙を送る', tokyoDay(0));
      const caseC = await createCase(suzuki, 'ホームC（先の予定）');
      const future = await contact(suzuki, caseC, daysAgo(1), '家庭訪問', tokyoDay(3));

      let h = await home(suzuki);
      const a = h.due.items.find((i) => i.id === overdue);
      assert.ok(a, JSON.stringify(h.due));
      assert.equal(a.kind, 'next_step');
      assert.equal(a.text, '母へ折り返しの電話');
      assert.equal(a.due_on, tokyoDay(-2));
      assert.equal(a.overdue, true);
      assert.equal(a.case.id, caseA);
      assert.equal(a.case.title, 'ホームA（期限切れ）');
      assert.match(a.case.number, /^\d{4}-\d{4}$/);
      const b = h.due.items.find((i) => i.id === today);
      assert.ok(b);
      assert.equal(b.overdue, false);
      assert.ok(!dueIds(h).includes(future));
      // Oldest due first.
      const days = h.due.items.map((i) => i.due_on);
      assert.deepEqual(days, [...days].sort());
      assert.ok(h.due.count >= 2);

      // A later contact on case A says what comes next now: the old step is gone.
      const later = await contact(suzuki, caseA, daysAgo(1), '来週また電話する', tokyoDay(5));
      h = await home(suzuki);
      assert.ok(!dueIds(h).includes(overdue));
      assert.ok(!dueIds(h).includes(later));
      // A later contact without any next step supersedes it too.
      await contact(suzuki, caseB, daysAgo(0.01));
      h = await home(suzuki);
      assert.ok(!dueIds(h).includes(today));

      // Another organisation never sees them; the supervisor, not staff of these cases, neither.
      for (const other of [takahashi, ito, sato]) {
        const o = await home(other);
        assert.ok(!dueIds(o).includes(overdue) && !dueIds(o).includes(today));
      }
    });

    test('an overdue follow-up assigned to me shows until it is done', async () => {
      const caseId = await createCase(suzuki, 'ホームD（会議のフォローアップ）');
      const m = await suzuki.post('/api/v1/meetings', {
        kind: '支援会議', legal_basis: '生活困窮者自立支援法第9条', title: 'ホーム用支援会議', held_on: tokyoDay(-6),
        cases: [{ case_id: caseId, shared_parts: ['summary'] }],
      });
      assert.equal(m.status, 201, m.text);
      const f = await suzuki.post(`/api/v1/meetings/${m.json.id}/follow-ups`, {
        case_id: caseId, task: '居場所の見学日を調整する', assignee_user_id: suzukiId, due_on: tokyoDay(-1),
      });
      assert.equal(f.status, 201, f.text);
      const notMine = await suzuki.post(`/api/v1/meetings/${m.json.id}/follow-ups`, {
        case_id: caseId, task: '父へ結果を伝える', assignee_name: '民生委員', due_on: tokyoDay(-1),
      });
      assert.equal(notMine.status, 201, notMine.text);

      let h = await home(suzuki);
      const item = h.due.items.find((i) => i.id === f.json.id);
      assert.ok(item, JSON.stringify(h.due));
      assert.equal(item.kind, 'follow_up');
      assert.equal(item.text, '居場所の見学日を調整する');
      assert.equal(item.overdue, true);
      assert.equal(item.meeting_id, m.json.id);
      assert.equal(item.case.id, caseId);
      assert.ok(!dueIds(h).includes(notMine.json.id));
      assert.ok(!dueIds(await home(takahashi)).includes(f.json.id));

      const done = await suzuki.put(`/api/v1/follow-ups/${f.json.id}`, { done: true }, { 'if-match': '"1"' });
      assert.equal(done.status, 200, done.text);
      h = await home(suzuki);
      assert.ok(!dueIds(h).includes(f.json.id));
    });

    test('a referral sent to my organisation shows among the new ones, with the count; it leaves once answered', async () => {
      const before = (await home(suzuki)).incoming_referrals.count;
      const navBefore = (await suzuki.get('/api/v1/consultation-counts')).json.incoming_referrals;
      assert.equal(navBefore, before);
      const linked = await sato.post('/api/v1/resources', { name: 'さくら市ステーション（ホーム試験）', category: '他のひきこもり地域支援センター', linked_organisation_id: sakura.id });
      assert.equal(linked.status, 201, linked.text);
      const aobaCase = await createCase(takahashi, 'あおば町からのつなぎ');
      const r = await takahashi.post(`/api/v1/cases/${aobaCase}/referrals`, {
        resource_id: linked.json.id, purpose: '居場所の利用', basis: LAW_27, basis_reason: '本人の同意を得ることが困難',
      });
      assert.equal(r.status, 201, r.text);

      const h = await home(suzuki);
      assert.equal(h.incoming_referrals.count, before + 1);
      const item = h.incoming_referrals.items[0];
      assert.equal(item.id, r.json.id);
      assert.equal(item.organisation_name, 'あおば町ひきこもりサポート事業');
      assert.equal(item.referred_on, r.json.referred_on);
      assert.equal((await suzuki.get('/api/v1/consultation-counts')).json.incoming_referrals, before + 1);
      // The sender's own home does not list what it sent.
      assert.ok(!(await home(takahashi)).incoming_referrals.items.some((i) => i.id === r.json.id));

      const declined = await suzuki.post(`/api/v1/referrals/${r.json.id}/events`, { to: '辞退', note: '定員のため' }, { 'if-match': '"1"' });
      assert.equal(declined.status, 200, declined.text);
      assert.equal((await home(suzuki)).incoming_referrals.count, before);
    });

    test('my open cases without contact for 30 days show as quiet, quietest first; a contact yesterday does not', async () => {
      const quiet = await createCase(suzuki, 'ホームE（しばらく連絡がない）');
      await contact(suzuki, quiet, daysAgo(45));
      const quieter = await createCase(suzuki, 'ホームF（さらに前）');
      await contact(suzuki, quieter, daysAgo(60));
      const recent = await createCase(suzuki, 'ホームG（昨日連絡）');
      await contact(suzuki, recent, daysAgo(1));
      await contact(suzuki, recent, daysAgo(50));

      const h = await home(suzuki);
      assert.equal(h.quiet_days, 30);
      const ids = quietIds(h);
      assert.ok(ids.includes(quiet), JSON.stringify(h.quiet_cases));
      assert.ok(ids.includes(quieter));
      assert.ok(!ids.includes(recent));
      assert.ok(ids.indexOf(quieter) < ids.indexOf(quiet));
      const e = h.quiet_cases.items.find((i) => i.case.id === quiet);
      assert.ok(e.days_since_contact >= 44 && e.days_since_contact <= 46, JSON.stringify(e));
      assert.ok(h.quiet_cases.count >= 2);
      // Sorted quietest first: a case never contacted (null) before any contacted one.
      const days = h.quiet_cases.items.map((i) => i.days_since_contact ?? Infinity);
      assert.deepEqual(days, [...days].sort((x, y) => y - x));
      assert.ok(!quietIds(await home(takahashi)).includes(quiet));

      // A closed case is no longer quiet: it is not open.
      const status = await suzuki.get(`/api/v1/cases/${quiet}`);
      const closed = await suzuki.post(`/api/v1/cases/${quiet}/status`, { to: '終結', reason: '本人が就労' }, { 'if-match': `"${status.json.version}"` });
      if (closed.status === 200) assert.ok(!quietIds(await home(suzuki)).includes(quiet));
    });

    test('meetings of my organisation held this week show; last month\'s and next month\'s do not', async () => {
      const now = await suzuki.post('/api/v1/meetings', { kind: '事例検討', title: '今週の事例検討', held_on: tokyoDay(0) });
      const past = await suzuki.post('/api/v1/meetings', { kind: '事例検討', title: '先月の事例検討', held_on: tokyoDay(-31) });
      const ahead = await suzuki.post('/api/v1/meetings', { kind: '事例検討', title: '来月の事例検討', held_on: tokyoDay(-1) });
      for (const m of [now, past, ahead]) assert.equal(m.status, 201, m.text);
      // A meeting is recorded once held; one planned next month is put there directly.
      sql(server, `UPDATE meetings SET held_on = '${tokyoDay(35)}' WHERE id = '${ahead.json.id}'`);

      const h = await home(suzuki);
      const ids = h.meetings_this_week.items.map((m) => m.id);
      assert.ok(ids.includes(now.json.id), JSON.stringify(h.meetings_this_week));
      assert.ok(!ids.includes(past.json.id));
      assert.ok(!ids.includes(ahead.json.id));
      const m = h.meetings_this_week.items.find((x) => x.id === now.json.id);
      assert.equal(m.title, '今週の事例検討');
      assert.equal(m.kind, '事例検討');
      assert.equal(m.held_on, tokyoDay(0));
      assert.ok(h.week_from <= tokyoDay(0) && tokyoDay(0) <= h.week_to);
      assert.equal(new Date(`${h.week_from}T00:00:00Z`).getUTCDay(), 1);
      // Sato (same organisation) sees it; あおば町 does not.
      assert.ok((await home(sato)).meetings_this_week.items.some((x) => x.id === now.json.id));
      assert.ok(!(await home(takahashi)).meetings_this_week.items.some((x) => x.id === now.json.id));
    });

    test('roles without case work get 200 and no section; every answer is an audited read', async () => {
      for (const who of ['admin', 'analyst', 'ibasho_staff', 'supporter', 'surveyor']) {
        const c = await signedIn(server.url, who);
        const r = await c.get('/api/v1/home');
        assert.equal(r.status, 200, `${who}: ${r.text}`);
        for (const section of ['due', 'incoming_referrals', 'quiet_cases', 'meetings_this_week']) assert.equal(r.json[section], undefined, `${who} ${section}`);
        assert.match(r.json.today, /^\d{4}-\d{2}-\d{2}$/);
      }
      const reads = () => count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND entity = 'home'`);
      const n = reads();
      await home(suzuki);
      assert.equal(reads(), n + 1);
      assert.equal((await new (suzuki.constructor)(server.url).get('/api/v1/home')).status, 401);
    });
  });
}
