// The role × route × own/other-organisation matrix (issue 2, point 7).
//
// Every route of `tsunagu routes --json` must have a row in EXPECTED below:
// the reach each role is meant to have (checked against the server's own
// declaration, so that a policy change is a deliberate edit here too), what
// the `:params` of its path point at, and the status a permitted call gives.
// A new route without a row fails this test: add the row with the reach the
// route should have.
//
// From the reach the expected answer follows:
//   none                                  → 403 forbidden (and an audit entry)
//   own_organisation on another org's record, self on another user's record
//                                         → 404 not_found (like a missing record)
//   otherwise                             → the row's `ok` status (never 401/403/404)
// Writes send `{}`, so a permitted role gets a validation answer
// (400 or 428) and nothing is written.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DATABASES, DEMO, signedIn, freshDatabase, runCli } from '../support/server.mjs';
import { areaOfOrganisationTargets } from '../support/area_targets.mjs';
import { serverRoutes, routeKey, ROLES } from '../support/routes.mjs';

// Reach shorthands, in the order of ROLES:
//   admin, analyst, coordinator, ibasho_staff, supervisor, supporter, surveyor
const reach = (...r) => Object.fromEntries(ROLES.map((role, i) => [role, r[i]]));
const EVERYONE = (r) => reach(r, r, r, r, r, r, r);
const ADMIN_ONLY = reach('all', 'none', 'none', 'none', 'none', 'none', 'none');
const ADMIN_AND_SUPERVISOR = reach('all', 'none', 'none', 'none', 'own_organisation', 'none', 'none');
const CASE_WORK = reach('none', 'none', 'own_organisation', 'none', 'own_organisation', 'none', 'none');
const RESOURCE_READ = reach('all', 'none', 'all', 'none', 'all', 'none', 'none');
const REFERRAL_WORK = reach('none', 'none', 'own_organisation', 'none', 'own_organisation', 'none', 'none');
const GROUP_WORK = reach('none', 'none', 'own_organisation', 'own_organisation', 'own_organisation', 'none', 'none');
const SURVEY_STAFF = reach('none', 'none', 'own_organisation', 'none', 'own_organisation', 'none', 'none');
const SURVEY_ANSWER = reach('none', 'none', 'own_organisation', 'none', 'own_organisation', 'none', 'self');
const SURVEY_FIGURES = reach('none', 'all', 'own_organisation', 'none', 'own_organisation', 'none', 'none');
const SUPPORTER_WORK = reach('none', 'none', 'own_organisation', 'none', 'own_organisation', 'none', 'none');
const SUPPORTER_SELF = reach('none', 'none', 'none', 'none', 'none', 'self', 'none');

