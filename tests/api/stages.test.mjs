// Stage models and stage changes (issue 3, point 6): built-in models, an
// organisation picks its model (its supervisor or an admin), every move is
// recorded with date and note, moving back is allowed and described
// neutrally, 412/428 on the case version, bad input refused.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { newCase, count, day, FAILURE_WORDS } from '../support/case_work.mjs';

for (const kind of DATABASES) {
  describe(`stages (${kind})`, () => {
    let server, suzuki, sato, ito, admin, takahashi, org1, org2;
    before(async () => {
      server = await startServer({ db: kind });
      suzuki = await signedIn(server.url, 'coordinator');
      sato = await signedIn(server.url, 'supervisor');
      ito = await signedIn(server.url, 'other_supervisor');
      takahashi = await signedIn(server.url, 'other_coordinator');
      admin = await signedIn(server.url, 'admin');
      org1 = (await sato.get('/api/v1/session')).json.user?.organisation_id ?? (await sato.get('/api/v1/session')).json.organisation_id;
      org2 = (await ito.get('/api/v1/session')).json.user?.organisation_id ?? (await ito.get('/api/v1/session')).json.organisation_id;
    });
    after(async () => { await server?.stop(); });

    // The case version, as the stage-change list answers it (ETag of the case).
    const version = async (client, id) => (await client.get(`/api/v1/cases/${id}/stage-changes`)).json.version;
    const move = async (id, to, on = day(0), note) => suzuki.post(`/api/v1/cases/${id}/stage-changes`,
      { to_stage: to, changed_on: on, note }, { 'if-match': `"${await version(suzuki, id)}"` });

    test('the built-in models are listed with the organisation\'s choice', async () => {
      const r = await suzuki.get('/api/v1/stage-models');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.items.map((m) => m.key), ['guideline2010', 'bunkyo_step', 'discovery5']);
      assert.deepEqual(r.json.items[0].stages, ['出会い・評価段階', '個人的支援段階', '中間的・過渡的な支援段階', '社会参加の試行段階']);
      assert.deepEqual(r.json.items[1].stages, ['相談', 'いばしょ', 'つながる', 'はたらく・まなぶ']);
      assert.equal(r.json.organisation_model, 'guideline2010');
    });

    test('moves forward and back are recorded and described neutrally', async () => {
      const c = await newCase(suzuki, server);
      assert.equal((await suzuki.post(`/api/v1/cases/${c.id}/stage-changes`, { to_stage: '個人的支援段階', changed_on: day(0) })).status, 428);
      const first = await move(c.id, '出会い・評価段階', day(-60), '母の来所から');
      assert.equal(first.status, 201, first.text);
      assert.equal(first.json.current_stage, '出会い・評価段階');
      assert.equal(first.json.change.direction, '最初の段階');
      assert.equal(first.headers.get('etag'), `"${first.json.version}"`);
      const fwd = await move(c.id, '中間的・過渡的な支援段階', day(-30));
      assert.equal(fwd.json.change.direction, '前へ');
      assert.equal(fwd.json.change.steps, 2);
      const back = await move(c.id, '個人的支援段階', day(-1), '体調を崩したので面談中心に');
      assert.equal(back.status, 201);
      assert.equal(back.json.change.direction, '戻る');
      assert.equal(back.json.change.from_stage, '中間的・過渡的な支援段階');
      assert.equal(back.json.change.steps, 1);
      const same = await move(c.id, '個人的支援段階');
      assert.equal(same.json.change.direction, '同じ');
      const detail = (await suzuki.get(`/api/v1/cases/${c.id}/stage-changes`)).json;
      assert.equal(detail.current_stage, '個人的支援段階');
      const list = await suzuki.get(`/api/v1/cases/${c.id}/stage-changes`);
      assert.equal(list.status, 200);
      assert.deepEqual(list.json.items.map((x) => x.direction), ['同じ', '戻る', '前へ', '最初の段階']);
      // Words that read one way only (issue 15 point 9): 前 means both ahead and before.
      assert.deepEqual(list.json.items.map((x) => x.description), [
        '「個人的支援段階」のまま',
        '「中間的・過渡的な支援段階」から「個人的支援段階」へ（1段階戻る）',
        '「出会い・評価段階」から「中間的・過渡的な支援段階」へ（2段階進む）',
        'はじめの記録：「出会い・評価段階」',
      ]);
      assert.equal(list.json.current_stage, '個人的支援段階');
      assert.doesNotMatch(JSON.stringify(list.json), FAILURE_WORDS);
      const stale = await suzuki.post(`/api/v1/cases/${c.id}/stage-changes`, { to_stage: '出会い・評価段階', changed_on: day(0) },
        { 'if-match': `"${detail.version - 1}"` });
      assert.equal(stale.status, 412);
      assert.equal(stale.json.current.current_stage, '個人的支援段階');
    });

    test('bad input is refused and nothing is written', async () => {
      const c = await newCase(suzuki, server);
      const before = count(server, 'stage_changes');
      const v = `"${await version(suzuki, c.id)}"`;
      for (const [body, field] of [[{ to_stage: '就職', changed_on: day(0) }, 'to_stage'], [{ changed_on: day(0) }, 'to_stage'],
        [{ to_stage: '相談', changed_on: day(0) }, 'to_stage'], [{ to_stage: '個人的支援段階', changed_on: day(1) }, 'changed_on'],
        [{ to_stage: '個人的支援段階', changed_on: day(0), note: 'あ'.repeat(2001) }, 'note'],
        [{ to_stage: '個人的支援段階', changed_on: day(0), stage_model: 'mine' }, 'stage_model']]) {
        const r = await suzuki.post(`/api/v1/cases/${c.id}/stage-changes`, body, { 'if-match': v });
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.ok(r.json.errors.some((e) => e.field === field), `${field}: ${JSON.stringify(r.json.errors)}`);
      }
      assert.equal((await takahashi.post(`/api/v1/cases/${c.id}/stage-changes`, { to_stage: '個人的支援段階', changed_on: day(0) }, { 'if-match': v })).status, 404);
      assert.equal((await takahashi.get(`/api/v1/cases/${c.id}/stage-changes`)).status, 404);
      assert.equal(count(server, 'stage_changes'), before);
    });

    test('an organisation picks its model: its supervisor or an admin, with If-Match', async () => {
      const orgVersion = async (id) => (await admin.get(`/api/v1/organisations/${id}`)).json.version;
      assert.equal((await suzuki.put(`/api/v1/organisations/${org1}/stage-model`, { model: 'bunkyo_step' }, { 'if-match': '"1"' })).status, 403);
      assert.equal((await ito.put(`/api/v1/organisations/${org1}/stage-model`, { model: 'bunkyo_step' }, { 'if-match': `"${await orgVersion(org1)}"` })).status, 404);
      assert.equal((await sato.put(`/api/v1/organisations/${org1}/stage-model`, { model: 'わが町の段階' }, { 'if-match': `"${await orgVersion(org1)}"` })).status, 400);
      assert.equal((await sato.put(`/api/v1/organisations/${org1}/stage-model`, { model: 'bunkyo_step' })).status, 428);
      const old = await newCase(suzuki, server, '切り替え前のケース');
      const v = await orgVersion(org1);
      const r = await sato.put(`/api/v1/organisations/${org1}/stage-model`, { model: 'bunkyo_step' }, { 'if-match': `"${v}"` });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.stage_model, 'bunkyo_step');
      assert.equal(r.json.version, v + 1);
      assert.equal((await sato.put(`/api/v1/organisations/${org1}/stage-model`, { model: 'discovery5' }, { 'if-match': `"${v}"` })).status, 412);
      assert.equal((await suzuki.get('/api/v1/stage-models')).json.organisation_model, 'bunkyo_step');
      const fresh = await newCase(suzuki, server, '切り替え後のケース');
      assert.equal(fresh.stage_model, 'bunkyo_step');
      assert.equal((await move(fresh.id, 'いばしょ')).json.change.direction, '最初の段階');
      // The older case keeps its model until a move names the new one.
      assert.equal((await move(old.id, 'いばしょ')).status, 400);
      const switched = await suzuki.post(`/api/v1/cases/${old.id}/stage-changes`,
        { to_stage: 'いばしょ', changed_on: day(0), stage_model: 'bunkyo_step' }, { 'if-match': `"${await version(suzuki, old.id)}"` });
      assert.equal(switched.status, 201, switched.text);
      assert.equal(switched.json.stage_model, 'bunkyo_step');
      assert.equal(switched.json.change.direction, 'モデルの切り替え');
      const byAdmin = await admin.put(`/api/v1/organisations/${org2}/stage-model`, { model: 'discovery5' }, { 'if-match': `"${await orgVersion(org2)}"` });
      assert.equal(byAdmin.status, 200);
    });
  });
}
