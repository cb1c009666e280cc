// Entry never loses input (issue 15 point 4): a save that finds the session
// ended asks for a sign-in over the form (with the authenticator code when
// the account uses one) and saves the input as it was; somebody else's
// sign-in keeps the input on screen without saving it; nothing is written to
// browser storage. Text over its limit is refused with a counter and a
// message instead of being cut; 全角 digits are read as digits; a date the
// server refuses is shown under its field, which takes the keyboard.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'playwright-core'
import { BASE_URL, RUN_ID, apiAs, expectHeading, launch, logIn, newPage, nextSecondFactor, screenshot } from './support/browser.mjs'
import { assertAccessible } from './support/axe.mjs'

const COORDINATOR = { login: 'suzuki', password: 'demo-suzuki-pass' }
// A supervisor of the same organisation whose sign-in asks for an authenticator code.
const SUPERVISOR = { login: 'sato', password: 'demo-sato-pass' }
// The checks of single fields sign in as a coordinator of the prefecture's
// centre: the whole suite signs suzuki in often, and a person may sign in
// only so many times in 15 minutes.
const WRITER = { login: 'kato', password: 'demo-kato-pass' }

let run
let caseId
let writerCaseId
before(async () => {
  run = await launch()
  // Enrols the supervisor's authenticator on a fresh database, so the dialog is asked for a code.
  const sato = await apiAs(SUPERVISOR)
  await sato.dispose()
  const suzuki = await apiAs(COORDINATOR)
  caseId = (await suzuki.get('/api/v1/cases?limit=1')).items[0].id
  await suzuki.dispose()
  const kato = await apiAs(WRITER)
  writerCaseId = (await kato.get('/api/v1/cases?limit=1')).items[0].id
  await kato.dispose()
})
after(async () => { await run?.close() })

async function openContactForm(page, id = caseId) {
  await page.goto(`/cases/${encodeURIComponent(id)}`)
  await page.getByRole('button', { name: '記録を追加（訪問・来所など）' }).click()
  return page.getByRole('form', { name: '記録を追加' })
}

function tomorrowLocal() {
  const d = new Date(Date.now() + 9 * 3600_000 + 36 * 3600_000)
  return d.toISOString().slice(0, 16)
}

async function storageIsEmpty(page) {
  return page.evaluate(async () => localStorage.length === 0 && sessionStorage.length === 0 && (await indexedDB.databases()).length === 0)
}

