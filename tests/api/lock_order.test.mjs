// One lock order (issue 20, point 1): editing 本人's record while contacts
// are recorded on their case used to deadlock on PostgreSQL (the contact
// locked the case, then the person; the person edit the person, then the
// case), 503 after a one-second stall. Both at once, for a few seconds,
// on both databases: every request succeeds.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

for (const kind of DATABASES) {
  describe(`lock order (${kind})`, () => {
    let server, suzuki, colleague;
    before(async () => {
      // Two loops as fast as the server answers: not a person, so without
      // the per-user request limit.
      server = await startServer({ db: kind, args: ['--user-requests-per-second', '0'] });
      suzuki = await signedIn(server.url, 'coordinator');
      colleague = await signedIn(server.url, 'coordinator');
    });
    after(async () => { await server?.stop(); });

    test('editing 本人 while contacts are recorded on their case: no deadlock, no 503', async () => {
      const cases = (await suzuki.get('/api/v1/cases?limit=50')).json.items;
      const c = cases.find((x) => x.subject_person_id && x.household_id);
      assert.ok(c, 'a demo case with 本人 and a household');
      // A fixed number of rounds on each side, not a time: the verdict is
      // the same on a fast and on a slow machine.
      const ROUNDS = 15;
      const statuses = { person: [], contact: [] };
      const edits = (async () => {
        for (let i = 0; i < ROUNDS; i++) {
          const p = (await suzuki.get(`/api/v1/persons/${c.subject_person_id}`)).json;
          const r = await suzuki.put(`/api/v1/persons/${p.id}`, { ...p, note: `編集 ${i}` }, { 'if-match': `"${p.version}"` });
          statuses.person.push(r.status);
        }
      })();
      const contacts = (async () => {
        for (let i = 0; i < ROUNDS; i++) {
          const r = await colleague.post(`/api/v1/cases/${c.id}/contacts`, {
            occurred_at: new Date(Date.now() - (i + 1) * 60000).toISOString(), channel: '電話', counterpart: '母', subject_met: i % 2 === 0,
          });
          statuses.contact.push(r.status);
        }
      })();
      await Promise.all([edits, contacts]);
      assert.deepEqual([...new Set(statuses.person)], [200], 'every edit of 本人 went through');
      assert.deepEqual([...new Set(statuses.contact)], [201], 'every contact was recorded');
    });
  });
}
