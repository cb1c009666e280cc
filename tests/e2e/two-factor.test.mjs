// 二段階認証 on the screens (issue 21): a supervisor created for this test
// signs in with the password, is taken to the enrolment (the QR code the
// server draws, the key for typing by hand), confirms with a code, sees the
// ten recovery codes once and must say they are kept before going on; then
// signs in with a code of the app, and once with a recovery code.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  ADMIN_LOGIN, ADMIN_PASSWORD, RUN_ID, apiAs, expectHeading, launch, logOut, submitLogIn, newPage, screenshot, mainMenu,
  rememberTwoFactor,
} from './support/browser.mjs'
import { codeAt, serverStep } from '../support/two_factor.mjs'

const LOGIN = `e2e-2fa-${RUN_ID}`
const PASSWORD = 'aki-no-yuuhi-3'

let run
before(async () => {
  run = await launch()
  const admin = await apiAs({ login: ADMIN_LOGIN, password: ADMIN_PASSWORD })
  await admin.post('/api/v1/users', { login: LOGIN, display_name: `二段階 ${RUN_ID}`, role: 'supervisor', organisation_id: admin.user.organisation_id, password: PASSWORD })
  await admin.dispose()
})
after(async () => { await run?.close() })

test('a supervisor enrols an authenticator app, keeps the recovery codes, then signs in with a code and with a recovery code', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    assert.equal((await submitLogIn(page, LOGIN, PASSWORD)).status(), 201)
    await expectHeading(page, '二段階認証')
    assert.equal(await mainMenu(page).count(), 0, 'nothing else until the app is enrolled')
    await page.getByRole('button', { name: '認証アプリを登録する' }).click()
    const qr = page.getByRole('img', { name: '認証アプリで読み取る QR コード' })
    await qr.waitFor()
    await page.waitForFunction(() => document.querySelector('img.two-factor-qr')?.naturalWidth > 0)
    assert.match(await qr.getAttribute('src'), /^\/api\/v1\/session\/two-factor\/enrolment\/qr/)
    const secret = (await page.locator('[data-secret]').innerText()).replace(/\s/g, '')
    assert.match(secret, /^[A-Z2-7]{32}$/)
    await screenshot(page, 'two-factor-enrol')
    const step = serverStep()
    await page.getByLabel('確認コード').fill(codeAt(secret, step))
    await page.getByRole('button', { name: '確認して登録する' }).click()

    await page.getByRole('heading', { name: '回復コードを控えましたか？' }).waitFor()
    const codes = (await page.getByRole('list', { name: '回復コード' }).getByRole('listitem').allInnerTexts()).map((t) => t.trim())
    assert.equal(codes.length, 10)
    const next = page.getByRole('button', { name: '控えたので次へ進む' })
    assert.equal(await next.isDisabled(), true, 'not before saying the codes are kept')
    await screenshot(page, 'two-factor-recovery-codes')
    await page.getByLabel(/回復コードを控えました/).check()
    await next.click()
    await expectHeading(page, 'ホーム')
    rememberTwoFactor(LOGIN, { secret, recovery: codes.slice(2), lastStep: step + 1 })
    await logOut(page)

    // With a code of the app (the next step: the one used at enrolment is spent).
    assert.equal((await submitLogIn(page, LOGIN, PASSWORD)).status(), 202)
    const code = page.getByLabel('確認コード')
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code')
    assert.equal(await code.getAttribute('inputmode'), 'numeric')
    await code.fill(codeAt(secret, step + 1))
    await screenshot(page, 'two-factor-code')
    await page.getByRole('button', { name: '確認してログイン' }).click()
    await expectHeading(page, 'ホーム')
    await logOut(page)

    // With a recovery code; the same one again is refused, calmly.
    const withRecoveryCode = async (recovery) => {
      assert.equal((await submitLogIn(page, LOGIN, PASSWORD)).status(), 202)
      await page.getByRole('button', { name: '回復コードを使う' }).click()
      await page.getByLabel('回復コード').fill(recovery)
      await page.getByRole('button', { name: '確認してログイン' }).click()
    }
    await withRecoveryCode(codes[0])
    await expectHeading(page, 'ホーム')
    await logOut(page)
    await withRecoveryCode(codes[0])
    await page.getByRole('alert').filter({ hasText: 'すでに使われています' }).waitFor()
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})
