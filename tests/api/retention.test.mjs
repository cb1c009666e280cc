// Issue 21 point 2, retention and deletion: the daily job anonymises closed
// cases past their organisation's retention (and only those), the MHLW
// figures and the outcome and requirement reports of past years are the
// same before and after, search no longer finds the names, the case detail
// shows the anonymised state; the retention setting; deletion on request
// by a supervisor, its preview of what was shared, bad input, permissions;
// on SQLite and PostgreSQL.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freshDatabase, runCli, DATABASES, Client, signedIn } from '../support/server.mjs';
import { buildMhlwFixture } from '../support/mhlw_fixture.mjs';

const YEAR = 366 * 86400;
const FIXTURE_PASSWORD = 'midori-no-mori-2025';  // tests/support/mhlw_fixture.mjs
const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };

// Every figure the job must not change: the MHLW tables of three fiscal
// years for an organisation and for the prefecture's own centre, and the
// outcome and requirement reports.
async function figures(a, c) {
  const out = {};
  for (const fy of [2024, 2025, 2026]) {
    out[`mhlw A ${fy}`] = ok(await a.get(`/api/v1/reports/mhlw?fiscal_year=${fy}`)).tables;
    out[`mhlw C ${fy}`] = ok(await c.get(`/api/v1/reports/mhlw?fiscal_year=${fy}`)).tables;
  }
  // The figures only: an answer may also say how today relates to the year.
  const figuresOf = (j) => j.tables ?? j.table ?? j;
  out.outcomes = figuresOf(ok(await a.get('/api/v1/reports/outcomes?fiscal_year=2025')));
  out.requirements = figuresOf(ok(await a.get('/api/v1/reports/requirements?fiscal_year=2025')));
  return out;
}

const runRetention = (db, offset) => runCli(['retention', 'run', '--db', db.url, '--test-clock-offset-seconds', String(offset)],
  { env: { ...process.env, TSUNAGU_TEST_CLOCK: '1' } });

