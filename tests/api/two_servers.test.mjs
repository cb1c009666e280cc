// Several tsunagu servers on one PostgreSQL database, as a prefecture runs
// them (issue 20, point 2): a session and its CSRF token from one work on
// the other; concurrent writers on both keep one valid audit chain; each
// server's case-detail memory sees the other's edits at once; two accepts
// of one referral at the same moment on the two servers: one wins; the
// report summaries kept by both equal a rebuild.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, signedIn, Client, runCli } from '../support/server.mjs';
import { createCase, sql } from '../support/case_rows.mjs';
import { counterBy } from '../support/metrics.mjs';

// tsunagu_read_audit_appends_total by way, from /metrics.
async function appends(server) {
  const n = await counterBy(server, 'tsunagu_read_audit_appends_total', 'way');
  return { known: n.known_head, moved: n.head_moved, read: n.read_head };
}

const delta = (after, before) => Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));

function verifyChains(server, dir) {
  let out;
  try {
    out = runCli(['audit', 'verify', '--db', server.db.url, '--audit-key-file', join(dir, 'audit.key')]);
  } catch (e) { assert.fail(`audit verify: ${e.stdout}${e.stderr}`); }
  assert.doesNotMatch(out, /改ざん|欠落|検出/);
  assert.match(out, /正常/);
}

function summaryRows(server) {
  const rows = (q) => sql(server, q).trim().split('\n').filter(Boolean);
  return {
    days: rows("SELECT organisation_id || ' ' || day || ' ' || channel || ' ' || contacts FROM contact_day_counts ORDER BY organisation_id, day, channel"),
    people: rows("SELECT organisation_id || ' ' || fiscal_year || ' ' || person_key || ' ' || first_day || ' ' || age_band FROM mhlw_person_years ORDER BY organisation_id, fiscal_year, person_key"),
  };
}

