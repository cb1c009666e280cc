// The login page: what it shows, a wrong password, keyboard-only use, logout,
// and what happens when the session is gone.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  ADMIN_LOGIN, ADMIN_PASSWORD, RUN_ID, expectHeading, launch, logIn, logOut, submitLogIn, mainMenu, newPage, screenshot,
  apiAs, nextSecondFactor,
} from './support/browser.mjs'

let run
before(async () => {
  run = await launch()
  // The administrator signs in with an authenticator app's code too: enrolled
  // here (if no test before did), so the keyboard test can type its code.
  await (await apiAs({ login: ADMIN_LOGIN, password: ADMIN_PASSWORD })).dispose()
})
after(async () => { await run?.close() })

test('the login page is Japanese, labelled and has no inline-script problems', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await page.goto('/login')
    await expectHeading(page, 'ログイン')
    assert.equal(await page.getAttribute('html', 'lang'), 'ja')
    assert.match(await page.title(), /ログイン/)
    await page.getByLabel('ログインID').waitFor()
    await page.getByLabel('パスワード').waitFor()
    await page.getByRole('link', { name: '本文へ移動' }).waitFor({ state: 'attached' })
    await screenshot(page, 'login')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('a wrong password shows the server\'s message and stays on the login page', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    // An unknown login answers the same invalid_credentials as a wrong password,
    // without counting failures against the real admin account.
    assert.equal((await submitLogIn(page, `nobody-${RUN_ID}`, 'not-the-password')).status(), 401)
    const alert = page.getByRole('alert').filter({ hasText: /./ })
    await alert.waitFor()
    const text = (await alert.innerText()).trim()
    assert.ok(text.length > 0, 'an error message is shown')
    assert.match(text, /[ぁ-んァ-ン一-龥]/, 'the message is Japanese')
    await expectHeading(page, 'ログイン')
    assert.equal(await page.getByLabel('パスワード').inputValue(), '', 'the password field is cleared')
    await screenshot(page, 'login-wrong-password')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('an empty field is named, marked and focused before anything is sent', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    let sent = 0
    page.on('request', (r) => { if (r.url().endsWith('/api/v1/session') && r.method() === 'POST') sent++ })
    await page.goto('/login')
    await expectHeading(page, 'ログイン')
    const id = page.getByLabel('ログインID')
    const password = page.getByLabel('パスワード')
    await page.getByRole('button', { name: 'ログイン', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'ログインIDとパスワードを入力してください。' }).waitFor()
    assert.equal(await id.getAttribute('aria-invalid'), 'true')
    assert.equal(await password.getAttribute('aria-invalid'), 'true')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'login-id', 'the first empty field has the focus')
    await id.fill(ADMIN_LOGIN)
    await page.getByRole('button', { name: 'ログイン', exact: true }).click()
    await page.waitForFunction(() => document.activeElement?.id === 'login-password')
    assert.equal(await id.getAttribute('aria-invalid'), null, 'a filled field is no longer marked')
    assert.equal(await password.getAttribute('aria-invalid'), 'true')
    assert.equal(sent, 0, 'nothing was sent to the server')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('the login form can be filled and submitted with the keyboard only', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await page.goto('/login')
    await expectHeading(page, 'ログイン')
    let reached = false
    for (let i = 0; i < 8 && !reached; i++) {
      await page.keyboard.press('Tab')
      reached = await page.evaluate(() => document.activeElement?.id === 'login-id')
    }
    assert.ok(reached, 'Tab reaches the login field')
    await page.keyboard.type(ADMIN_LOGIN)
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'login-password')
    await page.keyboard.type(ADMIN_PASSWORD)
    await page.keyboard.press('Enter')
    // The second step: the code field has the focus.
    await page.getByLabel('確認コード').waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'login-code')
    const cred = await nextSecondFactor(ADMIN_LOGIN)
    if (cred.recovery_code) {
      await page.getByRole('button', { name: '回復コードを使う' }).focus()
      await page.keyboard.press('Enter')
    }
    await page.keyboard.type(cred.code ?? cred.recovery_code)
    await page.keyboard.press('Enter')
    await expectHeading(page, 'ホーム')
    await mainMenu(page).waitFor()

    // Logout is reachable by keyboard as well.
    await page.getByRole('button', { name: 'ログアウト' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'ログアウトしました。' }).waitFor()
    await expectHeading(page, 'ログイン')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('when the session is gone, the next action leads back to the login page', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, ADMIN_LOGIN, ADMIN_PASSWORD)
    await expectHeading(page, 'ホーム')
    await context.clearCookies()
    await mainMenu(page).getByRole('link', { name: '組織', exact: true }).click()
    await expectHeading(page, 'ログイン')
    assert.match(page.url(), /\/login/)
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('unknown addresses show the not-found page', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, ADMIN_LOGIN, ADMIN_PASSWORD)
    await expectHeading(page, 'ホーム')
    await page.goto(`/no-such-page-${RUN_ID}`)
    await expectHeading(page, 'ページが見つかりません')
    await screenshot(page, 'not-found')
    await logOut(page)
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})
