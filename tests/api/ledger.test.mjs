// A centre's 相談台帳 in and out (`tsunagu import`, `tsunagu export`;
// service/ledger_import.h, report/ledger_export.h): the ledgers centres
// actually keep (和暦, full-width digits, 母親 for 母, notes over several
// lines, Shift_JIS from Excel with ①, 髙 and ㈱), all or nothing with every
// problem by row and column, under the permission check and the audit log;
// and the export, which reads back into a new database as the same cases
// and consultations. On SQLite and PostgreSQL.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, DATABASES, freshDatabase, runCli, startServer, signedIn } from '../support/server.mjs';
import { sql, AUDIT_ENTRIES } from '../support/case_rows.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };
const cli = (args, input) => spawnSync(BIN, args, { encoding: 'utf8', input });

const LEDGER = [
  '台帳番号,受付日,氏　名,フリガナ,性別,生年月日,年齢,相談日,時刻,相談方法,相談者,対応者,相談内容',
  'A-1,令和5年4月3日,山田 太郎,やまだ たろう,男,S60.4.1,,2023/4/3,10:00,電話,母親,鈴木 けい,"母から電話。',
  '本人は部屋にいることが多い、と。"',
  'A-1,,,,,,,２０２３／４／１７,14時,来所,母,鈴木けい,母が来所',
  'A-1,,,,,,,R5.5.8,,訪問,本人,,本人と玄関先で話す',
  ',,,,,,,,,,,,',
  'A-2,,,,女,,40代,2024-01-10,,メール,本人,,はじめてのメール',
  ',,,,,,45歳,2024-02-01,,LINE,姉,,匿名のきょうだいから',
].join('\r\n') + '\r\n';

