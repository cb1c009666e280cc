// Meetings in the browser (issue 4, point 5): さくら市ステーション (suzuki)
// records a 支援会議 — refused on the screen until its law is chosen — with
// あおば町サポート事業 taking part and one of its cases discussed; records who
// does what by when; the item shows on the case under 会議で決まったこと.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { RUN_ID, apiAs, expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'

const COORDINATOR = { login: 'suzuki', password: 'demo-suzuki-pass' }
const PARTNER_ORG = 'あおば町ひきこもりサポート事業'
const CASE_TITLE = `会議確認 ${RUN_ID}`
const MEETING_TITLE = `第1回 支援会議 ${RUN_ID}`
const TASK = `居場所の見学日を本人と調整する（${RUN_ID}）`

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

test('a 支援会議 with its law, a partner organisation and a case; a follow-up shows on the case', async () => {
  const api = await apiAs(COORDINATOR)
  const caseId = (await api.post('/api/v1/cases', { title: CASE_TITLE, intake_route: '家族', subject_awareness: '不明' })).id
  await api.dispose()

  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    await mainMenu(page).getByRole('link', { name: '会議', exact: true }).click()
    await expectHeading(page, '会議')
    await page.getByRole('button', { name: '会議を記録' }).click()
    await page.locator('#meeting-kind').selectOption('支援会議')
    await page.locator('#meeting-title').fill(MEETING_TITLE)
    await page.getByRole('group', { name: '参加機関（自組織のほか）' }).getByLabel(PARTNER_ORG).check()
    await page.locator('#meeting-case-pick').selectOption({ label: CASE_TITLE })
    await page.getByRole('button', { name: '追加', exact: true }).click()
    await page.getByRole('button', { name: '会議を記録する' }).click()
    // The law is required for a 支援会議.
    await page.getByText('支援会議の法的根拠を選んでください。').waitFor()
    await page.locator('#meeting-legal-basis').selectOption('生活困窮者自立支援法第9条')
    await page.getByRole('button', { name: '会議を記録する' }).click()

    await expectHeading(page, MEETING_TITLE)
    await page.getByText(PARTNER_ORG).first().waitFor()
    await page.getByRole('link', { name: CASE_TITLE }).waitFor()
    await screenshot(page, 'meeting-detail')

    await page.locator('#follow-up-entry').selectOption({ label: CASE_TITLE })
    await page.locator('#follow-up-task').fill(TASK)
    await page.locator('#follow-up-name').fill('鈴木（さくら市）')
    await page.getByRole('button', { name: '記録する', exact: true }).click()
    await page.getByRole('status').filter({ hasText: '決まったことを記録しました。' }).waitFor()
    await page.getByRole('listitem').filter({ hasText: TASK }).waitFor()

    await page.goto(`/cases/${encodeURIComponent(caseId)}?tab=follow-ups`)
    await page.getByRole('cell', { name: '鈴木（さくら市）' }).waitFor()
    const row = page.getByRole('row').filter({ hasText: TASK })
    await row.getByRole('button', { name: '済みにする' }).click()
    await page.getByRole('status').filter({ hasText: '「済み」にしました。' }).waitFor()
    await screenshot(page, 'case-follow-ups')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})
