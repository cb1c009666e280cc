// Helpers for the case-work API tests (assessments, plans, stages,
// timeline): a fresh case made through the API, a row count straight from
// the database (to prove that refused input wrote nothing), dates relative
// to today in Asia/Tokyo.
import { sql } from './case_rows.mjs';
import assert from 'node:assert/strict';

// Through POST /api/v1/cases, as staff make one: the route exists, so any
// other answer fails the test (no SQL behind the server's back, which would
// leave the report summaries and the search index stale).
export async function newCase(client, server, title = 'テスト ケース（30代）') {
  const r = await client.post('/api/v1/cases', { title, intake_route: '家族', subject_awareness: '不明' });
  assert.equal(r.status, 201, r.text);
  return r.json;
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
