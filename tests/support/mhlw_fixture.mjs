// The edge-case fixture of the MHLW annual figures, built through the API
// (docs/reports/counting-rules.md). A fresh prefecture 検証県 with two
// municipalities and a district, three organisations, their coordinators,
// cases, contacts and referrals around the FY2025 boundaries:
//   - a contact at 23:30 on 31 March 2026 (FY2025) and one at 00:10 on
//     1 April 2026 (FY2026), and one at 23:59 on 31 March 2025 (FY2024);
//   - 本人 born 1985-10-01, first seen in June 2025 (39: 30代), turning 40
//     in October and seen again then;
//   - 本人 of unknown age, and a family-only case without a known 本人;
//   - one 本人 in two cases of the same organisation (counted once);
//   - a referral withdrawn (取消) after being sent; one sent on 31 March
//     2025 (FY2024);
//   - three referrals declined (辞退), which still count: one by a place
//     outside tsunagu (recorded by the sender), one by a place that also got
//     an accepted referral, one by organisation B in its own inbox;
//   - a case moved to another organisation by an accepted referral, where
//     the receiver goes on recording contacts.
// EXPECTED holds the hand-computed figures.
import assert from 'node:assert/strict';
import { Client, signedIn } from './server.mjs';

const ok = (r, status = 201) => { assert.equal(r.status, status, r.text); return r.json; };

// Not derived from the login: a password containing it is refused
// (service/password_policy.h).
const FIXTURE_PASSWORD = 'midori-no-mori-2025';