// target: what `:id` is — none (no params), organisation, user, area
//   (areas belong to no organisation).
// ok: the status of a permitted call (with `{}` as the body of a write).
// signsOut: a permitted call ends the session (the test signs in again).
const EXPECTED = {
  'GET /healthz': { public: true },
  'GET /api/v1/meta': { public: true },
  'POST /api/v1/session': { public: true },
  'GET /api/v1/session': { reach: EVERYONE('self'), target: 'none', ok: 200 },
  'DELETE /api/v1/session': { reach: EVERYONE('self'), target: 'none', ok: 204, signsOut: true },
  // Everyone changes their own password; `{}` answers 400 and changes nothing.
  'PUT /api/v1/session/password': { reach: EVERYONE('self'), target: 'none', ok: 400 },
  // Two-factor sign-in (issue 21): one's own enrolment; the second step is public (its cookie
  // comes from a right password). Enrolment starts (201) before its QR code is drawn (200);
  // `{}` as a code answers 400 and changes nothing.
  'POST /api/v1/session/second-factor': { public: true },
  'GET /api/v1/session/two-factor': { reach: EVERYONE('self'), target: 'none', ok: 200 },
  'POST /api/v1/session/two-factor/enrolment': { reach: EVERYONE('self'), target: 'none', ok: 201 },
  'GET /api/v1/session/two-factor/enrolment/qr': { reach: EVERYONE('self'), target: 'none', ok: 200 },
  'POST /api/v1/session/two-factor/enrolment/confirm': { reach: EVERYONE('self'), target: 'none', ok: 400 },
  'POST /api/v1/session/two-factor/recovery-codes': { reach: EVERYONE('self'), target: 'none', ok: 400 },
  // Only an administrator of the user's own organisation resets a user's second factor.
  'POST /api/v1/users/:id/two-factor/reset': { reach: reach('own_organisation', 'none', 'none', 'none', 'none', 'none', 'none'), target: 'user', ok: 400 },
  'GET /api/v1/organisations/:id/two-factor-policy': { reach: reach('own_organisation', 'none', 'none', 'none', 'own_organisation', 'none', 'none'), target: 'organisation', ok: 200 },
  'PUT /api/v1/organisations/:id/two-factor-policy': { reach: reach('own_organisation', 'none', 'none', 'none', 'none', 'none', 'none'), target: 'organisation', ok: 428 },
  'GET /api/v1/organisations/:id/retention-policy': { reach: reach('own_organisation', 'none', 'none', 'none', 'own_organisation', 'none', 'none'), target: 'organisation', ok: 200 },
  'PUT /api/v1/organisations/:id/retention-policy': { reach: reach('own_organisation', 'none', 'none', 'none', 'none', 'none', 'none'), target: 'organisation', ok: 428 },
  'GET /api/v1/areas': { reach: EVERYONE('all'), target: 'none', ok: 200 },
  'POST /api/v1/areas': { reach: ADMIN_ONLY, target: 'none', ok: 400 },
  'PUT /api/v1/areas/:id': { reach: ADMIN_ONLY, target: 'area', ok: 428 },
  'GET /api/v1/organisations': { reach: EVERYONE('all'), target: 'none', ok: 200 },
  'GET /api/v1/organisations/:id': { reach: EVERYONE('all'), target: 'organisation', ok: 200 },
  'POST /api/v1/organisations': { reach: ADMIN_ONLY, target: 'none', ok: 400 },
  'PUT /api/v1/organisations/:id': { reach: ADMIN_ONLY, target: 'organisation', ok: 428 },
  // Coordinators see their colleagues (to assign a case's staff), never other organisations'.
  'GET /api/v1/users': { reach: reach('all', 'none', 'own_organisation', 'none', 'own_organisation', 'none', 'none'), target: 'none', ok: 200 },
  'GET /api/v1/users/:id': {
    reach: reach('all', 'self', 'self', 'self', 'own_organisation', 'self', 'self'),
    target: 'user',
    ok: 200,
  },
  'POST /api/v1/users': { reach: ADMIN_ONLY, target: 'none', ok: 400 },
  'PUT /api/v1/users/:id': { reach: ADMIN_ONLY, target: 'user', ok: 428 },
  'GET /api/v1/audit': { reach: ADMIN_AND_SUPERVISOR, target: 'none', ok: 200 },
  // Issue 3 (persons, households, cases, contacts, search): case workers of the owning
  // organisation only. `:id` is a demo record of the caller's organisation and of another.
  'GET /api/v1/persons': { reach: CASE_WORK, target: 'none', ok: 200 },
  'POST /api/v1/persons': { reach: CASE_WORK, target: 'none', ok: 400 },
  'GET /api/v1/persons/:id': { reach: CASE_WORK, target: 'person', ok: 200 },
  'PUT /api/v1/persons/:id': { reach: CASE_WORK, target: 'person', ok: 428 },
  // 開示請求 (issue 21 point 3): supervisors of the person's organisation only; `{}` has no
  // reason and answers 400 with nothing written.
  'POST /api/v1/persons/:id/disclosures': { reach: reach('none', 'none', 'none', 'none', 'own_organisation', 'none', 'none'), target: 'person', ok: 400 },
  'GET /api/v1/persons/:id/deletion-preview': { reach: reach('none', 'none', 'none', 'none', 'own_organisation', 'none', 'none'), target: 'person', ok: 200 },
  'POST /api/v1/persons/:id/deletion': { reach: reach('none', 'none', 'none', 'none', 'own_organisation', 'none', 'none'), target: 'person', ok: 400 },
  'GET /api/v1/households': { reach: CASE_WORK, target: 'none', ok: 200 },
  'POST /api/v1/households': { reach: CASE_WORK, target: 'none', ok: 400 },
  'GET /api/v1/households/:id': { reach: CASE_WORK, target: 'household', ok: 200 },
  'PUT /api/v1/households/:id': { reach: CASE_WORK, target: 'household', ok: 428 },
  'GET /api/v1/cases': { reach: CASE_WORK, target: 'none', ok: 200 },
  'POST /api/v1/cases': { reach: CASE_WORK, target: 'none', ok: 400 },
  'GET /api/v1/cases/:id': { reach: CASE_WORK, target: 'case', ok: 200 },
  'PUT /api/v1/cases/:id': { reach: CASE_WORK, target: 'case', ok: 428 },
  'POST /api/v1/cases/:id/status': { reach: CASE_WORK, target: 'case', ok: 428 },
  'POST /api/v1/cases/:id/persons': { reach: CASE_WORK, target: 'case', ok: 428 },
  'GET /api/v1/contacts': { reach: CASE_WORK, target: 'none', ok: 200 },
  'POST /api/v1/contacts': { reach: CASE_WORK, target: 'none', ok: 400 },
  'GET /api/v1/cases/:id/contacts': { reach: CASE_WORK, target: 'case', ok: 200 },
  'POST /api/v1/cases/:id/contacts': { reach: CASE_WORK, target: 'case', ok: 400 },
  'GET /api/v1/contacts/:id': { reach: CASE_WORK, target: 'contact', ok: 200 },
  'PUT /api/v1/contacts/:id': { reach: CASE_WORK, target: 'contact', ok: 428 },
  'GET /api/v1/search': { reach: CASE_WORK, target: 'none', ok: 400 },
  // Issue 4. A directory is read by case workers of every organisation and kept by
  // its organisation's supervisors (or admins). Referral routes reach the sender's and,
  // through the referral, the receiving organisation's staff (Target::parties); the
  // cross-organisation cases (receiver, uninvolved organisation) are in referrals.test.mjs.
  // Their `:id` here is an unknown id, so a permitted call answers 404.
  'GET /api/v1/resources': { reach: RESOURCE_READ, target: 'none', ok: 200 },
  'POST /api/v1/resources': { reach: ADMIN_AND_SUPERVISOR, target: 'none', ok: 400 },
  'GET /api/v1/resources/:id': { reach: RESOURCE_READ, target: 'none', ok: 404 },
  'PUT /api/v1/resources/:id': { reach: ADMIN_AND_SUPERVISOR, target: 'none', ok: 404 },
  'GET /api/v1/cases/:id/consents': { reach: REFERRAL_WORK, target: 'none', ok: 404 },
  'POST /api/v1/cases/:id/consents': { reach: REFERRAL_WORK, target: 'none', ok: 404 },
  'POST /api/v1/cases/:id/consents/:consent_id/withdraw': { reach: REFERRAL_WORK, target: 'none', ok: 404 },
  'GET /api/v1/cases/:id/referrals': { reach: REFERRAL_WORK, target: 'none', ok: 404 },
  'POST /api/v1/cases/:id/referrals': { reach: REFERRAL_WORK, target: 'none', ok: 404 },
  'GET /api/v1/referrals': { reach: REFERRAL_WORK, target: 'none', ok: 200 },
  'GET /api/v1/referrals/inbox': { reach: REFERRAL_WORK, target: 'none', ok: 200 },
  'GET /api/v1/referrals/:id': { reach: REFERRAL_WORK, target: 'none', ok: 404 },
  'GET /api/v1/referrals/:id/shared': { reach: REFERRAL_WORK, target: 'none', ok: 404 },
  'POST /api/v1/referrals/:id/accept': { reach: REFERRAL_WORK, target: 'none', ok: 404 },
  'POST /api/v1/referrals/:id/events': { reach: REFERRAL_WORK, target: 'none', ok: 404 },
  'POST /api/v1/referrals/:id/feedback': { reach: REFERRAL_WORK, target: 'none', ok: 404 },
  // Issue 3 (assessments, plans, stages, timeline): the same reach; `:id` of
  // an assessment or plan is one made in before() for each organisation.
  'GET /api/v1/cases/:id/assessments': { reach: CASE_WORK, target: 'case', ok: 200 },
  'POST /api/v1/cases/:id/assessments': { reach: CASE_WORK, target: 'case', ok: 400 },
  'GET /api/v1/cases/:id/assessments/compare': { reach: CASE_WORK, target: 'case', ok: 200 },
  'GET /api/v1/assessments': { reach: CASE_WORK, target: 'none', ok: 400 },
  'POST /api/v1/assessments': { reach: CASE_WORK, target: 'none', ok: 400 },
  'GET /api/v1/assessments/:id': { reach: CASE_WORK, target: 'assessment', ok: 200 },
  'PUT /api/v1/assessments/:id': { reach: CASE_WORK, target: 'assessment', ok: 428 },
  'GET /api/v1/cases/:id/plans': { reach: CASE_WORK, target: 'case', ok: 200 },
  'POST /api/v1/cases/:id/plans': { reach: CASE_WORK, target: 'case', ok: 400 },
  'GET /api/v1/plans': { reach: CASE_WORK, target: 'none', ok: 400 },
  'POST /api/v1/plans': { reach: CASE_WORK, target: 'none', ok: 400 },
  'GET /api/v1/plans/:id': { reach: CASE_WORK, target: 'plan', ok: 200 },
  'PUT /api/v1/plans/:id': { reach: CASE_WORK, target: 'plan', ok: 428 },
  'POST /api/v1/plans/:id/goals/:goal_id/progress': { reach: CASE_WORK, target: 'plan', ok: 400 },
  'GET /api/v1/stage-models': { reach: CASE_WORK, target: 'none', ok: 200 },
  'PUT /api/v1/organisations/:id/stage-model': { reach: ADMIN_AND_SUPERVISOR, target: 'organisation', ok: 428 },
  'GET /api/v1/cases/:id/stage-changes': { reach: CASE_WORK, target: 'case', ok: 200 },
  'POST /api/v1/cases/:id/stage-changes': { reach: CASE_WORK, target: 'case', ok: 428 },
  'GET /api/v1/cases/:id/timeline': { reach: CASE_WORK, target: 'case', ok: 200 },
  // Issue 4 point 6: breaking the glass is for supervisors, over every case of the
  // deployment (`{}` has no reason: 400, nothing written); the notices list is case work.
  // What a grant opens, read-only, and its expiry: the tests at the end of this file.
  'POST /api/v1/cases/:id/emergency-access': { reach: reach('none', 'none', 'none', 'none', 'all', 'none', 'none'), target: 'case', ok: 400 },
  'POST /api/v1/emergency-access': { reach: reach('none', 'none', 'none', 'none', 'all', 'none', 'none'), target: 'none', ok: 400 },
  'GET /api/v1/emergency-access': { reach: CASE_WORK, target: 'none', ok: 200 },
  // Issue 4 point 7: matching suggests, for the case's own organisation only.
  'GET /api/v1/cases/:id/matches': { reach: CASE_WORK, target: 'case', ok: 200 },
  // Issue 5 points 1, 5, 7, 8 (docs/reports/counting-rules.md): without fiscal_year every
  // permitted call is a 400; the figures themselves are in reports_mhlw.test.mjs.
  'GET /api/v1/reports/mhlw': { reach: reach('all', 'all', 'own_organisation', 'none', 'own_organisation', 'none', 'none'), target: 'none', ok: 400 },
  // Issue 4 point 5: meetings reach the organiser's and, through the meeting, the
  // participating organisations' staff (Target::parties); the cross-organisation cases
  // are in meetings.test.mjs. Their `:id` here is an unknown id, so a permitted call answers 404.
  'GET /api/v1/meetings': { reach: CASE_WORK, target: 'none', ok: 200 },
  'POST /api/v1/meetings': { reach: CASE_WORK, target: 'none', ok: 400 },
  'GET /api/v1/meetings/:id': { reach: CASE_WORK, target: 'none', ok: 404 },
  'PUT /api/v1/meetings/:id': { reach: CASE_WORK, target: 'none', ok: 404 },
  'POST /api/v1/meetings/:id/cases': { reach: CASE_WORK, target: 'none', ok: 404 },
  'GET /api/v1/meetings/:id/cases/:entry/shared': { reach: CASE_WORK, target: 'none', ok: 404 },
  'POST /api/v1/meetings/:id/follow-ups': { reach: CASE_WORK, target: 'none', ok: 404 },
  'PUT /api/v1/follow-ups/:id': { reach: CASE_WORK, target: 'none', ok: 404 },
  'GET /api/v1/cases/:id/follow-ups': { reach: CASE_WORK, target: 'case', ok: 200 },
  // Issue 5 points 2, 3, 4, 6 (docs/design/organisation-reports.md): per-organisation reports
  // default to the caller's own organisation (another one's id answers 404, in
  // reports_tables.test.mjs); a coordinator's staff load is their own (self); analysts and
  // admins see aggregates with small cells hidden.
  'GET /api/v1/reports/requirements': { reach: reach('all', 'all', 'own_organisation', 'none', 'own_organisation', 'none', 'none'), target: 'none', ok: 200 },
  'GET /api/v1/reports/outcomes': { reach: reach('all', 'all', 'own_organisation', 'none', 'own_organisation', 'none', 'none'), target: 'none', ok: 200 },
  'GET /api/v1/reports/staff-load': { reach: reach('none', 'all', 'self', 'none', 'own_organisation', 'none', 'none'), target: 'none', ok: 200 },
  'PUT /api/v1/organisations/:id/staff-load-settings': { reach: ADMIN_AND_SUPERVISOR, target: 'organisation', ok: 428 },
  // Issue 16 point 8: groups, sessions, participants and attendance are the group's
  // organisation's (居場所スタッフ, coordinators, supervisors); analysts reach a group's
  // figures only, with small cells hidden. Cross-organisation cases are in groups.test.mjs;
  // `:id` here is an unknown id, so a permitted call answers 404.
  // Issue 19: the public side. The portal and the person's side of anonymous consultation
  // need no login (abuse tests in public_consultation.test.mjs); the inbox is the answering
  // organisation's coordinators and supervisors; the public profile its supervisor's or the
  // administrator's.
  'GET /api/public/v1/portal': { public: true },
  'POST /api/public/v1/consultations': { public: true },
  'POST /api/public/v1/consultation/session': { public: true },
  'DELETE /api/public/v1/consultation/session': { public: true },
  'GET /api/public/v1/consultation': { public: true },
  'POST /api/public/v1/consultation/messages': { public: true },
  'DELETE /api/public/v1/consultation': { public: true },
  'POST /api/public/v1/consultation/details': { public: true },
  'POST /api/v1/consultations/:id/case': { reach: CASE_WORK, target: 'none', ok: 404 },
  'GET /api/v1/consultations': { reach: CASE_WORK, target: 'none', ok: 200 },
  'GET /api/v1/consultation-counts': { reach: CASE_WORK, target: 'none', ok: 200 },
  // Issue 15 point 3: the home screen answers every role; sections follow the case-work and inbox policies.
  'GET /api/v1/home': { reach: EVERYONE('self'), target: 'none', ok: 200 },
  'GET /api/v1/consultations/:id': { reach: CASE_WORK, target: 'none', ok: 404 },
  'POST /api/v1/consultations/:id/messages': { reach: CASE_WORK, target: 'none', ok: 404 },
  'PATCH /api/v1/consultations/:id': { reach: CASE_WORK, target: 'none', ok: 404 },
  'GET /api/v1/consultation-templates': { reach: CASE_WORK, target: 'none', ok: 200 },
  'POST /api/v1/consultation-templates': { reach: CASE_WORK, target: 'none', ok: 400 },
  'DELETE /api/v1/consultation-templates/:id': { reach: CASE_WORK, target: 'none', ok: 404 },
  'GET /api/v1/organisations/:id/public-profile': { reach: reach('all', 'none', 'none', 'none', 'own_organisation', 'none', 'none'), target: 'organisation', ok: 200 },
  'PUT /api/v1/organisations/:id/public-profile': { reach: reach('all', 'none', 'none', 'none', 'own_organisation', 'none', 'none'), target: 'organisation', ok: 428 },
  // Issue 15 point 10: a 相談員 proposes a 社会資源 entry, a supervisor confirms it.
  'POST /api/v1/resource-proposals': { reach: CASE_WORK, target: 'none', ok: 400 },
  'GET /api/v1/resource-proposals': { reach: CASE_WORK, target: 'none', ok: 200 },
  'POST /api/v1/resources/:id/confirm': { reach: reach('all', 'none', 'none', 'none', 'own_organisation', 'none', 'none'), target: 'none', ok: 404 },
  'GET /api/v1/groups': { reach: GROUP_WORK, target: 'none', ok: 200 },
  'POST /api/v1/groups': { reach: GROUP_WORK, target: 'none', ok: 400 },
  'GET /api/v1/groups/:id': { reach: GROUP_WORK, target: 'none', ok: 404 },
  'PUT /api/v1/groups/:id': { reach: GROUP_WORK, target: 'none', ok: 404 },
  'GET /api/v1/groups/:id/sessions': { reach: GROUP_WORK, target: 'none', ok: 404 },
  'POST /api/v1/groups/:id/sessions': { reach: GROUP_WORK, target: 'none', ok: 404 },
  'POST /api/v1/groups/:id/sessions/generate': { reach: GROUP_WORK, target: 'none', ok: 404 },
  'GET /api/v1/group-sessions/:id': { reach: GROUP_WORK, target: 'none', ok: 404 },
  'PUT /api/v1/group-sessions/:id': { reach: GROUP_WORK, target: 'none', ok: 404 },
  'PUT /api/v1/group-sessions/:id/attendance': { reach: GROUP_WORK, target: 'none', ok: 404 },
  'GET /api/v1/groups/:id/participants': { reach: GROUP_WORK, target: 'none', ok: 404 },
  'POST /api/v1/groups/:id/participants': { reach: GROUP_WORK, target: 'none', ok: 404 },
  'PUT /api/v1/group-participants/:id': { reach: GROUP_WORK, target: 'none', ok: 404 },
  // Linking a participant to a case is case work: 居場所スタッフ see nicknames, not case records.
  'GET /api/v1/groups/:id/linkable-cases': { reach: CASE_WORK, target: 'none', ok: 404 },
  'GET /api/v1/groups/:id/series': { reach: GROUP_WORK, target: 'none', ok: 404 },
  'GET /api/v1/groups/:id/figures': { reach: reach('none', 'all', 'own_organisation', 'own_organisation', 'own_organisation', 'none', 'none'), target: 'none', ok: 404 },
  'GET /api/v1/reports/groups': { reach: reach('all', 'all', 'own_organisation', 'own_organisation', 'own_organisation', 'none', 'none'), target: 'none', ok: 200 },
  // Issue 18 (実態把握調査): the survey's organisation's coordinators and supervisors run it; a
  // surveyor (民生委員) reaches the surveys they were sent and their own cards only (self);
  // analysts the figures. Areas' populations are shared (no organisation owns an area).
  'GET /api/v1/survey-template': { reach: SURVEY_STAFF, target: 'none', ok: 200 },
  'GET /api/v1/surveys': { reach: SURVEY_ANSWER, target: 'none', ok: 200 },
  'POST /api/v1/surveys': { reach: SURVEY_STAFF, target: 'none', ok: 400 },
  'GET /api/v1/surveys/:id': { reach: SURVEY_ANSWER, target: 'none', ok: 404 },
  'GET /api/v1/surveys/:id/respondents': { reach: SURVEY_STAFF, target: 'none', ok: 404 },
  'POST /api/v1/surveys/:id/respondents': { reach: SURVEY_STAFF, target: 'none', ok: 404 },
  'PUT /api/v1/survey-respondents/:id': { reach: SURVEY_ANSWER, target: 'none', ok: 404 },
  'GET /api/v1/surveys/:id/cards': { reach: SURVEY_ANSWER, target: 'none', ok: 404 },
  'POST /api/v1/surveys/:id/cards': { reach: SURVEY_ANSWER, target: 'none', ok: 404 },
  'PUT /api/v1/survey-cards/:id': { reach: SURVEY_ANSWER, target: 'none', ok: 404 },
  'GET /api/v1/surveys/:id/duplicates': { reach: SURVEY_STAFF, target: 'none', ok: 404 },
  'PUT /api/v1/surveys/:id/duplicates': { reach: SURVEY_STAFF, target: 'none', ok: 404 },
  'GET /api/v1/surveys/:id/responses': { reach: SURVEY_FIGURES, target: 'none', ok: 404 },
  'GET /api/v1/surveys/:id/district-rates': { reach: SURVEY_STAFF, target: 'none', ok: 404 },
  'GET /api/v1/surveys/:id/results': { reach: SURVEY_STAFF, target: 'none', ok: 404 },
  // Analysts read the survey's figures here, with small cells hidden.
  'GET /api/v1/surveys/:id/report': { reach: SURVEY_FIGURES, target: 'none', ok: 404 },
  'GET /api/v1/surveys/:id/capture-recapture': { reach: SURVEY_STAFF, target: 'none', ok: 404 },
  'GET /api/v1/surveys/:id/further-lists': { reach: SURVEY_STAFF, target: 'none', ok: 404 },
  'POST /api/v1/surveys/:id/further-lists': { reach: SURVEY_STAFF, target: 'none', ok: 404 },
  'DELETE /api/v1/surveys/:id/further-lists/:list_id': { reach: SURVEY_STAFF, target: 'none', ok: 404 },
  'GET /api/v1/areas/:id/population': { reach: reach('all', 'all', 'all', 'none', 'all', 'none', 'none'), target: 'area', ok: 200 },
  // Set by administrators and supervisors of the organisation whose area contains it (outside: 403).
  'PUT /api/v1/areas/:id/population': { reach: ADMIN_AND_SUPERVISOR, target: 'area_of_organisation', ok: 400 },
  'GET /api/v1/reports/prefecture-overview': { reach: reach('all', 'all', 'all', 'none', 'all', 'none', 'none'), target: 'none', ok: 200 },
  'POST /api/v1/estimates/capture-recapture': { reach: reach('none', 'all', 'all', 'none', 'all', 'none', 'none'), target: 'none', ok: 400 },
  'POST /api/v1/area-populations/import': { reach: ADMIN_AND_SUPERVISOR, target: 'none', ok: 400 },
  'POST /api/v1/estimates/prevalence': { reach: reach('none', 'all', 'all', 'none', 'all', 'none', 'none'), target: 'none', ok: 400 },
  // Issue 17: the register, trainings and dispatches are the coordinators' and supervisors'
  // of the supporter's organisation; a supporter reaches only their own page and their own
  // dispatches (self; another supporter's dispatch answers 404, see supporters.test.mjs).
  'GET /api/v1/supporters': { reach: SUPPORTER_WORK, target: 'none', ok: 200 },
  'POST /api/v1/supporters': { reach: SUPPORTER_WORK, target: 'none', ok: 400 },
  'GET /api/v1/supporters/:id': { reach: SUPPORTER_WORK, target: 'none', ok: 404 },
  'PUT /api/v1/supporters/:id': { reach: SUPPORTER_WORK, target: 'none', ok: 404 },
  'GET /api/v1/training-courses': { reach: SUPPORTER_WORK, target: 'none', ok: 200 },
  'POST /api/v1/training-courses': { reach: SUPPORTER_WORK, target: 'none', ok: 400 },
  'GET /api/v1/training-courses/:id': { reach: SUPPORTER_WORK, target: 'none', ok: 404 },
  'POST /api/v1/training-courses/:id/sessions': { reach: SUPPORTER_WORK, target: 'none', ok: 404 },
  'PUT /api/v1/training-sessions/:id/attendance': { reach: SUPPORTER_WORK, target: 'none', ok: 404 },
  'POST /api/v1/training-courses/:id/completions': { reach: SUPPORTER_WORK, target: 'none', ok: 404 },
  'GET /api/v1/cases/:id/dispatch-candidates': { reach: SUPPORTER_WORK, target: 'case', ok: 400 },
  'GET /api/v1/cases/:id/dispatch-wishes': { reach: SUPPORTER_WORK, target: 'case', ok: 200 },
  'GET /api/v1/cases/:id/dispatches': { reach: SUPPORTER_WORK, target: 'case', ok: 200 },
  'POST /api/v1/cases/:id/dispatches': { reach: SUPPORTER_WORK, target: 'case', ok: 400 },
  'GET /api/v1/group-sessions/:id/dispatch-candidates': { reach: SUPPORTER_WORK, target: 'none', ok: 404 },
  'POST /api/v1/group-sessions/:id/dispatches': { reach: SUPPORTER_WORK, target: 'none', ok: 404 },
  'GET /api/v1/dispatches': { reach: SUPPORTER_WORK, target: 'none', ok: 200 },
  'GET /api/v1/dispatches-of-our-supporters': { reach: SUPPORTER_WORK, target: 'none', ok: 200 },
  'GET /api/v1/dispatches/:id': { reach: SUPPORTER_WORK, target: 'none', ok: 404 },
  'POST /api/v1/dispatches/:id/state': { reach: SUPPORTER_WORK, target: 'none', ok: 404 },
  'POST /api/v1/dispatches/:id/accept-report': { reach: SUPPORTER_WORK, target: 'none', ok: 404 },
  'POST /api/v1/dispatches/:id/urgent-handled': { reach: SUPPORTER_WORK, target: 'none', ok: 404 },
  'GET /api/v1/supporter-pay-rates': { reach: SUPPORTER_WORK, target: 'none', ok: 200 },
  'PUT /api/v1/supporter-pay-rates': { reach: reach('none', 'none', 'none', 'none', 'own_organisation', 'none', 'none'), target: 'none', ok: 428 },
  'GET /api/v1/supporters/:id/statement': { reach: SUPPORTER_WORK, target: 'none', ok: 404 },
  'GET /api/v1/reports/supporters': { reach: reach('all', 'all', 'own_organisation', 'none', 'own_organisation', 'none', 'none'), target: 'none', ok: 200 },
  'GET /api/v1/my/supporter': { reach: SUPPORTER_SELF, target: 'none', ok: 200 },
  'GET /api/v1/my/statement': { reach: SUPPORTER_SELF, target: 'none', ok: 400 },
  'GET /api/v1/my/dispatches': { reach: SUPPORTER_SELF, target: 'none', ok: 200 },
  'GET /api/v1/my/dispatches/:id': { reach: SUPPORTER_SELF, target: 'none', ok: 404 },
  'POST /api/v1/my/dispatches/:id/answer': { reach: SUPPORTER_SELF, target: 'none', ok: 404 },
  'POST /api/v1/my/dispatches/:id/report': { reach: SUPPORTER_SELF, target: 'none', ok: 404 },
  'GET /api/v1/reports/dashboard': { reach: reach('none', 'all', 'own_organisation', 'none', 'own_organisation', 'none', 'none'), target: 'none', ok: 200 },
};

