// Retention of supporters' own personal data: marking a supporter 休止中
// sets the day they stopped (left_on, Tokyo), coming back clears it; the
// daily job anonymises a supporter whose left_on has passed the
// organisation's supporter_years (5 by default), and nobody else: their name,
// contact details, availability, languages and experience note go, with the
// words that were theirs on their dispatches (振り返り, the reason of a
// 辞退); what they reported about 本人, the times, hours and 交通費 stay.
// Their sign-in goes with them: stopped, renamed, unlinked, no password,
// no sessions. An anonymised supporter is not written again. On SQLite and
// PostgreSQL.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freshDatabase, runCli, DATABASES, signedIn, Client, DEMO } from '../support/server.mjs';
import { sql, AUDIT_ENTRIES } from '../support/case_rows.mjs';
import { begunToday, minute } from '../support/begun_today.mjs';

const YEAR = 366 * 86400;
const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };
const ifMatch = (v) => ({ 'if-match': `"${v}"` });
const tokyoDay = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
// How many supporters `tsunagu retention run` anonymised, at now + offset.
const runRetention = (db, offset) => {
  const out = runCli(['retention', 'run', '--db', db.url, '--test-clock-offset-seconds', String(offset)],
    { env: { ...process.env, TSUNAGU_TEST_CLOCK: '1' } });
  const m = out.match(/サポーター (\d+) 人/);
  assert.ok(m, out);
  return Number(m[1]);
};