describe('two servers on one PostgreSQL database', { skip: !process.env.TSUNAGU_PG_HOST && 'no PostgreSQL (scripts/pg.sh)' }, () => {
  let a, b, dir, orgs;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagu-two-'));
    const files = ['--key-file', join(dir, 'contact.key'), '--audit-key-file', join(dir, 'audit.key')];
    const metrics = ['--metrics-from', '127.0.0.1'];
    a = await startServer({ db: 'postgres', args: [...files, ...metrics, '--audit-anchor-file', join(dir, 'a.anchor')], demoArgs: files });
    b = await startServer({ db: 'postgres', database: { ...a.db, cleanup: () => {} }, args: [...files, ...metrics, '--audit-anchor-file', join(dir, 'b.anchor')] });
    orgs = (await (await signedIn(a.url, 'admin')).get('/api/v1/organisations')).json.items;
  });
  after(async () => {
    await b?.stop();
    await a?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a session and its CSRF token from one server work on the other', async () => {
    const onA = await signedIn(a.url, 'admin');
    const onB = new Client(b.url);
    onB.cookie = onA.cookie;
    onB.csrf = onA.csrf;
    assert.equal((await onB.get('/api/v1/session')).status, 200);
    const pref = (await onB.get('/api/v1/areas')).json.items.find((x) => x.level === 'prefecture');
    assert.equal((await onB.post('/api/v1/areas', { level: 'municipality', name: '両方町', parent_id: pref.id })).status, 201);
    onB.csrf = 'x'.repeat(43);
    assert.equal((await onB.post('/api/v1/areas', { level: 'municipality', name: '偽町', parent_id: pref.id })).status, 403);
    assert.equal((await onA.del('/api/v1/session')).status, 204);
    assert.equal((await onB.get('/api/v1/session')).status, 401, 'signed out on one, signed out on both');
  });

  test('concurrent writers on both servers keep one valid audit chain (both logs)', async () => {
    const adminA = await signedIn(a.url, 'admin'), adminB = await signedIn(b.url, 'admin');
    const pref = (await adminA.get('/api/v1/areas')).json.items.find((x) => x.level === 'prefecture');
    const write = (c, p) => Promise.all(Array.from({ length: 25 }, (_, i) =>
      c.post('/api/v1/areas', { level: 'municipality', name: `${p}${i}町`, parent_id: pref.id })));
    const read = (c) => Promise.all(Array.from({ length: 25 }, () => c.get('/api/v1/users')));
    const results = (await Promise.all([write(adminA, '甲'), write(adminB, '乙'), read(adminA), read(adminB)])).flat();
    assert.ok(results.every((r) => r.status === 201 || r.status === 200), [...new Set(results.map((r) => r.status))].join(','));
    // The chains themselves (each server's checkpoints come every ten
    // seconds: audit_chain.test.mjs covers those).
    verifyChains(a, dir);
  });

  test('read audits taking turns on the two servers: one statement from the known head, the ordinary way once it has moved', async () => {
    const onA = await signedIn(a.url, 'admin'), onB = await signedIn(b.url, 'admin');
    const entries = () => Number(sql(a, 'SELECT COUNT(*) FROM reads.audit_log').trim());
    const readsOn = async (c, n) => { for (let i = 0; i < n; ++i) assert.equal((await c.get('/api/v1/users')).status, 200); };
    const startA = await appends(a);
    const first = entries();
    // Enough one after another that any pause after an earlier move has
    // passed: the last ones go from the head A left.
    await readsOn(onA, 20);
    assert.ok(delta(await appends(a), startA).known >= 1, 'A appends from the head it left');
    await readsOn(onB, 20);
    const beforeA = await appends(a);
    await readsOn(onA, 1);
    assert.deepEqual(delta(await appends(a), beforeA), { known: 0, moved: 1, read: 1 }, 'B has appended since: A reads the head');
    assert.equal(entries(), first + 41, 'every read has its one entry');
    verifyChains(a, dir);
  });

  test("each server's case-detail memory sees the other's edit at once", async () => {
    const sakura = orgs.find((o) => o.name === 'さくら市ひきこもり支援ステーション');
    const onA = await signedIn(a.url, 'coordinator'), onB = await signedIn(b.url, 'coordinator');
    const caseId = await createCase(onA, '二台のサーバー');
    const before = (await onB.get(`/api/v1/cases/${caseId}`)).json;
    (await onB.get(`/api/v1/cases/${caseId}`));  // now from B's memory
    const r = await onA.post(`/api/v1/cases/${caseId}/contacts`, { occurred_at: new Date(Date.now() - 60000).toISOString(), channel: '電話', counterpart: '母', subject_met: false });
    assert.equal(r.status, 201, r.text);
    const after = (await onB.get(`/api/v1/cases/${caseId}`)).json;
    assert.equal(after.contact_count, before.contact_count + 1);
  });

  test('one referral accepted at the same moment on both servers: exactly one wins', async () => {
    const sakura = orgs.find((o) => o.name === 'さくら市ひきこもり支援ステーション');
    const aoba = orgs.find((o) => o.name === 'あおば町ひきこもりサポート事業');
    const suzuki = await signedIn(a.url, 'coordinator');
    const takahashi = await signedIn(a.url, 'other_coordinator'), ito = await signedIn(b.url, 'other_supervisor');
    const linked = (await ito.post('/api/v1/resources', { name: '二台目のあおば町', category: '他のひきこもり地域支援センター', linked_organisation_id: aoba.id })).json;
    const caseId = await createCase(suzuki, 'つなぎ（二台）');
    const ref = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, {
      resource_id: linked.id, purpose: '居場所の利用', basis: '個人情報保護法第27条第1項', basis_reason: '生命・身体の保護のため', shared_parts: ['summary'],
    });
    assert.equal(ref.status, 201, ref.text);
    const [x, y] = await Promise.all([
      takahashi.post(`/api/v1/referrals/${ref.json.id}/accept`, { note: 'A で受理' }),
      ito.post(`/api/v1/referrals/${ref.json.id}/accept`, { note: 'B で受理' }),
    ]);
    assert.deepEqual([x.status, y.status].sort(), [200, 409]);
  });

  test('report summaries kept by both servers under concurrent contacts equal a rebuild', async () => {
    const sakura = orgs.find((o) => o.name === 'さくら市ひきこもり支援ステーション');
    const onA = await signedIn(a.url, 'coordinator'), onB = await signedIn(b.url, 'supervisor');
    const caseId = await createCase(onA, '集計（二台）');
    const post = (c, i) => c.post(`/api/v1/cases/${caseId}/contacts`, {
      occurred_at: new Date(Date.now() - (i + 1) * 3600e3).toISOString(), channel: i % 2 ? '電話' : '来所', counterpart: '本人', subject_met: true,
    });
    const rs = await Promise.all([...Array.from({ length: 15 }, (_, i) => post(onA, i)), ...Array.from({ length: 15 }, (_, i) => post(onB, 100 + i))]);
    assert.ok(rs.every((r) => r.status === 201), [...new Set(rs.map((r) => `${r.status} ${r.text.slice(0, 80)}`))].join(' | '));
    const kept = summaryRows(a);
    runCli(['rebuild-summaries', '--db', a.db.url]);
    assert.deepEqual(summaryRows(a), kept);
  });
});