const routes = serverRoutes();
const key = (r) => routeKey(r.method, r.path);

describe('permission declarations', () => {
  test('every route declares who may call it', () => {
    const undeclared = routes.filter((r) => !r.public && ROLES.every((role) => r.reach[role] === 'none')).map(key);
    assert.deepEqual(undeclared, [], `どの役割にも許されていない経路（宣言漏れ）: ${undeclared.join(', ')}`);
    for (const r of routes)
      for (const role of ROLES)
        assert.ok(['none', 'self', 'own_organisation', 'all'].includes(r.reach[role]), `${key(r)}: ${role} の reach が不明`);
  });

  test('every route has a row in the expectation table of this test', () => {
    const missing = routes.map(key).filter((k) => !(k in EXPECTED));
    assert.deepEqual(missing, [],
      `tests/api/permission_matrix.test.mjs の EXPECTED に行がない経路があります。役割ごとの reach と対象を書き足してください: ${missing.join(', ')}`);
    const stale = Object.keys(EXPECTED).filter((k) => !routes.some((r) => key(r) === k));
    assert.deepEqual(stale, [], `EXPECTED にあってサーバーにない経路: ${stale.join(', ')}`);
  });

  test('each route reaches exactly as the table says', () => {
    for (const r of routes) {
      const row = EXPECTED[key(r)];
      if (!row) continue;
      assert.equal(r.public, !!row.public, `${key(r)}: public`);
      if (!row.public) assert.deepEqual(r.reach, row.reach, `${key(r)}: reach が表と違います`);
    }
  });
});

