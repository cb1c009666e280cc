// Emergency access asks for a case as people name it on the phone (issue 15
// point 6): the owning organisation and the case number (as typed) or the
// whole title — never an internal id. A part of a title, another
// organisation's number or a shared title finds nothing to open, with the
// field to correct; nothing is granted by a failed lookup.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { count, sql } from '../support/case_rows.mjs';

const REASON = '夜間に本人から電話があり、命の危険を訴えている';

for (const kind of DATABASES) {
  describe(`emergency access by case number or title (${kind})`, () => {
    let server, suzuki, ito, sakura, target;
    before(async () => {
      server = await startServer({ db: kind });
      [suzuki, ito] = await Promise.all(['coordinator', 'other_supervisor'].map((w) => signedIn(server.url, w)));
      const me = (await suzuki.get('/api/v1/session')).json.user;
      sakura = me.organisation_id;
      target = (await suzuki.post('/api/v1/cases', { title: 'Ｃさん（30代男性）', intake_route: '家族', subject_awareness: '不明' })).json;
      // Two cases with one title: a title that names no single case.
      for (let i = 0; i < 2; i++) await suzuki.post('/api/v1/cases', { title: '同じ名前のケース', intake_route: '本人' });
    });
    after(async () => { await server?.stop(); });

    test('a supervisor of another organisation opens the case by its number as typed, or by its whole title', async () => {
      const full = target.number.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace('-', '－');
      const byNumber = await ito.post('/api/v1/emergency-access', { organisation_id: sakura, case_number: full, reason: REASON });
      assert.equal(byNumber.status, 201, byNumber.text);
      assert.equal(byNumber.json.case_id, target.id);
      assert.equal((await ito.get(`/api/v1/cases/${target.id}`)).status, 200);
      // Half-width ｃ and a normal space: the same whole title.
      const byTitle = await ito.post('/api/v1/emergency-access', { organisation_id: sakura, case_title: 'Cさん（30代男性）', reason: REASON });
      assert.equal(byTitle.status, 201, byTitle.text);
      assert.equal(byTitle.json.case_id, target.id);
    });

    test('a part of a title, a shared title, an unknown number or organisation: 400 at the field, nothing granted', async () => {
      const before = count(server, 'SELECT COUNT(*) FROM emergency_accesses');
      for (const [body, field] of [
        [{ organisation_id: sakura, case_title: 'Ｃさん', reason: REASON }, 'case_title'],
        [{ organisation_id: sakura, case_title: '同じ名前のケース', reason: REASON }, 'case_title'],
        [{ organisation_id: sakura, case_number: '1999-0001', reason: REASON }, 'case_number'],
        [{ organisation_id: sakura, case_number: 'abc', reason: REASON }, 'case_number'],
        [{ organisation_id: sakura, reason: REASON }, 'case_number'],
        [{ organisation_id: 'no-such-organisation', case_number: target.number, reason: REASON }, 'organisation_id'],
        [{ case_number: target.number, reason: REASON }, 'organisation_id'],
        [{ organisation_id: sakura, case_number: target.number, reason: '急ぎ' }, 'reason'],
      ]) {
        const r = await ito.post('/api/v1/emergency-access', body);
        assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
        const e = r.json.errors.find((x) => x.field === field);
        assert.ok(e, `${JSON.stringify(body)}: ${r.text}`);
        assert.match(e.detail, /[ぁ-んァ-ン一-龯]/);
      }
      assert.equal(count(server, 'SELECT COUNT(*) FROM emergency_accesses'), before);
    });

    // Trying title after title would tell whether someone is another
    // organisation's client; each miss is recorded, and the lookup stops
    // after ten misses in an hour, even for a right number.
    test('failed lookups are audited without the title typed, and ten in an hour stop the lookup (429)', async () => {
      const failures = () => count(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND entity = 'emergency_access' AND detail LIKE 'lookup %'");
      const already = failures();
      assert.ok(already >= 3, `the misses of the test before are recorded: ${already}`);
      const entries = sql(server, "SELECT entity_id || '|' || detail FROM audit_log WHERE action = 'denied' AND entity = 'emergency_access' ORDER BY seq");
      assert.match(entries, new RegExp(`${sakura}\\|lookup title of 3 characters not found`));
      assert.match(entries, /lookup number 1999-0001 not found/);
      assert.doesNotMatch(entries, /Ｃさん|同じ名前/);
      for (let i = already; i < 10; i++) {
        const r = await ito.post('/api/v1/emergency-access', { organisation_id: sakura, case_title: `山田${i}郎`, reason: REASON });
        assert.equal(r.status, 400, r.text);
      }
      assert.equal(failures(), 10);
      const grants = count(server, 'SELECT COUNT(*) FROM emergency_accesses');
      const limited = await ito.post('/api/v1/emergency-access', { organisation_id: sakura, case_number: target.number, reason: REASON });
      assert.equal(limited.status, 429, limited.text);
      assert.equal(limited.json.code, 'emergency_lookup_limited');
      assert.match(limited.json.detail, /1時間/);
      assert.equal(count(server, 'SELECT COUNT(*) FROM emergency_accesses'), grants);
      assert.equal(failures(), 11);
      // The case's own route (by id, from a link the owner gave) is not a lookup.
      const byId = await ito.post(`/api/v1/cases/${target.id}/emergency-access`, { reason: REASON });
      assert.equal(byId.status, 201, byId.text);
    });

    test('only supervisors may ask, and not for their own organisation\'s case', async () => {
      const coordinator = await suzuki.post('/api/v1/emergency-access', { organisation_id: sakura, case_number: target.number, reason: REASON });
      assert.equal(coordinator.status, 403);
      const sato = await signedIn(server.url, 'supervisor');
      const own = await sato.post('/api/v1/emergency-access', { organisation_id: sakura, case_number: target.number, reason: REASON });
      assert.equal(own.status, 409);
      assert.equal(own.json.code, 'emergency_access_not_needed');
    });
  });
}
