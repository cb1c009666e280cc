// The audit log speaks Japanese (issue 15 point 6): every action and record
// kind the source writes has a Japanese label; entries name the actor (not
// the login) and the case they are about, by title only where the reader may
// open it; the log filters by who, case (id or number), action and date,
// with clear errors for filters it cannot read.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../../src');
const tokyoToday = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);

// Every action and record code written by the source: audit(…, {"action",
// "entity", …}) and the loaders' require_record / require(…, "entity").
function codesInSource() {
  const actions = new Set(), entities = new Set();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(cc|h)$/.test(name)) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/audit\([^;{]*\{"([a-z_]+)", "([a-z_]+)"/g)) { actions.add(m[1]); entities.add(m[2]); }
        for (const m of text.matchAll(/require_record\(ctx, "([a-z_]+)"/g)) entities.add(m[1]);
      }
    }
  };
  walk(SRC);
  return { actions, entities };
}

describe('audit vocabulary', () => {
  let server, sato;
  before(async () => {
    server = await startServer({ db: 'sqlite', demo: true });
    sato = await signedIn(server.url, 'supervisor');
  });
  after(async () => { await server?.stop(); });

  test('every action and record kind the source writes has a Japanese label', async () => {
    const vocabulary = (await sato.get('/api/v1/meta')).json.audit_vocabulary;
    const labels = (list) => new Map(list.map((t) => [t.value, t.label]));
    const actions = labels(vocabulary.actions), entities = labels(vocabulary.entities);
    const found = codesInSource();
    assert.ok(found.actions.size >= 15 && found.entities.size >= 40, 'the scan finds the audit calls');
    for (const a of found.actions) assert.match(actions.get(a) ?? '', /[ぁ-んァ-ン一-龯]/, `action ${a} has a Japanese label`);
    for (const e of found.entities) assert.match(entities.get(e) ?? '', /[ぁ-んァ-ン一-龯]/, `record kind ${e} has a Japanese label`);
  });
});

for (const kind of DATABASES) {
  describe(`audit log in Japanese (${kind})`, () => {
    let server, admin, sato, suzuki, caseItem;
    before(async () => {
      server = await startServer({ db: kind });
      admin = await signedIn(server.url, 'admin');
      sato = await signedIn(server.url, 'supervisor');
      suzuki = await signedIn(server.url, 'coordinator');
      caseItem = (await suzuki.get('/api/v1/cases?limit=5')).json.items[0];
      // Suzuki reads and edits the case: entries about it.
      assert.equal((await suzuki.get(`/api/v1/cases/${caseItem.id}`)).status, 200);
      assert.equal((await suzuki.get(`/api/v1/cases/${caseItem.id}/timeline`)).status, 200);
    });
    after(async () => { await server?.stop(); });

    test('entries name the actor and the case, with Japanese labels; the title only for a reader who may open it', async () => {
      const me = (await suzuki.get('/api/v1/session')).json.user;
      const items = (await sato.get(`/api/v1/audit?case=${caseItem.id}&limit=50`)).json.items;
      assert.ok(items.length >= 2, 'reads of the case are found by case');
      for (const e of items) {
        assert.ok(e.case, 'each entry names its case');
        assert.equal(e.case.id, caseItem.id);
        assert.equal(e.case.number, caseItem.number);
        assert.equal(e.case.title, caseItem.title, 'a supervisor of the organisation sees the title');
        assert.equal(e.case.may_open, true);
        assert.match(e.action_label, /[ぁ-んァ-ン一-龯]/);
        assert.match(e.entity_label, /[ぁ-んァ-ン一-龯]/);
      }
      const byMe = items.find((e) => e.user_id === me.id);
      assert.ok(byMe);
      assert.equal(byMe.user_name, me.display_name, 'the name, not the login');
      assert.ok(byMe.organisation_name);
      // An administrator sees that a case was read, by its number, never its title.
      const adminView = (await admin.get(`/api/v1/audit?case=${caseItem.id}&limit=50`)).json.items;
      assert.ok(adminView.length >= 2);
      for (const e of adminView) {
        assert.equal(e.case.title, null);
        assert.equal(e.case.may_open, false);
        assert.equal(e.case.number, caseItem.number);
      }
    });

    test('filters by who, case number, action and date narrow the log', async () => {
      const me = (await suzuki.get('/api/v1/session')).json.user;
      const mine = (await sato.get(`/api/v1/audit?user=${me.id}&limit=100`)).json.items;
      assert.ok(mine.length > 0);
      for (const e of mine) assert.equal(e.user_id, me.id);
      const byNumber = (await sato.get(`/api/v1/audit?case_number=${encodeURIComponent(caseItem.number.replace('-', '－'))}`)).json.items;
      assert.ok(byNumber.length >= 2);
      for (const e of byNumber) assert.equal(e.case.id, caseItem.id);
      const reads = (await sato.get(`/api/v1/audit?action=read&case=${caseItem.id}`)).json.items;
      for (const e of reads) assert.equal(e.action, 'read');
      const today = tokyoToday();
      const todays = (await sato.get(`/api/v1/audit?from=${today}&to=${today}&limit=200`)).json.items;
      assert.ok(todays.length > 0);
      const tomorrow = new Date(Date.now() + 33 * 3600e3).toISOString().slice(0, 10);
      assert.equal((await sato.get(`/api/v1/audit?from=${tomorrow}`)).json.items.length, 0, 'nothing from tomorrow on');
      // Paging with a filter shows every matching entry once.
      const all = (await sato.get(`/api/v1/audit?user=${me.id}&limit=200`)).json.items.map((e) => `${e.log}${e.seq}`);
      const paged = [];
      let cursor = null;
      do {
        const r = (await sato.get(`/api/v1/audit?user=${me.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json;
        paged.push(...r.items.map((e) => `${e.log}${e.seq}`));
        cursor = r.next_cursor;
      } while (cursor);
      assert.deepEqual(paged.slice(0, all.length), all);
    });

    test('filters it cannot read are refused in Japanese; another organisation\'s case number is not theirs', async () => {
      for (const [query, field] of [
        ['action=smash', 'action'], ['from=2026-02-30', 'from'], ['from=2026-05-02&to=2026-05-01', 'to'],
        ['case_number=abc', 'case_number'], ['case_number=1999-0001', 'case_number'],
      ]) {
        const r = await sato.get(`/api/v1/audit?${query}`);
        assert.equal(r.status, 400, `${query}: ${r.text}`);
        const e = r.json.errors.find((x) => x.field === field);
        assert.ok(e, `${query}: ${r.text}`);
        assert.match(e.detail, /[ぁ-んァ-ン一-龯]/);
      }
    });
  });
}
