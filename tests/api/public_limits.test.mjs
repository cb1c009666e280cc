// The limits of anonymous consultation under attack (the public-side
// review): one address cannot take consultation offline for everyone by
// opening its own thread in a loop; a number someone found cannot be
// confirmed as real by its answers or their timing; knowing a number does
// not lock its owner out for good; every refusal shows the crisis contacts
// and says how long to wait.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, freshDatabase, runCli, signedIn } from '../support/server.mjs';
import { count, sql } from '../support/case_rows.mjs';
import { PublicClient, PUBLIC_SERVER_ARGS } from '../support/public_client.mjs';

const OPEN = '/api/public/v1/consultation/session';

// Runs `n` calls of `f(i)`, `width` at a time; their answers in order.
async function inParallel(n, width, f) {
  const out = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) { const i = next++; out[i] = await f(i); }
  }));
  return out;
}

const tally = (answers) => answers.reduce((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});

// A refusal of the public consultation routes: the crisis contacts, the
// time to wait, and words that do not blame.
function assertKindRefusal(r) {
  assert.ok(Array.isArray(r.json.crisis_contacts) && r.json.crisis_contacts.length >= 3, r.text);
  if (r.status === 429) {
    assert.ok(Number(r.headers.get('retry-after')) >= 1, `Retry-After: ${r.headers.get('retry-after')}`);
    assert.equal(Number(r.headers.get('retry-after')), r.json.retry_after);
  }
  assert.doesNotMatch(r.json.detail, /間違い|この端末/);
}

