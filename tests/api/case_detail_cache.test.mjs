// The case detail is kept in memory between reads (service/case_detail_cache.h),
// keyed by a revision the database raises on every change the detail shows
// (migration 0017). Each test reads a detail twice, so that the second read
// comes from memory, changes one thing it shows, and reads again: the
// change must be there, whichever way it was made (through the API, or by
// SQL from outside the server).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { sql } from '../support/case_rows.mjs';

const ago = (seconds) => new Date(Date.now() - seconds * 1000).toISOString();

for (const kind of DATABASES) {
  describe(`case detail kept in memory (${kind})`, () => {
    let server, suzuki, admin, me;
    before(async () => {
      server = await startServer({ db: kind });
      suzuki = await signedIn(server.url, 'coordinator');
      admin = await signedIn(server.url, 'admin');
      me = (await suzuki.get('/api/v1/session')).json.user;
    });
    after(async () => { await server?.stop(); });

    // Two reads: the first builds the detail, the second is answered from
    // memory. Both must agree.
    async function read(id) {
      const first = await suzuki.get(`/api/v1/cases/${id}`);
      assert.equal(first.status, 200, first.text);
      const second = await suzuki.get(`/api/v1/cases/${id}`);
      assert.deepEqual(second.json, first.json);
      assert.equal(second.headers.get('etag'), first.headers.get('etag'));
      return second.json;
    }

    async function intake(title) {
      const areas = (await admin.get('/api/v1/areas')).json.items;
      const district = areas.find((a) => a.level === 'district');
      const r = await suzuki.post('/api/v1/cases', {
        title, intake_route: '家族', subject_awareness: '知らない',
        subject: { naming: 'named', name: '森 一郎', furigana: 'もり いちろう', district_id: district.id,
          contact: { phone: '090-1111-2222' } },
        caller: { naming: 'named', name: '森 和子', relation: '母' },
      });
      assert.equal(r.status, 201, r.text);
      return { c: r.json, district };
    }

    test('本人\'s contact details are answered from memory too, opened per answer', async () => {
      const { c } = await intake('連絡先の確認');
      const d = await read(c.id);
      assert.equal(d.subject.contact.phone, '090-1111-2222');
    });

    test('contacts, status, staff and the case\'s own fields show at the next read', async () => {
      const { c } = await intake('変更の反映');
      let d = await read(c.id);
      assert.equal(d.contact_count, 0);

      const k = await suzuki.post(`/api/v1/cases/${c.id}/contacts`, { occurred_at: ago(120), channel: '電話',
        counterpart: '母', subject_met: false, note: '母より電話' });
      assert.equal(k.status, 201, k.text);
      d = await read(c.id);
      assert.equal(d.contact_count, 1);
      assert.equal(d.subject_met, false);
      assert.ok(d.last_contact_at);

      const met = await suzuki.put(`/api/v1/contacts/${k.json.id}`, { ...k.json, subject_met: true, counterpart: '本人' },
        { 'if-match': `"${k.json.version}"` });
      assert.equal(met.status, 200, met.text);
      d = await read(c.id);
      assert.equal(d.subject_met, true);

      const moved = await suzuki.post(`/api/v1/cases/${c.id}/status`, { to: '継続支援' }, { 'if-match': `"${d.version}"` });
      assert.equal(moved.status, 200, moved.text);
      d = await read(c.id);
      assert.equal(d.status, '継続支援');
      assert.equal(d.status_history.length, 2);
      assert.deepEqual(d.allowed_moves, moved.json.allowed_moves);

      const users = (await admin.get('/api/v1/users')).json.items;
      const colleague = users.find((u) => u.login === 'sato');
      const up = await suzuki.put(`/api/v1/cases/${c.id}`, { ...d, title: '変更の反映（改題）', staff_ids: [me.id, colleague.id] },
        { 'if-match': `"${d.version}"` });
      assert.equal(up.status, 200, up.text);
      d = await read(c.id);
      assert.equal(d.title, '変更の反映（改題）');
      assert.deepEqual(d.staff.map((s) => s.id).sort(), [me.id, colleague.id].sort());
      const { emergency_accesses, ...shown } = d;
      assert.deepEqual(emergency_accesses, []);
      assert.deepEqual(shown, up.json, 'the read from memory is the detail the edit answered');
    });

    test('本人\'s wishes (issue 15 point 1) and 本人 added later show at the next read, also when written by SQL', async () => {
      const family = await suzuki.post('/api/v1/cases', { title: '本人をあとから', intake_route: '家族', subject_awareness: '不明',
        caller: { naming: 'named', name: '森 和子', relation: '母' } });
      assert.equal(family.status, 201, family.text);
      let d = await read(family.json.id);
      assert.equal(d.subject, null);
      const added = await suzuki.post(`/api/v1/cases/${d.id}/persons`, { relation: '本人', naming: 'named', name: '森 三郎',
        preferences: ['手紙がよい'], contact: { phone: '090-5555-6666', phone_callback: false } }, { 'if-match': `"${d.version}"` });
      assert.equal(added.status, 200, added.text);
      d = await read(d.id);
      assert.equal(d.subject.name, '森 三郎');
      assert.deepEqual(d.subject.preferences, ['手紙がよい']);
      assert.equal(d.subject.contact.phone_callback, false);
      sql(server, `UPDATE persons SET considerations = '静かな部屋で', preferences = '["同世代の支援者を希望"]' WHERE id = '${d.subject.id}'`);
      d = await read(d.id);
      assert.equal(d.subject.considerations, '静かな部屋で');
      assert.deepEqual(d.subject.preferences, ['同世代の支援者を希望']);
    });

    test('本人, the household and its members show at the next read', async () => {
      const { c } = await intake('本人と世帯');
      let d = await read(c.id);
      const person = (await suzuki.get(`/api/v1/persons/${c.subject_person_id}`)).json;
      const renamed = await suzuki.put(`/api/v1/persons/${person.id}`,
        { ...person, name: '森 一朗', contact: { phone: '080-3333-4444' } }, { 'if-match': `"${person.version}"` });
      assert.equal(renamed.status, 200, renamed.text);
      d = await read(c.id);
      assert.equal(d.subject.name, '森 一朗');
      assert.equal(d.subject.contact.phone, '080-3333-4444');
      assert.ok(d.household.members.some((m) => m.display_name === '森 一朗'));

      // A member's new name shows in the household of the case.
      const mother = d.household.members.find((m) => m.relation === '母');
      const mp = (await suzuki.get(`/api/v1/persons/${mother.person_id}`)).json;
      assert.equal((await suzuki.put(`/api/v1/persons/${mp.id}`, { ...mp, name: '森 和代' }, { 'if-match': `"${mp.version}"` })).status, 200);
      d = await read(c.id);
      assert.ok(d.household.members.some((m) => m.display_name === '森 和代'));

      const h = (await suzuki.get(`/api/v1/households/${d.household_id}`)).json;
      const father = (await suzuki.post('/api/v1/persons', { naming: 'named', name: '森 茂' })).json;
      const members = [...h.members.map((m) => ({ person_id: m.person_id, relation: m.relation })),
        { person_id: father.id, relation: '父' }];
      const hu = await suzuki.put(`/api/v1/households/${h.id}`, { ...h, label: '森さんの世帯', members },
        { 'if-match': `"${h.version}"` });
      assert.equal(hu.status, 200, hu.text);
      d = await read(c.id);
      assert.equal(d.household.label, '森さんの世帯');
      assert.ok(d.household.members.some((m) => m.person_id === father.id && m.relation === '父'));
    });

    test('a colleague\'s new display name and an area\'s new name show, and do not change the case\'s version', async () => {
      const { c, district } = await intake('名前の変更');
      const k = await suzuki.post(`/api/v1/cases/${c.id}/status`, { to: '見守り' }, { 'if-match': `"${c.version}"` });
      assert.equal(k.status, 200, k.text);
      let d = await read(c.id);
      const version = d.version;

      const u = (await admin.get(`/api/v1/users/${me.id}`)).json;
      const ur = await admin.put(`/api/v1/users/${me.id}`, { ...u, display_name: '鈴木 相談員（旧姓 田村）' }, { 'if-match': `"${u.version}"` });
      assert.equal(ur.status, 200, ur.text);
      d = await read(c.id);
      assert.equal(d.staff.find((s) => s.id === me.id).display_name, '鈴木 相談員（旧姓 田村）');
      assert.ok(d.status_history.every((s) => s.user_name === '鈴木 相談員（旧姓 田村）'));
      assert.equal(d.version, version, 'a colleague\'s rename is no edit of the case');
      // put the name back for the other tests
      const back = await admin.put(`/api/v1/users/${me.id}`, { ...u, version: ur.json.version }, { 'if-match': `"${ur.json.version}"` });
      assert.equal(back.status, 200, back.text);

      const ar = await admin.put(`/api/v1/areas/${district.id}`, { ...district, name: `${district.name}（新）` },
        { 'if-match': `"${district.version}"` });
      assert.equal(ar.status, 200, ar.text);
      d = await read(c.id);
      assert.equal(d.subject.district_name, `${district.name}（新）`);
      assert.equal(d.version, version);
      const restored = await admin.put(`/api/v1/areas/${district.id}`, { ...district, version: ar.json.version },
        { 'if-match': `"${ar.json.version}"` });
      assert.equal(restored.status, 200, restored.text);
    });

    test('a change written by SQL outside the server shows too: the database raises the revision', async () => {
      const { c } = await intake('外からの変更');
      let d = await read(c.id);
      sql(server, `UPDATE cases SET title = 'SQL で直した題' WHERE id = '${c.id}'`);
      d = await read(c.id);
      assert.equal(d.title, 'SQL で直した題');
      sql(server, `UPDATE persons SET furigana = 'もり いちろ' WHERE id = '${c.subject_person_id}'`);
      d = await read(c.id);
      assert.equal(d.subject.furigana, 'もり いちろ');
      sql(server, `DELETE FROM case_staff WHERE case_id = '${c.id}'`);
      d = await read(c.id);
      assert.deepEqual(d.staff, []);
      sql(server, `DELETE FROM household_members WHERE person_id = '${c.subject_person_id}'`);
      d = await read(c.id);
      assert.equal(d.subject.household_id, null);
      assert.ok(!d.household.members.some((m) => m.person_id === c.subject_person_id));
    });
  });
}