for (const kind of DATABASES) {
  describe(`retention and deletion on request (${kind})`, () => {
    let db, server, later, fx, named, family;
    before(async () => {
      db = freshDatabase(kind);
      runCli(['demo', '--db', db.url]);
      server = await startServer({ db: kind, database: db });
      fx = await buildMhlwFixture(server);
      // A named 本人 with a contact note, to look for by search afterwards.
      named = ok(await fx.a.post('/api/v1/cases', {
        title: '保存花子さん（訪問中心）', intake_route: '家族', subject_awareness: '知っている',
        subject: { naming: 'named', name: '保存花子', furigana: 'ほぞんはなこ', contact: { phone: '090-1111-2222' } },
      }), 201);
      ok(await fx.a.post(`/api/v1/cases/${named.id}/contacts`, {
        occurred_at: '2025-06-03T01:00:00.000Z', channel: '電話', counterpart: '本人', subject_met: true, note: '花子さんと庭木の話をした',
      }), 201);
    });
    after(async () => { await later?.stop(); await server?.stop(); db?.cleanup(); });

    test('the retention setting: read by admin and supervisor, changed by admin with If-Match, bad input refused', async () => {
      const admin = await signedIn(server.url, 'admin');
      const me = ok(await admin.get('/api/v1/session'));
      const orgId = me.user?.organisation_id ?? me.organisation_id;
      const policy = ok(await admin.get(`/api/v1/organisations/${orgId}/retention-policy`));
      assert.equal(policy.closed_case_years, 5);
      assert.equal(policy.group_years, 5);
      assert.equal((await admin.put(`/api/v1/organisations/${orgId}/retention-policy`, { closed_case_years: 7 })).status, 428);
      const bad = await admin.put(`/api/v1/organisations/${orgId}/retention-policy`, { closed_case_years: 0, group_years: 'x' },
        { 'if-match': `"${policy.version}"` });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['closed_case_years', 'group_years']);
      assert.match(bad.json.errors[0].detail, /年数/);
      const changed = ok(await admin.put(`/api/v1/organisations/${orgId}/retention-policy`, { closed_case_years: null },
        { 'if-match': `"${policy.version}"` }));
      assert.equal(changed.closed_case_years, null);
      assert.equal(changed.group_years, 5);
      assert.equal((await admin.put(`/api/v1/organisations/${orgId}/retention-policy`, { closed_case_years: 5 },
        { 'if-match': `"${policy.version}"` })).status, 412);
      ok(await admin.put(`/api/v1/organisations/${orgId}/retention-policy`, { closed_case_years: 5 },
        { 'if-match': `"${changed.version}"` }));
      // A supervisor reads their own organisation's setting and may not change it.
      const sato = await signedIn(server.url, 'supervisor');
      const satoOrg = ok(await sato.get('/api/v1/session')).user.organisation_id;
      const theirs = ok(await sato.get(`/api/v1/organisations/${satoOrg}/retention-policy`));
      assert.equal(theirs.closed_case_years, 5);
      assert.equal((await sato.put(`/api/v1/organisations/${satoOrg}/retention-policy`, { closed_case_years: 5 },
        { 'if-match': `"${theirs.version}"` })).status, 403);
      if (satoOrg !== orgId) assert.equal((await sato.get(`/api/v1/organisations/${orgId}/retention-policy`)).status, 404);
      const entries = ok(await admin.get('/api/v1/audit?limit=50')).items;
      assert.ok(entries.some((e) => e.entity === 'retention_policy' && e.action === 'update' && e.entity_id === orgId));
    });

    test('deletion on request: preview lists the shares first; bad input and other roles change nothing; the supervisor erases', async () => {
      const sup = new Client(server.url);
      assert.equal((await sup.login('kensho_a_sup', FIXTURE_PASSWORD)).status, 201);
      const caseZ = ok(await fx.a.get(`/api/v1/cases/${fx.cases.a4.id}`));
      const person = caseZ.subject_person_id;
      family = person;
      const preview = ok(await sup.get(`/api/v1/persons/${person}/deletion-preview`));
      assert.deepEqual(preview.cases_as_subject.map((c) => c.id).sort(), [fx.cases.a4.id, fx.cases.a5.id].sort());
      // a5 was referred to 東市北ステーション, which is organisation B in tsunagu.
      const toB = preview.shared.referrals.find((r) => r.receiving_organisation === '東市北ひきこもり支援ステーション');
      assert.ok(toB, JSON.stringify(preview.shared));
      assert.deepEqual(toB.shared_parts, ['summary']);
      assert.equal(preview.anonymised, false);
      assert.equal(preview.records.find((r) => r.kind === 'contacts').count, 3, 'two contacts in a4, one in a5');

      // Coordinators may not; another organisation's supervisor sees nothing.
      assert.equal((await fx.a.get(`/api/v1/persons/${person}/deletion-preview`)).status, 403);
      assert.equal((await fx.a.post(`/api/v1/persons/${person}/deletion`, { reason: '本人の求め', confirm: true })).status, 403);
      assert.equal((await fx.c.get(`/api/v1/persons/${person}/deletion-preview`)).status, 404);
      assert.equal((await fx.c.post(`/api/v1/persons/${person}/deletion`, { reason: '本人の求め', confirm: true })).status, 404);
      // Bad input: a clear message, nothing written.
      const empty = await sup.post(`/api/v1/persons/${person}/deletion`, {});
      assert.equal(empty.status, 400);
      assert.deepEqual(empty.json.errors.map((e) => e.field).sort(), ['confirm', 'reason']);
      const unconfirmed = await sup.post(`/api/v1/persons/${person}/deletion`, { reason: '本人からの申し出', confirm: false });
      assert.equal(unconfirmed.status, 400);
      assert.match(unconfirmed.json.errors[0].detail, /元に戻せません/);
      assert.equal(ok(await fx.a.get(`/api/v1/cases/${fx.cases.a4.id}`)).title, 'Zさん（20代）');

      const before = await figures(fx.a, fx.c);
      const done = ok(await sup.post(`/api/v1/persons/${person}/deletion`, { reason: '本人からの削除の求め（電話で受付）', confirm: true }));
      assert.equal(done.anonymised, true);
      assert.equal(done.person.display_name, '匿名の方');
      for (const id of [fx.cases.a4.id, fx.cases.a5.id]) {
        const c = ok(await fx.a.get(`/api/v1/cases/${id}`));
        assert.equal(c.title, '匿名化済みケース');
        assert.ok(c.anonymised_at);
        assert.equal(c.status, '受付', 'the facts stay');
      }
      assert.deepEqual(await figures(fx.a, fx.c), before, 'the figures do not change');
      const entries = ok(await sup.get('/api/v1/audit?limit=50')).items;
      const erase = entries.find((e) => e.action === 'erase' && e.entity === 'person' && e.entity_id === person);
      assert.ok(erase, 'audited');
      assert.match(erase.detail, /電話で受付/);
      assert.equal(entries.filter((e) => e.action === 'anonymise' && e.entity === 'case').length, 2);
      // An anonymised case is not reopened: the person starts anew.
      const a4 = ok(await fx.a.get(`/api/v1/cases/${fx.cases.a4.id}`));
      ok(await fx.a.post(`/api/v1/cases/${a4.id}/status`, { to: '終結', reason: '削除のため' }, { 'if-match': `"${a4.version}"` }));
    });

    test('the job anonymises closed cases past the retention, not recent or open ones; figures equal before and after', async () => {
      const close = async (id) => {
        const c = ok(await fx.a.get(`/api/v1/cases/${id}`));
        ok(await fx.a.post(`/api/v1/cases/${id}/status`, { to: '終結', reason: '本人の希望で終結' }, { 'if-match': `"${c.version}"` }));
      };
      for (const id of [fx.cases.a1.id, fx.cases.a3.id, named.id]) await close(id);
      const hits = async (client, q) => ok(await client.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).items.map((c) => c.id);
      assert.ok((await hits(fx.a, '保存花子')).includes(named.id));
      assert.ok((await hits(fx.a, '庭木')).includes(named.id));
      const before = await figures(fx.a, fx.c);
      await server.stop();
      server = null;

      // Four years on: nothing has passed five years yet.
      assert.match(runRetention(db, 4 * YEAR), /ケース 0 件/);

      // Six years on, the server's own start-up run does it.
      later = await startServer({ db: kind, database: db, clockOffset: 6 * YEAR });
      const a = new Client(later.url);
      assert.equal((await a.login('kensho_a', FIXTURE_PASSWORD)).status, 201);
      const c = new Client(later.url);
      assert.equal((await c.login('kensho_c', FIXTURE_PASSWORD)).status, 201);
      let detail;
      for (let i = 0; i < 400; i++) {
        detail = ok(await a.get(`/api/v1/cases/${named.id}`));
        if (detail.anonymised_at) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(detail.title, '匿名化済みケース');
      assert.ok(detail.anonymised_at);
      assert.equal(detail.status, '終結');
      assert.equal(detail.subject.name ?? null, null);
      assert.equal(detail.subject.contact ?? null, null);
      assert.equal(detail.subject.display_name, '匿名の方');
      const contacts = ok(await a.get(`/api/v1/cases/${named.id}/contacts`));
      const list = contacts.items ?? contacts;
      assert.equal(list.length, 1);
      assert.equal(list[0].note ?? null, null);
      assert.equal(list[0].channel, '電話', 'the facts stay');
      // The job is done in the background; wait for all three cases.
      for (const id of [fx.cases.a1.id, fx.cases.a3.id]) {
        for (let i = 0; i < 400 && !ok(await a.get(`/api/v1/cases/${id}`)).anonymised_at; i++) await new Promise((r) => setTimeout(r, 50));
        assert.equal(ok(await a.get(`/api/v1/cases/${id}`)).title, '匿名化済みケース');
      }
      // Open cases and other organisations' cases are untouched.
      assert.equal(ok(await a.get(`/api/v1/cases/${fx.cases.a2.id}`)).title, 'Yさん（年齢不明）');
      assert.equal(ok(await c.get(`/api/v1/cases/${fx.cases.c1.id}`)).title, 'Vさん（17歳）');
      assert.deepEqual(await hits(a, '保存花子'), []);
      assert.deepEqual(await hits(a, '庭木'), []);
      assert.deepEqual(await figures(a, c), before, 'every figure of past years is the same');

      // Audited once per case, under the job; a second run finds nothing.
      const sup = new Client(later.url);
      assert.equal((await sup.login('kensho_a_sup', FIXTURE_PASSWORD)).status, 201);
      const entries = ok(await sup.get('/api/v1/audit?limit=100')).items
        .filter((e) => e.action === 'anonymise' && e.entity === 'case' && e.detail === '保存期間の経過');
      assert.deepEqual(entries.map((e) => e.entity_id).sort(), [fx.cases.a1.id, fx.cases.a3.id, named.id].sort());
      assert.match(runRetention(db, 6 * YEAR + 2 * 86400), /ケース 0 件/);
      // The figures still rebuild to the same (the facts they count stayed).
      runCli(['rebuild-summaries', '--db', db.url]);
      assert.deepEqual(await figures(a, c), before, 'after rebuild-summaries too');
      // Family's preview of the erased person still answers (anonymised).
      assert.equal(ok(await sup.get(`/api/v1/persons/${family}/deletion-preview`)).anonymised, true);
    });
  });
}

