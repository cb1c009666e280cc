// オンライン相談, the staff side in the browser (issue 19 points 3 and 4):
// the station's inbox by state, urgent threads first and marked, the
// count in the menu; a thread without danger words shows no protocol; 担当
// chosen among the station's staff; an anonymous thread offers no case; a
// closed thread takes no reply until it is reopened; reply templates are
// added and removed; a supervisor edits the station's entry on the public
// portal and the portal shows it; the administrator reaches the same
// settings from the organisations page and the retention of threads.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'playwright-core'
import { BASE_URL, RUN_ID, consoleErrors, expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'
import { assertAccessible } from './support/axe.mjs'

const COORDINATOR = { login: 'suzuki', password: 'demo-suzuki-pass' }
const SUPERVISOR = { login: 'sato', password: 'demo-sato-pass' }
const ADMIN = { login: 'admin', password: 'demo-admin-pass' }
const STATION = 'さくら市ひきこもり支援ステーション'

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

/** Writes a consultation as a person would (no login), answered by the station (さくら市). */
async function consult(message) {
  const ctx = await request.newContext({ baseURL: BASE_URL })
  try {
    const portal = await (await ctx.get('/api/public/v1/portal')).json()
    const sakura = portal.municipalities.find((m) => m.name === 'さくら市')
    const r = await ctx.post('/api/public/v1/consultations', { data: { writer: '本人', municipality_id: sakura.id, message } })
    assert.equal(r.status(), 201, await r.text())
    return r.json()
  } finally {
    await ctx.dispose()
  }
}

test('the inbox: urgent first, tabs with counts, closing and reopening, templates', async () => {
  const calm = `最近、昼夜が逆転していて、外に出るのがつらいです。（${RUN_ID}）`
  const danger = `もう消えたい、死にたいと思うことがあります。（${RUN_ID}）`
  await consult(calm)
  await consult(danger)

  const { context, page, problems } = await newPage(run.browser)
  const errors = consoleErrors(page)
  try {
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    // The count is read out as 「オンライン相談（新着n件）」.
    const link = mainMenu(page).getByRole('link', { name: /^オンライン相談\s*（新着\s*\d+\s*件）$/ })
    const shown = Number((await link.getByTestId('nav-consultations-count').innerText()).replace(/\D/g, ''))
    assert.ok(shown >= 2, `the menu counts the new threads: ${shown}`)
    await link.click()
    await expectHeading(page, 'オンライン相談')
    // The tab shows 0件 until the inbox has loaded: wait for its count rather than read it at once.
    const fresh = page.getByRole('tab', { name: /^新着/, selected: true })
    await page.getByRole('tab', { name: new RegExp(`^新着\\s*${shown}\\s*件`), selected: true }).waitFor()
    assert.match(await fresh.innerText(), new RegExp(`${shown}件`))

    // Urgent threads come first and are marked; the calm one comes after every urgent one.
    const rows = page.getByRole('row')
    await rows.filter({ hasText: '緊急' }).first().waitFor()
    const urgency = await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.classList.contains('row-urgent')))
    assert.deepEqual(urgency, [...urgency].sort((a, b) => Number(b) - Number(a)), 'urgent rows before the others')
    assert.ok(urgency[0], 'the first row is urgent')

    // A thread without danger words: no protocol; close it, a reply is refused, reopen, reply.
    const lastCalm = rows.filter({ hasNotText: '緊急' }).last()
    await lastCalm.getByRole('link').click()
    await page.getByRole('heading', { level: 1, name: /^相談/ }).waitFor()
    const reference = (await page.locator('h1 .mono').innerText()).trim()
    await page.getByText(calm).waitFor()
    assert.equal(await page.getByRole('region', { name: '緊急時の対応手順' }).count(), 0)
    // 担当: any coordinator or supervisor of the station, then nobody again.
    const assignee = page.getByRole('combobox', { name: '担当', exact: true })
    const choices = (await assignee.getByRole('option').allInnerTexts()).map((t) => t.trim())
    assert.ok(choices.includes('佐藤 みのり') && choices.includes('鈴木 けい') && choices[0] === '未定', `担当の選択肢: ${choices.join(', ')}`)
    await assignee.selectOption({ label: '佐藤 みのり' })
    await page.getByRole('button', { name: '担当を変える' }).click()
    await page.getByRole('status').filter({ hasText: '担当を佐藤 みのりさんにしました。' }).waitFor()
    await page.getByTestId('consultation-assigned').filter({ hasText: '佐藤 みのり' }).waitFor()
    await assignee.selectOption({ label: '未定' })
    await page.getByRole('button', { name: '担当を変える' }).click()
    await page.getByRole('status').filter({ hasText: '担当を未定にしました。' }).waitFor()
    await page.getByTestId('consultation-assigned').filter({ hasText: '未定' }).waitFor()
    // Nobody told who they are: no details, no way to a case.
    assert.equal(await page.getByRole('button', { name: 'この相談からケースを作る' }).count(), 0)
    await page.getByRole('button', { name: '「終了」にする' }).click()
    await page.getByRole('status').filter({ hasText: '状況を「終了」にしました。' }).waitFor()
    const reply = page.getByRole('region', { name: '返信する' })
    await reply.getByLabel('返信の本文').fill(`終了後の返信 ${RUN_ID}`)
    await reply.getByRole('button', { name: '返信を送る' }).click()
    await reply.getByRole('alert').filter({ hasText: '終了した相談です。' }).waitFor()
    await page.getByRole('button', { name: '「対応中」にする' }).click()
    await page.getByRole('status').filter({ hasText: '状況を「対応中」にしました。' }).waitFor()
    await reply.getByRole('button', { name: '返信を送る' }).click()
    await page.getByRole('status').filter({ hasText: '返信を送りました。' }).waitFor()
    await page.getByRole('listitem').filter({ hasText: `終了後の返信 ${RUN_ID}` }).waitFor()

    // The tabs: 返信待ち now holds it.
    await page.getByRole('link', { name: 'オンライン相談', exact: true }).click()
    await expectHeading(page, 'オンライン相談')
    await page.getByRole('tab', { name: /^返信待ち/ }).click()
    await page.getByRole('tab', { name: /^返信待ち/, selected: true }).waitFor()
    await page.waitForURL(/state=/)
    await page.getByRole('tabpanel').getByRole('row').filter({ hasText: reference }).waitFor()

    // Templates: add one, then remove it.
    const templates = page.getByRole('region', { name: '返信の定型文' })
    await templates.getByRole('button', { name: /定型文を見る/ }).click()
    await templates.getByText('はじめてのお返事').waitFor()
    await templates.getByRole('button', { name: '定型文を追加' }).click()
    const title = `面談のご案内 ${RUN_ID}`
    await templates.getByLabel('題名').fill(title)
    await templates.getByLabel('本文').fill('よろしければ、来所でもお話を伺えます。')
    await templates.getByRole('button', { name: '追加する' }).click()
    await templates.getByRole('status').filter({ hasText: `定型文「${title}」を追加しました。` }).waitFor()
    await screenshot(page, 'consultations-templates')
    await templates.getByRole('button', { name: `定型文「${title}」を削除` }).click()
    await templates.getByRole('status').filter({ hasText: `定型文「${title}」を削除しました。` }).waitFor()
    await assertAccessible(page, 'the inbox with its templates')
    assert.deepEqual(problems, [])
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('a supervisor edits the station\'s entry on the public portal, and the portal shows it', async () => {
  const hours = `月〜金 9:00〜17:00（確認 ${RUN_ID}）`
  const { context, page, problems } = await newPage(run.browser)
  const errors = consoleErrors(page)
  let before
  try {
    await logIn(page, SUPERVISOR.login, SUPERVISOR.password)
    await mainMenu(page).getByRole('link', { name: '公開ページの設定' }).click()
    await expectHeading(page, '公開ページの設定')
    const field = page.getByLabel('受付時間')
    await field.waitFor()
    before = await field.inputValue()
    assert.equal(await page.getByLabel('公開ページに窓口として載せる').isChecked(), true)
    assert.equal(await page.getByLabel('名前を出さずに届くオンライン相談を受け付ける').isChecked(), true)
    await page.getByLabel('緊急時の対応手順（職員向け）').waitFor()
    await field.fill(hours)
    await page.getByLabel('返信までの目安（日）').fill('0')
    await page.getByRole('button', { name: '公開ページの設定を保存する' }).click()
    await page.getByText('1〜30日で入力してください。').waitFor()
    await page.getByLabel('返信までの目安（日）').fill('3')
    await page.getByRole('button', { name: '公開ページの設定を保存する' }).click()
    await page.getByRole('status').filter({ hasText: '公開ページの設定を保存しました。' }).waitFor()
    await assertAccessible(page, 'the public profile settings')
    await screenshot(page, 'public-profile-settings')
    assert.deepEqual(problems, [])
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }

  const visitor = await newPage(run.browser)
  try {
    await visitor.page.goto('/')
    await visitor.page.getByRole('article', { name: STATION }).getByText(hours).waitFor()
    assert.deepEqual(visitor.problems, [])
  } finally {
    await visitor.context.close()
  }

  // Put the demo's hours back for the other tests.
  const again = await newPage(run.browser)
  try {
    await logIn(again.page, SUPERVISOR.login, SUPERVISOR.password)
    await again.page.goto('/settings/public-profile')
    await again.page.getByLabel('受付時間').fill(before)
    await again.page.getByRole('button', { name: '公開ページの設定を保存する' }).click()
    await again.page.getByRole('status').filter({ hasText: '公開ページの設定を保存しました。' }).waitFor()
  } finally {
    await again.context.close()
  }
})

test('the administrator opens an organisation\'s public settings and the retention of threads', async () => {
  const { context, page, problems } = await newPage(run.browser)
  const errors = consoleErrors(page)
  try {
    await logIn(page, ADMIN.login, ADMIN.password)
    await page.goto('/admin/organisations')
    await expectHeading(page, '組織')
    await page.getByRole('button', { name: `${STATION}の公開ページの設定` }).click()
    const panel = page.getByRole('region', { name: new RegExp(`公開ページの設定（${STATION}）`) })
    await panel.getByLabel('受付時間').waitFor()
    assert.equal(await panel.getByLabel('電話番号').inputValue(), '099-200-5678')
    await panel.getByRole('button', { name: '閉じる' }).click()
    await panel.waitFor({ state: 'detached' })

    await page.goto('/admin/users')
    const retention = page.getByRole('region', { name: /記録の保存期間/ })
    await retention.getByLabel('匿名のオンライン相談（終了した日から・年）').waitFor()
    assert.deepEqual(problems, [])
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
