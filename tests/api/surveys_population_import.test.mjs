// The 住民基本台帳 CSV import reads the columns by their whole names and never counts a resident
// twice: the total column before the sex-split ones, a layout by sex by its 計 rows only, an
// age given twice for a district refused with both row numbers. Row numbers are the file's
// lines (quoted line breaks, blank ',,,' rows); at most 20 errors; a population out of range is
// named in Japanese; a CSV of 1.5 MB is read (the route admits what the importer admits).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

// Ages 10 … 79 of a district, one row each: every band of the cards has residents.
const agesOf = (district, pop = 10, from = 10) => Array.from({ length: 80 - from }, (_, i) => `${district},${from + i}歳,${pop}`);

for (const kind of DATABASES) {
  describe(`population import (${kind})`, () => {
    let server, sato;
    before(async () => {
      server = await startServer({ db: kind });
      sato = await signedIn(server.url, 'supervisor');
    });
    after(async () => { await server?.stop(); });

    const load = async (year, lines) => sato.post('/api/v1/area-populations/import', { year, csv: lines.join('\r\n') });
    const band = (r, area, b) => r.json.items.find((x) => x.area_name === area).bands.find((y) => y.age_band === b).population;
    const details = (r) => r.json.errors.map((e) => e.detail).join('\n');

    test('the total column is read, not the first one whose name holds 人口; codes and dates are not districts or totals', async () => {
      const wide = await load(2040, ['地区名,年齢,男性人口,女性人口,総人口', ...agesOf('かわべ地区').map((l) => l.replace(/,10$/, ',4,6,10'))]);
      assert.equal(wide.status, 201, wide.text);
      assert.equal(band(wide, 'かわべ地区', '40代'), 100); // ten ages × 10, not × 4
      const codes = await load(2041, ['全国地方公共団体コード,集計日,地域名,年齢,人口', ...agesOf('かわべ地区').map((l) => `992011,2041-01-01,${l}`)]);
      assert.equal(codes.status, 201, codes.text);
      assert.equal(band(codes, 'かわべ地区', '20代'), 100);
      const split = await load(2042, ['地区,年齢,男性人口,女性人口', 'かわべ地区,40歳,4,6']);
      assert.equal(split.status, 400);
      assert.match(details(split), /男女別の人口の列だけでは取り込めません/);
    });

    test('a layout by sex is read by its 計 rows only; without them it is refused', async () => {
      const lines = ['地区,性別,年齢,人口'];
      for (const l of agesOf('かわべ地区')) {
        const [d, age] = l.split(',');
        lines.push(`${d},男,${age},4`, `${d},女,${age},6`, `${d},計,${age},10`);
      }
      const r = await load(2043, lines);
      assert.equal(r.status, 201, r.text);
      assert.equal(band(r, 'かわべ地区', '30代'), 100);
      const noTotal = await load(2044, lines.filter((l) => !l.includes(',計,')));
      assert.equal(noTotal.status, 400);
      assert.match(details(noTotal), /男女の計（「計」・「総数」）の行がありません/);
    });

    test('an age given twice for a district is refused with both row numbers; row numbers are the file\'s lines', async () => {
      const lines = ['地区,年齢,人口,備考', ...agesOf('かわべ地区').map((l) => `${l},`)];
      const twice = await load(2045, [...lines, 'かわべ地区,40歳,10,', 'かわべ地区,40～44歳,50,']);
      assert.equal(twice.status, 400);
      const d = details(twice);
      assert.match(d, /72行目: 地区「かわべ地区」の年齢「40歳」は、32行目と重なっています/);
      assert.match(d, /73行目: 地区「かわべ地区」の年齢「40～44歳」は、32行目と重なっています/);
      // A note over two lines and a blank ',,,' row: the bad row is the file's line 6.
      const quoted = ['地区,年齢,人口,備考', 'かわべ地区,10歳,10,"転入が多い\n（住民票のみ）"', ',,,', 'かわべ地区,11歳,10,', 'かわべ地区,12歳,x,'];
      const q = await load(2045, quoted);
      assert.equal(q.status, 400);
      assert.match(details(q), /^6行目: 地区「かわべ地区」の人口「x」は0以上の整数/m);
    });

    test('at most 20 errors; a population out of range is named with its row and district in Japanese', async () => {
      const bad = await load(2046, ['地区,年齢,人口', ...Array.from({ length: 30 }, (_, i) => `どこにもない地区${i},40歳,1`)]);
      assert.equal(bad.status, 400);
      assert.equal(bad.json.errors.length, 20);
      const huge = await load(2046, ['地区,年齢,人口', ...agesOf('かわべ地区').slice(0, 5), 'ひがし台地区,40歳,200000000']);
      assert.equal(huge.status, 400);
      assert.match(details(huge), /7行目: 地区「ひがし台地区」の人口「200000000」が大きすぎます（1億人まで）/);
      const sum = await load(2046, ['地区,年齢,人口', 'かわべ地区,40歳,60000000', 'かわべ地区,41歳,60000000']);
      assert.match(details(sum), /3行目: 地区「かわべ地区」の40代の人口の合計が1億人を超えています/);
      const areas = (await sato.get('/api/v1/areas')).json.items;
      const kawabe = areas.find((a) => a.name === 'かわべ地区');
      const put = await sato.put(`/api/v1/areas/${kawabe.id}/population`, { year: 2046, bands: [{ age_band: '40代', population: 200000000 }] });
      assert.equal(put.status, 400);
      assert.match(put.json.errors[0].detail, /1億人まで/);
      assert.ok(!/9223372036854775808/.test(put.text), put.text);
    });

    test('a CSV of 1.5 MB is read; one over the importer\'s 2 MB is refused by the importer, not by a generic 413', async () => {
      const note = 'あ'.repeat(4500); // 13.5 kB a row
      const lines = ['地区,年齢,人口,備考', ...Array.from({ length: 111 }, (_, i) => `かわべ地区,${10 + i}歳,10,${note}`)];
      const big = lines.join('\r\n');
      assert.ok(big.length > 0 && Buffer.byteLength(big) > 1.4e6 && Buffer.byteLength(big) < 2e6, `${Buffer.byteLength(big)} bytes`);
      const r = await sato.post('/api/v1/area-populations/import', { year: 2047, csv: big });
      assert.equal(r.status, 201, r.text.slice(0, 300));
      assert.equal(band(r, 'かわべ地区', '70代以上'), 510);
      const over = await sato.post('/api/v1/area-populations/import', { year: 2047, csv: big + '\r\n' + big.slice(0, 700000) });
      assert.equal(over.status, 400, over.text.slice(0, 300));
      assert.match(over.json.errors[0].detail, /2MBまで/);
    });
  });
}
