// The capture–recapture answer says what its coarse key does (district,
// gender and age band: two different people can be counted as one, which
// makes the estimate come out low), with how many of the matches came from
// keys several persons share; on the demo survey. SQLite and PostgreSQL.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

for (const kind of DATABASES) {
  describe(`capture–recapture linkage warning (${kind})`, () => {
    let server, suzuki;
    before(async () => {
      server = await startServer({ db: kind });
      suzuki = await signedIn(server.url, 'coordinator');
    });
    after(async () => { await server?.stop(); });

    test('every answer warns that the key can join two people, and says how many matches shared a key', async () => {
      const surveys = (await suzuki.get('/api/v1/surveys')).json.items;
      assert.ok(surveys.length > 0, 'the demo has a survey');
      const r = await suzuki.get(`/api/v1/surveys/${surveys[0].id}/capture-recapture`);
      assert.equal(r.status, 200, r.text);
      const j = r.json;
      assert.match(j.linkage_warning, /この3つが同じ別の方を同じ人として数えることがあります/);
      assert.match(j.linkage_warning, /実際より少なく出ます/);
      if (j.ambiguous_matches > 0)
        assert.match(j.linkage_warning, new RegExp(`両方にいると数えた${j.both}人のうち${j.ambiguous_matches}人は`));
      else assert.doesNotMatch(j.linkage_warning, /両方にいると数えた/);
    });
  });
}
