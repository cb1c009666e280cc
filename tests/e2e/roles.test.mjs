// Other roles' menus, using the demo accounts (`tsunagu demo`). Skipped when
// the database has no such account, so the suite also runs on a bare database.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { expectHeading, launch, logIn, logOut, mainMenu, menuLinks, newPage, screenshot } from './support/browser.mjs'

const SUPERVISOR_LOGIN = process.env.TSUNAGU_SUPERVISOR_LOGIN ?? 'sato'
const SUPERVISOR_PASSWORD = process.env.TSUNAGU_SUPERVISOR_PASSWORD ?? 'demo-sato-pass'

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

/** Whether the account exists here, asked once through the API (no UI). */
test('supervisor: cases, audit log and a read-only staff list', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, SUPERVISOR_LOGIN, SUPERVISOR_PASSWORD)
    await expectHeading(page, 'ホーム')
    assert.deepEqual(await menuLinks(page), ['ホーム', 'ケース', '監査ログ', '職員', '受け入れ', 'オンライン相談', '社会資源', '緊急アクセス', 'ダッシュボード', '会議', '居場所・グループ', '派遣', 'サポーター', '研修', '実態把握調査', '年次報告', '公開ページの設定'])

    await mainMenu(page).getByRole('link', { name: '職員', exact: true }).click()
    await expectHeading(page, '職員')
    await page.getByRole('table').waitFor()
    assert.equal(await page.getByRole('button', { name: '利用者を登録' }).count(), 0, 'no create button')
    assert.equal(await page.getByRole('button', { name: /編集/ }).count(), 0, 'no edit buttons')
    await screenshot(page, 'supervisor-staff')

    await mainMenu(page).getByRole('link', { name: '監査ログ', exact: true }).click()
    await expectHeading(page, '監査ログ')
    await page.getByRole('columnheader', { name: '接続元' }).waitFor()
    // The staff list just read is the newest entry: reads are kept in a log
    // of their own (reads.audit_log) and shown merged with the rest.
    const newest = await page.locator('tbody tr').first().innerText()
    assert.match(newest, /閲覧/)
    assert.match(newest, /利用者/)

    await page.goto('/admin/organisations')
    await page.getByRole('heading', { name: 'この画面を表示する権限がありません' }).waitFor()
    await logOut(page)
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})