export async function buildMhlwFixture(server) {
  const admin = await signedIn(server.url, 'admin');
  const area = (b) => admin.post('/api/v1/areas', b).then(ok);
  const pref = await area({ level: 'prefecture', name: '検証県', code: '99' });
  const east = await area({ level: 'municipality', name: '東市', code: '99001', parent_id: pref.id });
  const west = await area({ level: 'municipality', name: '西町', code: '99002', parent_id: pref.id });
  const north = await area({ level: 'district', name: '東市北地区', code: '99001-1', parent_id: east.id });
  const org = (b) => admin.post('/api/v1/organisations', b).then(ok);
  const A = await org({ name: '東市ひきこもり相談センター', kind: 'センター', program_type: '市町村センター', area_id: east.id });
  const B = await org({ name: '東市北ひきこもり支援ステーション', kind: 'ステーション', program_type: 'ステーション', area_id: north.id });
  const C = await org({ name: '検証県ひきこもり地域支援センター', kind: 'センター', program_type: '都道府県センター', area_id: pref.id });
  const user = async (login, role, o) => {
    ok(await admin.post('/api/v1/users', { login, display_name: `${login} さん`, role, organisation_id: o.id, password: FIXTURE_PASSWORD }));
    const c = new Client(server.url);
    assert.equal((await c.login(login, FIXTURE_PASSWORD)).status, 201);
    return c;
  };
  const a = await user('kensho_a', 'coordinator', A);
  const b = await user('kensho_b', 'coordinator', B);
  const c = await user('kensho_c', 'supervisor', C);
  const aSupervisor = await user('kensho_a_sup', 'supervisor', A);  // registers the resources

  const newCase = (client, title, subject) => client.post('/api/v1/cases', {
    title, intake_route: '家族', subject_awareness: '不明', ...subject,
  }).then(ok);
  const contact = (client, caseId, occurred_at, channel, extra = {}) => client.post(`/api/v1/cases/${caseId}/contacts`, {
    occurred_at, channel, counterpart: '本人', subject_met: true, ...extra,
  }).then(ok);

  // Organisation A.
  const a1 = await newCase(a, 'Xさん（40歳になる年）', { subject: { naming: 'pseudonym', name: 'X', birth_date: '1985-10-01' } });
  await contact(a, a1.id, '2025-06-01T01:00:00.000Z', '電話');
  await contact(a, a1.id, '2025-11-01T01:00:00.000Z', '来所');
  const a2 = await newCase(a, 'Yさん（年齢不明）', { subject: { naming: 'anonymous' } });
  await contact(a, a2.id, '2025-03-31T14:59:00.000Z', 'メール');                    // 3/31 23:59 JST: FY2024
  const a2Late = await contact(a, a2.id, '2026-03-31T14:30:00.000Z', 'その他（訪問等）', { sub_kind: '訪問', subject_met: false }); // 3/31 23:30 JST: FY2025
  await contact(a, a2.id, '2026-03-31T15:10:00.000Z', '電話');                      // 4/1 00:10 JST: FY2026
  const a3 = await newCase(a, '母からの相談（本人未確認）', {});
  await contact(a, a3.id, '2025-05-10T02:00:00.000Z', '電話', { counterpart: '母', subject_met: false });
  await contact(a, a3.id, '2025-05-20T02:00:00.000Z', 'メール', { counterpart: '母', subject_met: false });
  const a4 = await newCase(a, 'Zさん（20代）', { subject: { naming: 'pseudonym', name: 'Z', age_band: '20代' } });
  await contact(a, a4.id, '2025-07-01T03:00:00.000Z', 'SNS');
  await contact(a, a4.id, '2025-07-02T03:00:00.000Z', 'その他（訪問等）', { sub_kind: '手紙', subject_met: false });
  const a5 = await newCase(a, 'Zさん（就労体験）', { subject_person_id: a4.subject_person_id });
  await contact(a, a5.id, '2025-08-01T03:00:00.000Z', '来所');

  const resource = (b2) => aSupervisor.post('/api/v1/resources', b2).then(ok);
  const health = await resource({ name: '東市保健センター', category: '保健所・保健センター' });
  const hw = await resource({ name: 'ハローワーク東', category: 'ハローワーク' });
  const clinic = await resource({ name: '東クリニック', category: '医療機関' });
  const station = await resource({ name: '東市北ステーション', category: '他のひきこもり地域支援センター', linked_organisation_id: B.id });
  const basis = { basis: '個人情報保護法第27条第1項', basis_reason: '検証用（本人の生命を守るため）' };
  const refer = (caseId, res, referred_on) => a.post(`/api/v1/cases/${caseId}/referrals`, {
    resource_id: res.id, purpose: '検証', referred_on, shared_parts: ['summary'], ...basis,
  }).then(ok);
  await refer(a1.id, health, '2025-09-01');
  const withdrawn = await refer(a3.id, hw, '2025-10-01');
  ok(await a.post(`/api/v1/referrals/${withdrawn.id}/events`, { to: '取消', note: '本人が望まなかったため', occurred_on: '2025-10-05' },
    { 'if-match': `"${withdrawn.version}"` }), 200);
  await refer(a1.id, clinic, '2025-03-31');
  // Declined (辞退) referrals count (counting-rules.md §5).
  const welfare = await resource({ name: '東市福祉事務所', category: '福祉事務所' });
  const decline = async (referral, client, occurred_on) => ok(await client.post(`/api/v1/referrals/${referral.id}/events`,
    { to: '辞退', note: '定員に空きがないため', occurred_on }, { 'if-match': `"${referral.version}"` }), 200);
  await decline(await refer(a2.id, welfare, '2025-10-15'), a, '2025-10-20');
  await decline(await refer(a4.id, health, '2026-01-20'), a, '2026-01-25');
  await decline(await refer(a5.id, station, '2025-11-10'), b, '2025-11-12');
  const moved = await refer(a1.id, station, '2025-12-01');
  const accepted = ok(await b.post(`/api/v1/referrals/${moved.id}/accept`, { occurred_on: '2025-12-05', title: 'Xさん（東市から）' }), 200);

  // Organisation B: the moved case.
  await contact(b, accepted.receiver_case_id, '2026-01-10T01:00:00.000Z', '来所');
  await contact(b, accepted.receiver_case_id, '2026-02-01T01:00:00.000Z', '電話');

  // Organisation C (on the prefecture itself).
  const c1 = await newCase(c, 'Vさん（17歳）', { subject: { naming: 'pseudonym', name: 'V', birth_date: '2008-05-05' } });
  await contact(c, c1.id, '2025-06-15T01:00:00.000Z', '来所');
  const c2 = await newCase(c, 'Wさん（55歳）', { subject: { naming: 'pseudonym', name: 'W', birth_date: '1970-01-01' } });
  await contact(c, c2.id, '2025-09-09T01:00:00.000Z', '電話');

  return { admin, a, b, c, pref, east, west, north, A, B, C, cases: { a1, a2, a3, a4, a5, c1, c2 }, a2Late };
}

// Channels: 電話, メール, SNS, 来所, その他（訪問等）. Bands: 〜10代, 20代, 30代,
// 40代, 50代〜, 年齢不明. Referral categories by name; all others 0.
export const EXPECTED = {
  fy2025: {
    // つなぎ: 保健所 = 9/1 + 1/20 (辞退); 他のセンター = 12/1 + 11/10 (辞退 by B);
    // 福祉事務所 = 10/15 (辞退); the 取消 of 10/1 (ハローワーク) does not count.
    A: { contacts: [2, 1, 1, 2, 2], people: [0, 1, 1, 0, 0, 2], referrals: { 福祉事務所: 1, '保健所・保健センター': 2, '他のひきこもり地域支援センター': 2 } },
    B: { contacts: [1, 0, 0, 1, 0], people: [0, 0, 0, 0, 0, 1], referrals: {} },
    C: { contacts: [1, 0, 0, 1, 0], people: [1, 0, 0, 0, 1, 0], referrals: {} },
  },
  fy2024: { A: { contacts: [0, 1, 0, 0, 0], people: [0, 0, 0, 0, 0, 1], referrals: { 医療機関: 1 } } },
  fy2026: { A: { contacts: [1, 0, 0, 0, 0], people: [0, 0, 0, 0, 0, 1], referrals: {} } },
};