test('session gone while a contact is written: sign in again in the dialog, the contact is saved as typed', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    const form = await openContactForm(page)
    const note = `訪問して手紙を置いた。セッション切れのあとも残る（${RUN_ID}）`
    await form.getByLabel('相手').selectOption('母')
    await form.getByLabel('内容', { exact: true }).fill(note)
    await context.clearCookies()
    await form.getByRole('button', { name: '記録する' }).click()

    const dialog = page.getByRole('dialog', { name: 'もう一度ログインしてください' })
    await dialog.waitFor()
    await dialog.getByText('セッションの有効期限が切れました。もう一度ログインすると、入力した内容のまま保存します。').waitFor()
    assert.equal(await dialog.getByLabel('ログインID').inputValue(), COORDINATOR.login, 'the login is filled in')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'sign-in-dialog-password')
    assert.equal(await page.locator('#contact-note').inputValue(), note, 'the input is still in the form')
    assert.ok(await storageIsEmpty(page), 'nothing written to browser storage')
    assert.match(page.url(), new RegExp(`/cases/${caseId}`), 'still on the case, not sent to the login page')
    await screenshot(page, 'sign-in-dialog')
    await assertAccessible(page, 'sign-in dialog over the contact form')

    await dialog.getByLabel('パスワード').fill('wrong-password-for-test')
    await dialog.getByRole('button', { name: 'ログインして保存する' }).click()
    await dialog.getByRole('alert').filter({ hasText: /./ }).waitFor()
    assert.equal(await page.locator('#contact-note').inputValue(), note)

    await dialog.getByLabel('パスワード').fill(COORDINATOR.password)
    await dialog.getByRole('button', { name: 'ログインして保存する' }).click()
    await page.getByRole('status').filter({ hasText: '記録を追加しました' }).first().waitFor()
    await page.getByRole('cell', { name: new RegExp(RUN_ID) }).first().waitFor()
    assert.equal(await dialog.isVisible(), false)
    assert.ok(await storageIsEmpty(page))
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('signed out elsewhere during an intake: the dialog asks for the authenticator code, then the case is saved', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, SUPERVISOR.login, SUPERVISOR.password)
    await page.goto('/cases')
    await page.getByRole('button', { name: '新しい相談を受け付ける' }).click()
    const intake = page.getByRole('form', { name: '新しい相談を受け付ける' })
    const title = `セッション切れの受付 ${RUN_ID}`
    await intake.getByLabel('ケースの呼び名').fill(title)
    await intake.getByLabel('相談の内容').fill('姉から電話。弟が数年、家から出ていない。')
    // Signed out through the API in another request of the same browser.
    const csrf = (await (await page.request.get('/api/v1/session')).json()).csrf_token
    assert.equal((await page.request.delete('/api/v1/session', { headers: { 'X-CSRF-Token': csrf } })).status(), 204)
    await intake.getByRole('button', { name: '受け付ける' }).click()

    const dialog = page.getByRole('dialog', { name: 'もう一度ログインしてください' })
    await dialog.getByLabel('パスワード').fill(SUPERVISOR.password)
    await dialog.getByRole('button', { name: 'ログインして保存する' }).click()
    await dialog.getByLabel('確認コード').waitFor()
    assert.equal(await page.locator('#intake-title').inputValue(), title)
    await assertAccessible(page, 'sign-in dialog, second step')
    const cred = await nextSecondFactor(SUPERVISOR.login)
    if (cred.recovery_code) await dialog.getByRole('button', { name: '回復コードを使う' }).click()
    await dialog.getByLabel(cred.recovery_code ? '回復コード' : '確認コード').fill(cred.code ?? cred.recovery_code)
    await dialog.getByRole('button', { name: '確認して保存する' }).click()
    await expectHeading(page, title)
    await page.getByRole('cell', { name: /弟が数年/ }).waitFor()
    assert.ok(await storageIsEmpty(page))
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('somebody else signs in in the dialog: nothing is saved, the input stays and the form says so', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    const form = await openContactForm(page)
    const note = `別の人がログインしたら保存しない（${RUN_ID}）`
    await form.getByLabel('相手').selectOption('父')
    await form.getByLabel('内容', { exact: true }).fill(note)
    await context.clearCookies()
    const posts = []
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/contacts')) posts.push(r.url()) })
    await form.getByRole('button', { name: '記録する' }).click()

    const dialog = page.getByRole('dialog', { name: 'もう一度ログインしてください' })
    await dialog.getByLabel('ログインID').fill(SUPERVISOR.login)
    await dialog.getByLabel('パスワード').fill(SUPERVISOR.password)
    await dialog.getByRole('button', { name: 'ログインして保存する' }).click()
    const cred = await nextSecondFactor(SUPERVISOR.login)
    if (cred.recovery_code) await dialog.getByRole('button', { name: '回復コードを使う' }).click()
    await dialog.getByLabel(cred.recovery_code ? '回復コード' : '確認コード').fill(cred.code ?? cred.recovery_code)
    await dialog.getByRole('button', { name: '確認して保存する' }).click()

    await page.getByRole('alert').filter({ hasText: '別の利用者（佐藤 みのりさん）でログインしたため、保存していません。入力した内容は画面に残っています。' }).waitFor()
    assert.equal(await page.locator('#contact-note').inputValue(), note)
    assert.equal(posts.length, 1, 'only the refused first try was sent, no retry under the other person')
    const sato = await apiAs(SUPERVISOR)
    const contacts = await sato.get(`/api/v1/cases/${encodeURIComponent(caseId)}/contacts?limit=50`)
    assert.ok(!JSON.stringify(contacts).includes(note), 'no contact saved under the other person')
    await sato.dispose()
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('over-long text is refused with a counter and a message, never cut; 全角 digits are read as digits', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, WRITER.login, WRITER.password)
    const form = await openContactForm(page, writerCaseId)
    await form.getByLabel('相手').selectOption('本人')
    const note = page.locator('#contact-note')
    await note.fill('あ'.repeat(4001))
    assert.equal((await note.inputValue()).length, 4001, 'the text is not cut')
    await page.locator('#contact-note-count').filter({ hasText: '4,001 / 4,000文字' }).waitFor()
    const message = '4,000文字以内で入力してください（現在4,001文字）。'
    await page.locator('#contact-note-error').filter({ hasText: message }).waitFor()
    assert.equal(await note.getAttribute('aria-invalid'), 'true')
    assert.match(await note.getAttribute('aria-describedby'), /contact-note-error/)
    const posts = []
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/contacts')) posts.push(r.url()) })
    await form.getByRole('button', { name: '記録する' }).click()
    await page.getByRole('alert').filter({ hasText: '入力内容を確認してください。' }).waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'contact-note')
    assert.equal(posts.length, 0, 'nothing sent while a text is over its limit')
    await screenshot(page, 'contact-note-over-limit')
    await assertAccessible(page, 'contact form with a text over its limit')

    // The server counts characters as code points: 4,000 emoji are 4,000 characters.
    const marker = `絵文字${RUN_ID}`
    await note.fill(marker + '🙂'.repeat(4000 - marker.length))
    await page.locator('#contact-note-count').filter({ hasText: '4,000 / 4,000文字' }).waitFor()
    assert.equal(await page.locator('#contact-note-error').count(), 0)

    // 次にすること: the server's limit is 200.
    await form.getByLabel('次にすること', { exact: true }).fill('い'.repeat(201))
    await page.locator('#contact-next-step-error').filter({ hasText: '200文字以内で入力してください（現在201文字）。' }).waitFor()
    await form.getByLabel('次にすること', { exact: true }).fill('来週もう一度電話する')

    const minutes = form.getByLabel('所要時間（分）')
    await minutes.fill('２５')
    assert.equal(await minutes.inputValue(), '25', '全角 digits become ASCII')
    await form.getByRole('button', { name: '記録する' }).click()
    await page.getByRole('status').filter({ hasText: '記録を追加しました' }).first().waitFor()
    await page.getByRole('cell', { name: new RegExp(marker) }).first().waitFor()
    await page.getByText('25分').first().waitFor()
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('a date in the future: the message is under 日時, which takes the keyboard (intake and contact)', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, WRITER.login, WRITER.password)
    await page.goto('/cases')
    await page.getByRole('button', { name: '新しい相談を受け付ける' }).click()
    const intake = page.getByRole('form', { name: '新しい相談を受け付ける' })
    await intake.getByLabel('日時').fill(tomorrowLocal())
    await intake.getByRole('button', { name: '受け付ける' }).click()
    await page.locator('#intake-occurred-at-error').filter({ hasText: 'まだ来ていない日時' }).waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'intake-occurred-at')
    assert.match(await page.locator('#intake-occurred-at').getAttribute('aria-describedby'), /intake-occurred-at-error/)
    await screenshot(page, 'intake-future-date')

    // The contact form leaves the date to the server: its answer lands under the field as well.
    const form = await openContactForm(page, writerCaseId)
    await form.getByLabel('相手').selectOption('母')
    await form.getByLabel('日時').fill(tomorrowLocal())
    await form.getByRole('button', { name: '記録する' }).click()
    await page.locator('#contact-occurred-at-error').filter({ hasText: 'まだ来ていない日時の記録はできません。' }).waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'contact-occurred-at')
    await assertAccessible(page, 'contact form with the server\'s date error')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

