// The audit log in Japanese (issue 15 point 6): a supervisor (佐藤) sees who
// did what by name, actions and record kinds in Japanese, the case's title as
// a link, and narrows the log by person, case number, action and date.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { RUN_ID, apiAs, expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'
import { assertAccessible } from './support/axe.mjs'

const CASE_TITLE = `監査の確認 ${RUN_ID}`

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

test('sato reads the log by name and case, and narrows it to one case number and to reads', async () => {
  const api = await apiAs({ login: 'suzuki', password: 'demo-suzuki-pass' })
  const made = await api.post('/api/v1/cases', { title: CASE_TITLE, intake_route: '本人', subject_awareness: '不明' })
  await api.get(`/api/v1/cases/${made.id}`)
  const suzukiName = (await api.get('/api/v1/session')).user.display_name
  await api.dispose()

  const { page, context, problems } = await newPage(run.browser)
  try {
    await logIn(page, 'sato', 'demo-sato-pass')
    await mainMenu(page).getByRole('link', { name: '監査ログ', exact: true }).click()
    await expectHeading(page, '監査ログ')
    await page.getByLabel('ケース番号').fill(made.number)
    await page.getByRole('button', { name: '絞り込む' }).click()
    const rows = page.locator('tbody tr')
    await rows.filter({ hasText: '閲覧' }).first().waitFor()
    const texts = await rows.allInnerTexts()
    assert.ok(texts.length >= 2, 'the case\'s creation and its read')
    for (const t of texts) {
      assert.match(t, new RegExp(made.number), 'every entry is about the case')
      assert.ok(!/\b[0-9a-f]{16,}\b/.test(t), `no internal id on screen: ${t}`)
    }
    assert.ok(texts.some((t) => t.includes(suzukiName)), 'the actor by name')
    assert.ok(texts.some((t) => t.includes('登録') && t.includes('ケース')), 'actions and record kinds in Japanese')
    await assertAccessible(page, 'audit log filtered by case number')
    await screenshot(page, 'audit-by-case')

    await page.getByLabel('操作', { exact: true }).selectOption({ label: '閲覧' })
    await page.getByRole('button', { name: '絞り込む' }).click()
    await page.waitForFunction(() => [...document.querySelectorAll('tbody tr')].every((r) => r.textContent.includes('閲覧')))

    // The title links to the case.
    await page.getByRole('link', { name: CASE_TITLE }).first().click()
    await expectHeading(page, CASE_TITLE)

    // A case number the organisation does not have is said at its field.
    await page.goBack()
    await expectHeading(page, '監査ログ')
    await page.getByLabel('ケース番号').fill('1999-0001')
    await page.getByRole('button', { name: '絞り込む' }).click()
    await page.getByText('ケース番号「1999-0001」のケースは、この組織にはありません。').waitFor()
    assert.deepEqual(problems.filter((p) => !/400/.test(p)), [])
  } finally {
    await context.close()
  }
})