// Given an actor and a route row, the concrete requests to make: one per
// target relation (own / other organisation, self / another user).
function targetsFor(row, actor, fx) {
  if (row.target === 'none') return [{ relation: 'none', params: {} }];
  if (row.target === 'area') return [{ relation: 'unowned', params: { id: fx.areas[0].id } }];
  if (row.target === 'area_of_organisation') return areaOfOrganisationTargets(actor, fx);
  if (row.target === 'organisation') {
    const other = fx.organisations.find((o) => o.id !== actor.organisation_id);
    return [
      { relation: 'own', params: { id: actor.organisation_id } },
      { relation: 'other', params: { id: other.id } },
    ];
  }
  if (row.target === 'user') {
    const sameOrg = fx.users.find((u) => u.organisation_id === actor.organisation_id && u.id !== actor.id);
    const otherOrg = fx.users.find((u) => u.organisation_id !== actor.organisation_id);
    const out = [{ relation: 'self', params: { id: actor.id } }, { relation: 'other', params: { id: otherOrg.id } }];
    if (sameOrg) out.push({ relation: 'own', params: { id: sameOrg.id } });
    return out;
  }
  if (['case', 'person', 'household', 'contact', 'assessment', 'plan'].includes(row.target)) {
    const list = fx.caseWork[row.target];
    const own = list.find((x) => x.organisation_id === actor.organisation_id);
    const other = list.find((x) => x.organisation_id !== actor.organisation_id);
    const out = [{ relation: 'other', params: { id: other.id, goal_id: other.goal_id } }];
    if (own) out.push({ relation: 'own', params: { id: own.id, goal_id: own.goal_id } });
    return out;
  }
  throw new Error(`unknown target ${row.target}`);
}

