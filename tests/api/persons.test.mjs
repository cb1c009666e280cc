// Persons and households (issue 3, point 1): named / pseudonym / anonymous,
// furigana, birth date or age band, district, sealed contact details; one
// household per person; 404 for another organisation; 412 on a stale version.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

for (const kind of DATABASES) {
  describe(`persons and households (${kind})`, () => {
    let server, suzuki, takahashi, district;
    before(async () => {
      server = await startServer({ db: kind });
      suzuki = await signedIn(server.url, 'coordinator');
      takahashi = await signedIn(server.url, 'other_coordinator');
      district = (await suzuki.get('/api/v1/areas')).json.items.find((a) => a.level === 'district');
    });
    after(async () => { await server?.stop(); });

    test('create, read (audited) and update a named person with sealed contact details', async () => {
      const r = await suzuki.post('/api/v1/persons', {
        naming: 'named', name: '鳥居 ひかる', furigana: 'とりい ひかる', sex: '女性', birth_date: '1985-04-01',
        district_id: district.id, contact: { phone: '090-5555-0101', email: 'h@example.jp', address: 'さくら市中央1-2-3' },
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.headers.get('etag'), '"1"');
      assert.equal(r.json.display_name, '鳥居 ひかる');
      assert.equal(r.json.contact.phone, '090-5555-0101');
      assert.equal(r.json.district_name, district.name);
      assert.equal(typeof r.json.age, 'number');
      const got = await suzuki.get(`/api/v1/persons/${r.json.id}`);
      assert.equal(got.status, 200);
      assert.equal(got.json.contact.address, 'さくら市中央1-2-3');
      const sato = await signedIn(server.url, 'supervisor');
      const audit = (await sato.get('/api/v1/audit?limit=20')).json.items;
      assert.ok(audit.some((e) => e.action === 'read' && e.entity === 'person' && e.entity_id === r.json.id));
      const up = await suzuki.put(`/api/v1/persons/${r.json.id}`, { ...got.json, furigana: 'トリイ ヒカル' }, { 'if-match': '"1"' });
      assert.equal(up.status, 200, up.text);
      assert.equal(up.json.version, 2);
      const stale = await suzuki.put(`/api/v1/persons/${r.json.id}`, { ...got.json, note: '古い版から' }, { 'if-match': '"1"' });
      assert.equal(stale.status, 412);
      assert.equal(stale.json.current.furigana, 'トリイ ヒカル');
      assert.equal(stale.json.current.note, null);
    });

    test('anonymous and pseudonymous persons', async () => {
      const anon = await suzuki.post('/api/v1/persons', { naming: 'anonymous', age_band: '20代', sex: '不明' });
      assert.equal(anon.status, 201, anon.text);
      assert.equal(anon.json.name, null);
      assert.equal(anon.json.display_name, '匿名の方');
      const nick = await suzuki.post('/api/v1/persons', { naming: 'pseudonym', name: 'Aさん' });
      assert.equal(nick.status, 201);
      const bad = await suzuki.post('/api/v1/persons', { naming: 'anonymous', name: '名前あり' });
      assert.equal(bad.status, 400);
      assert.ok(bad.json.errors.some((e) => e.field === 'name'));
    });

    test('bad input is refused field by field and nothing is written', async () => {
      const before = (await suzuki.get('/api/v1/persons')).json.items.length;
      const cases = [
        [{ naming: 'famous' }, 'naming'],
        [{ naming: 'named' }, 'name'],
        [{ naming: 'named', name: 'x'.repeat(101) }, 'name'],
        [{ naming: 'named', name: '田中', furigana: '田中' }, 'furigana'],
        [{ naming: 'named', name: '田中', sex: '男' }, 'sex'],
        [{ naming: 'named', name: '田中', birth_date: '2999-01-01' }, 'birth_date'],
        [{ naming: 'named', name: '田中', birth_date: '2001-02-29' }, 'birth_date'],
        [{ naming: 'named', name: '田中', birth_date: '1990-01-01', age_band: '30代' }, 'age_band'],
        [{ naming: 'named', name: '田中', age_band: '35歳' }, 'age_band'],
        [{ naming: 'named', name: '田中', district_id: 'nope' }, 'district_id'],
        [{ naming: 'named', name: '田中', contact: { phone: 'call me' } }, 'contact.phone'],
        [{ naming: 'named', name: '田中', contact: { fax: '1' } }, 'contact.fax'],
        [{ naming: 'named', name: '田中', note: 'x'.repeat(2001) }, 'note'],
      ];
      for (const [body, field] of cases) {
        const r = await suzuki.post('/api/v1/persons', body);
        assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${r.status}`);
        assert.ok(r.json.errors.some((e) => e.field === field), `${field}: ${JSON.stringify(r.json.errors)}`);
      }
      assert.equal((await suzuki.get('/api/v1/persons')).json.items.length, before);
    });

    test('another organisation\'s person answers 404 and is audited; nothing changes', async () => {
      const p = (await takahashi.post('/api/v1/persons', { naming: 'named', name: '他町 太郎' })).json;
      assert.equal((await suzuki.get(`/api/v1/persons/${p.id}`)).status, 404);
      const put = await suzuki.put(`/api/v1/persons/${p.id}`, { naming: 'named', name: '書き換え' }, { 'if-match': '"1"' });
      assert.equal(put.status, 404);
      assert.equal((await takahashi.get(`/api/v1/persons/${p.id}`)).json.name, '他町 太郎');
      const sato = await signedIn(server.url, 'supervisor');
      const audit = (await sato.get('/api/v1/audit?limit=50')).json.items;
      assert.ok(audit.some((e) => e.action === 'denied' && e.entity === 'person' && e.entity_id === p.id));
    });

    test('households: relations, one household per person, 本人 once, other organisation refused', async () => {
      const mk = async (name) => (await suzuki.post('/api/v1/persons', { naming: 'named', name })).json.id;
      const [honnin, father, mother] = [await mk('千早 進'), await mk('千早 剛'), await mk('千早 文')];
      const h = await suzuki.post('/api/v1/households', { label: '千早さん世帯', members: [
        { person_id: father, relation: '父' }, { person_id: honnin, relation: '本人' }, { person_id: mother, relation: '母' }] });
      assert.equal(h.status, 201, h.text);
      assert.deepEqual(h.json.members.map((m) => m.relation), ['本人', '父', '母']);
      const again = await suzuki.post('/api/v1/households', { label: '二つ目', members: [{ person_id: father, relation: '父' }] });
      assert.equal(again.status, 400);
      assert.match(again.json.errors[0].detail, /別の世帯/);
      const twoSubjects = await suzuki.post('/api/v1/households', { label: 'x', members: [
        { person_id: await mk('一'), relation: '本人' }, { person_id: await mk('二'), relation: '本人' }] });
      assert.equal(twoSubjects.status, 400);
      const badRel = await suzuki.post('/api/v1/households', { label: 'x', members: [{ person_id: await mk('三'), relation: '叔父' }] });
      assert.equal(badRel.status, 400);
      const foreign = (await takahashi.post('/api/v1/persons', { naming: 'named', name: '他町 花' })).json.id;
      const cross = await suzuki.post('/api/v1/households', { label: 'x', members: [{ person_id: foreign, relation: '母' }] });
      assert.equal(cross.status, 400);
      assert.equal((await takahashi.get(`/api/v1/households/${h.json.id}`)).status, 404);
      // replace members with If-Match; a stale version answers 412
      const up = await suzuki.put(`/api/v1/households/${h.json.id}`, { label: '千早さん世帯', members: [
        { person_id: honnin, relation: '本人' }, { person_id: mother, relation: '母' }] }, { 'if-match': '"1"' });
      assert.equal(up.status, 200, up.text);
      assert.equal(up.json.members.length, 2);
      assert.equal((await suzuki.put(`/api/v1/households/${h.json.id}`, { label: 'x' }, { 'if-match': '"1"' })).status, 412);
      assert.equal((await suzuki.get(`/api/v1/persons/${father}`)).json.household_id, null);
    });
  });
}
