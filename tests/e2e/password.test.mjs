// パスワードの変更 from the header, by a user created for this test (a
// demo account's password stays as the other tests expect it): a wrong
// current password, a common new one and a mistyped confirmation are each
// explained; then the change works and the new password signs in.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  ADMIN_LOGIN, ADMIN_PASSWORD, RUN_ID, apiAs, expectHeading, launch, logIn, logOut, submitLogIn, newPage, screenshot,
} from './support/browser.mjs'

const LOGIN = `e2e-pw-${RUN_ID}`
const FIRST = 'haru-no-ogawa-7'
const NEXT = 'natsu-no-kumo-8'

let run
before(async () => {
  run = await launch()
  const admin = await apiAs({ login: ADMIN_LOGIN, password: ADMIN_PASSWORD })
  assert.ok(admin, 'the admin can sign in')
  const orgs = await admin.get('/api/v1/organisations')
  // A 民生委員: the smallest menu, to show the screen is there for every role.
  await admin.post('/api/v1/users', { login: LOGIN, display_name: `試験 ${RUN_ID}`, role: 'surveyor', organisation_id: orgs.items[0].id, password: FIRST })
  await admin.dispose()
})
after(async () => { await run?.close() })

test('a signed-in person changes their own password from the header', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, LOGIN, FIRST)
    await page.getByRole('link', { name: 'パスワードの変更' }).click()
    await expectHeading(page, 'パスワードの変更')
    assert.match(await page.title(), /パスワードの変更/)
    const current = page.getByLabel('今のパスワード')
    const next = page.getByLabel(/^新しいパスワード（必須）$/)
    const confirm = page.getByLabel('新しいパスワード（確認）')
    const submit = page.getByRole('button', { name: 'パスワードを変更する' })
    for (const field of [current, next, confirm]) assert.equal(await field.getAttribute('type'), 'password')
    assert.equal(await next.getAttribute('autocomplete'), 'new-password')

    // The confirmation must match (checked on the screen, nothing sent).
    await current.fill(FIRST)
    await next.fill(NEXT)
    await confirm.fill('natsu-no-kumo-9')
    await submit.click()
    await page.getByText('確認の入力が、新しいパスワードと一致しません。').waitFor()
    assert.equal(await confirm.getAttribute('aria-invalid'), 'true')

    // A wrong current password: the server's message, beside the field.
    await current.fill('not-my-password')
    await confirm.fill(NEXT)
    await submit.click()
    await page.getByRole('alert').filter({ hasText: '今のパスワードが正しくありません' }).waitFor()
    assert.equal(await current.getAttribute('aria-invalid'), 'true')

    // A common password: explained without blame.
    await current.fill(FIRST)
    await next.fill('password1234')
    await confirm.fill('password1234')
    await submit.click()
    await page.getByText('よく使われていて推測されやすいパスワードです。別のものにしてください。').waitFor()
    assert.equal(await next.getAttribute('aria-invalid'), 'true')
    await screenshot(page, 'password-change-refused')

    await next.fill(NEXT)
    await confirm.fill(NEXT)
    await submit.click()
    await page.getByRole('status').filter({ hasText: 'パスワードを変更しました。' }).waitFor()
    assert.equal(await current.inputValue(), '', 'the fields are emptied')
    await screenshot(page, 'password-changed')

    await logOut(page)
    assert.equal((await submitLogIn(page, LOGIN, FIRST)).status(), 401)
    await page.getByRole('alert').filter({ hasText: 'ログインIDまたはパスワードが正しくありません' }).waitFor()
    await logIn(page, LOGIN, NEXT)
    await page.getByRole('link', { name: 'パスワードの変更' }).waitFor()
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})
