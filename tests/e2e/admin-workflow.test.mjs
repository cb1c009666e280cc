// The administrator sets up an organisation and a coordinator through the UI;
// the coordinator then logs in and sees only their own menu.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  ADMIN_LOGIN, ADMIN_PASSWORD, RUN_ID, apiAs, expectHeading, launch, logIn, logOut, mainMenu, menuLinks, newPage, screenshot,
} from './support/browser.mjs'

const ORG_NAME = `試験用ひきこもり支援ステーション ${RUN_ID}`
const USER_LOGIN = `e2e-coord-${RUN_ID}`
const USER_NAME = `試験 相談員 ${RUN_ID}`
const USER_PASSWORD = `e2e-pass-${RUN_ID}`
const ADMIN_MENU = ['地域', '組織', '利用者', '監査ログ']

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

test('admin: home, menu and the admin screens', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, ADMIN_LOGIN, ADMIN_PASSWORD)
    await expectHeading(page, 'ホーム')
    await page.getByTestId('home-name').waitFor()
    assert.ok((await page.getByTestId('home-role').innerText()).trim().length > 0, 'the role label is shown')
    assert.deepEqual(await menuLinks(page), ['ホーム', ...ADMIN_MENU, '社会資源', '年次報告'])
    await screenshot(page, 'home-admin')

    const menu = mainMenu(page)
    await menu.getByRole('link', { name: '地域', exact: true }).click()
    await expectHeading(page, '地域')
    // The demo data has areas: the table, never the empty state.
    await page.locator('table tbody tr').first().waitFor()
    assert.equal(await page.locator('.empty-state').count(), 0)
    await screenshot(page, 'admin-areas')

    // 51 audited reads: the audit log has a second page, whatever else the
    // database holds.
    const api = await apiAs({ login: ADMIN_LOGIN, password: ADMIN_PASSWORD })
    for (let i = 0; i < 51; i++) await api.get('/api/v1/users')
    await api.dispose()
    await menu.getByRole('link', { name: '監査ログ', exact: true }).click()
    await expectHeading(page, '監査ログ')
    await page.getByRole('columnheader', { name: '日時' }).waitFor()
    await screenshot(page, 'audit')
    // More than one page (50 entries) is certain: the reads made above are
    // audited. So 次へ is there to press.
    const next = page.getByRole('button', { name: '次へ' })
    assert.equal(await next.isEnabled(), true)
    await next.click()
    await page.getByRole('heading', { name: /2ページ目/ }).waitFor()
    await page.getByRole('button', { name: '前へ' }).click()
    await page.getByRole('heading', { name: /1ページ目/ }).waitFor()
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('admin creates an organisation and a coordinator through the UI', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, ADMIN_LOGIN, ADMIN_PASSWORD)
    await expectHeading(page, 'ホーム')
    const menu = mainMenu(page)

    // An organisation needs an area; the demo data has them (みどり県 …).
    await menu.getByRole('link', { name: '組織', exact: true }).click()
    await expectHeading(page, '組織')
    await page.locator('table tbody tr').first().waitFor()
    await page.getByRole('button', { name: '組織を登録' }).click()
    const form = page.getByRole('form', { name: '組織を登録' })
    assert.ok((await form.getByLabel('地域').locator('option').count()) >= 2, 'the demo areas are offered')

    // Saving an empty form shows the problems next to the fields.
    await form.getByRole('button', { name: '登録する' }).click()
    await page.locator('#org-name-error').waitFor()
    await screenshot(page, 'admin-organisation-form-errors')

    await form.getByLabel('名称').fill(ORG_NAME)
    await form.getByLabel('種別').selectOption('ステーション')
    await form.getByLabel('事業の類型').selectOption('ステーション')
    await form.getByLabel('地域').selectOption({ index: 1 })
    await form.getByRole('button', { name: '登録する' }).click()
    await page.getByRole('status').filter({ hasText: `組織「${ORG_NAME}」を登録しました。` }).waitFor()
    await page.getByRole('rowheader', { name: ORG_NAME }).waitFor()
    await screenshot(page, 'admin-organisations')

    await menu.getByRole('link', { name: '利用者', exact: true }).click()
    await expectHeading(page, '利用者')
    await page.locator('table tbody tr').first().waitFor()
    await page.getByRole('button', { name: '利用者を登録' }).click()
    const userForm = page.getByRole('form', { name: '利用者を登録' })
    await userForm.getByLabel('ログインID').fill(USER_LOGIN)
    await userForm.getByLabel('表示名').fill(USER_NAME)
    await userForm.getByLabel('役割').selectOption('coordinator')
    await userForm.getByLabel('所属組織').selectOption({ label: ORG_NAME })
    await userForm.getByLabel('初期パスワード').fill(USER_PASSWORD)
    await screenshot(page, 'admin-user-form')
    await userForm.getByRole('button', { name: '登録する' }).click()
    await page.getByRole('status').filter({ hasText: `利用者「${USER_NAME}」を登録しました。` }).waitFor()
    const row = page.getByRole('row').filter({ hasText: USER_LOGIN })
    await row.waitFor()
    assert.match(await row.innerText(), new RegExp(ORG_NAME))
    await screenshot(page, 'admin-users')

    await logOut(page)
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('the new coordinator sees only the coordinator menu', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, USER_LOGIN, USER_PASSWORD)
    await expectHeading(page, 'ホーム')
    assert.equal((await page.getByTestId('home-name').innerText()).trim(), USER_NAME)
    assert.equal((await page.getByTestId('home-organisation').innerText()).trim(), ORG_NAME)

    assert.deepEqual(await menuLinks(page), ['ホーム', 'ケース', '受け入れ', 'オンライン相談', '社会資源', '緊急アクセス', 'ダッシュボード', '会議', '居場所・グループ', '派遣', 'サポーター', '研修', '実態把握調査', '年次報告'])
    for (const name of ADMIN_MENU) {
      assert.equal(await mainMenu(page).getByRole('link', { name, exact: true }).count(), 0, `no ${name} link`)
    }
    await screenshot(page, 'home-coordinator')

    await mainMenu(page).getByRole('link', { name: 'ケース', exact: true }).click()
    await expectHeading(page, 'ケース一覧')
    await screenshot(page, 'cases')

    // Typing an admin address shows the no-permission page, not the screen.
    await page.goto('/admin/users')
    await page.getByRole('heading', { name: 'この画面を表示する権限がありません' }).waitFor()
    assert.equal(await page.getByRole('button', { name: '利用者を登録' }).count(), 0)
    await screenshot(page, 'forbidden')

    await logOut(page)
    await expectHeading(page, 'ログイン')
    await screenshot(page, 'logged-out')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('two people edit the same organisation: the later save is told and keeps its input', async () => {
  const first = await newPage(run.browser)
  const second = await newPage(run.browser)
  try {
    const openEdit = async (page) => {
      await logIn(page, ADMIN_LOGIN, ADMIN_PASSWORD)
      await expectHeading(page, 'ホーム')
      await mainMenu(page).getByRole('link', { name: '組織', exact: true }).click()
      await page.getByRole('button', { name: `${ORG_NAME}を編集` }).click()
      return page.getByRole('form', { name: `組織を編集：${ORG_NAME}` })
    }
    const formA = await openEdit(first.page)
    const formB = await openEdit(second.page)

    await formB.getByLabel('事業の類型').selectOption('')
    await formB.getByRole('button', { name: '変更を保存' }).click()
    await second.page.getByRole('status').filter({ hasText: '変更を保存しました' }).waitFor()

    await formA.getByLabel('種別').selectOption('NPO')
    await formA.getByRole('button', { name: '変更を保存' }).click()
    await first.page.getByText('別の方が更新しました').waitFor()
    assert.equal(await formA.getByLabel('種別').inputValue(), 'NPO', 'the input is kept')
    await screenshot(first.page, 'admin-organisation-conflict')

    await formA.getByRole('button', { name: '変更を保存' }).click()
    await first.page.getByRole('status').filter({ hasText: '変更を保存しました' }).waitFor()
    const row = first.page.getByRole('row').filter({ hasText: ORG_NAME })
    assert.match(await row.innerText(), /NPO/)
    assert.deepEqual([...first.problems, ...second.problems], [])
  } finally {
    await first.context.close()
    await second.context.close()
  }
})
