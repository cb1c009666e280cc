// The person's and family's own details (issue 15 point 1): 本人 added to a
// family-only case later, in one request; name and ふりがな corrected;
// gender including 回答しない; phone and email with 折り返し可否, 名乗って
// よいか and 家族に知られてよいか, the preferred way to be contacted — sealed
// at rest with the numbers — and wishes about support (an enumerated list)
// with 配慮してほしいこと. Bad input is refused with a Japanese message and
// writes nothing; a stale version answers 412; every step is audited; the
// case detail kept in memory never shows the details from before an edit.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { sql } from '../support/case_rows.mjs';

const PHONE = '090-4826-1357', EMAIL = 'honnin-details@example.jp';
const JAPANESE = /[ぁ-んァ-ヶ一-龠]/;
const count = (server, statement) => Number(sql(server, statement).trim());

for (const kind of DATABASES) {
  describe(`person details (${kind})`, () => {
    let server, suzuki, takahashi, sato, district, meta;
    before(async () => {
      server = await startServer({ db: kind });
      suzuki = await signedIn(server.url, 'coordinator');
      takahashi = await signedIn(server.url, 'other_coordinator');
      sato = await signedIn(server.url, 'supervisor');
      district = (await suzuki.get('/api/v1/areas')).json.items.find((a) => a.level === 'district');
      meta = (await suzuki.get('/api/v1/meta')).json.enumerations;
    });
    after(async () => { await server?.stop(); });

    // A case that began with the mother's call: no 本人 yet.
    async function familyOnlyCase(title) {
      const r = await suzuki.post('/api/v1/cases', { title, intake_route: '家族', subject_awareness: '知らない',
        caller: { naming: 'named', name: '早瀬 和子', relation: '母' } });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.subject, null);
      return r.json;
    }
    const subjectBody = () => ({
      relation: '本人', naming: 'named', name: '早瀬 遼', furigana: 'はやせ りょう', sex: '回答しない', age_band: '30代',
      district_id: district.id,
      contact: { phone: PHONE, phone_callback: true, phone_may_identify: false, email: EMAIL, email_callback: true,
        family_may_know: false, preferred_method: meta.contact_preference.values[1].value },
      preferences: ['手紙がよい', '同性の支援者を希望', '手紙がよい'],
      considerations: '大きな音が苦手。訪問の前に手紙で知らせてほしい。',
    });

    test('the enumerations come from /meta: 回答しない, 連絡方法の希望, 支援についての希望', () => {
      assert.ok(meta.sex.values.some((v) => v.value === '回答しない'));
      assert.ok(meta.contact_preference.values.some((v) => v.value === '手紙'));
      assert.ok(meta.support_preference.values.some((v) => v.value === '同世代の支援者を希望'));
    });

    test('本人 is added to a family-only case later, with contact wishes and preferences, in one request', async () => {
      const c = await familyOnlyCase('早瀬さん（母から）');
      const warm = (await suzuki.get(`/api/v1/cases/${c.id}`)).json;  // kept in memory from here
      assert.equal(warm.subject, null);
      const r = await suzuki.post(`/api/v1/cases/${c.id}/persons`, subjectBody(), { 'if-match': `"${c.version}"` });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.headers.get('etag'), `"${c.version + 1}"`);
      assert.equal(r.json.subject.name, '早瀬 遼');
      assert.equal(r.json.subject.sex, '回答しない');
      assert.equal(r.json.subject.contact.phone_callback, true);
      assert.equal(r.json.subject.contact.phone_may_identify, false);
      assert.equal(r.json.subject.contact.family_may_know, false);
      // Stored in the order of the list, once each.
      assert.deepEqual(r.json.subject.preferences, ['同性の支援者を希望', '手紙がよい']);
      assert.deepEqual(r.json.household.members.map((m) => m.relation), ['本人', '母']);
      const read = (await suzuki.get(`/api/v1/cases/${c.id}`)).json;
      assert.equal(read.subject.id, r.json.subject.id);
      assert.equal(read.subject.contact.email, EMAIL);
      assert.equal(read.subject.considerations, '大きな音が苦手。訪問の前に手紙で知らせてほしい。');

      // Registering 本人 a second time is refused, and writes nothing.
      const persons = count(server, 'SELECT count(*) FROM persons');
      const again = await suzuki.post(`/api/v1/cases/${c.id}/persons`, { ...subjectBody(), name: '別の人' },
        { 'if-match': `"${read.version}"` });
      assert.equal(again.status, 400);
      assert.ok(again.json.errors.some((e) => e.field === 'relation' && /すでに本人/.test(e.detail)));
      assert.equal(count(server, 'SELECT count(*) FROM persons'), persons);

      const audit = (await sato.get('/api/v1/audit?limit=100')).json.items;
      assert.ok(audit.some((e) => e.action === 'update' && e.entity === 'case' && e.entity_id === c.id && e.detail === '本人を登録'));
      assert.ok(audit.some((e) => e.action === 'create' && e.entity === 'person' && e.entity_id === r.json.subject.id));
    });

    test('a family member is added; a case without a household gets one', async () => {
      const bare = await suzuki.post('/api/v1/cases', { title: '関係機関からの相談', intake_route: '関係機関', subject_awareness: '不明' });
      assert.equal(bare.status, 201, bare.text);
      assert.equal(bare.json.household_id, null);
      const r = await suzuki.post(`/api/v1/cases/${bare.json.id}/persons`, { relation: '父', naming: 'named', name: '早瀬 剛',
        contact: { phone: '080-2222-3333', phone_callback: false } }, { 'if-match': `"${bare.json.version}"` });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.subject, null);
      assert.ok(r.json.household_id);
      assert.deepEqual(r.json.household.members.map((m) => [m.relation, m.display_name]), [['父', '早瀬 剛']]);
      const father = (await suzuki.get(`/api/v1/persons/${r.json.household.members[0].person_id}`)).json;
      assert.equal(father.contact.phone_callback, false);
      assert.deepEqual(father.preferences, []);
    });

    test('a name and ふりがな are corrected after intake; a stale version answers 412; the detail is never stale', async () => {
      const c = await familyOnlyCase('ふりがなの訂正');
      const added = (await suzuki.post(`/api/v1/cases/${c.id}/persons`, subjectBody(), { 'if-match': `"${c.version}"` })).json;
      const person = (await suzuki.get(`/api/v1/persons/${added.subject.id}`)).json;
      await suzuki.get(`/api/v1/cases/${c.id}`);
      const fixed = await suzuki.put(`/api/v1/persons/${person.id}`, { ...person, name: '早瀬 諒', furigana: 'はやせ まこと',
        preferences: ['同世代の支援者を希望'], contact: { ...person.contact, phone_may_identify: true } },
      { 'if-match': `"${person.version}"` });
      assert.equal(fixed.status, 200, fixed.text);
      assert.equal(fixed.json.version, person.version + 1);
      const detail = (await suzuki.get(`/api/v1/cases/${c.id}`)).json;
      assert.equal(detail.subject.name, '早瀬 諒');
      assert.equal(detail.subject.furigana, 'はやせ まこと');
      assert.deepEqual(detail.subject.preferences, ['同世代の支援者を希望']);
      assert.equal(detail.subject.contact.phone_may_identify, true);
      // The search finds the corrected name.
      const found = (await suzuki.get(`/api/v1/search?q=${encodeURIComponent('はやせ まこと')}`)).json.items;
      assert.ok(found.some((x) => x.id === c.id), 'found by the corrected furigana');

      const stale = await suzuki.put(`/api/v1/persons/${person.id}`, { ...person, name: '古い版' }, { 'if-match': `"${person.version}"` });
      assert.equal(stale.status, 412);
      assert.equal(stale.json.current.name, '早瀬 諒');
      const staleCase = await suzuki.post(`/api/v1/cases/${c.id}/persons`, { relation: '父', naming: 'anonymous' },
        { 'if-match': `"${c.version}"` });
      assert.equal(staleCase.status, 412);
      assert.equal(staleCase.json.current.subject.id, person.id);
      assert.equal((await suzuki.post(`/api/v1/cases/${c.id}/persons`, { relation: '父', naming: 'anonymous' })).status, 428);

      const audit = (await sato.get('/api/v1/audit?limit=100')).json.items;
      assert.ok(audit.some((e) => e.action === 'update' && e.entity === 'person' && e.entity_id === person.id));
      assert.ok(audit.some((e) => e.action === 'read' && e.entity === 'person' && e.entity_id === person.id));
    });

    test('bad input: a Japanese message for the field, 400, and nothing written', async () => {
      const c = await familyOnlyCase('入力の確認');
      const before = {
        persons: count(server, 'SELECT count(*) FROM persons'),
        members: count(server, 'SELECT count(*) FROM household_members'),
      };
      const base = { relation: '本人', naming: 'named', name: '入力 確認' };
      const cases = [
        [{ ...base, relation: undefined }, 'relation'],
        [{ ...base, relation: '叔父' }, 'relation'],
        [{ ...base, name: undefined }, 'name'],
        [{ ...base, sex: '答えない' }, 'sex'],
        [{ ...base, contact: { phone: PHONE, phone_callback: 'はい' } }, 'contact.phone_callback'],
        [{ ...base, contact: { phone_callback: true } }, 'contact.phone_callback'],
        [{ ...base, contact: { phone_may_identify: false, address: '町内' } }, 'contact.phone_may_identify'],
        [{ ...base, contact: { email_callback: true } }, 'contact.email_callback'],
        [{ ...base, contact: { family_may_know: true } }, 'contact.family_may_know'],
        [{ ...base, contact: { preferred_method: '伝書鳩' } }, 'contact.preferred_method'],
        [{ ...base, contact: { phone: PHONE, fax: '1' } }, 'contact.fax'],
        [{ ...base, preferences: '手紙がよい' }, 'preferences'],
        [{ ...base, preferences: ['手紙がよい', '毎日来てほしい'] }, 'preferences'],
        [{ ...base, preferences: [1] }, 'preferences'],
        [{ ...base, considerations: 'あ'.repeat(1001) }, 'considerations'],
      ];
      for (const [body, field] of cases) {
        const current = (await suzuki.get(`/api/v1/cases/${c.id}`)).json;
        const r = await suzuki.post(`/api/v1/cases/${c.id}/persons`, body, { 'if-match': `"${current.version}"` });
        assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 90)}: ${r.status} ${r.text}`);
        const e = r.json.errors.find((x) => x.field === field);
        assert.ok(e, `${field}: ${JSON.stringify(r.json.errors)}`);
        assert.match(e.detail, JAPANESE);
        // The same person fields are refused when a person is corrected.
        if (field !== 'relation') {
          const p = await suzuki.post('/api/v1/persons', body);
          assert.equal(p.status, 400, `POST /persons ${field}`);
        }
      }
      const after = (await suzuki.get(`/api/v1/cases/${c.id}`)).json;
      assert.equal(after.version, c.version);
      assert.equal(after.subject, null);
      assert.equal(count(server, 'SELECT count(*) FROM persons'), before.persons);
      assert.equal(count(server, 'SELECT count(*) FROM household_members'), before.members);
    });

    test('another organisation\'s case: 404, audited as denied, nothing added', async () => {
      const c = await familyOnlyCase('他の機関からは見えない');
      const persons = count(server, 'SELECT count(*) FROM persons');
      const r = await takahashi.post(`/api/v1/cases/${c.id}/persons`, subjectBody(), { 'if-match': `"${c.version}"` });
      assert.equal(r.status, 404);
      assert.equal(count(server, 'SELECT count(*) FROM persons'), persons);
      assert.equal((await suzuki.get(`/api/v1/cases/${c.id}`)).json.subject, null);
      // The refusal is in the log of the organisation that asked.
      const ito = await signedIn(server.url, 'other_supervisor');
      const audit = (await ito.get('/api/v1/audit?limit=100')).json.items;
      assert.ok(audit.some((e) => e.action === 'denied' && e.entity === 'case' && e.entity_id === c.id));
    });

    test('deletion on request removes the wishes and 配慮してほしいこと with the name', async () => {
      const c = await familyOnlyCase('削除の求め');
      const r = await suzuki.post(`/api/v1/cases/${c.id}/persons`, subjectBody(), { 'if-match': `"${c.version}"` });
      assert.equal(r.status, 200, r.text);
      const id = r.json.subject.id;
      const done = await sato.post(`/api/v1/persons/${id}/deletion`, { reason: '本人からの削除の求め', confirm: true });
      assert.equal(done.status, 200, done.text);
      assert.equal(count(server, `SELECT count(*) FROM persons WHERE id = '${id}' AND preferences IS NULL AND considerations IS NULL AND contact_sealed IS NULL`), 1);
    });

    test('the wishes about contact are sealed with the numbers; nothing of them is in the clear at rest', async () => {
      const c = await familyOnlyCase('暗号化の確認（希望）');
      const r = await suzuki.post(`/api/v1/cases/${c.id}/persons`, subjectBody(), { 'if-match': `"${c.version}"` });
      assert.equal(r.status, 200, r.text);
      const id = r.json.subject.id;
      assert.equal(count(server, `SELECT count(*) FROM persons WHERE id = '${id}' AND contact_sealed LIKE '%callback%'`), 0);
      assert.equal(count(server, `SELECT count(*) FROM persons WHERE id = '${id}' AND contact_sealed IS NOT NULL`), 1);
      if (kind === 'sqlite') {
        const dir = dirname(server.db.file);
        for (const f of readdirSync(dir).filter((x) => x.startsWith('tsunagu.sqlite') && !x.endsWith('.key'))) {
          const bytes = readFileSync(join(dir, f));
          for (const secret of [PHONE, EMAIL, 'phone_callback', 'family_may_know', 'preferred_method'])
            assert.equal(bytes.indexOf(Buffer.from(secret)), -1, `${f} contains ${secret}`);
        }
      } else {
        const dump = sql(server, 'SELECT string_agg(coalesce(contact_sealed, \'\'), \'|\') FROM persons');
        for (const secret of [PHONE, EMAIL, 'phone_callback', 'family_may_know']) assert.ok(!dump.includes(secret), secret);
      }
    });
  });
}
