// GET /api/v1/meta publishes every enumeration of the domain
// (domain::enum_catalog(), checked against each EnumSpec by
// tests/unit/enum_catalog_test.cc), and the web renders its choices from it:
// no list of values is copied into web/src.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { startServer, Client, DATABASES, signedIn } from '../support/server.mjs';

const WEB_SRC = resolve(import.meta.dirname, '..', '..', 'web', 'src');

// Places where a few values of one enumeration stand in the web on purpose,
// each with its reason. Keep this list short.
const ALLOWED = [
  // The case page's tabs are named contacts / assessments / plans, like three
  // of the shared parts; they are tabs, not a list of parts.
  { file: 'cases/CaseDetailPage.vue', enumeration: 'shared_part' },
  // Which screens each role reaches (route guards, the type the navigation
  // is keyed by); the server's permission table decides what they may do.
  { file: 'router.ts', enumeration: 'role' },
  { file: 'session/user.ts', enumeration: 'role' },
  // The counterpart a new contact starts with: 本人 when no one else called,
  // その他の家族 / その他 for a relation or route that is no counterpart itself.
  { file: 'cases/vocabulary.ts', enumeration: 'contact_counterpart' },
  // The receiver may give feedback once it accepted (service/referrals.cc
  // add_feedback); the referral detail does not say so yet.
  { file: 'referrals/IncomingReferralPage.vue', enumeration: 'referral_state' },
  // The supporter's page words each dispatch state in the supporter's terms
  // (お返事を待っています …) and answers 承諾 / 辞退; the server's state machine
  // (domain/supporter.h) decides which move is allowed.
  { file: 'supporters/SupporterHomePage.vue', enumeration: 'dispatch_state' },
];

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|vue)$/.test(e.name) ? [p] : [];
  });
}

// Every quoted string of a source file ('…', "…", `…` without ${}).
function literals(text) {
  const out = new Set();
  for (const m of text.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`([^`$]*)`/g)) out.add(m[1] ?? m[2] ?? m[3]);
  return out;
}

for (const kind of DATABASES) {
  describe(`meta (${kind})`, () => {
    let server, meta;
    before(async () => {
      server = await startServer({ db: kind });
      const r = await new Client(server.url).get('/api/v1/meta');
      assert.equal(r.status, 200, r.text);
      meta = r.json;
    });
    after(async () => { await server?.stop(); });

    test('is public and lists every enumeration with a heading and labelled values', () => {
      const names = Object.keys(meta.enumerations);
      assert.ok(names.length >= 39, `enumerations: ${names.join(', ')}`);
      for (const name of ['contact_channel', 'case_status', 'person_naming', 'sharing_basis', 'shared_part',
        'referral_category', 'outing_level', 'meeting_kind', 'meeting_legal_basis', 'progress_level', 'role',
        'area_level', 'resource_cost', 'resource_gender'])
        assert.ok(meta.enumerations[name], `${name} がありません`);
      for (const [name, e] of Object.entries(meta.enumerations)) {
        assert.match(name, /^[a-z0-9_]+$/);
        assert.ok(e.label, `${name}: 見出しがありません`);
        assert.ok(e.values.length > 0, name);
        assert.equal(new Set(e.values.map((v) => v.value)).size, e.values.length, `${name}: 値が重複しています`);
        for (const v of e.values) assert.ok(typeof v.value === 'string' && v.value && typeof v.label === 'string' && v.label, name);
      }
      assert.equal(meta.enumerations.referral_category.values.length, 21);
      assert.deepEqual(meta.enumerations.contact_channel.values.map((v) => v.value), ['電話', 'メール', 'SNS', '来所', 'その他（訪問等）']);
    });

    test('labels where the value is an identifier', () => {
      const label = (e, v) => meta.enumerations[e].values.find((x) => x.value === v)?.label;
      assert.equal(label('person_naming', 'anonymous'), '匿名（名前を記録しない）');
      assert.equal(label('shared_part', 'summary'), 'ケースの概要');
      assert.equal(label('area_level', 'municipality'), '市区町村');
      assert.equal(label('role', 'admin'), 'システム管理者');
      assert.equal(label('case_status', '見守り'), '見守り');
    });

    test('the rules forms need come with the values', () => {
      const e = meta.enumerations;
      assert.deepEqual(e.case_status.values.filter((v) => !v.open).map((v) => v.value), ['終結', '中断']);
      assert.deepEqual(e.contact_channel.values.filter((v) => v.has_sub_kinds).map((v) => v.value), ['その他（訪問等）']);
      assert.deepEqual(e.meeting_kind.values.filter((v) => !v.needs_consent).map((v) => v.value), ['支援会議']);
      assert.deepEqual(e.meeting_kind.values.filter((v) => v.needs_legal_basis).map((v) => v.value), ['支援会議']);
      assert.deepEqual(e.sharing_basis.values.map((v) => v.record_field), ['consent_id', 'meeting_id', 'basis_reason']);
      assert.ok(e.support_group.values.every((v) => v.description));
      assert.deepEqual(e.area_level.values.map((v) => [v.value, v.parent]),
        [['national', ''], ['prefecture', 'national'], ['municipality', 'prefecture'], ['district', 'municipality']]);
    });

    test('the first keys stay, as the same lists', () => {
      assert.deepEqual(meta.roles, meta.enumerations.role.values);
      assert.deepEqual(meta.organisation_kinds, meta.enumerations.organisation_kind.values);
      assert.deepEqual(meta.program_types, meta.enumerations.program_type.values);
      assert.deepEqual(meta.area_levels, meta.enumerations.area_level.values);
    });

    test('stage models are the server\'s built-in ones', async () => {
      const suzuki = await signedIn(server.url, 'coordinator');
      const models = (await suzuki.get('/api/v1/stage-models')).json.items;
      assert.deepEqual(meta.stage_models.map((m) => [m.key, m.stages]), models.map((m) => [m.key, m.stages]));
    });

    test('web/src keeps no copy of an enumeration', () => {
      const found = [];
      for (const file of sourceFiles(WEB_SRC)) {
        const rel = relative(WEB_SRC, file);
        const strings = literals(readFileSync(file, 'utf8'));
        for (const [name, e] of Object.entries(meta.enumerations)) {
          if (ALLOWED.some((a) => a.file === rel && a.enumeration === name)) continue;
          // A value, or a label of its own, written out in the source.
          const hits = e.values.filter((v) => strings.has(v.value) || (v.label !== v.value && strings.has(v.label)));
          if (hits.length >= Math.min(3, e.values.length))
            found.push(`${rel}: ${name} (${hits.map((v) => v.value).join(', ')})`);
        }
        if (rel !== 'meta/meta.ts' && meta.stage_models.some((m) => m.stages.filter((s) => strings.has(s)).length >= 3))
          found.push(`${rel}: stage model`);
      }
      assert.deepEqual(found, [], 'これらの一覧は GET /api/v1/meta から読んでください');
    });
  });
}
