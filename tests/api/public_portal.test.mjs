// The public portal (issue 19 point 1): without a login, the 窓口 of the
// area, the groups marked public and their coming sessions; filtered by
// municipality; nothing personal; cacheable, yet a change shows at once
// (the portal is rebuilt when the database's public revision moves); the
// organisation's public profile is its supervisor's to write.
// (Each server reads the revision at most once a second: `eventually`.)
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DATABASES, signedIn } from '../support/server.mjs';

for (const kind of DATABASES) {
  describe(`public portal (${kind})`, () => {
    let server, sato, suzuki, ito, admin, areas, sakuraCity, aobaTown, station;
    const portal = async (q = '') => {
      const r = await fetch(`${server.url}/api/public/v1/portal${q}`);
      return { status: r.status, headers: r.headers, json: await r.json() };
    };
    const ifMatch = (v) => ({ 'if-match': `"${v}"` });
    // The portal as soon as it satisfies `ok`, within two seconds.
    const eventually = async (ok, q = '') => {
      for (let i = 0; ; i++) {
        const r = await portal(q);
        if (ok(r.json) || i === 20) return r.json;
        await new Promise((res) => setTimeout(res, 100));
      }
    };

    before(async () => {
      server = await startServer({ db: kind });
      [sato, suzuki, ito, admin] = await Promise.all(['supervisor', 'coordinator', 'other_supervisor', 'admin'].map((w) => signedIn(server.url, w)));
      areas = (await admin.get('/api/v1/areas')).json.items;
      sakuraCity = areas.find((a) => a.name === 'さくら市');
      aobaTown = areas.find((a) => a.name === 'あおば町');
      station = (await admin.get('/api/v1/organisations')).json.items.find((o) => o.name === 'さくら市ひきこもり支援ステーション');
    });
    after(async () => { await server?.stop(); });

    test('anyone sees the 窓口, the public groups and their coming sessions; nothing personal', async () => {
      const r = await portal();
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('cache-control'), 'public, max-age=60');
      const names = r.json.windows.map((w) => w.name);
      assert.deepEqual(names, ['みどり県ひきこもり地域支援センター', 'さくら市ひきこもり支援ステーション', 'NPO法人ひだまりの家', 'あおば町ひきこもりサポート事業'].filter((n) => names.includes(n)));
      assert.equal(names.length, 4);
      const centre = r.json.windows[0];
      assert.equal(centre.anonymous_consultation, true);
      assert.equal(centre.phone, '099-000-1234');
      assert.ok(r.json.groups.some((g) => g.name === 'さくらカフェ' && g.schedule));
      assert.ok(r.json.sessions.length > 0, 'coming sessions');
      const today = new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
      for (const s of r.json.sessions) assert.ok(s.held_on >= today, s.held_on);
      assert.equal(r.json.consultation_available, true);
      assert.ok(r.json.crisis_contacts.length >= 3);
      const text = JSON.stringify(r.json);
      for (const personal of ['ゆうさん', '鈴木', 'participants', 'case_id', 'created_by'])
        assert.ok(!text.includes(personal), `${personal} on the public portal`);
    });

    test("filtered by municipality: its own, its prefecture's, and groups that accept its residents", async () => {
      const aoba = (await portal(`?municipality=${aobaTown.id}`)).json;
      assert.deepEqual(aoba.windows.map((w) => w.name).sort(), ['あおば町ひきこもりサポート事業', 'みどり県ひきこもり地域支援センター'].sort());
      assert.ok(aoba.groups.some((g) => g.name === 'さくらカフェ'), 'さくらカフェ accepts あおば町 residents by agreement');
      const sakura = (await portal(`?municipality=${sakuraCity.id}`)).json;
      assert.ok(sakura.windows.some((w) => w.name === 'NPO法人ひだまりの家'));
      assert.ok(!sakura.windows.some((w) => w.name === 'あおば町ひきこもりサポート事業'));
      for (const bad of ['../../etc/passwd', areas.find((a) => a.level === 'district').id, 'x'.repeat(300), "' OR 1=1 --"]) {
        const r = await portal(`?municipality=${encodeURIComponent(bad)}`);
        assert.equal(r.status, 400, bad);
        assert.match(r.json.errors[0].detail, /市区町村/);
      }
    });

    test('the supervisor writes the public profile; the portal shows it at once; others may not', async () => {
      let p = await sato.get(`/api/v1/organisations/${station.id}/public-profile`);
      assert.equal(p.status, 200, p.text);
      const bad = await sato.put(`/api/v1/organisations/${station.id}/public-profile`, { url: 'javascript:alert(1)', reply_days: 0, hours: 'あ'.repeat(201) }, ifMatch(p.json.version));
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['hours', 'reply_days', 'url']);
      const ok = await sato.put(`/api/v1/organisations/${station.id}/public-profile`, { hours: '月〜金 9:00〜18:00', reply_days: 5 }, ifMatch(p.json.version));
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.reply_days, 5);
      assert.equal((await sato.put(`/api/v1/organisations/${station.id}/public-profile`, { hours: '古い版' }, ifMatch(p.json.version))).status, 412);
      assert.equal((await eventually((j) => j.windows.find((w) => w.id === station.id).hours === '月〜金 9:00〜18:00'))
        .windows.find((w) => w.id === station.id).hours, '月〜金 9:00〜18:00');
      // Not listed: gone from the portal at once.
      p = await sato.put(`/api/v1/organisations/${station.id}/public-profile`, { public_listing: false }, ifMatch(ok.json.version));
      assert.equal(p.status, 200);
      assert.ok(!(await eventually((j) => !j.windows.some((w) => w.id === station.id))).windows.some((w) => w.id === station.id));
      assert.equal((await sato.put(`/api/v1/organisations/${station.id}/public-profile`, { public_listing: true }, ifMatch(p.json.version))).status, 200);
      assert.equal((await suzuki.get(`/api/v1/organisations/${station.id}/public-profile`)).status, 403);
      assert.equal((await ito.get(`/api/v1/organisations/${station.id}/public-profile`)).status, 404);
      assert.equal((await admin.get(`/api/v1/organisations/${station.id}/public-profile`)).status, 200);
    });

    test('a group taken off the public list disappears from the portal at once', async () => {
      const groups = (await suzuki.get('/api/v1/groups')).json.items;
      const cafe = groups.find((g) => g.name === 'さくらカフェ');
      assert.ok((await portal()).json.groups.some((g) => g.id === cafe.id));
      const r = await suzuki.put(`/api/v1/groups/${cafe.id}`, { public_listing: false }, ifMatch(cafe.version));
      assert.equal(r.status, 200, r.text);
      const after = await eventually((j) => !j.groups.some((g) => g.id === cafe.id));
      assert.ok(!after.groups.some((g) => g.id === cafe.id));
      assert.ok(!after.sessions.some((s) => s.group_id === cafe.id));
    });
  });
}
