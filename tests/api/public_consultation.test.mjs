// Anonymous consultation (issue 19): a person writes without an account,
// staff of the answering organisation reply, the person reads from another
// browser with the number and passphrase. The secrets are never stored or
// logged as they are; guessing and posting are throttled per address and
// per number; another organisation sees nothing; deleting a thread leaves
// its counts in the MHLW figures; bad input writes nothing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, DATABASES, signedIn, runCli } from '../support/server.mjs';
import { sql, count, AUDIT_ENTRIES } from '../support/case_rows.mjs';
import { PublicClient, PUBLIC_SERVER_ARGS } from '../support/public_client.mjs';

const NUMBER = /^\d{4}-\d{4}-\d{4}$/;
const PASSPHRASE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;
const fiscalYear = () => { const d = new Date(Date.now() + 9 * 3600e3); return d.getUTCMonth() >= 3 ? d.getUTCFullYear() : d.getUTCFullYear() - 1; };
const table = (report, id) => report.tables.find((t) => t.id === id);

for (const kind of DATABASES) {
  describe(`anonymous consultation (${kind})`, () => {
    let server, suzuki, takahashi, kato, areas, sakuraCity, aobaTown;
    const rows = (t) => count(server, `SELECT COUNT(*) FROM ${t}`);
    const ifMatch = (v) => ({ 'if-match': `"${v}"` });
    const inbox = async (who, q = '') => (await who.get(`/api/v1/consultations${q}`)).json;
    const mhlw = async () => {
      const r = await suzuki.get(`/api/v1/reports/mhlw?fiscal_year=${fiscalYear()}`);
      assert.equal(r.status, 200, r.text);
      // Channels 電話, メール, SNS, 来所, その他; bands …, 年齢不明 (last).
      return { mail: table(r.json, 'mhlw_contacts').rows[0][2], unknownAge: table(r.json, 'mhlw_people').rows[0][6],
        people: table(r.json, 'mhlw_people').rows[0][0] };
    };

    before(async () => {
      server = await startServer({ db: kind, args: PUBLIC_SERVER_ARGS, accessLog: true });
      [suzuki, takahashi, kato] = await Promise.all(['coordinator', 'other_coordinator', 'prefecture_coordinator'].map((w) => signedIn(server.url, w)));
      areas = (await suzuki.get('/api/v1/areas')).json.items;
      sakuraCity = areas.find((a) => a.name === 'さくら市');
      aobaTown = areas.find((a) => a.name === 'あおば町');
    });
    after(async () => { await server?.stop(); });

    test('a mother writes, staff reply, she reads it from another browser with the number and passphrase', async () => {
      const before = await mhlw();
      const mother = new PublicClient(server.url);
      const r = await mother.post('/api/public/v1/consultations', {
        writer: '家族', nickname: 'さくらの母', municipality_id: sakuraCity.id,
        message: '30代の息子が10年ほど部屋から出てきません。どこに相談したらよいか分からず書きました。',
      });
      assert.equal(r.status, 201, r.text);
      assert.match(r.json.number, NUMBER);
      assert.match(r.json.passphrase, PASSPHRASE);
      assert.equal(r.json.urgent, false);
      assert.equal(r.json.crisis_contacts, undefined);
      assert.match(r.setCookie, /tsunagu_consultation=[^;]+; Path=\/api\/public\/v1\/consultation; HttpOnly; SameSite=Strict/);
      assert.doesNotMatch(r.setCookie, /Max-Age|Expires/, 'a browser-session cookie: gone when the browser closes');
      assert.equal(r.headers.get('cache-control'), 'no-store');
      const { number, passphrase } = r.json;

      const own = (await mother.get('/api/public/v1/consultation')).json;
      assert.equal(own.state, '新着');
      assert.equal(own.organisation.name, 'さくら市ひきこもり支援ステーション');
      assert.deepEqual(own.messages.map((m) => m.author), ['person', 'system']);
      assert.match(own.messages[1].body, /3日ほどかかることがあります/);

      // Neither secret is anywhere in the database or the log as written.
      const digits = number.replaceAll('-', ''), letters = passphrase.replaceAll('-', '');
      const dump = sql(server, 'SELECT * FROM consultation_threads') + sql(server, `SELECT * FROM ${AUDIT_ENTRIES}`) +
        sql(server, 'SELECT * FROM consultation_sessions');
      for (const secret of [digits, letters, number, passphrase]) {
        assert.ok(!dump.includes(secret), `${secret} stored as it is`);
        assert.ok(!server.output().includes(secret), `${secret} in the log`);
      }
      // The access log names no address for the consultation paths.
      const lines = server.output().split('\n').filter((l) => l.includes('/api/public/v1/consultation'));
      assert.ok(lines.length >= 2);
      for (const l of lines) assert.equal(JSON.parse(l).client, '', l);

      // The station's coordinator sees it; another organisation's does not.
      const list = await inbox(suzuki);
      const item = list.items.find((t) => t.nickname === 'さくらの母');
      assert.ok(item, 'in the station inbox');
      assert.equal(item.state, '新着');
      assert.equal(list.counts['新着'] >= 1, true);
      assert.ok(!(await inbox(takahashi)).items.some((t) => t.id === item.id));
      assert.equal((await takahashi.get(`/api/v1/consultations/${item.id}`)).status, 404);
      assert.equal(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'denied' AND entity_id = '${item.id}'`), 1);

      const detail = await suzuki.get(`/api/v1/consultations/${item.id}`);
      assert.equal(detail.status, 200);
      assert.equal(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND entity = 'consultation_thread' AND entity_id = '${item.id}'`), 1);
      assert.equal(detail.json.protocol, null, 'no crisis protocol on a thread that is not urgent');
      assert.ok(detail.json.templates.length >= 1, 'the demo templates');
      let rep = await suzuki.post(`/api/v1/consultations/${item.id}/messages`, { kind: 'reply', body: '書いてくださってありがとうございます。' });
      assert.equal(rep.status, 201, rep.text);
      assert.equal(rep.json.state, '返信待ち');
      rep = await suzuki.post(`/api/v1/consultations/${item.id}/messages`, { kind: 'note', body: '内部メモ: 8050 の可能性。' });
      assert.equal(rep.status, 201);

      // Another browser: the number and passphrase as a person types them.
      const elsewhere = new PublicClient(server.url);
      assert.equal((await elsewhere.get('/api/public/v1/consultation')).status, 401);
      const typed = { number: ` ${number.replaceAll('-', ' ')} `, passphrase: passphrase.toLowerCase().replaceAll('-', '－').replaceAll('0', 'o') };
      const opened = await elsewhere.post('/api/public/v1/consultation/session', typed);
      assert.equal(opened.status, 204, opened.text);
      const read = (await elsewhere.get('/api/public/v1/consultation')).json;
      assert.deepEqual(read.messages.map((m) => m.author), ['person', 'system', 'staff']);
      assert.ok(!JSON.stringify(read).includes('内部メモ'), 'internal notes never reach the person');
      const again = await elsewhere.post('/api/public/v1/consultation/messages', { message: 'ありがとうございます。電話は苦手です。' });
      assert.equal(again.status, 201, again.text);
      assert.equal(again.json.state, '対応中');

      // 「この端末から消す」: this browser forgets; the other keeps it.
      const forget = await elsewhere.del('/api/public/v1/consultation/session');
      assert.equal(forget.status, 204);
      assert.match(forget.setCookie, /Max-Age=0/);
      assert.equal((await elsewhere.get('/api/public/v1/consultation')).status, 401);
      assert.equal((await mother.get('/api/public/v1/consultation')).status, 200);

      // Two messages of the person: two メール 件数, one 実人数 of 年齢不明.
      const after = await mhlw();
      assert.equal(after.mail, before.mail + 2);
      assert.equal(after.unknownAge, before.unknownAge + 1);

      // The person deletes the thread: gone for everyone, the counts stay.
      assert.equal((await mother.del('/api/public/v1/consultation')).status, 204);
      assert.equal((await mother.get('/api/public/v1/consultation')).status, 401);
      assert.equal((await suzuki.get(`/api/v1/consultations/${item.id}`)).status, 404);
      assert.equal(count(server, `SELECT COUNT(*) FROM consultation_messages WHERE thread_id = '${item.id}'`), 0);
      assert.deepEqual(await mhlw(), after);
      assert.equal((await elsewhere.post('/api/public/v1/consultation/session', { number, passphrase })).status, 401);
    });

    test("who answers: the municipality's organisation, else the prefecture centre", async () => {
      const aoba = await new PublicClient(server.url).start({ municipality_id: aobaTown.id, nickname: 'あおばの姉' });
      assert.match(aoba.number, NUMBER);
      assert.ok((await inbox(kato)).items.some((t) => t.nickname === 'あおばの姉'), 'あおば町 has no consultation: the centre answers');
      assert.ok(!(await inbox(suzuki)).items.some((t) => t.nickname === 'あおばの姉'));
      await new PublicClient(server.url).start({ nickname: '市町村を選ばない人' });
      assert.ok((await inbox(kato)).items.some((t) => t.nickname === '市町村を選ばない人'));
    });

    test('a message that speaks of dying is marked at once and shows the crisis contacts', async () => {
      const person = new PublicClient(server.url);
      const r = await person.post('/api/public/v1/consultations', { writer: '本人', municipality_id: sakuraCity.id, message: 'もう しにたい と思う夜があります。' });
      assert.equal(r.status, 201);
      assert.equal(r.json.urgent, true);
      assert.ok(r.json.crisis_contacts.some((c) => c.phone === '0570-064-556'));
      const list = await inbox(suzuki);
      assert.equal(list.items[0].urgent, true, 'urgent threads come first');
      const detail = (await suzuki.get(`/api/v1/consultations/${list.items[0].id}`)).json;
      assert.match(detail.protocol, /主任相談員/);
      assert.ok((await person.get('/api/public/v1/consultation')).json.crisis_contacts.length >= 3);
    });

    test('guessing: one answer for an unknown number and a wrong passphrase; a number locks after five; an address after thirty', async () => {
      const owner = new PublicClient(server.url);
      const { number, passphrase } = await owner.start({ municipality_id: sakuraCity.id });
      const guesser = new PublicClient(server.url);
      const unknown = await guesser.post('/api/public/v1/consultation/session', { number: '0000-0000-0000', passphrase });
      const wrong = await guesser.post('/api/public/v1/consultation/session', { number, passphrase: '0000-0000-0000-0000-0000' });
      assert.equal(unknown.status, 401);
      assert.equal(wrong.status, 401);
      assert.equal(unknown.json.code, wrong.json.code);
      assert.equal(unknown.json.detail, wrong.json.detail);
      const malformed = await guesser.post('/api/public/v1/consultation/session', { number: '12345', passphrase: 'abc' });
      assert.equal(malformed.status, 400);
      assert.deepEqual(malformed.json.errors.map((e) => e.field).sort(), ['number', 'passphrase']);
      for (let i = 0; i < 4; i++)
        assert.equal((await new PublicClient(server.url).post('/api/public/v1/consultation/session', { number, passphrase: `${'2'.repeat(19)}${i}` })).status, 401);
      // Five wrong passphrases (from five addresses): the number waits, even for the right one.
      const locked = await new PublicClient(server.url).post('/api/public/v1/consultation/session', { number, passphrase });
      assert.equal(locked.status, 429, locked.text);
      assert.equal(locked.json.code, 'too_many_attempts');

      // One address, thirty failures in the window: refused before any hash.
      const flood = new PublicClient(server.url);
      let refused = 0;
      for (let i = 0; i < 31; i++) {
        const g = await flood.post('/api/public/v1/consultation/session', { number: `9999-0000-${String(i).padStart(4, '0')}`, passphrase });
        if (g.status === 429) refused++;
        else assert.equal(g.status, 401);
      }
      assert.equal(refused, 1);
      assert.equal(count(server, "SELECT COUNT(*) FROM public_throttle WHERE key_hash LIKE '%.%'"), 0, 'addresses are stored hashed');
    });

    test('posting is limited per address; the honeypot and bad input are refused in Japanese and write nothing', async () => {
      const threads = rows('consultation_threads'), messages = rows('consultation_messages');
      const bot = new PublicClient(server.url);
      const honeypot = await bot.post('/api/public/v1/consultations', { writer: '本人', message: 'こんにちは', website: 'http://spam.example' });
      assert.equal(honeypot.status, 400);
      assert.equal(honeypot.json.code, 'rejected');
      const cases = [
        [{ writer: '本人', message: '' }, 'message'],
        [{ writer: '本人', message: 'あ'.repeat(2001) }, 'message'],
        [{ writer: '本人', message: 'ベル\u0007の文字' }, 'message'],
        [{ writer: '母', message: 'こんにちは' }, 'writer'],
        [{ writer: '本人', message: 'こんにちは', municipality_id: areas.find((a) => a.level === 'district').id }, 'municipality_id'],
        [{ writer: '本人', message: 'こんにちは', municipality_id: '../../etc/passwd' }, 'municipality_id'],
        [{ writer: '本人', message: 'こんにちは', nickname: 'な'.repeat(21) }, 'nickname'],
      ];
      for (const [body, field] of cases) {
        const r = await bot.post('/api/public/v1/consultations', body);
        assert.equal(r.status, 400, `${field}: ${r.text}`);
        assert.ok(r.json.errors.some((e) => e.field === field && /[ぁ-んァ-ン一-龥]/.test(e.detail)), r.text);
      }
      assert.equal((await bot.post('/api/public/v1/consultations', 'writer=本人&message=x', { 'content-type': 'application/x-www-form-urlencoded' })).status, 415);
      assert.equal((await bot.post('/api/public/v1/consultations', { writer: '本人', message: 'x'.repeat(2 << 20) })).status, 413);
      assert.equal(rows('consultation_threads'), threads);
      assert.equal(rows('consultation_messages'), messages);

      // HTML is kept as the text it is (the screens show it as text).
      const html = new PublicClient(server.url);
      await html.start({ message: '<script>alert(1)</script><b>太字</b>' });
      assert.equal((await html.get('/api/public/v1/consultation')).json.messages[0].body, '<script>alert(1)</script><b>太字</b>');

      // Twenty new consultations an hour from one address, then 429 and nothing written.
      const busy = new PublicClient(server.url);
      for (let i = 0; i < 20; i++) await busy.start({ message: `相談 ${i}` });
      const before = rows('consultation_threads');
      const over = await busy.post('/api/public/v1/consultations', { writer: '本人', message: 'もう一つ' });
      assert.equal(over.status, 429);
      assert.equal(over.json.code, 'too_many_posts');
      assert.equal(rows('consultation_threads'), before);
      // Another address is not held up.
      await new PublicClient(server.url).start({ message: '別の人です' });
    });

    test("staff: assign, move through the states, closed threads take no reply, templates are the organisation's", async () => {
      await new PublicClient(server.url).start({ municipality_id: sakuraCity.id, nickname: '状態を見る人' });
      const item = (await inbox(suzuki, '?state=新着')).items.find((t) => t.nickname === '状態を見る人');
      const me = (await suzuki.get('/api/v1/session')).json.user.id;
      let r = await suzuki.request('PATCH', `/api/v1/consultations/${item.id}`, { assigned_to: me }, ifMatch(item.version));
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.assigned_name, '鈴木 けい');
      assert.equal((await suzuki.request('PATCH', `/api/v1/consultations/${item.id}`, { state: '終了' }, ifMatch(item.version))).status, 412);
      const takahashiId = (await takahashi.get('/api/v1/session')).json.user.id;
      const other = await suzuki.request('PATCH', `/api/v1/consultations/${item.id}`, { assigned_to: takahashiId }, ifMatch(r.json.version));
      assert.equal(other.status, 400, 'staff of another organisation cannot be assigned');
      assert.equal((await suzuki.request('PATCH', `/api/v1/consultations/${item.id}`, { state: '未定' }, ifMatch(r.json.version))).status, 400);
      r = await suzuki.request('PATCH', `/api/v1/consultations/${item.id}`, { state: '終了' }, ifMatch(r.json.version));
      assert.equal(r.status, 200);
      assert.ok(r.json.closed_at);
      const closed = await suzuki.post(`/api/v1/consultations/${item.id}/messages`, { kind: 'reply', body: 'こんにちは' });
      assert.equal(closed.status, 409);
      assert.equal(closed.json.code, 'consultation_closed');
      assert.deepEqual((await suzuki.get('/api/v1/consultations?state=保留')).status, 400);

      const t = await suzuki.post('/api/v1/consultation-templates', { title: 'お礼', body: 'ありがとうございます。' });
      assert.equal(t.status, 201);
      assert.equal((await suzuki.post('/api/v1/consultation-templates', { title: '', body: '' })).status, 400);
      assert.ok(!(await takahashi.get('/api/v1/consultation-templates')).json.items.some((x) => x.id === t.json.id));
      assert.equal((await takahashi.del(`/api/v1/consultation-templates/${t.json.id}`)).status, 404);
      assert.equal((await suzuki.del(`/api/v1/consultation-templates/${t.json.id}`)).status, 204);
    });

    test('a thread becomes a case only when the person chooses to tell who they are', async () => {
      const person = new PublicClient(server.url);
      await person.start({ writer: '本人', municipality_id: sakuraCity.id, nickname: 'ケースになる人' });
      const item = (await inbox(suzuki)).items.find((t) => t.nickname === 'ケースになる人');
      const early = await suzuki.post(`/api/v1/consultations/${item.id}/case`, {});
      assert.equal(early.status, 409);
      assert.equal(early.json.code, 'details_not_given');
      const cases = count(server, 'SELECT COUNT(*) FROM cases');
      const refused = await person.post('/api/public/v1/consultation/details', { name: '山田 はな', consent: false });
      assert.equal(refused.status, 400);
      assert.ok(refused.json.errors.some((e) => e.field === 'consent'));
      const given = await person.post('/api/public/v1/consultation/details',
        { name: '山田 はな', furigana: 'やまだ はな', phone: '090-0000-1111', contact_note: '母が出たら切ってください', consent: true });
      assert.equal(given.status, 201, given.text);
      assert.equal(given.json.details_given, true);
      assert.ok(!sql(server, 'SELECT details FROM consultation_threads').includes('090-0000-1111'), 'sealed at rest');
      const detail = (await suzuki.get(`/api/v1/consultations/${item.id}`)).json;
      assert.equal(detail.details.phone, '090-0000-1111');
      assert.equal(detail.details.contact_note, '母が出たら切ってください');
      assert.equal((await takahashi.post(`/api/v1/consultations/${item.id}/case`, {})).status, 404);
      const opened = await suzuki.post(`/api/v1/consultations/${item.id}/case`, {});
      assert.equal(opened.status, 201, opened.text);
      assert.equal(count(server, 'SELECT COUNT(*) FROM cases'), cases + 1);
      const kase = (await suzuki.get(`/api/v1/cases/${opened.json.case_id}`)).json;
      assert.equal(kase.intake_route, '本人');
      assert.equal((await suzuki.post(`/api/v1/consultations/${item.id}/case`, {})).json.code, 'case_already_opened');
      assert.equal((await suzuki.get(`/api/v1/consultations/${item.id}`)).json.case_id, opened.json.case_id);
    });

    // counting-rules.md §7: a thread made into a case is that case's 本人 —
    // one person with the case's contacts, also in a year (here: before the
    // first contact) in which only the thread has messages; and it stays so
    // when the thread is deleted.
    test('a thread made into a case counts as the case\'s person, once', async () => {
      const before = await mhlw();
      const person = new PublicClient(server.url);
      await person.start({ writer: '本人', municipality_id: sakuraCity.id, nickname: '一人の人' });
      assert.equal((await person.post('/api/public/v1/consultation/messages', { message: 'もう一度書きます。' })).status, 201);
      assert.deepEqual(await mhlw(), { mail: before.mail + 2, unknownAge: before.unknownAge + 1, people: before.people + 1 });
      assert.equal((await person.post('/api/public/v1/consultation/details', { name: '一人 ひとり', consent: true })).status, 201);
      const id = (await inbox(suzuki)).items.find((t) => t.nickname === '一人の人').id;
      const opened = await suzuki.post(`/api/v1/consultations/${id}/case`, {});
      assert.equal(opened.status, 201, opened.text);
      const once = { mail: before.mail + 2, unknownAge: before.unknownAge + 1, people: before.people + 1 };
      assert.deepEqual(await mhlw(), once, 'the case has no contact yet: the thread is its person');
      const call = await suzuki.post(`/api/v1/cases/${opened.json.case_id}/contacts`,
        { occurred_at: new Date(Date.now() - 60e3).toISOString(), channel: '電話', counterpart: '本人', subject_met: true });
      assert.equal(call.status, 201, call.text);
      assert.deepEqual(await mhlw(), { ...once, people: before.people + 1 }, 'a call in the case is the same person');
      assert.equal((await person.post('/api/public/v1/consultation/messages', { message: 'ケースになった後にも書きます。' })).status, 201);
      const after = await mhlw();
      assert.equal(after.mail, before.mail + 3, 'every message of the person is still one 件');
      assert.equal(after.people, before.people + 1);
      assert.equal((await person.del('/api/public/v1/consultation')).status, 204);
      assert.deepEqual(await mhlw(), after, 'deleting the thread changes no figure');
    });

    // One rule of what a 件 is: the dashboard's 相談件数（延べ） of an
    // organisation and year is the MHLW report's, the person's messages
    // under メール included, each in its Tokyo month.
    test("the dashboard's 相談件数 are the MHLW report's, online consultation included", async () => {
      const fy = fiscalYear();
      const report = (await suzuki.get(`/api/v1/reports/mhlw?fiscal_year=${fy}`)).json;
      const dashboard = (await suzuki.get(`/api/v1/reports/dashboard?fiscal_year=${fy}`)).json;
      const months = table(dashboard, 'dashboard_channels_by_month');
      const [all, ...channels] = table(report, 'mhlw_contacts').rows[0];  // 合計, 電話, メール, SNS, 来所, その他
      const own = `FROM consultation_counts WHERE organisation_id = '${report.scope.id}'`;
      assert.ok(count(server, `SELECT SUM(messages) ${own}`) > 0, 'the tests above wrote messages');
      assert.deepEqual(months.rows.at(-1).slice(1), [...channels, all]);
      const tokyo = new Date(Date.now() + 9 * 3600e3);
      const month = months.rows.find((r) => r[0] === `${tokyo.getUTCFullYear()}年${tokyo.getUTCMonth() + 1}月`);
      assert.ok(month[2] >= count(server, `SELECT SUM(messages) ${own} AND day = '${tokyo.toISOString().slice(0, 10)}'`));
    });

    test('「返信があります」: one notice with no content, through sendmail, after a staff reply', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tsunagu-notice-'));
      const sendmail = join(dir, 'sendmail');
      // The system's sendmail interface, as postfix or msmtp provide it: arguments, then the message on stdin.
      writeFileSync(sendmail, `#!/bin/sh\nprintf '%s\\n' "$@" >> "${dir}/args"\ncat >> "${dir}/mail"\n`, { mode: 0o755 });
      const bad = new PublicClient(server.url);
      for (const email of ['a@b.jp, c@d.jp', 'a@b.jp\nBcc: c@d.jp', 'no-at-sign', 'a@@b.jp', '<a@b.jp>'])
        assert.equal((await bad.post('/api/public/v1/consultations', { writer: '本人', message: 'こんにちは', notice_email: email })).status, 400, email);
      const person = new PublicClient(server.url);
      const secret = '誰にも言えない相談の中身';
      const { number } = await person.start({ municipality_id: sakuraCity.id, nickname: 'お知らせを待つ人', message: secret, notice_email: 'hana.notice@example.jp' });
      assert.ok(!sql(server, 'SELECT notice_email FROM consultation_threads').includes('hana.notice'), 'sealed at rest');
      const send = () => runCli(['notices', 'send', '--db', server.db.url, '--sendmail', sendmail, '--from', 'no-reply@sakura.example.jp',
        '--public-url', 'https://soudan.example.jp/']);
      send();
      assert.ok(!existsSync(join(dir, 'mail')), 'nothing before a reply');
      const id = (await inbox(suzuki)).items.find((t) => t.nickname === 'お知らせを待つ人').id;
      await suzuki.post(`/api/v1/consultations/${id}/messages`, { kind: 'note', body: 'メモ' });
      send();
      assert.ok(!existsSync(join(dir, 'mail')), 'an internal note is no reply');
      await suzuki.post(`/api/v1/consultations/${id}/messages`, { kind: 'reply', body: 'お返事です' });
      send();
      send();  // sent once
      const mail = readFileSync(join(dir, 'mail'), 'utf8');
      assert.equal(mail.match(/^To: /gm).length, 1);
      assert.match(mail, /^To: hana\.notice@example\.jp\r$/m);
      assert.ok(mail.includes(`Subject: =?UTF-8?B?${Buffer.from('返信があります').toString('base64')}?=`));
      assert.match(mail, /https:\/\/soudan\.example\.jp\/consult\/open/);
      for (const leak of [secret, 'お返事です', number, number.replaceAll('-', ''), 'さくら市', 'お知らせを待つ人'])
        assert.ok(!mail.includes(leak), `${leak} in the notice`);
      assert.deepEqual(readFileSync(join(dir, 'args'), 'utf8').trim().split('\n'), ['-oi', '--', 'hana.notice@example.jp']);
      rmSync(dir, { recursive: true, force: true });
    });

    test('retention: a thread without messages closes after the days set, and is deleted after its years; its counts stay', async () => {
      const person = new PublicClient(server.url);
      await person.start({ municipality_id: sakuraCity.id, nickname: '保存期間の人' });
      const id = (await inbox(suzuki)).items.find((t) => t.nickname === '保存期間の人').id;
      const counted = count(server, 'SELECT COUNT(*) FROM consultation_person_years');
      const run = (days) => runCli(['retention', 'run', '--db', server.db.url, '--test-clock-offset-seconds', String(days * 86400)],
        { env: { ...process.env, TSUNAGU_TEST_CLOCK: '1' } });
      run(59);
      assert.notEqual(sql(server, `SELECT state FROM consultation_threads WHERE id = '${id}'`).trim(), '終了', 'not before 60 days');
      run(61);
      assert.equal(sql(server, `SELECT state FROM consultation_threads WHERE id = '${id}'`).trim(), '終了');
      // Closed "61 days from now"; deleted one year after that day (the demo's 1 year).
      run(61 + 364);
      assert.equal(count(server, `SELECT COUNT(*) FROM consultation_threads WHERE id = '${id}'`), 1);
      run(61 + 367);
      assert.equal(count(server, `SELECT COUNT(*) FROM consultation_threads WHERE id = '${id}'`), 0);
      assert.equal(count(server, `SELECT COUNT(*) FROM consultation_messages WHERE thread_id = '${id}'`), 0);
      assert.equal(count(server, 'SELECT COUNT(*) FROM consultation_person_years'), counted);
      assert.equal(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'delete' AND entity_id = '${id}'`), 1);
    });
  });
}
