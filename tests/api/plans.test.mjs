// Plans (issue 3, point 5): goals on the three axes in the person's own
// words, consent and review date, progress in both directions shown without
// failure wording, goals ended rather than deleted, 412 on stale edits, bad
// input and other organisations' ids refused with nothing written.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { newCase, count, day, FAILURE_WORDS } from '../support/case_work.mjs';

const GOALS = [
  { axis: '日常生活自立', term: '短期', words: '朝ごはんの時間に起きたい', support: '起きられた日を一緒に数える' },
  { axis: '社会生活自立', term: '中期', words: '月に1回、居場所に行ってみる' },
  { axis: '経済的自立', term: '長期', words: 'いつか少しでも自分で稼げたら' },
];

for (const kind of DATABASES) {
  describe(`plans (${kind})`, () => {
    let server, suzuki, takahashi, c;
    before(async () => {
      server = await startServer({ db: kind });
      suzuki = await signedIn(server.url, 'coordinator');
      takahashi = await signedIn(server.url, 'other_coordinator');
      c = await newCase(suzuki, server);
    });
    after(async () => { await server?.stop(); });

    const create = (body = {}) => suzuki.post(`/api/v1/cases/${c.id}/plans`,
      { wish: '「人の多いところはまだ怖い」', review_on: day(60), goals: GOALS, ...body });

    test('a plan keeps goals on the three axes in the person\'s words, with consent and review date', async () => {
      const r = await create();
      assert.equal(r.status, 201, r.text);
      assert.equal(r.headers.get('etag'), '"1"');
      const p = r.json;
      assert.equal(p.consent, '未確認', 'a plan drafted before 本人 agreed is 未確認');
      assert.equal(p.started_on, day(0));
      assert.equal(p.review_on, day(60));
      assert.equal(p.review_due, false);
      assert.deepEqual(p.goals.map((g) => [g.axis, g.term, g.words]), GOALS.map((g) => [g.axis, g.term, g.words]));
      assert.ok(p.goals.every((g) => g.active && g.latest === null && g.progress.length === 0));
      const list = await suzuki.get(`/api/v1/cases/${c.id}/plans`);
      assert.ok(list.json.items.some((x) => x.id === p.id));
      const coll = await suzuki.get(`/api/v1/plans?case_id=${c.id}`);
      assert.equal(coll.status, 200);
      const viaColl = await suzuki.post('/api/v1/plans', { case_id: c.id, consent: '同意', consent_on: day(0), goals: [] });
      assert.equal(viaColl.status, 201, viaColl.text);
      assert.equal((await suzuki.get(`/api/v1/plans/${p.id}`)).json.id, p.id);
    });

    test('the timeline quotes once: no 支援計画「支援計画」, no 「「…」」 (issue 15 point 9)', async () => {
      const p = (await create({ goals: [{ axis: '日常生活自立', term: '短期', words: '「散歩に出たい」' }] })).json;
      await suzuki.post(`/api/v1/plans/${p.id}/goals/${p.goals[0].id}/progress`, { recorded_on: day(0), level: 1 });
      const text = JSON.stringify((await suzuki.get(`/api/v1/cases/${c.id}/timeline`)).json);
      assert.match(text, /支援計画を作成/);
      assert.doesNotMatch(text, /支援計画「支援計画」/);
      assert.match(text, /目標「散歩に出たい」（/);
      assert.doesNotMatch(text, /「「|」」/);
    });

    test('progress goes up and down and is described without failure wording', async () => {
      const p = (await create()).json;
      const g = p.goals[0].id;
      const steps = [[day(-30), 1, 'はじめての記録'], [day(-20), 3, '前進'], [day(-10), 2, '一時的に戻る'], [day(0), 2, '変化なし']];
      for (const [on, level] of steps) {
        const r = await suzuki.post(`/api/v1/plans/${p.id}/goals/${g}/progress`, { recorded_on: on, level, note: '様子' });
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.progress.level, level);
      }
      const got = (await suzuki.get(`/api/v1/plans/${p.id}`)).json;
      const goal = got.goals.find((x) => x.id === g);
      assert.deepEqual(goal.progress.map((e) => e.direction), steps.map((s) => s[2]));
      assert.equal(goal.latest.level, 2);
      assert.equal(got.version, 1, 'progress does not change the plan version');
      assert.doesNotMatch(JSON.stringify(got), FAILURE_WORDS);
      // A record entered later for an earlier day reads right in the history.
      await suzuki.post(`/api/v1/plans/${p.id}/goals/${g}/progress`, { recorded_on: day(-40), level: 0 });
      const again = (await suzuki.get(`/api/v1/plans/${p.id}`)).json.goals.find((x) => x.id === g);
      assert.deepEqual(again.progress.map((e) => e.direction), ['はじめての記録', '前進', '前進', '一時的に戻る', '変化なし']);
    });

    test('a review keeps goals by id, adds new ones and ends left-out goals with their history', async () => {
      const p = (await create()).json;
      const [g0, g1] = p.goals;
      await suzuki.post(`/api/v1/plans/${p.id}/goals/${g1.id}/progress`, { recorded_on: day(0), level: 2 });
      const body = { title: '見直した計画', consent: '同意', consent_on: day(0), review_on: day(90),
        goals: [{ id: g0.id, axis: g0.axis, term: g0.term, words: '朝起きて散歩したい' },
                { axis: '社会生活自立', term: '短期', words: '図書館に行く' }] };
      assert.equal((await suzuki.put(`/api/v1/plans/${p.id}`, body)).status, 428);
      const r = await suzuki.put(`/api/v1/plans/${p.id}`, body, { 'if-match': '"1"' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.version, 2);
      assert.equal(r.json.consent, '同意');
      const active = r.json.goals.filter((g) => g.active);
      assert.deepEqual(active.map((g) => g.words), ['朝起きて散歩したい', '図書館に行く']);
      assert.equal(active[0].id, g0.id);
      const ended = r.json.goals.find((g) => g.id === g1.id);
      assert.equal(ended.active, false);
      assert.equal(ended.progress.length, 1, 'an ended goal keeps its history');
      const onEnded = await suzuki.post(`/api/v1/plans/${p.id}/goals/${g1.id}/progress`, { recorded_on: day(0), level: 1 });
      assert.equal(onEnded.status, 400);
      const stale = await suzuki.put(`/api/v1/plans/${p.id}`, { ...body, title: '古い版から' }, { 'if-match': '"1"' });
      assert.equal(stale.status, 412);
      assert.equal(stale.json.current.title, '見直した計画');
    });

    test('bad input is refused with field errors and nothing is written', async () => {
      const p = (await create()).json;
      const other = (await create()).json;
      const before = [count(server, 'plans'), count(server, 'plan_goals'), count(server, 'plan_progress')];
      const bad = [
        [{ goals: [{ axis: '就労', term: '短期', words: '働く' }] }, 'goals[0].axis'],
        [{ goals: [{ axis: '経済的自立', term: '来年', words: '働く' }] }, 'goals[0].term'],
        [{ goals: [{ axis: '経済的自立', term: '短期', words: '' }] }, 'goals[0].words'],
        [{ goals: [{ axis: '経済的自立', term: '短期', words: 'あ'.repeat(501) }] }, 'goals[0].words'],
        [{ goals: 'なし' }, 'goals'],
        [{ goals: Array.from({ length: 31 }, () => GOALS[0]) }, 'goals'],
        [{ consent: 'たぶん' }, 'consent'],
        [{ consent_on: day(3) }, 'consent_on'],
        [{ started_on: day(3) }, 'started_on'],
        [{ review_on: '2025-13-01' }, 'review_on'],
        [{ wish: 'あ'.repeat(2001) }, 'wish'],
      ];
      for (const [body, field] of bad) {
        const r = await create(body);
        assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 80)} → ${r.status}`);
        assert.ok(r.json.errors.some((e) => e.field === field), `${field}: ${JSON.stringify(r.json.errors)}`);
      }
      const foreignGoal = await suzuki.put(`/api/v1/plans/${p.id}`,
        { goals: [{ id: other.goals[0].id, axis: '日常生活自立', term: '短期', words: 'x' }] }, { 'if-match': '"1"' });
      assert.equal(foreignGoal.status, 400);
      const g = p.goals[0].id;
      for (const [body, field] of [[{ recorded_on: day(0), level: 5 }, 'level'], [{ recorded_on: day(0), level: -1 }, 'level'],
        [{ recorded_on: day(0), level: 'よい' }, 'level'], [{ recorded_on: day(2), level: 1 }, 'recorded_on'],
        [{ recorded_on: day(0), level: 1, note: 'あ'.repeat(2001) }, 'note']]) {
        const r = await suzuki.post(`/api/v1/plans/${p.id}/goals/${g}/progress`, body);
        assert.equal(r.status, 400);
        assert.ok(r.json.errors.some((e) => e.field === field), `${field}: ${JSON.stringify(r.json.errors)}`);
      }
      assert.equal((await suzuki.post(`/api/v1/plans/${p.id}/goals/${other.goals[0].id}/progress`, { recorded_on: day(0), level: 1 })).status, 404);
      assert.deepEqual([count(server, 'plans'), count(server, 'plan_goals'), count(server, 'plan_progress')], before);
    });

    test("another organisation's case and plan answer 404 and nothing is written", async () => {
      const p = (await create()).json;
      const before = [count(server, 'plans'), count(server, 'plan_progress')];
      assert.equal((await takahashi.get(`/api/v1/cases/${c.id}/plans`)).status, 404);
      assert.equal((await takahashi.post(`/api/v1/cases/${c.id}/plans`, { goals: GOALS })).status, 404);
      assert.equal((await takahashi.post('/api/v1/plans', { case_id: c.id, goals: GOALS })).status, 404);
      assert.equal((await takahashi.get(`/api/v1/plans?case_id=${c.id}`)).status, 404);
      assert.equal((await takahashi.get(`/api/v1/plans/${p.id}`)).status, 404);
      assert.equal((await takahashi.put(`/api/v1/plans/${p.id}`, { goals: [] }, { 'if-match': '"1"' })).status, 404);
      assert.equal((await takahashi.post(`/api/v1/plans/${p.id}/goals/${p.goals[0].id}/progress`, { recorded_on: day(0), level: 1 })).status, 404);
      assert.deepEqual([count(server, 'plans'), count(server, 'plan_progress')], before);
    });
  });
}