// 居場所 records past the group retention (5 years by default): a
// participant who left and a session held are anonymised by the job — the
// 呼び名, the leaving note, the session's note and cancel reason gone — and
// the group's figures (実人数, 延べ, first visits, 本人・家族) stay the same.
for (const kind of DATABASES) {
  describe(`retention of group records (${kind})`, () => {
    let db, server;
    const tokyoDay = (offset = 0) => new Date(Date.now() + 9 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
    const ifMatch = (v) => ({ 'if-match': `"${v}"` });
    before(async () => {
      db = freshDatabase(kind);
      runCli(['demo', '--db', db.url]);
      server = await startServer({ db: kind, database: db });
    });
    after(async () => { await server?.stop(); db?.cleanup(); });

    test('a participant who left and a past session are anonymised; the figures stay', async () => {
      const staff = await signedIn(server.url, 'ibasho_staff');
      const group = ok(await staff.post('/api/v1/groups', {
        kind: '居場所', audience: 'どちらも', name: '保存期間カフェ', venue: '1階',
        schedule: { weekdays: [0, 1, 2, 3, 4, 5, 6], weeks: [], starts: '13:00', ends: '16:00' },
      }), 201);
      ok(await staff.post(`/api/v1/groups/${group.id}/sessions/generate`, { from: tokyoDay(-20), to: tokyoDay(-10) }), 201);
      const session = ok(await staff.get(`/api/v1/groups/${group.id}/sessions?from=${tokyoDay(-15)}&to=${tokyoDay(-15)}`)).items[0];
      const p = ok(await staff.post(`/api/v1/groups/${group.id}/participants`, { nickname: 'ほぞんさん', side: '本人', joined_on: tokyoDay(-20) }), 201);
      let s = ok(await staff.put(`/api/v1/group-sessions/${session.id}/attendance`, {
        attendance: [{ participant_id: p.id, status: '出席' }], headcounts: [{ side: '家族', visit: '初めて', count: 2 }],
      }, ifMatch(session.version)));
      s = ok(await staff.put(`/api/v1/group-sessions/${session.id}`, { note: 'ほぞんさんが将棋を教えてくれた', room: '和室' }, ifMatch(s.version)));
      ok(await staff.put(`/api/v1/group-participants/${p.id}`, { left_on: tokyoDay(-5), left_note: '引っ越しのため' }, ifMatch(p.version)));
      const fy = Number(tokyoDay().slice(0, 4)) - (Number(tokyoDay().slice(5, 7)) < 4 ? 1 : 0);
      const figures = async (c) => ok(await c.get(`/api/v1/groups/${group.id}/figures?fiscal_year=${fy}`)).tables;
      const before = await figures(staff);
      await server.stop();
      server = null;

      assert.match(runRetention(db, 4 * YEAR), /0 件/);
      const out = runRetention(db, 6 * YEAR);
      server = await startServer({ db: kind, database: db });
      const again = await signedIn(server.url, 'ibasho_staff');
      const view = ok(await again.get(`/api/v1/group-sessions/${session.id}`));
      assert.equal(view.note ?? null, null, out);
      assert.ok(!JSON.stringify(view).includes('ほぞんさん'), JSON.stringify(view));
      const people = ok(await again.get(`/api/v1/groups/${group.id}/participants`));
      const mine = (people.items ?? people).find((x) => x.id === p.id);
      assert.ok(mine, 'the participant row stays (it is counted)');
      assert.notEqual(mine.display_name, 'ほぞんさん');
      assert.equal(mine.left_note ?? null, null);
      assert.deepEqual(await figures(again), before, 'the group figures are the same');
    });
  });
}
