// Issue 18 point 6: three or more lists from records. Staff of さくら市ステーション (suzuki) add a
// further list — a 地域包括支援センター's, rows without names — to the demo survey of さくら市; the
// server links the cards, the case records and the further lists by the name-free key and answers
// the log-linear models side by side with Chapman's two-list range and its warning kept. Only
// counts leave the server: no key, no row, no district id. Bad input (a district outside the
// survey's area, an unknown age band, an empty file, too many rows, a mis-decoded file) is refused
// in Japanese and writes nothing; a CSV with a UTF-8 BOM is read.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';
import { count, AUDIT_ENTRIES } from '../support/case_rows.mjs';

const BANDS = ['20代', '30代', '40代', '50代', '60代'];
const GENDERS = ['男性', '女性'];

for (const kind of DATABASES) {
  describe(`survey further lists (${kind})`, () => {
    let server, suzuki, kobayashi, nakamura, survey, aobaHoncho;
    const rows = () => count(server, 'SELECT COUNT(*) FROM survey_further_list_rows');
    const lists = () => count(server, 'SELECT COUNT(*) FROM survey_further_lists');
    const path = () => `/api/v1/surveys/${survey.id}/further-lists`;
    const cr = async () => {
      const r = await suzuki.get(`/api/v1/surveys/${survey.id}/capture-recapture`);
      assert.equal(r.status, 200, r.text);
      return r;
    };

    before(async () => {
      server = await startServer({ db: kind });
      [suzuki, kobayashi, nakamura] = await Promise.all(['coordinator', 'analyst', 'surveyor'].map((w) => signedIn(server.url, w)));
      const summary = (await suzuki.get('/api/v1/surveys')).json.items.find((s) => s.title.startsWith('さくら市ひきこもり等の実態把握調査'));
      survey = (await suzuki.get(`/api/v1/surveys/${summary.id}`)).json;
      const admin = await signedIn(server.url, 'admin');
      aobaHoncho = (await admin.get('/api/v1/areas')).json.items.find((a) => a.name === 'あおば本町地区');
    });
    after(async () => { await server?.stop(); });

    test('without a further list the answer is two lists: Chapman and its warning, no models', async () => {
      const j = (await cr()).json;
      assert.equal(j.log_linear, null);
      assert.deepEqual(j.lists.map((l) => l.name), ['調査票', '支援記録']);
      assert.match(j.warning, /独立かどうかを確かめられません/);
    });

    test('a further list makes three: every history counted inside the server, the models side by side, Chapman kept', async () => {
      const districts = survey.districts;
      const listRows = [];
      for (let i = 0; i < 40; i++) {
        listRows.push({ district_id: districts[i % districts.length].id, gender: GENDERS[i % 2], age_band: BANDS[i % BANDS.length] });
      }
      listRows.push({ district_id: districts[0].id, gender: '男性', birth_month: '1980-05' }); // band from the birth month
      listRows.push({ district_id: districts[1].id, gender: '分からない', age_band: '40代' }); // not linkable
      const auditBefore = count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE entity = 'survey_further_list'`);
      const r = await suzuki.post(path(), { name: '地域包括支援センターの名簿', rows: listRows });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.rows, 42);
      assert.equal(rows(), 42);
      assert.equal(count(server, `SELECT COUNT(*) FROM ${AUDIT_ENTRIES} WHERE entity = 'survey_further_list'`), auditBefore + 1);
      assert.equal(count(server, "SELECT COUNT(*) FROM survey_further_list_rows WHERE birth_month = '1980-05' AND age_band = '40代'"), 1);
      const listed = (await suzuki.get(path())).json;
      assert.deepEqual(listed.items.map((l) => [l.name, l.rows]), [['地域包括支援センターの名簿', 42]]);

      const res = await cr();
      const j = res.json;
      assert.deepEqual(j.lists.map((l) => l.name), ['調査票', '支援記録', '地域包括支援センターの名簿']);
      assert.equal(j.lists[2].persons, 42);
      assert.equal(j.lists[2].unlinkable, 1);
      assert.equal(j.lists[2].linkable, 41);
      const ll = j.log_linear;
      assert.ok(ll, res.text);
      assert.equal(ll.cells.length, 7);
      const sum = (bit) => ll.cells.filter((c) => c.pattern[bit] === '1').reduce((a, c) => a + c.count, 0);
      assert.equal(sum(0), j.survey_linkable);
      assert.equal(sum(1), j.case_linkable);
      assert.equal(sum(2), 41);
      assert.equal(ll.seen, ll.cells.reduce((a, c) => a + c.count, 0));
      assert.equal(ll.models.length, 8);
      assert.deepEqual(ll.chosen, ll.models[0]);
      for (const m of ll.models) {
        for (const k of ['name', 'dependence', 'df', 'aic', 'total', 'ci']) assert.ok(k in m, k);
        if (m.converged) {
          assert.ok(m.ci[0] <= m.total && m.total <= m.ci[1], m.name);
          assert.ok(m.total >= ll.seen, m.name);
        }
      }
      assert.match(ll.method, /Wald/);
      assert.match(j.warning, /独立かどうかを確かめられません/);
      assert.match(j.method, /Chapman/);
      // Only counts: no district id, no row, no birth month, no key separator.
      for (const d of survey.districts) assert.ok(!res.text.includes(d.id), 'no district id');
      assert.ok(!/birth|1980-05|district|\\u001f|\u001f/.test(res.text), res.text.slice(0, 200));
      assert.ok(!JSON.stringify(listed).includes(survey.districts[0].id));
    });

    test('a CSV with a UTF-8 BOM is read: district names, 生年月 for the band', async () => {
      const [a, b] = survey.districts;
      const csv = `\uFEFF地区,性別,生年月\r\n${a.name},女性,1990年3月\r\n${b.name},男性,1975/11\r\n`;
      const r = await suzuki.post(path(), { name: '学校の名簿', csv });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.rows, 2);
      const j = (await cr()).json;
      assert.equal(j.lists.length, 4);
      assert.equal(j.log_linear.models.length, 64);
      assert.equal(j.log_linear.cells.length, 15);
    });

    test('the report and its CSV/xlsx carry the estimates: Chapman and every model; for analysts small overlaps and the estimates they give back are hidden', async () => {
      const staff = await suzuki.get(`/api/v1/surveys/${survey.id}/report`);
      assert.equal(staff.status, 200, staff.text);
      const est = staff.json.tables.find((t) => t.id === 'survey_estimates');
      assert.match(est.rows[0][0], /^Chapman/);
      assert.equal(est.rows.filter((r) => r[0].startsWith('対数線形モデル')).length, 64);
      assert.match(est.rows[1][0], /AIC が最小/);
      assert.ok(est.notes.some((n) => /独立かどうか/.test(n)));
      const linkage = staff.json.tables.find((t) => t.id === 'survey_linkage');
      assert.equal(linkage.rows.length, 4 + 15);
      const csv = await suzuki.get(`/api/v1/surveys/${survey.id}/report?format=csv`);
      assert.match(csv.text, /まだ誰ともつながっていない方の推計/);
      assert.match(csv.text, /対数線形モデル：独立/);
      const analyst = (await kobayashi.get(`/api/v1/surveys/${survey.id}/report`)).json;
      const al = analyst.tables.find((t) => t.id === 'survey_linkage');
      const small = al.rows.some((row, r) => al.hidden?.[r]?.[1]);
      assert.ok(small, 'the demo overlaps have small cells');
      const ae = analyst.tables.find((t) => t.id === 'survey_estimates');
      assert.ok(ae.rows.every((row) => row[1] === null), JSON.stringify(ae.rows[0]));
      assert.ok(!JSON.stringify(analyst).includes(survey.districts[0].id));
    });

    test('bad input is refused in Japanese and writes nothing', async () => {
      const before = [lists(), rows()];
      const d = survey.districts[0].id;
      const cases = [
        [{ name: '名簿', rows: [{ district_id: aobaHoncho.id, gender: '女性', age_band: '30代' }] }, 'rows[0].district_id', /この調査の地域/],
        [{ name: '名簿', rows: [{ district_id: d, gender: '女性', age_band: '45代' }] }, 'rows[0].age_band', /年代「45代」は選べません/],
        [{ name: '名簿', rows: [{ district_id: d, gender: 'M', age_band: '30代' }] }, 'rows[0].gender', /性別/],
        [{ name: '名簿', rows: [{ district_id: d, gender: '女性', birth_month: '1990-13' }] }, 'rows[0].birth_month', /生年月/],
        [{ name: '名簿', csv: '' }, 'csv', /空のファイル/],
        [{ name: '名簿', csv: '\uFEFF地区,性別,年代\r\n' }, 'csv', /取り込める行がありません/],
        [{ name: '名簿', csv: '名前,住所\n山田,どこか\n' }, 'csv', /「地区」、「性別」/],
        [{ name: '名簿', csv: '地区,性別,年代\n\uFFFD\uFFFD,\uFFFD,40\uFFFD\n' }, 'csv', /文字化け/],
        [{ name: '名簿', rows: [] }, 'rows', /1行以上/],
        [{ name: '名簿', rows: Array.from({ length: 10001 }, () => ({ district_id: d, gender: '女性', age_band: '30代' })) }, 'rows', /10000行まで/],
        [{ name: '名簿', csv: `地区,性別,年代\r\n${'x,女性,30代\r\n'.repeat(10001)}` }, 'csv', /10000行まで/],
        [{ name: '', rows: [{ district_id: d, gender: '女性', age_band: '30代' }] }, 'name', /名簿の名前/],
        [{ name: '名簿', rows: [{ district_id: d, gender: '女性', age_band: '30代' }], csv: 'x' }, 'rows', /どちらか一方/],
      ];
      for (const [body, field, detail] of cases) {
        const r = await suzuki.post(path(), body);
        assert.equal(r.status, 400, `${field}: ${r.text.slice(0, 300)}`);
        const e = r.json.errors.find((x) => x.field === field);
        assert.ok(e, `${field}: ${r.text.slice(0, 300)}`);
        assert.match(e.detail, detail);
      }
      const csv = await suzuki.post(path(), { name: '名簿', csv: `地区,性別,年代\nあおば本町地区,女性,30代\n${survey.districts[0].name},女性,45代\n` });
      assert.equal(csv.status, 400);
      assert.deepEqual(csv.json.errors.map((e) => e.detail.slice(0, 4)), ['2行目:', '3行目:']);
      assert.deepEqual([lists(), rows()], before);
    });

    test('three further lists at most; a list is deleted whole; analysts and respondents are refused', async () => {
      const d = survey.districts[0].id;
      const one = [{ district_id: d, gender: '女性', age_band: '30代' }];
      const third = await suzuki.post(path(), { name: '相談支援事業所の名簿', rows: one });
      assert.equal(third.status, 201, third.text);
      assert.equal((await cr()).json.log_linear.models.length, 1024); // five lists: 2^10 sets of two-list terms
      const fourth = await suzuki.post(path(), { name: 'もう一つ', rows: one });
      assert.equal(fourth.status, 400);
      assert.match(fourth.json.errors[0].detail, /3つまで/);
      assert.equal((await kobayashi.post(path(), { name: 'x', rows: one })).status, 403);
      assert.equal((await kobayashi.get(path())).status, 403);
      assert.equal((await nakamura.post(path(), { name: 'x', rows: one })).status, 403);
      const before = rows();
      const del = await suzuki.del(`${path()}/${third.json.id}`);
      assert.equal(del.status, 204, del.text);
      assert.equal(rows(), before - 1);
      assert.equal((await suzuki.del(`${path()}/${third.json.id}`)).status, 404);
      assert.equal((await cr()).json.lists.length, 4);
    });

    test('a CSV in the forms offices write: 地　区, 男/女, ４０代・40歳・４０歳代, １９８５／４／１, 和暦, quoted line breaks', async () => {
      const [a, b] = survey.districts;
      const csv = [
        '地　区,性別,年代,生年月,備考',
        `${a.name}　,男,４０代,,`,
        `${b.name},女,40歳,,"引っ越し予定\n（未定）"`,
        `${a.name},男,４０歳代,,`,
        ',,,,',
        `${b.name},女,,１９８５／４／１,`,
        `${a.name},男,,平成2年3月,`,
        `${a.name},女,,S60.4,`,
      ].join('\r\n');
      const before = rows();
      const r = await suzuki.post(path(), { name: '役所の書き方の名簿', csv });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.rows, 6);
      const of = (where) => count(server, `SELECT COUNT(*) FROM survey_further_list_rows r JOIN survey_further_lists l ON l.id = r.list_id WHERE l.name = '役所の書き方の名簿' AND ${where}`);
      assert.equal(of("r.gender = '男性'"), 3);
      assert.equal(of("r.birth_month = '1985-04'"), 2);
      assert.equal(of("r.birth_month = '1990-03' AND r.age_band = '30代'"), 1);
      assert.equal(of("r.age_band = '40代' AND r.birth_month IS NULL"), 3);
      assert.equal(rows(), before + 6);
      assert.equal((await suzuki.del(`${path()}/${r.json.id}`)).status, 204);
      // The row after a quoted line break and a blank row is named by the file's line.
      const bad = await suzuki.post(path(), { name: '名簿', csv: csv.replace('S60.4', '平成32年1月') });
      assert.equal(bad.status, 400);
      assert.match(bad.json.errors[0].detail, /^9行目: 生年月「平成32年1月」を読み取れません/);
    });
  });
}