function expectedStatus(row, role, relation) {
  const r = row.reach[role];
  if (r === 'none') return 403;
  if (r === 'all') return row.ok;
  if (r === 'own_organisation') return relation === 'other' ? 404 : relation === 'outside' ? 403 : row.ok;
  if (r === 'self') return relation === 'self' || relation === 'none' ? row.ok : 404;
  throw new Error(`unknown reach ${r}`);
}

const concrete = (path, params) => path.replace(/:([A-Za-z_]+)/g, (_, n) => encodeURIComponent(params[n] ?? 'x'));
const bodyFor = (method) => (method === 'POST' || method === 'PUT' || method === 'PATCH' ? {} : undefined);

for (const kind of DATABASES) {
  describe(`permission matrix (${kind})`, () => {
    let server, fx;
    before(async () => {
      server = await startServer({ db: kind });
      const admin = await signedIn(server.url, 'admin');
      fx = {
        users: (await admin.get('/api/v1/users')).json.items,
        organisations: (await admin.get('/api/v1/organisations')).json.items,
        areas: (await admin.get('/api/v1/areas')).json.items,
      };
      // Case-work records of three organisations, read by their own staff.
      fx.caseWork = { case: [], person: [], household: [], contact: [], assessment: [], plan: [] };
      for (const who of ['coordinator', 'other_coordinator', 'prefecture_coordinator']) {
        const c = await signedIn(server.url, who);
        fx.caseWork.case.push(...(await c.get('/api/v1/cases?limit=5')).json.items);
        fx.caseWork.person.push(...(await c.get('/api/v1/persons')).json.items.slice(0, 5));
        fx.caseWork.household.push(...(await c.get('/api/v1/households')).json.items.slice(0, 5));
        fx.caseWork.contact.push(...(await c.get('/api/v1/contacts?limit=5')).json.items);
        const [first] = (await c.get('/api/v1/cases?limit=1')).json.items;
        const a = await c.post(`/api/v1/cases/${first.id}/assessments`, { assessed_on: new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10) });
        const p = await c.post(`/api/v1/cases/${first.id}/plans`, { goals: [{ axis: '日常生活自立', term: '短期', words: '朝起きる' }] });
        fx.caseWork.assessment.push(a.json);
        fx.caseWork.plan.push({ ...p.json, goal_id: p.json.goals[0].id });
      }
      assert.ok(fx.organisations.length >= 2 && fx.areas.length >= 1);
    });
    after(async () => { await server?.stop(); });

    test('anonymous callers get 401 on every non-public route', async () => {
      const anon = new Client(server.url);
      for (const r of routes.filter((x) => !x.public)) {
        const res = await anon.request(r.method, concrete(r.path, {}), bodyFor(r.method));
        assert.equal(res.status, 401, `${key(r)}`);
        assert.equal(res.json.code, 'not_authenticated', `${key(r)}`);
      }
    });

    const roleAccounts = { admin: 'admin', analyst: 'analyst', coordinator: 'coordinator', ibasho_staff: 'ibasho_staff',
      supervisor: 'supervisor', supporter: 'supporter', surveyor: 'surveyor' };
    for (const role of ROLES) {
      test(`${role} (${DEMO[roleAccounts[role]][0]}) on every route, own and other organisation`, async () => {
        let c = await signedIn(server.url, roleAccounts[role]);
        const actor = fx.users.find((u) => u.login === DEMO[roleAccounts[role]][0]);
        assert.equal(actor.role, role);
        const failures = [];
        for (const r of routes.filter((x) => !x.public)) {
          const row = EXPECTED[key(r)];
          if (!row) continue; // reported above
          for (const t of targetsFor(row, actor, fx)) {
            const want = expectedStatus(row, role, t.relation);
            const res = await c.request(r.method, concrete(r.path, t.params), bodyFor(r.method));
            if (res.status !== want)
              failures.push(`${key(r)} [${t.relation}]: ${res.status} ${res.json?.code ?? ''}, expected ${want}`);
            if (want === 403 && res.json?.code !== 'forbidden') failures.push(`${key(r)}: code ${res.json?.code}`);
            if (want === 404 && res.json?.code !== 'not_found') failures.push(`${key(r)}: code ${res.json?.code}`);
            if (row.signsOut && res.status === row.ok) c = await signedIn(server.url, roleAccounts[role]);
          }
        }
        assert.deepEqual(failures, []);
      });
    }

    test('a supervisor\'s lists hold only their own organisation', async () => {
      const sato = await signedIn(server.url, 'supervisor');
      const me = (await sato.get('/api/v1/session')).json.user;
      const users = (await sato.get('/api/v1/users')).json.items;
      assert.ok(users.length >= 2);
      assert.ok(users.every((u) => u.organisation_id === me.organisation_id));
      const suzuki = await signedIn(server.url, 'coordinator');
      const colleagues = (await suzuki.get('/api/v1/users')).json.items;
      assert.deepEqual(colleagues.map((u) => u.id).sort(), users.map((u) => u.id).sort());
      const audit = (await sato.get('/api/v1/audit?limit=200')).json.items;
      assert.ok(audit.length >= 1);
      assert.ok(audit.every((e) => e.organisation_id === me.organisation_id));
    });
  });
}

