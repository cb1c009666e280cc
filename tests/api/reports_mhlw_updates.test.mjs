// The MHLW figures follow later edits (issue 5 point 10): the report reads
// summary tables kept on every write (src/store/summaries/mhlw_summary.h), so every
// write path that moves a figure is exercised here on the edge-case fixture
// (tests/support/mhlw_fixture.mjs) and checked against hand-computed
// figures of organisation A: a contact moved across 31 March / 1 April
// (Tokyo) and to another channel, 本人 set on and cleared from a
// family-only case, a birth date and a stored band changed, contacts in a
// new fiscal year, concurrent contacts on one person and one day. At the
// end the rows kept on write must equal a rebuild from scratch
// (`tsunagu rebuild-summaries`) and a re-run of migration 0012's backfill.
// On SQLite and PostgreSQL.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, runCli } from '../support/server.mjs';
import { buildMhlwFixture } from '../support/mhlw_fixture.mjs';
import { sql } from '../support/case_rows.mjs';

const sum = (a) => a.reduce((x, y) => x + y, 0);
const table = (report, id) => report.tables.find((t) => t.id === id);

// Both summary tables, one line per row, in primary-key order.
function summaryRows(server) {
  const rows = (q) => sql(server, q).trim().split('\n').filter(Boolean);
  return {
    days: rows("SELECT organisation_id || ' ' || day || ' ' || channel || ' ' || contacts FROM contact_day_counts " +
      'ORDER BY organisation_id, day, channel'),
    people: rows("SELECT organisation_id || ' ' || fiscal_year || ' ' || person_key || ' ' || first_day || ' ' || age_band " +
      'FROM mhlw_person_years ORDER BY organisation_id, fiscal_year, person_key'),
  };
}