for (const kind of DATABASES) {
  describe(`public consultation limits (${kind})`, () => {
    let server;
    before(async () => { server = await startServer({ db: kind, args: PUBLIC_SERVER_ARGS }); });
    after(async () => { await server?.stop(); });

    test('one address opening its own thread in a loop is held to its budget, before any hash; others can still start', async () => {
      const owner = new PublicClient(server.url, '192.0.2.50');
      const { number, passphrase } = await owner.start({});
      const sessionsBefore = count(server, 'SELECT COUNT(*) FROM consultation_sessions');
      const others = [];
      const flood = await inParallel(240, 40, async (i) => {
        // Meanwhile, other people start consultations.
        if (i % 60 === 30) others.push(new PublicClient(server.url, `198.18.1.${i}`).post('/api/public/v1/consultations', { writer: '本人', message: `別の人 ${i}` }));
        return new PublicClient(server.url, '192.0.2.51').post(OPEN, { number, passphrase });
      });
      const t = tally(flood);
      assert.equal(t[503], undefined, JSON.stringify(t));
      assert.ok((t[204] ?? 0) <= 30, JSON.stringify(t));
      assert.equal((t[204] ?? 0) + (t[429] ?? 0), 240, JSON.stringify(t));
      for (const r of flood.filter((r) => r.status === 429)) assertKindRefusal(r);
      for (const r of await Promise.all(others)) assert.equal(r.status, 201, r.text);
      assert.ok(count(server, 'SELECT COUNT(*) FROM consultation_sessions') - sessionsBefore <= 30 + others.length);
      // The owner, from their own address, still opens it.
      assert.equal((await new PublicClient(server.url, '192.0.2.50').post(OPEN, { number, passphrase })).status, 204);
    });

    test('a found number cannot be confirmed: an unknown one answers like a real one and locks the same', async () => {
      const { number, passphrase } = await new PublicClient(server.url, '192.0.2.60').start({});
      const wrong = '2222-2222-2222-2222-2222';
      const real = [], unknown = [];
      for (let i = 0; i < 5; i++) {
        real.push(await new PublicClient(server.url, `192.0.2.${61 + i}`).post(OPEN, { number, passphrase: wrong }));
        unknown.push(await new PublicClient(server.url, `192.0.2.${71 + i}`).post(OPEN, { number: '0000-1111-2222', passphrase: wrong }));
      }
      for (const r of [...real, ...unknown]) assert.equal(r.status, 401, r.text);
      assert.equal(real[0].text, unknown[0].text, 'the same answer');
      // The same work for both (one argon2id, against a dummy hash when the
      // number is unknown: open_consultation) is not asserted by timing
      // here: a timed assertion fails under load and proves nothing then.
      // Five wrong: both numbers wait, with the same words.
      const lockedReal = await new PublicClient(server.url, '192.0.2.80').post(OPEN, { number, passphrase });
      const lockedUnknown = await new PublicClient(server.url, '192.0.2.81').post(OPEN, { number: '0000-1111-2222', passphrase });
      assert.equal(lockedReal.status, 429, lockedReal.text);
      assert.equal(lockedUnknown.status, 429, lockedUnknown.text);
      assert.equal(lockedReal.json.code, lockedUnknown.json.code);
      assert.equal(lockedReal.json.detail.replace(/\d+分/, 'N分'), lockedUnknown.json.detail.replace(/\d+分/, 'N分'));
      for (const r of [lockedReal, lockedUnknown]) {
        assertKindRefusal(r);
        assert.ok(r.json.retry_after > 800 && r.json.retry_after <= 900, `retry_after ${r.json.retry_after}`);
      }
    });
    test('a message about dying is never lost in a refusal: crisis contacts, and the thread is urgent even when the message cannot be kept', async () => {
      const person = new PublicClient(server.url, '192.0.2.120');
      await person.start({ nickname: 'みじかい行' });
      const urgent = () => sql(server, "SELECT urgent FROM consultation_threads WHERE nickname = 'みじかい行'").trim();
      // Many short lines, as in a chat: more than the old twenty an hour.
      for (let i = 0; i < 60; i++) {
        const r = await person.post('/api/public/v1/consultation/messages', { message: `${i}行目` });
        assert.equal(r.status, 201, `line ${i}: ${r.text}`);
      }
      const plain = await person.post('/api/public/v1/consultation/messages', { message: 'もうひとこと' });
      assert.equal(plain.status, 429, plain.text);
      assertKindRefusal(plain);
      assert.equal(urgent(), '0');
      const messages = count(server, 'SELECT COUNT(*) FROM consultation_messages');
      const danger = await person.post('/api/public/v1/consultation/messages', { message: 'もう死にたい' });
      assert.equal(danger.status, 429, danger.text);
      assertKindRefusal(danger);
      assert.equal(danger.json.urgent, true);
      assert.match(danger.json.detail, /保存できませんでした/);
      assert.equal(urgent(), '1', 'the thread is urgent although the message was not kept');
      // Staff are told why, in a note the person does not see; the words are not kept.
      assert.equal(count(server, 'SELECT COUNT(*) FROM consultation_messages') - messages, 1);
      assert.equal(count(server, "SELECT COUNT(*) FROM consultation_messages WHERE author = 'note' AND urgent = 1 AND body LIKE '%本文は保存していません%'"), 1);
      const seen = await person.get('/api/public/v1/consultation');
      assert.ok(!seen.json.messages.some((m) => m.author === 'note'));
      assert.ok(seen.json.crisis_contacts.length >= 3);

      // A refused start, and an invalid message, that speak of danger show the contacts too.
      const invalid = await new PublicClient(server.url, '192.0.2.121').post('/api/public/v1/consultations', { writer: '本人', message: '死にたい\u0007' });
      assert.equal(invalid.status, 400, invalid.text);
      assert.ok(invalid.json.crisis_contacts.length >= 3, invalid.text);
      const busy = new PublicClient(server.url, '192.0.2.122');
      for (let i = 0; i < 20; i++) await busy.start({ message: `相談 ${i}` });
      const refused = await busy.post('/api/public/v1/consultations', { writer: '本人', message: '消えたい' });
      assert.equal(refused.status, 429, refused.text);
      assertKindRefusal(refused);
      assert.equal(refused.json.urgent, true);
    });

    test('IPv6 clients are limited by their /64, and an IPv4-mapped address as the IPv4 one', async () => {
      const statuses = [];
      for (let i = 1; i <= 25; i++) {
        const r = await new PublicClient(server.url, `2001:db8:1:2::${i.toString(16)}`).post('/api/public/v1/consultations', { writer: '本人', message: `v6 ${i}` });
        statuses.push(r.status);
      }
      assert.deepEqual(tally(statuses.map((status) => ({ status }))), { 201: 20, 429: 5 });
      // Another /64 is someone else.
      assert.equal((await new PublicClient(server.url, '2001:db8:1:3::1').post('/api/public/v1/consultations', { writer: '本人', message: 'x' })).status, 201);
      for (let i = 0; i < 20; i++) await new PublicClient(server.url, '192.0.2.200').start({ message: `v4 ${i}` });
      assert.equal((await new PublicClient(server.url, '::ffff:192.0.2.200').post('/api/public/v1/consultations', { writer: '本人', message: 'x' })).status, 429);
    });

    test('telling details again unchanged writes nothing; corrections are limited per thread; idle sessions are purged', async () => {
      const person = new PublicClient(server.url, '192.0.2.160');
      const { number, passphrase } = await person.start({ nickname: 'つたえる人' });
      const notices = () => count(server, "SELECT COUNT(*) FROM consultation_messages m JOIN consultation_threads t ON t.id = m.thread_id WHERE t.nickname = 'つたえる人' AND m.author = 'system'");
      const audits = () => count(server, "SELECT COUNT(*) FROM audit_log a JOIN consultation_threads t ON t.id = a.entity_id WHERE t.nickname = 'つたえる人' AND a.action = 'update'");
      const details = (name) => person.post('/api/public/v1/consultation/details', { name, phone: '090-0000-0000', consent: true });
      const [n0, a0] = [notices(), audits()];
      for (let i = 0; i < 12; i++) assert.equal((await details('山田 花子')).status, 201);
      assert.equal(notices() - n0, 1, 'one notice for twelve identical sends');
      assert.equal(audits() - a0, 1);
      // Nine corrections fit (ten in the hour with the first), the next waits.
      for (let i = 0; i < 9; i++) assert.equal((await details(`山田 花子${i}`)).status, 201);
      const over = await details('山田 はなこ');
      assert.equal(over.status, 429, over.text);
      assertKindRefusal(over);
      assert.equal(notices() - n0, 10);

      // Sessions idle past their time are removed when a new one is made.
      sql(server, "UPDATE consultation_sessions SET last_used_at = '2000-01-01T00:00:00.000Z'");
      assert.equal((await new PublicClient(server.url, '192.0.2.161').post(OPEN, { number, passphrase })).status, 204);
      assert.equal(count(server, 'SELECT COUNT(*) FROM consultation_sessions'), 1);
    });

    test('text a reader cannot see, or that turns what they see around, is refused or taken as empty', async () => {
      const person = new PublicClient(server.url, '192.0.2.170');
      for (const [body, field, words] of [
        [{ message: 'ふつうの文\u202Eけいそう' }, 'message', /向きを変える/],
        [{ message: 'DEL\u007F' }, 'message', /制御文字/],
        [{ message: 'C1\u0085' }, 'message', /制御文字/],
        [{ message: '\u200B\u200B' }, 'message', /入力してください/],
        [{ message: 'こんにちは', nickname: 'な\u2066まえ' }, 'nickname', /向きを変える/],
      ]) {
        const r = await person.post('/api/public/v1/consultations', { writer: '本人', ...body });
        assert.equal(r.status, 400, r.text);
        assert.ok(r.json.errors.some((e) => e.field === field && words.test(e.detail)), r.text);
      }
      // A nickname of zero-width spaces is no nickname: staff would see an empty name.
      await person.start({ nickname: '\u200B\u200B\u200B', message: '見えない呼び名' });
      const seen = await person.get('/api/public/v1/consultation');
      assert.equal(seen.json.nickname, null);
    });
  });

  describe(`the access log links no address to a consultation (${kind})`, () => {
    test('pages, assets, the portal, meta and the public API are logged without a client; staff with theirs', async () => {
      const server = await startServer({ db: kind, args: PUBLIC_SERVER_ARGS, accessLog: true });
      try {
        const person = new PublicClient(server.url, '192.0.2.150');
        const index = await person.get('/consult');
        const assets = [...index.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
        assert.ok(assets.length > 0, index.text.slice(0, 200));
        for (const path of ['/', '/consult', '/consult/thread', ...assets, '/api/public/v1/portal', '/api/v1/meta']) await person.get(path);
        await person.start({});
        await person.get('/api/public/v1/consultation');
        const staff = await signedIn(server.url, 'coordinator');
        assert.equal((await staff.get('/api/v1/cases')).status, 200);
        // The log reaches us through a pipe: wait for the last line.
        const lines = () => server.stdout().split('\n').slice(0, -1).map((l) => JSON.parse(l)).filter((l) => l.event === 'access');
        for (let i = 0; i < 100 && !lines().some((l) => l.path === '/api/v1/cases'); i++) await new Promise((r) => setTimeout(r, 20));
        const access = lines();
        const anonymous = access.filter((l) => !l.user);
        assert.ok(anonymous.length >= 8 + assets.length);
        for (const l of anonymous.filter((l) => !l.path.startsWith('/api/v1/session'))) assert.equal(l.client, '', JSON.stringify(l));
        assert.ok(access.some((l) => l.user === 'suzuki' && l.path === '/api/v1/cases' && l.client === '127.0.0.1'), 'staff are named');
      } finally {
        await server.stop();
      }
    });
  });

  describe(`a number's rest ends, and then counts from nothing (${kind})`, () => {
    test('after the 15 minutes one slip does not lock it again; failures outside the window do not add up', async () => {
      const database = freshDatabase(kind);
      runCli(['demo', '--db', database.url]);
      const at = (minutes) => startServer({ db: kind, database, clockOffset: minutes * 60, args: PUBLIC_SERVER_ARGS });
      let server = await at(0);
      const open = (address, passphrase) => new PublicClient(server.url, address).post(OPEN, { number, passphrase });
      let number, passphrase;
      try {
        ({ number, passphrase } = await new PublicClient(server.url, '192.0.2.90').start({}));
        for (let i = 0; i < 5; i++) assert.equal((await open(`192.0.2.${91 + i}`, '3333-3333-3333-3333-3333')).status, 401);
        assert.equal((await open('192.0.2.96', passphrase)).status, 429, 'five wrong: the number rests');
        await server.stop();
        server = await at(16);
        // The rest is over: one slip is one slip, and the right passphrase opens.
        assert.equal((await open('192.0.2.97', '3333-3333-3333-3333-3333')).status, 401);
        assert.equal((await open('192.0.2.97', passphrase)).status, 204, 'not locked again by one wrong try');
        for (let i = 0; i < 4; i++) assert.equal((await open('192.0.2.98', '3333-3333-3333-3333-3333')).status, 401);
        await server.stop();
        server = await at(32);
        // Four wrong 16 minutes ago and four now: never five in a window.
        for (let i = 0; i < 4; i++) assert.equal((await open('192.0.2.99', '3333-3333-3333-3333-3333')).status, 401);
        assert.equal((await open('192.0.2.99', passphrase)).status, 204);
      } finally {
        await server.stop();
        database.cleanup();
      }
    });
  });
}
