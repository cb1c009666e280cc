// Meetings with their legal basis (issue 4, point 5): さくら市ステーション
// (suzuki, sato) organises meetings; あおば町サポート事業 (takahashi, ito)
// takes part; みどり県センター (kato) takes no part. Participants see what
// was shared about a case in the meeting and nothing else; a 支援会議
// needs its law and is a sharing basis for referrals; every other kind
// needs consent; follow-up items show on the case; bad requests write
// nothing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { createCase, createContact, count, AUDIT_ENTRIES } from '../support/case_rows.mjs';

const tokyoDay = (offsetDays = 0) => new Date(Date.now() + 9 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);
const KINDS = ['ケース会議', '事例検討', '支援会議', '重層的支援会議', '市町村プラットフォーム連絡会'];
const LAW = '生活困窮者自立支援法第9条';

for (const kind of DATABASES) {
  describe(`meetings (${kind})`, () => {
    let server, suzuki, sato, takahashi, ito, kato, sakura, aoba, caseId, aobaCaseId, takahashiId, linked, outside;
    const meetings = () => count(server, 'SELECT COUNT(*) FROM meetings');
    const meetingCases = () => count(server, 'SELECT COUNT(*) FROM meeting_cases');

    before(async () => {
      server = await startServer({ db: kind });
      const admin = await signedIn(server.url, 'admin');
      const orgs = (await admin.get('/api/v1/organisations')).json.items;
      sakura = orgs.find((o) => o.name === 'さくら市ひきこもり支援ステーション');
      aoba = orgs.find((o) => o.name === 'あおば町ひきこもりサポート事業');
      [suzuki, sato, takahashi, ito, kato] = await Promise.all(
        ['coordinator', 'supervisor', 'other_coordinator', 'other_supervisor', 'prefecture_coordinator'].map((w) => signedIn(server.url, w)));
      takahashiId = (await takahashi.get('/api/v1/session')).json.user.id;
      caseId = await createCase(suzuki, 'Bさん（20代女性）');
      aobaCaseId = await createCase(takahashi, 'あおば町のケース');
      await createContact(suzuki, caseId, '父より来所。本人は自室で過ごすことが多い。');
      linked = (await ito.post('/api/v1/resources', { name: 'あおば町サポート事業', category: '他のひきこもり地域支援センター', linked_organisation_id: aoba.id })).json;
      outside = (await sato.post('/api/v1/resources', { name: 'さくら市社会福祉協議会', category: '社会福祉協議会' })).json;
      assert.ok(linked.id && outside.id);
    });
    after(async () => { await server?.stop(); });

    test('each kind can be recorded; only a 支援会議 names its law', async () => {
      for (const k of KINDS) {
        const body = { kind: k, title: `${k}（定例）`, held_on: tokyoDay() };
        if (k === '支援会議') body.legal_basis = '社会福祉法第106条の6';
        const r = await suzuki.post('/api/v1/meetings', body);
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.kind, k);
        assert.equal(r.json.needs_consent, k !== '支援会議');
        assert.equal(r.json.side, 'organiser');
        assert.equal(r.headers.get('etag'), '"1"');
      }
      const list = (await sato.get('/api/v1/meetings')).json.items;
      assert.deepEqual(list.map((m) => m.kind).sort(), [...KINDS].sort());
      assert.deepEqual((await sato.get(`/api/v1/meetings?kind=${encodeURIComponent('支援会議')}`)).json.items.map((m) => m.kind), ['支援会議']);
      assert.equal((await sato.get('/api/v1/meetings?kind=x')).status, 400);
    });

    test('a 支援会議 without its legal basis is refused in Japanese; nothing written', async () => {
      const before = meetings();
      const r = await suzuki.post('/api/v1/meetings', { kind: '支援会議', title: '支援会議', held_on: tokyoDay(), cases: [{ case_id: caseId, shared_parts: ['summary'] }] });
      assert.equal(r.status, 400);
      assert.equal(r.json.code, 'validation_failed');
      assert.match(r.json.errors.find((e) => e.field === 'legal_basis').detail, /生活困窮者自立支援法第9条/);
      const wrongLaw = await suzuki.post('/api/v1/meetings', { kind: '支援会議', title: '支援会議', held_on: tokyoDay(), legal_basis: '個人情報保護法' });
      assert.equal(wrongLaw.status, 400);
      const lawOnCaseMeeting = await suzuki.post('/api/v1/meetings', { kind: 'ケース会議', title: 'ケース会議', held_on: tokyoDay(), legal_basis: LAW });
      assert.equal(lawOnCaseMeeting.status, 400);
      assert.match(lawOnCaseMeeting.json.errors[0].detail, /本人同意/);
      assert.equal(meetings(), before);
      assert.equal(meetingCases(), 0);
    });

    let support;

    test('participants see what was shared about the case, and only that; an uninvolved organisation nothing', async () => {
      const r = await suzuki.post('/api/v1/meetings', {
        kind: '支援会議', legal_basis: LAW, title: '第3回 支援会議', held_on: tokyoDay(), place: 'さくら市役所 会議室',
        agenda: 'Bさんの今後の支援について', decisions: 'あおば町の居場所を紹介する',
        organisation_ids: [aoba.id], people: [{ user_id: takahashiId }, { name: '山田 花子', affiliation: '民生委員' }],
        cases: [{ case_id: caseId, shared_parts: ['summary'], note: '居場所の紹介を検討' }],
      });
      assert.equal(r.status, 201, r.text);
      support = r.json;
      assert.equal(support.cases.length, 1);
      assert.equal(support.cases[0].case_id, caseId);
      assert.equal(support.cases[0].case_title, 'Bさん（20代女性）');
      assert.equal(support.people[0].user_id, takahashiId);
      assert.equal(support.people[0].affiliation, aoba.name);
      assert.equal(support.people[1].name, '山田 花子');
      assert.equal(support.people[1].affiliation, '民生委員');
      assert.deepEqual(support.organisations.map((o) => o.id), [aoba.id]);

      // The participant opens the meeting: the case is there without its id.
      const seen = await takahashi.get(`/api/v1/meetings/${support.id}`);
      assert.equal(seen.status, 200, seen.text);
      assert.equal(seen.json.side, 'participant');
      assert.equal(seen.json.cases[0].case_id, null);
      assert.equal(seen.json.cases[0].own, false);
      assert.ok((await takahashi.get('/api/v1/meetings')).json.items.some((m) => m.id === support.id));
      const entry = seen.json.cases[0].id;
      const shared = await takahashi.get(`/api/v1/meetings/${support.id}/cases/${entry}/shared`);
      assert.equal(shared.status, 200, shared.text);
      assert.deepEqual(Object.keys(shared.json.content), ['summary']);
      assert.equal(shared.json.content.summary.title, 'Bさん（20代女性）');
      assert.equal(JSON.stringify(shared.json).includes('自室'), false);
      assert.equal(shared.json.current, false);
      // Nothing else of the case.
      assert.equal((await takahashi.get(`/api/v1/cases/${caseId}/follow-ups`)).status, 404);
      assert.equal((await takahashi.get(`/api/v1/cases/${caseId}/timeline`)).status, 404);
      // The participant may not change the meeting.
      assert.equal((await takahashi.put(`/api/v1/meetings/${support.id}`, { title: 'x', held_on: tokyoDay() }, { 'if-match': '"1"' })).status, 404);
      // Every read is audited.
      assert.ok(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND entity = 'meeting_share' AND entity_id = '${entry}'`) >= 1);
      assert.ok(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND entity = 'meeting' AND entity_id = '${support.id}'`) >= 1);

      // An organisation that took no part sees nothing.
      assert.equal((await kato.get(`/api/v1/meetings/${support.id}`)).status, 404);
      assert.equal((await kato.get(`/api/v1/meetings/${support.id}/cases/${entry}/shared`)).status, 404);
      assert.equal((await kato.post(`/api/v1/meetings/${support.id}/follow-ups`, { meeting_case_id: entry, task: 'x', assignee_name: 'x' })).status, 404);
      assert.equal((await kato.get('/api/v1/meetings')).json.items.length, 0);
      assert.ok(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE action = 'denied' AND entity_id = '${support.id}'`) >= 2);
    });

    test('a referral may rest on the 支援会議 that discussed the case with the receiver', async () => {
      const ok = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, {
        resource_id: linked.id, purpose: '支援会議で合意した居場所の紹介', basis: '支援会議', meeting_id: support.id, shared_parts: ['summary'],
      });
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.json.meeting_id, support.id);
      assert.equal(ok.json.basis, '支援会議');
      // The receiver sees the shared part through the referral.
      const shared = await takahashi.get(`/api/v1/referrals/${ok.json.id}/shared`);
      assert.deepEqual(Object.keys(shared.json.content), ['summary']);

      const before = count(server, 'SELECT COUNT(*) FROM referrals');
      const beyond = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, { resource_id: linked.id, purpose: 'x', basis: '支援会議', meeting_id: support.id, shared_parts: ['contacts'] });
      assert.equal(beyond.status, 400);
      assert.match(beyond.json.errors.find((e) => e.field === 'shared_parts').detail, /支援会議で共有した範囲/);
      const notThere = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, { resource_id: outside.id, purpose: 'x', basis: '支援会議', meeting_id: support.id });
      assert.equal(notThere.status, 400);
      assert.match(notThere.json.errors.find((e) => e.field === 'meeting_id').detail, /参加機関ではありません/);
      const unknown = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, { resource_id: linked.id, purpose: 'x', basis: '支援会議', meeting_id: 'no-such-meeting' });
      assert.equal(unknown.status, 400);
      assert.match(unknown.json.errors.find((e) => e.field === 'meeting_id').detail, /見つかりません/);
      const caseMeeting = (await suzuki.get(`/api/v1/meetings?kind=${encodeURIComponent('ケース会議')}`)).json.items[0];
      const wrongKind = await suzuki.post(`/api/v1/cases/${caseId}/referrals`, { resource_id: linked.id, purpose: 'x', basis: '支援会議', meeting_id: caseMeeting.id });
      assert.equal(wrongKind.status, 400);
      assert.match(wrongKind.json.errors.find((e) => e.field === 'meeting_id').detail, /ケース会議/);
      const otherCase = await createCase(suzuki, '会議で検討していないケース');
      const notDiscussed = await suzuki.post(`/api/v1/cases/${otherCase}/referrals`, { resource_id: linked.id, purpose: 'x', basis: '支援会議', meeting_id: support.id });
      assert.equal(notDiscussed.status, 400);
      assert.match(notDiscussed.json.errors.find((e) => e.field === 'meeting_id').detail, /検討したケース/);
      assert.equal(count(server, 'SELECT COUNT(*) FROM referrals'), before);
    });

    test('a 重層的支援会議 shares a case only on the person\'s consent', async () => {
      const body = { kind: '重層的支援会議', title: '重層的支援会議', held_on: tokyoDay(), organisation_ids: [aoba.id], cases: [{ case_id: caseId, shared_parts: ['summary', 'contacts'] }] };
      const before = meetings();
      const refused = await suzuki.post('/api/v1/meetings', body);
      assert.equal(refused.status, 400);
      assert.match(refused.json.errors.find((e) => e.field === 'cases[0].consent_id').detail, /本人同意の記録が必要/);
      assert.equal(meetings(), before);
      const consent = await suzuki.post(`/api/v1/cases/${caseId}/consents`, { given_by: '本人', method: '書面', given_on: tokyoDay(), scope: ['summary'], destination_organisation_id: aoba.id });
      assert.equal(consent.status, 201, consent.text);
      const outOfScope = await suzuki.post('/api/v1/meetings', { ...body, cases: [{ case_id: caseId, shared_parts: ['summary', 'contacts'], consent_id: consent.json.id }] });
      assert.equal(outOfScope.status, 400);
      assert.match(outOfScope.json.errors[0].detail, /同意の範囲/);
      const ok = await suzuki.post('/api/v1/meetings', { ...body, cases: [{ case_id: caseId, shared_parts: ['summary'], consent_id: consent.json.id }] });
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.json.cases[0].consent_id, consent.json.id);
      // Discussed without sharing anything needs no consent.
      const nothingShared = await suzuki.post('/api/v1/meetings', { ...body, cases: [{ case_id: caseId }] });
      assert.equal(nothingShared.status, 201, nothingShared.text);
      assert.deepEqual(nothingShared.json.cases[0].shared_parts, []);
    });

    test('follow-up items: who does what by when, on the case, kept up to date by the assignee', async () => {
      const entry = support.cases[0].id;
      const bad = await suzuki.post(`/api/v1/meetings/${support.id}/follow-ups`, { meeting_case_id: entry, task: '', due_on: '2026-02-30' });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['assignee_user_id', 'due_on', 'task']);
      const early = await suzuki.post(`/api/v1/meetings/${support.id}/follow-ups`, { meeting_case_id: entry, task: 'x', assignee_name: 'x', due_on: '2020-01-01' });
      assert.equal(early.status, 400);
      assert.match(early.json.errors[0].detail, /開催日/);
      const stranger = await suzuki.post(`/api/v1/meetings/${support.id}/follow-ups`, { meeting_case_id: entry, task: 'x', assignee_user_id: (await kato.get('/api/v1/session')).json.user.id });
      assert.equal(stranger.status, 400);
      assert.equal(count(server, 'SELECT COUNT(*) FROM follow_ups'), 0);

      const f = await suzuki.post(`/api/v1/meetings/${support.id}/follow-ups`, {
        meeting_case_id: entry, task: '居場所の見学日を本人と調整する', assignee_user_id: takahashiId, due_on: tokyoDay(14),
      });
      assert.equal(f.status, 201, f.text);
      assert.equal(f.json.done, false);
      assert.equal(f.json.case_id, caseId);
      const byCase = await suzuki.post(`/api/v1/meetings/${support.id}/follow-ups`, { case_id: caseId, task: '父へ結果を伝える', assignee_name: '鈴木（さくら市）' });
      assert.equal(byCase.status, 201, byCase.text);

      const onCase = await sato.get(`/api/v1/cases/${caseId}/follow-ups`);
      assert.equal(onCase.status, 200);
      assert.deepEqual(onCase.json.items.map((x) => x.task).sort(), ['居場所の見学日を本人と調整する', '父へ結果を伝える'].sort());
      const tl = await sato.get(`/api/v1/cases/${caseId}/timeline?kinds=meeting`);
      assert.equal(tl.status, 200, tl.text);
      assert.ok(tl.json.items.some((x) => x.kind === 'follow_up' && x.summary.includes('見学日')), tl.text);
      assert.ok(tl.json.items.some((x) => x.kind === 'meeting' && x.summary.includes('第3回 支援会議')), tl.text);

      // The assignee's organisation marks it done; its view hides the case id.
      const done = await takahashi.put(`/api/v1/follow-ups/${f.json.id}`, { done: true }, { 'if-match': '"1"' });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.json.done, true);
      assert.equal(done.json.done_on, tokyoDay());
      assert.equal(done.json.case_id, null);
      const stale = await suzuki.put(`/api/v1/follow-ups/${f.json.id}`, { done: false }, { 'if-match': '"1"' });
      assert.equal(stale.status, 412);
      assert.equal(stale.json.current.version, 2);
      assert.equal((await kato.put(`/api/v1/follow-ups/${f.json.id}`, { done: false }, { 'if-match': '"2"' })).status, 404);
      // The participant sees the follow-ups in the meeting.
      const seen = await takahashi.get(`/api/v1/meetings/${support.id}`);
      assert.equal(seen.json.follow_ups.length, 2);
      assert.ok(seen.json.follow_ups.every((x) => x.case_id === null));
    });

    test('a participating organisation adds its own case; the organiser edits with versions', async () => {
      const added = await takahashi.post(`/api/v1/meetings/${support.id}/cases`, { case_id: aobaCaseId, shared_parts: ['summary'] });
      assert.equal(added.status, 201, added.text);
      const twice = await takahashi.post(`/api/v1/meetings/${support.id}/cases`, { case_id: aobaCaseId });
      assert.equal(twice.status, 400);
      const notTheirs = await takahashi.post(`/api/v1/meetings/${support.id}/cases`, { case_id: caseId });
      assert.equal(notTheirs.status, 400);
      const organiserView = await suzuki.get(`/api/v1/meetings/${support.id}`);
      const aobaEntry = organiserView.json.cases.find((c) => c.organisation_id === aoba.id);
      assert.equal(aobaEntry.case_id, null);
      const sharedToOrganiser = await suzuki.get(`/api/v1/meetings/${support.id}/cases/${aobaEntry.id}/shared`);
      assert.equal(sharedToOrganiser.json.content.summary.title, 'あおば町のケース');

      const v = organiserView.json.version;
      const put = await sato.put(`/api/v1/meetings/${support.id}`, { title: '第3回 支援会議（記録確定）', held_on: tokyoDay(), legal_basis: LAW, decisions: '居場所の見学を調整する' }, { 'if-match': `"${v}"` });
      assert.equal(put.status, 200, put.text);
      assert.equal(put.json.version, v + 1);
      assert.deepEqual(put.json.organisations.map((o) => o.id), [aoba.id]);
      assert.equal(put.json.people.length, 2);
      const stale = await suzuki.put(`/api/v1/meetings/${support.id}`, { title: '古い版', held_on: tokyoDay(), legal_basis: LAW }, { 'if-match': `"${v}"` });
      assert.equal(stale.status, 412);
      assert.equal(stale.json.current.title, '第3回 支援会議（記録確定）');
      const noVersion = await suzuki.put(`/api/v1/meetings/${support.id}`, { title: 'x', held_on: tokyoDay(), legal_basis: LAW });
      assert.equal(noVersion.status, 428);
      const kindChange = await suzuki.put(`/api/v1/meetings/${support.id}`, { kind: 'ケース会議', title: 'x', held_on: tokyoDay() }, { 'if-match': `"${v + 1}"` });
      assert.equal(kindChange.status, 400);
      assert.ok(kindChange.json.errors.some((e) => e.field === 'kind'));
      const dropAoba = await suzuki.put(`/api/v1/meetings/${support.id}`, { title: 'x', held_on: tokyoDay(), legal_basis: LAW, organisation_ids: [] }, { 'if-match': `"${v + 1}"` });
      assert.equal(dropAoba.status, 400);
      assert.match(dropAoba.json.errors[0].detail, /参加機関から外す/);
    });

    test('bad input is refused clearly and writes nothing', async () => {
      const before = meetings(), cases = meetingCases();
      const cases400 = [
        [{ kind: '会議', title: 'x', held_on: tokyoDay() }, 'kind'],
        [{ kind: 'ケース会議', title: 'x', held_on: '2026-02-30' }, 'held_on'],
        [{ kind: 'ケース会議', title: 'x', held_on: '2026/01/05' }, 'held_on'],
        [{ kind: 'ケース会議', title: 'x', held_on: tokyoDay(3) }, 'held_on'],
        [{ kind: 'ケース会議', title: 'あ'.repeat(201), held_on: tokyoDay() }, 'title'],
        [{ kind: 'ケース会議', title: 'x', held_on: tokyoDay(), decisions: 'あ'.repeat(4001) }, 'decisions'],
        [{ kind: 'ケース会議', title: 'x', held_on: tokyoDay(), cases: [{ case_id: aobaCaseId }] }, 'cases[0].case_id'],
        [{ kind: 'ケース会議', title: 'x', held_on: tokyoDay(), cases: [{ case_id: caseId }, { case_id: caseId }] }, 'cases[1].case_id'],
        [{ kind: 'ケース会議', title: 'x', held_on: tokyoDay(), organisation_ids: ['no-such-org'] }, 'organisation_ids'],
        [{ kind: 'ケース会議', title: 'x', held_on: tokyoDay(), people: [{ affiliation: '民生委員' }] }, 'people[0].name'],
        [{ kind: 'ケース会議', title: 'x', held_on: tokyoDay(), people: [{ user_id: takahashiId }] }, 'people[0].user_id'],
        [{ kind: 'ケース会議', title: 'x', held_on: tokyoDay(), people: [{ name: 'あ'.repeat(101) }] }, 'people[0].name'],
      ];
      for (const [body, field] of cases400) {
        const r = await suzuki.post('/api/v1/meetings', body);
        assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 80)} → ${r.status}`);
        assert.ok(r.json.errors.some((e) => e.field === field), `${field}: ${r.text}`);
        assert.ok(r.json.errors.every((e) => /[ぁ-んァ-ヶ一-龠]/.test(e.detail)), r.text);
      }
      assert.equal((await suzuki.post('/api/v1/meetings', '[]')).status, 400);
      assert.equal(meetings(), before);
      assert.equal(meetingCases(), cases);
      // Roles without case work may not call the routes at all.
      const analyst = await signedIn(server.url, 'analyst');
      assert.equal((await analyst.get('/api/v1/meetings')).status, 403);
    });
  });
}