for (const kind of DATABASES) {
  describe(`ledger import and export (${kind})`, () => {
    let db, server, suzuki, dir;
    const file = (name, content) => { const p = join(dir, name); writeFileSync(p, content); return p; };
    const importAs = (login, path, ...more) => cli(['import', '--db', db.url, '--login', login, ...more, path]);
    const count = (statement) => Number(sql(server, statement).trim());

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tsunagu-ledger-'));
      db = freshDatabase(kind);
      runCli(['demo', '--db', db.url]);
      server = await startServer({ db: kind, database: db });
      suzuki = await signedIn(server.url, 'coordinator');
    });
    after(async () => { await server?.stop(); db?.cleanup(); rmSync(dir, { recursive: true, force: true }); });

    test('a ledger as centres keep it: cases by 台帳番号, 和暦 and full-width dates, family as 相談者, notes over lines', async () => {
      const path = file('ledger.csv', '\uFEFF' + LEDGER);
      const before = count('SELECT count(*) FROM cases');
      const dry = importAs('suzuki', path, '--dry-run');
      assert.equal(dry.status, 0, dry.stderr);
      assert.match(dry.stdout, /書き込んでいません.*ケース 3 件（氏名のある方 1 件、匿名 2 件）、相談記録 5 件/);
      assert.equal(count('SELECT count(*) FROM cases'), before, 'a dry run writes nothing');

      const run = importAs('suzuki', path);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /取り込みました（UTF-8）: ケース 3 件/);
      assert.equal(count('SELECT count(*) FROM cases'), before + 3);

      const found = ok(await suzuki.get(`/api/v1/cases?q=${encodeURIComponent('山田')}`)).items;
      assert.equal(found.length, 1);
      const detail = ok(await suzuki.get(`/api/v1/cases/${found[0].id}`));
      assert.equal(detail.title, '山田 太郎さん');
      assert.equal(detail.intake_route, '家族', 'from the first 相談者, 母');
      assert.equal(detail.opened_on, '2023-04-03');
      const contacts = ok(await suzuki.get(`/api/v1/cases/${found[0].id}/contacts`)).items
        .sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
      assert.deepEqual(contacts.map((c) => [c.occurred_at, c.channel, c.sub_kind ?? null, c.counterpart]), [
        ['2023-04-03T01:00:00.000Z', '電話', null, '母'],
        ['2023-04-17T05:00:00.000Z', '来所', null, '母'],
        ['2023-05-07T15:00:00.000Z', 'その他（訪問等）', '訪問', '本人'],
      ]);
      assert.equal(contacts[0].note, '母から電話。\n本人は部屋にいることが多い、と。');
      const person = count(`SELECT count(*) FROM persons WHERE name = '山田 太郎' AND furigana = 'やまだ たろう' AND sex = '男性' `
        + `AND birth_date = '1985-04-01' AND organisation_id = (SELECT organisation_id FROM cases WHERE id = '${found[0].id}')`);
      assert.equal(person, 1);
      // Anonymous 本人, the band written as an age.
      assert.equal(count(`SELECT count(*) FROM cases c JOIN persons p ON p.id = c.subject_person_id WHERE c.title = '台帳 A-2' `
        + `AND p.naming = 'anonymous' AND p.name IS NULL AND p.age_band = '40代' AND p.sex = '女性'`), 1);
      assert.equal(count(`SELECT count(*) FROM contacts t JOIN cases c ON c.id = t.case_id WHERE c.title = '台帳 8行目' `
        + `AND t.channel = 'SNS' AND t.counterpart = 'きょうだい'`), 1);
      // Each case and consultation audited as typed by suzuki, and the import once.
      assert.equal(count(`SELECT count(*) FROM ${AUDIT_ENTRIES} WHERE entity = 'ledger_import' AND user_id = `
        + `(SELECT id FROM users WHERE login = 'suzuki')`), 1);
      assert.equal(count(`SELECT count(*) FROM ${AUDIT_ENTRIES} WHERE entity = 'contact' AND action = 'create' AND entity_id IN `
        + `(SELECT id FROM contacts WHERE case_id = '${found[0].id}')`), 3);
    });

    test('Shift_JIS from Excel on Windows, with ①, 髙 and ㈱', async () => {
      const utf8 = file('sjis-source.csv', '台帳番号,氏名,相談日,相談方法,相談者,相談内容\r\n'
        + 'B-1,髙橋 﨑子,2024/5/1,来所,本人,①について相談。㈱の寮を出たあと\r\n');
      const sjis = join(dir, 'sjis.csv');
      writeFileSync(sjis, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP932', utf8]));
      const run = importAs('suzuki', sjis);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /Shift_JIS \(CP932\)/);
      const found = ok(await suzuki.get(`/api/v1/cases?q=${encodeURIComponent('髙橋')}`)).items;
      assert.equal(found.length, 1);
      const [contact] = ok(await suzuki.get(`/api/v1/cases/${found[0].id}/contacts`)).items;
      assert.equal(contact.note, '①について相談。㈱の寮を出たあと');
      assert.equal(contact.subject_met, true, '本人 at the 窓口');
      // Bytes that are neither: refused with the line, nothing written.
      const broken = file('broken.csv', Buffer.concat([Buffer.from('name,date\r\n'), Buffer.from([0x82, 0x0a, 0xff, 0xfe])]));
      const refused = importAs('suzuki', broken);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /2行目に、UTF-8 としても Shift_JIS としても読めない文字があります/);
    });

    test('every problem of every row, by row and column; then nothing is written', async () => {
      const before = count('SELECT count(*) FROM contacts');
      const path = file('bad.csv', [
        '台帳番号,相談日,相談方法,相談者,対応者,生年月日',
        'C-1,令和5年13月1日,電話,本人,,',
        'C-2,平成31年5月1日,電話,本人,,',
        'C-3,2024/4/1,テレパシー,本人,,',
        'C-4,2024/4/1,電話,,,',
        'C-5,2024/4/1,電話,本人,知らない 人,',
        'C-6,2099/4/1,電話,本人,,',
        'C-7,2024/4/1,電話,本人,,1985年2月30日',
        'C-8,2024/4/1,電話,本人,,',
      ].join('\n'));
      const run = importAs('suzuki', path);
      assert.equal(run.status, 1);
      assert.match(run.stderr, /何も取り込んでいません/);
      for (const line of [
        /2行目 相談日: 「令和5年13月1日」を日付として読めません/,
        /3行目 相談日: 「平成31年5月1日」を日付として読めません/,
        /4行目 相談方法: 「テレパシー」は相談方法として読めません/,
        /5行目 相談者: 相談者（本人・母・関係機関など）を入れてください/,
        /6行目 対応者: 「知らない 人」さんが、この組織の相談員・所長等に見つかりません/,
        /7行目 相談日: まだ来ていない日付です/,
        /8行目 生年月日: 「1985年2月30日」を日付として読めません/,
      ]) assert.match(run.stderr, line);
      assert.doesNotMatch(run.stderr, /9行目/);
      assert.equal(count('SELECT count(*) FROM contacts'), before, 'not even C-8');
      // Columns it cannot do without.
      const noChannel = importAs('suzuki', file('nochannel.csv', '氏名,相談日,相談者\n山田,2024/4/1,本人\n'));
      assert.equal(noChannel.status, 1);
      assert.match(noChannel.stderr, /1行目 相談方法: 相談方法の列が見つかりません/);
      const twice = importAs('suzuki', file('twice.csv', '相談日,日付,相談方法,相談者\n2024/4/1,2024/4/1,電話,本人\n'));
      assert.match(twice.stderr, /同じ意味の列が2つあります（「相談日」と「日付」）/);
    });

    test('who may: case workers import for their own organisation, supervisors export; others are refused', async () => {
      const path = file('one.csv', '相談日,相談方法,相談者\n2024/4/1,電話,本人\n');
      const watanabe = importAs('watanabe', path);
      assert.equal(watanabe.status, 2);
      assert.match(watanabe.stderr, /台帳の取り込みができません/);
      assert.equal(importAs('nobody', path).status, 2);
      const exportAs = (login) => cli(['export', '--db', db.url, '--login', login, '--out', join(dir, `${login}.csv`)]);
      const byCoordinator = exportAs('suzuki');
      assert.equal(byCoordinator.status, 2);
      assert.match(byCoordinator.stderr, /台帳の書き出しができません/);
      // hayashi's cases (the NPO) go to hayashi's organisation, never to suzuki's.
      assert.equal(importAs('hayashi', path).status, 0);
      assert.equal(count(`SELECT count(*) FROM cases c JOIN users u ON u.organisation_id = c.organisation_id `
        + `WHERE u.login = 'hayashi' AND c.title = '台帳 2行目'`), 1);
    });

    test('the export reads back into a new database as the same cases and consultations', async () => {
      const out = join(dir, 'export.csv');
      const run = cli(['export', '--db', db.url, '--login', 'sato', '--out', out]);
      assert.equal(run.status, 0, run.stderr);
      const orgCases = count(`SELECT count(*) FROM cases WHERE organisation_id = (SELECT organisation_id FROM users WHERE login = 'sato')`);
      assert.match(run.stderr, new RegExp(`ケース ${orgCases} 件`));
      // One read entry per case written out.
      assert.equal(count(`SELECT count(*) FROM ${AUDIT_ENTRIES} WHERE action = 'read' AND detail = '台帳の書き出し'`), orgCases);
      const exported = readFileSync(out, 'utf8');
      assert.ok(exported.startsWith('\uFEFF台帳番号,ケース名,相談経路,受付日,氏名'));

      // A new database, its staff named as in the ledger.
      const other = freshDatabase(kind);
      try {
        const init = cli(['init', '--db', other.url, '--prefecture', 'みどり県', '--organisation', '新しいセンター', '--kind', 'センター',
          '--login', 'kanri', '--name', '管理 花子'], 'hoshizora-no-michi-7\n');
        assert.equal(init.status, 0, init.stderr);
        const staff = [...new Set(exported.split('\r\n').slice(1).filter(Boolean).map((l) => l.split(',')).map((f) => f[16]).filter(Boolean))];
        staff.forEach((name, i) => {
          const add = cli(['user', 'add', '--db', other.url, '--login', `staff${i}`, '--name', name, '--role', 'supervisor',
            '--organisation', '新しいセンター'], 'hoshizora-no-michi-7\n');
          assert.equal(add.status, 0, add.stderr);
        });
        const back = cli(['import', '--db', other.url, '--login', 'staff0', out]);
        assert.equal(back.status, 0, back.stderr);
        assert.match(back.stdout, new RegExp(`ケース ${orgCases} 件`));
        const again = join(dir, 'again.csv');
        assert.equal(cli(['export', '--db', other.url, '--login', 'staff0', '--out', again]).status, 0);
        // The same rows, but for the case numbers the new database gave.
        const rows = (text) => text.replace(/^\uFEFF/, '').split(/\r\n(?=[^\r\n]*,)/).slice(1).map((r) => r.replace(/^[^,]*,/, '')).sort();
        assert.deepEqual(rows(readFileSync(again, 'utf8')), rows(exported));
      } finally {
        other.cleanup();
      }
    });
  });
}
