// Helpers for the case-work API tests (assessments, plans, stages,
// timeline): a fresh case made through the API, a row count straight from
// the database (to prove that refused input wrote nothing), dates relative
// to today in Asia/Tokyo.
import { sql } from './case_rows.mjs';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

// Through POST /api/v1/cases; while that route has not landed (404/405),
// a minimal row is inserted with the database's own CLI instead.
export async function newCase(client, server, title = 'テスト ケース（30代）') {
  const r = await client.post('/api/v1/cases', { title, intake_route: '家族', subject_awareness: '不明' });
  if (r.status !== 404 && r.status !== 405) {
    assert.equal(r.status, 201, r.text);
    return r.json;
  }
  const me = (await client.get('/api/v1/session')).json.user;
  const id = `t${randomBytes(10).toString('hex')}`;
  const now = new Date().toISOString().replace(/\.\d+Z$/, '.000Z');
  const org = sql(server, `SELECT stage_model FROM organisations WHERE id = '${me.organisation_id}'`).trim();
  sql(server, `INSERT INTO cases (id, organisation_id, title, status, intake_route, subject_awareness, needs, stage_model, ` +
    `opened_on, version, created_at, updated_at) VALUES ('${id}', '${me.organisation_id}', '${title}', '受付', '家族', '不明', ` +
    `'[]', '${org}', '${day(0)}', 1, '${now}', '${now}')`);
  return { id, organisation_id: me.organisation_id, title, stage_model: org, version: 1 };
}

// Whether the other case-work routes (cases, contacts, status) have landed.
export async function hasCaseRoutes(client) {
  const r = await client.post('/api/v1/cases', {});
  return r.status !== 404 && r.status !== 405;
}

export { sql };

export function count(server, table) {
  return Number(sql(server, `SELECT count(*) FROM ${table}`).trim());
}

// YYYY-MM-DD of today + `days` in Asia/Tokyo.
export function day(days = 0) {
  const t = new Date(Date.now() + 9 * 3600 * 1000 + days * 86400 * 1000);
  return t.toISOString().slice(0, 10);
}

export const FAILURE_WORDS = /失敗|後退|未達|脱落|悪化|挫折/;
