// The case list as a 相談員 uses it (issue 15 point 5): each case shows its
// number; typing a number or a word of a title finds the case; the list
// sorts by status and filters to しばらく連絡がないケース.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'
import { assertAccessible } from './support/axe.mjs'

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

const table = (page) => page.getByRole('table', { name: 'ケースの一覧' })
const rowsText = async (page) => table(page).locator('tbody tr').allInnerTexts()

test('suzuki finds a case by its number and by a word of its title, and sorts the list by status', async () => {
  const { page, context } = await newPage(run.browser)
  try {
    await logIn(page, 'suzuki', 'demo-suzuki-pass')
    await mainMenu(page).getByRole('link', { name: 'ケース', exact: true }).click()
    await expectHeading(page, 'ケース一覧')
    await table(page).waitFor()
    const numbers = await table(page).getByTestId('case-number').allInnerTexts()
    assert.ok(numbers.length >= 10)
    for (const n of numbers) assert.match(n, /^\d{4}-\d{4}$/)
    await assertAccessible(page, 'case list with filters')

    // A number typed with full-width digits, as an IME gives it.
    const wanted = numbers[2]
    const full = wanted.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace('-', '－')
    await page.getByLabel('ことば・ケース番号').fill(full)
    await page.getByRole('button', { name: '絞り込む' }).click()
    await table(page).getByTestId('case-number').filter({ hasText: wanted }).waitFor()
    assert.deepEqual(await table(page).getByTestId('case-number').allInnerTexts(), [wanted])
    const title = (await table(page).locator('tbody th a').first().innerText()).trim()

    // A word of the title finds it too.
    await page.getByLabel('ことば・ケース番号').fill(title.slice(0, 2))
    await page.getByRole('button', { name: '絞り込む' }).click()
    await table(page).locator('tbody th a', { hasText: title }).first().waitFor()

    // Sorted by status: the statuses come in their order (受付 before 継続支援 …).
    await page.getByLabel('ことば・ケース番号').fill('')
    await page.getByLabel('並べ順').selectOption({ label: '状態の順' })
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length >= 10)
    const statuses = await table(page).locator('tbody tr td:nth-child(3)').allInnerTexts()
    const order = ['受付', '継続支援', '見守り', '終結', '中断']
    const ranks = statuses.map((s) => order.indexOf(s.trim()))
    assert.ok(ranks.every((r) => r >= 0), statuses.join(','))
    for (let i = 1; i < ranks.length; i++) assert.ok(ranks[i - 1] <= ranks[i], `status order: ${statuses.join(',')}`)

    // しばらく連絡がない: only cases whose last record is old (or none).
    await page.getByLabel('しばらく連絡がない').selectOption({ label: '90日以上' })
    await page.waitForTimeout(300)
    const quiet = await rowsText(page)
    const all = numbers.length
    assert.ok(quiet.length < all, 'fewer cases than the whole list')
    await screenshot(page, 'case-list-quiet')
  } finally {
    await context.close()
  }
})
