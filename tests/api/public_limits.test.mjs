// The limits of anonymous consultation under attack (the public-side
// review): one address cannot take consultation offline for everyone by
// opening its own thread in a loop; a number someone found cannot be
// confirmed as real by its answers or their timing; knowing a number does
// not lock its owner out for good; every refusal shows the crisis contacts
// and says how long to wait.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES } from '../support/server.mjs';
import { count } from '../support/case_rows.mjs';
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
  });
}