for (const kind of DATABASES) {
  describe(`supporters' retention (${kind})`, () => {
    let db, server, hayashi, yamamoto, admin;
    before(async () => {
      db = freshDatabase(kind);
      runCli(['demo', '--db', db.url]);
      server = await startServer({ db: kind, database: db });
      [hayashi, yamamoto, admin] = await Promise.all(['npo_coordinator', 'supporter', 'admin'].map((w) => signedIn(server.url, w)));
    });
    after(async () => { await server?.stop(); db?.cleanup(); });

    const register = async (name) => ok(await hayashi.post('/api/v1/supporters', {
      kind: 'ピアサポーター', name, sex: '女性', age_band: '30代', activities: ['居場所の運営'],
      availability: '平日の午後', languages: ['日本語', '韓国語'], experience_note: '10年ほど家にいた経験がある',
      contact: { phone: '090-1234-5678', email: 'peer@example.jp', address: '桜市中央1-2-3' },
    }), 201);
    const setActive = async (s, active) => ok(await hayashi.put(`/api/v1/supporters/${s.id}`, { active }, ifMatch(s.version)));

    test('休止中 sets the day they stopped and 再開 clears it; the job anonymises only who passed their years', async () => {
      const stopped = await register('休止 花子');
      const staying = await register('継続 一郎');
      const back = await register('再開 次郎');
      assert.equal(stopped.left_on, null);
      const paused = await setActive(stopped, false);
      assert.equal(paused.active, false);
      assert.equal(paused.left_on, tokyoDay());
      assert.equal(paused.anonymised, false);
      const resumed = await setActive(await setActive(back, false), true);
      assert.equal(resumed.left_on, null, 'coming back clears the day');
      // Another change while paused keeps the day they stopped.
      const edited = ok(await hayashi.put(`/api/v1/supporters/${stopped.id}`, { availability: '当面お休み' }, ifMatch(paused.version)));
      assert.equal(edited.left_on, paused.left_on);

      // 山本さん (the demo's supporter) reports an activity with a reflection and
      // declines another with a reason of her own, then stops.
      const npoCase = ok(await hayashi.get('/api/v1/cases?limit=50')).items.find((c) => c.title.startsWith('N02'));
      const me = ok(await hayashi.get('/api/v1/supporters')).items.find((s) => s.name === '山本 ゆう');
      const day = await begunToday(0);
      const ask = async (at) => ok(await hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`, {
        supporter_id: me.id, activity: '居場所の運営', date: day, starts: minute(at), ends: minute(at + 1), place: 'ひだまりの家',
        meeting_point: '1階受付', nickname: 'まゆさん', call_name: '林', call_phone: '0120-000-111',
      }), 201);
      const done = await ask(0);
      ok(await yamamoto.post(`/api/v1/my/dispatches/${done.id}/answer`, { answer: '承諾' }, ifMatch(1)));
      ok(await yamamoto.post(`/api/v1/my/dispatches/${done.id}/report`,
        { what_happened: 'カードゲームをした', minutes: 60, transport_yen: 400, reflection: '自分の経験を話しすぎた気がする' }, ifMatch(2)));
      const declined = await ask(1);
      ok(await yamamoto.post(`/api/v1/my/dispatches/${declined.id}/answer`, { answer: '辞退', reason: '通院の日と重なるため' }, ifMatch(1)));
      // One more, asked for tomorrow: stopping does not cancel it, the answer counts it for the coordinator
      // (beside those the demo asked of her).
      const demoAhead = ok(await hayashi.get(`/api/v1/supporters/${me.id}`)).upcoming_dispatches;
      const tomorrow = new Date(Date.now() + 33 * 3600e3).toISOString().slice(0, 10);
      ok(await hayashi.post(`/api/v1/cases/${npoCase.id}/dispatches`, {
        supporter_id: me.id, activity: '居場所の運営', date: tomorrow, starts: '10:00', ends: '11:00', place: 'ひだまりの家',
        meeting_point: '1階受付', nickname: 'まゆさん', call_name: '林', call_phone: '0120-000-111',
      }), 201);
      const yamamotoPaused = await setActive(ok(await hayashi.get(`/api/v1/supporters/${me.id}`)), false);
      assert.equal(yamamotoPaused.upcoming_dispatches, demoAhead + 1, 'the reported and the declined ones are not upcoming');
      assert.equal(paused.upcoming_dispatches, 0);

      const signIn = ok(await yamamoto.get('/api/v1/session')).user.id;

      // Four years on: nothing has passed.
      assert.equal(runRetention(db, 4 * YEAR), 0);
      // Five years and a few days on: the two who stopped, no one else.
      assert.equal(runRetention(db, 5 * YEAR + 3 * 86400), 2);
      const gone = ok(await hayashi.get(`/api/v1/supporters/${stopped.id}`));
      assert.equal(gone.name, '匿名化済みサポーター');
      assert.equal(gone.anonymised, true);
      for (const field of ['contact', 'availability', 'experience_note']) assert.equal(gone[field], null, field);
      assert.deepEqual(gone.languages, []);
      // What the figures count stays.
      assert.deepEqual([gone.kind, gone.sex, gone.age_band, gone.activities, gone.left_on],
        ['ピアサポーター', '女性', '30代', ['居場所の運営'], paused.left_on]);
      for (const s of [staying, back]) {
        const kept = ok(await hayashi.get(`/api/v1/supporters/${s.id}`));
        assert.equal(kept.anonymised, false);
        assert.equal(kept.contact.phone, '090-1234-5678');
      }
      // Nothing of theirs is left in the rows, sealed or not.
      assert.equal(sql(server, `SELECT count(*) FROM supporters WHERE id = '${stopped.id}' AND contact_sealed IS NULL`).trim(), '1');
      assert.equal(sql(server, `SELECT count(*) FROM dispatches WHERE id = '${done.id}' AND reflection IS NULL AND hours_minutes = 60 `
        + `AND transport_yen = 400 AND report_text = 'カードゲームをした'`).trim(), '1');
      assert.equal(sql(server, `SELECT count(*) FROM dispatches WHERE id = '${declined.id}' AND state = '辞退' AND state_reason IS NULL`).trim(), '1');
      // Each one audited under the organisation, by the job.
      assert.equal(sql(server, `SELECT count(*) FROM ${AUDIT_ENTRIES} WHERE action = 'anonymise' AND entity = 'supporter'`).trim(), '2');
      // 山本さん's sign-in went with her: her session ends, her login and password open nothing, and the
      // account's row keeps only its id (the audit log names it) and role.
      assert.equal((await yamamoto.get('/api/v1/my/dispatches')).status, 401);
      assert.equal((await new Client(server.url).loginPassword(...DEMO.supporter)).status, 401);
      assert.equal(sql(server, `SELECT display_name || '|' || login || '|' || password_hash || '|' || active FROM users WHERE id = '${signIn}'`).trim(),
        `匿名化済みサポーター|anonymised-${signIn}||0`);
      for (const table of ['sessions', 'login_successes', 'known_devices'])
        assert.equal(sql(server, `SELECT count(*) FROM ${table} WHERE user_id = '${signIn}'`).trim(), '0', table);
      const herRecord = ok(await hayashi.get(`/api/v1/supporters/${me.id}`));
      assert.equal(herRecord.name, '匿名化済みサポーター');
      assert.equal(herRecord.user_id, null, 'unlinked');
      assert.equal(sql(server, `SELECT count(*) FROM ${AUDIT_ENTRIES} WHERE action = 'anonymise' AND entity = 'user' AND entity_id = '${signIn}'`).trim(), '1');
      // Not written again, and a second run finds nothing more.
      const refused = await hayashi.put(`/api/v1/supporters/${stopped.id}`, { active: true, name: '休止 花子' }, ifMatch(gone.version));
      assert.equal(refused.status, 409);
      assert.equal(refused.json.code, 'supporter_anonymised');
      assert.match(refused.json.detail, /匿名化/);
      assert.equal(runRetention(db, 5 * YEAR + 3 * 86400), 0);
    });

    test('the setting: supporter_years read and changed with the others, kept when left out, bad values refused', async () => {
      const orgId = ok(await admin.get('/api/v1/session')).user.organisation_id;
      const policy = ok(await admin.get(`/api/v1/organisations/${orgId}/retention-policy`));
      assert.equal(policy.supporter_years, 5);
      const bad = await admin.put(`/api/v1/organisations/${orgId}/retention-policy`, { supporter_years: 0 }, ifMatch(policy.version));
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e) => e.field), ['supporter_years']);
      assert.match(bad.json.errors[0].detail, /休止中のサポーター.*年数/);
      const kept = ok(await admin.put(`/api/v1/organisations/${orgId}/retention-policy`, { supporter_years: null }, ifMatch(policy.version)));
      assert.equal(kept.supporter_years, null);
      assert.equal(kept.closed_case_years, policy.closed_case_years);
      const other = ok(await admin.put(`/api/v1/organisations/${orgId}/retention-policy`, { group_years: 6 }, ifMatch(kept.version)));
      assert.equal(other.supporter_years, null, 'left out: as it was');
      ok(await admin.put(`/api/v1/organisations/${orgId}/retention-policy`, { supporter_years: 7, group_years: 5 }, ifMatch(other.version)));
    });
  });
}