// Not only forms: a button that changes something (here 「自分を担当にする」 on
// an オンライン相談 thread) keeps the screen when the session has ended, asks
// for a sign-in and then makes the change, instead of leaving for the login page.
test('a button\'s change after the session ended: the dialog, then the change is made on the same screen', async () => {
  const message = `外に出るのが少しずつできるようになりました。（ボタン ${RUN_ID}）`
  const nickname = `ボタン${RUN_ID.slice(-6)}`
  const ctx = await request.newContext({ baseURL: BASE_URL })
  try {
    const portal = await (await ctx.get('/api/public/v1/portal')).json()
    const sakura = portal.municipalities.find((m) => m.name === 'さくら市')
    const r = await ctx.post('/api/public/v1/consultations', { data: { writer: '本人', municipality_id: sakura.id, nickname, message } })
    assert.equal(r.status(), 201, await r.text())
  } finally {
    await ctx.dispose()
  }
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    await page.goto('/consultations')
    await page.getByRole('row').filter({ hasText: nickname }).getByRole('link').click()
    await page.getByText(message).waitFor()
    const threadUrl = page.url()
    await context.clearCookies()
    await page.getByRole('button', { name: '自分を担当にする' }).click()

    const dialog = page.getByRole('dialog', { name: 'もう一度ログインしてください' })
    await dialog.waitFor()
    assert.equal(page.url(), threadUrl, 'still on the thread, not sent to the login page')
    await dialog.getByLabel('パスワード').fill(COORDINATOR.password)
    await dialog.getByRole('button', { name: 'ログインして保存する' }).click()
    await page.getByRole('status').filter({ hasText: 'あなたを担当にしました。' }).waitFor()
    await page.getByTestId('consultation-assigned').filter({ hasText: '鈴木' }).waitFor()
    assert.equal(page.url(), threadUrl)
    assert.ok(await storageIsEmpty(page))
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})