for (const kind of DATABASES) {
  describe(`MHLW figures after edits (${kind})`, () => {
    let server, fx;
    before(async () => {
      server = await startServer({ db: kind });
      fx = await buildMhlwFixture(server);
    });
    after(async () => { await server?.stop(); });

    // Organisation A's figures of one year, as its coordinator sees them
    // (nothing hidden). Channels: 電話, メール, SNS, 来所, その他（訪問等）.
    // Bands: 〜10代, 20代, 30代, 40代, 50代〜, 年齢不明.
    async function expectA(fy, contacts, people) {
      const r = await fx.a.get(`/api/v1/reports/mhlw?fiscal_year=${fy}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(table(r.json, 'mhlw_contacts').rows, [[sum(contacts), ...contacts]], `FY${fy} 相談件数`);
      assert.deepEqual(table(r.json, 'mhlw_people').rows, [[sum(people), ...people]], `FY${fy} 相談実人数`);
    }
    async function edit(path, changes) {
      const got = await fx.a.get(path);
      assert.equal(got.status, 200, got.text);
      const r = await fx.a.put(path, { ...got.json, ...changes }, { 'if-match': `"${got.json.version}"` });
      assert.equal(r.status, 200, r.text);
      return r.json;
    }
    const addContact = async (caseId, occurred_at, channel) => {
      const r = await fx.a.post(`/api/v1/cases/${caseId}/contacts`, { occurred_at, channel, counterpart: '本人', subject_met: true });
      assert.equal(r.status, 201, r.text);
    };

    test('the fixture as built: FY2024, FY2025, FY2026', async () => {
      await expectA(2024, [0, 1, 0, 0, 0], [0, 0, 0, 0, 0, 1]);
      await expectA(2025, [2, 1, 1, 2, 2], [0, 1, 1, 0, 0, 2]);
      await expectA(2026, [1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1]);
    });

    test('a contact moved from 31 March 23:30 to 1 April 00:20 (Tokyo) and to 来所, then back to 31 March 23:50 as SNS', async () => {
      await edit(`/api/v1/contacts/${fx.a2Late.id}`, { occurred_at: '2026-03-31T15:20:00.000Z', channel: '来所', sub_kind: null });
      // Y's only FY2025 contact has left the year: one 年齢不明 fewer.
      await expectA(2025, [2, 1, 1, 2, 1], [0, 1, 1, 0, 0, 1]);
      // In FY2026 Y was already counted (the 1 April 00:10 call): still one person.
      await expectA(2026, [1, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1]);
      await edit(`/api/v1/contacts/${fx.a2Late.id}`, { occurred_at: '2026-03-31T14:50:00.000Z', channel: 'SNS' });
      await expectA(2025, [2, 1, 2, 2, 1], [0, 1, 1, 0, 0, 2]);
      await expectA(2026, [1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1]);
      await expectA(2024, [0, 1, 0, 0, 0], [0, 0, 0, 0, 0, 1]);
    });

    test('本人 set on the family-only case: aged at its first contact of the year (19 on 10 May, 20 on 15 May)', async () => {
      const n = await fx.a.post('/api/v1/persons', { naming: 'pseudonym', name: 'N', birth_date: '2005-05-15' });
      assert.equal(n.status, 201, n.text);
      await edit(`/api/v1/cases/${fx.cases.a3.id}`, { subject_person_id: n.json.id });
      // The family's case no longer counts as 年齢不明; N counts as 〜10代
      // (contacts on 10 and 20 May 2025: the first one decides).
      await expectA(2025, [2, 1, 2, 2, 1], [1, 1, 1, 0, 0, 1]);
    });

    test('a contact in a new fiscal year: X counted in FY2026 at 40 (born 1985-10-01, seen 10 April 2026)', async () => {
      await addContact(fx.cases.a1.id, '2026-04-10T01:00:00.000Z', '電話');
      await expectA(2026, [2, 0, 0, 0, 0], [0, 0, 0, 1, 0, 1]);
      await expectA(2025, [2, 1, 2, 2, 1], [1, 1, 1, 0, 0, 1]);
    });

    test('birth date and stored band edited: every year of the person follows', async () => {
      await edit(`/api/v1/persons/${fx.cases.a1.subject_person_id}`, { birth_date: '2000-01-01' });
      // X: 30代 → 20代 in FY2025 (25 on 1 June 2025), 40代 → 20代 in FY2026.
      await expectA(2025, [2, 1, 2, 2, 1], [1, 2, 0, 0, 0, 1]);
      await expectA(2026, [2, 0, 0, 0, 0], [0, 1, 0, 0, 0, 1]);
      // Y (no birth date) recorded as 60代: 50代〜 in all three years.
      await edit(`/api/v1/persons/${fx.cases.a2.subject_person_id}`, { age_band: '60代' });
      await expectA(2024, [0, 1, 0, 0, 0], [0, 0, 0, 0, 1, 0]);
      await expectA(2025, [2, 1, 2, 2, 1], [1, 2, 0, 0, 1, 0]);
      await expectA(2026, [2, 0, 0, 0, 0], [0, 1, 0, 0, 1, 0]);
    });

    test('本人 cleared again: the case counts as a person of its own (年齢不明)', async () => {
      await edit(`/api/v1/cases/${fx.cases.a3.id}`, { subject_person_id: null });
      await expectA(2025, [2, 1, 2, 2, 1], [0, 2, 0, 0, 1, 1]);
    });

    test('concurrent contacts on one day: one person Z in two cases, and a new family-only case', async () => {
      const a6 = await fx.a.post('/api/v1/cases', { title: '父からの相談', intake_route: '家族', subject_awareness: '不明' });
      assert.equal(a6.status, 201, a6.text);
      await Promise.all([
        ...Array.from({ length: 8 }, () => addContact(a6.json.id, '2026-05-01T01:00:00.000Z', '電話')),
        ...Array.from({ length: 4 }, () => addContact(fx.cases.a4.id, '2026-05-01T02:00:00.000Z', '電話')),
        ...Array.from({ length: 4 }, () => addContact(fx.cases.a5.id, '2026-05-01T03:00:00.000Z', '電話')),
      ]);
      // Z (20代 as recorded) once, the new case once (年齢不明).
      await expectA(2026, [18, 0, 0, 0, 0], [0, 2, 0, 0, 1, 1]);
    });

    // counting-rules.md §5: a referral withdrawn (取消) after the receiver
    // accepted it (受理) still counts — the receiver had opened its case;
    // one withdrawn while still 依頼 does not.
    test('a referral withdrawn after 受理 still counts; one withdrawn while 依頼 does not', async () => {
      const referrals = async () => {
        const r = await fx.a.get('/api/v1/reports/mhlw?fiscal_year=2025');
        const t = table(r.json, 'mhlw_referrals');
        return t.rows[0][t.columns.findIndex((c) => c.label === '他のひきこもり地域支援センター')];
      };
      const before = await referrals();
      const station = (await fx.a.get('/api/v1/resources?limit=200')).json.items.find((x) => x.name === '東市北ステーション');
      const refer = async () => {
        const r = await fx.a.post(`/api/v1/cases/${fx.cases.a4.id}/referrals`, { resource_id: station.id, purpose: '検証',
          referred_on: '2026-02-01', shared_parts: ['summary'], basis: '個人情報保護法第27条第1項', basis_reason: '検証用（本人の生命を守るため）' });
        assert.equal(r.status, 201, r.text);
        return r.json;
      };
      const withdraw = async (id) => {
        const now = (await fx.a.get(`/api/v1/referrals/${id}`)).json;
        const r = await fx.a.post(`/api/v1/referrals/${id}/events`, { to: '取消', note: '本人が望まなくなったため', occurred_on: '2026-02-10' },
          { 'if-match': `"${now.version}"` });
        assert.equal(r.status, 200, r.text);
      };
      const accepted = await refer();
      const took = await fx.b.post(`/api/v1/referrals/${accepted.id}/accept`, { occurred_on: '2026-02-03' });
      assert.equal(took.status, 200, took.text);
      await withdraw(accepted.id);
      assert.equal(await referrals(), before + 1, 'withdrawn after 受理: the つなぎ happened');
      const early = await refer();
      assert.equal(await referrals(), before + 2);
      await withdraw(early.id);
      assert.equal(await referrals(), before + 1, 'withdrawn while 依頼: no つなぎ');
    });

    test('the rows kept on write equal a rebuild from scratch and the migration backfill', async () => {
      const kept = summaryRows(server);
      assert.ok(kept.days.length > 10 && kept.people.length > 10);
      assert.ok(!kept.days.some((r) => / 0$/.test(r)), 'no count of zero is left behind');
      runCli(['rebuild-summaries', '--db', server.db.url]);
      assert.deepEqual(summaryRows(server), kept);
      await expectA(2026, [18, 0, 0, 0, 0], [0, 2, 0, 0, 1, 1]);
      // An existing database being migrated: 0012 creates and fills the tables.
      sql(server, 'DROP TABLE contact_day_counts');
      sql(server, 'DROP TABLE mhlw_person_years');
      sql(server, 'DELETE FROM schema_migrations WHERE version = 12');
      assert.match(runCli(['migrate', '--db', server.db.url]), /\b1 件/);
      assert.deepEqual(summaryRows(server), kept);
    });
  });
}
