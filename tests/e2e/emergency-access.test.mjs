// Emergency access in the browser (issue 4): a supervisor of another
// organisation (伊藤, あおば町) opens a case of さくら市, named by its organisation
// and case number, with a stated reason —
// refused on the screen without a case or with too short a reason — reads
// it under a banner saying so, and the owning organisation's supervisor
// (佐藤) sees the notice with who, why and how often, on the 緊急アクセス page
// and on the case itself.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { RUN_ID, apiAs, expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'

const OWNER_COORDINATOR = { login: 'suzuki', password: 'demo-suzuki-pass' }
const OWNER_SUPERVISOR = { login: 'sato', password: 'demo-sato-pass' }
const OTHER_SUPERVISOR = { login: 'ito', password: 'demo-ito-pass' }
const CASE_TITLE = `緊急確認 ${RUN_ID}`
const REASON = `本人から「もう限界」と夜間に電話があり、これまでの経過と家族の連絡先を至急確認するため（${RUN_ID}）`

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

test('another organisation\'s supervisor opens a case with a reason; the owner sees who, why and how often', async () => {
  const api = await apiAs(OWNER_COORDINATOR)
  const made = await api.post('/api/v1/cases', { title: CASE_TITLE, intake_route: '本人', subject_awareness: '不明' })
  const ownerName = (await api.get('/api/v1/session')).user.organisation_name
  await api.dispose()

  const other = await newPage(run.browser)
  try {
    const { page } = other
    await logIn(page, OTHER_SUPERVISOR.login, OTHER_SUPERVISOR.password)
    await mainMenu(page).getByRole('link', { name: '緊急アクセス', exact: true }).click()
    await expectHeading(page, '緊急アクセス')
    await page.getByRole('button', { name: '理由を記録して閲覧する' }).click()
    // Nothing chosen: the form says what is missing, at its field.
    await page.locator('.field-error').first().waitFor()
    // The case as its organisation names it on the phone: the number.
    await page.getByLabel('ケースを持つ組織').selectOption({ label: ownerName })
    await page.getByRole('textbox', { name: /^ケース番号/ }).fill(made.number)
    await page.getByLabel('理由').fill('確認')
    await page.getByRole('button', { name: '理由を記録して閲覧する' }).click()
    await page.getByText(/緊急アクセスの理由は、何が起きていて/).waitFor()
    await page.getByLabel('理由').fill(REASON)
    await page.getByRole('button', { name: '理由を記録して閲覧する' }).click()

    await expectHeading(page, CASE_TITLE)
    await page.getByRole('note').filter({ hasText: '緊急アクセスで閲覧しています' }).waitFor()
    // Reading only: nothing that would act on the case is offered.
    assert.equal(await page.getByRole('link', { name: 'サポーターの派遣を依頼する' }).count(), 0)
    assert.equal(await page.getByRole('tablist').count(), 0)
    await screenshot(page, 'emergency-read')

    await page.goto('/emergency-access')
    await expectHeading(page, '緊急アクセス')
    await page.getByRole('region', { name: '自分の緊急アクセス' }).getByRole('link', { name: CASE_TITLE }).waitFor()
    assert.deepEqual(other.problems, [])
  } finally {
    await other.context.close()
  }

  const owner = await newPage(run.browser)
  try {
    const { page } = owner
    await logIn(page, OWNER_SUPERVISOR.login, OWNER_SUPERVISOR.password)
    await mainMenu(page).getByRole('link', { name: '緊急アクセス', exact: true }).click()
    await expectHeading(page, '緊急アクセス')
    const row = page.getByRole('row').filter({ hasText: CASE_TITLE })
    await row.waitFor()
    assert.match(await row.innerText(), /伊藤 ひろし（あおば町ひきこもりサポート事業）/)
    assert.ok((await row.innerText()).includes(REASON))
    assert.match(await row.getByRole('cell').last().innerText(), /^[1-9]\d*$/, 'reads counted')
    await screenshot(page, 'emergency-notices')

    await row.getByRole('link', { name: CASE_TITLE }).click()
    await expectHeading(page, CASE_TITLE)
    const notice = page.getByRole('note').filter({ hasText: 'このケースには緊急アクセスがありました。' })
    await notice.waitFor()
    assert.ok((await notice.innerText()).includes(REASON))
    assert.deepEqual(owner.problems, [])
  } finally {
    await owner.context.close()
  }
})