// Emergency access in the matrix (issue 4 point 9: "expired emergency access
// is refused"): a supervisor of another organisation with a valid grant reads
// the case and its timeline and nothing else; once the grant has expired the
// same reads are refused like any other organisation's case (404), audited.
for (const kind of DATABASES) {
  describe(`permission matrix: emergency access (${kind})`, () => {
    // An hour's grant; its end is reached by restarting the server on the
    // same database with its clock moved on (--test-clock-offset-seconds).
    const ARGS = ['--emergency-access-seconds', '3600', '--session-idle-seconds', '10800'];
    let server, database;
    before(async () => {
      database = freshDatabase(kind);
      runCli(['demo', '--db', database.url]);
      server = await startServer({ db: kind, database, args: ARGS });
    });
    after(async () => { await server?.stop(); database?.cleanup(); });

    test('valid grant: read-only routes open to its holder; expired: refused', async () => {
      const [suzuki, ito, takahashi] = await Promise.all(['coordinator', 'other_supervisor', 'other_coordinator'].map((w) => signedIn(server.url, w)));
      const [c] = (await suzuki.get('/api/v1/cases?limit=1')).json.items;
      const g = await ito.post(`/api/v1/cases/${c.id}/emergency-access`, { reason: '夜間の緊急の相談に対応するため' });
      assert.equal(g.status, 201, g.text);
      const opened = ['/api/v1/cases/:id', '/api/v1/cases/:id/timeline'];
      const failures = [];
      for (const r of routes.filter((x) => x.path.startsWith('/api/v1/cases/:id') && !x.path.includes('emergency-access'))) {
        const res = await ito.request(r.method, concrete(r.path, { id: c.id }), bodyFor(r.method));
        const want = r.method === 'GET' && opened.includes(r.path) ? 200 : r.reach.supervisor === 'none' ? 403 : 404;
        if (res.status !== want) failures.push(`${key(r)}: ${res.status}, expected ${want}`);
      }
      assert.deepEqual(failures, []);
      assert.equal((await takahashi.get(`/api/v1/cases/${c.id}`)).status, 404);
      await server.stop();
      server = await startServer({ db: kind, database, args: ARGS, clockOffset: 3601 });
      ito.base = server.url;
      for (const p of opened) {
        const res = await ito.get(concrete(p, { id: c.id }));
        assert.equal(res.status, 404, p);
        assert.equal(res.json.code, 'not_found');
      }
    });
  });
}
