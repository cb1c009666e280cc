// Phones and narrow screens (issue 15 point 8): at 360 px the case list is a
// list of cards and the header folds behind a メニュー button (aria-expanded,
// keyboard, Escape and moving to another screen close it); at 1366 px no
// cell of the case's records and no button breaks a word one character per line.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'
import { assertAccessible } from './support/axe.mjs'

// Not suzuki, whom the whole suite signs in often (a person may sign in only so many times in 15 minutes).
const COORDINATOR = { login: 'kato', password: 'demo-kato-pass' }

let run
let caseId
before(async () => {
  run = await launch()
  const api = await apiAs(COORDINATOR)
  // A case whose records include the その他（訪問等） channels, the longest labels.
  const cases = (await api.get('/api/v1/cases?limit=50')).items
  for (const c of cases) {
    const contacts = (await api.get(`/api/v1/cases/${encodeURIComponent(c.id)}/contacts?limit=50`)).items
    if (contacts.some((x) => x.sub_kind) && contacts.some((x) => x.channel === '電話')) {
      caseId = c.id
      break
    }
  }
  caseId ??= cases[0].id
  await api.dispose()
})
after(async () => { await run?.close() })

/**
 * Text of the elements among `selector` that wrap with a line of a single
 * character (「電／話」, 「出会い・評価段／階」), or a short label (up to four
 * characters) that wraps at all. Measured per character from the layout boxes.
 */
async function brokenLabels(page, selector) {
  return page.evaluate((selector) => {
    const found = []
    for (const el of document.querySelectorAll(selector)) {
      if (!el.offsetParent || el.closest('.visually-hidden, dialog:not([open])')) continue
      const lines = new Map()
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('.visually-hidden')) continue
        for (let i = 0; i < node.data.length; i++) {
          if (/\s/.test(node.data[i])) continue
          const range = document.createRange()
          range.setStart(node, i)
          range.setEnd(node, i + 1)
          const box = range.getBoundingClientRect()
          if (!box.height) continue
          const line = Math.round((box.top + box.height / 2) / 6)
          lines.set(line, (lines.get(line) ?? '') + node.data[i])
        }
      }
      const texts = [...lines.values()]
      const chars = texts.join('').length
      if (texts.length > 1 && (chars <= 4 || texts.some((t) => t.length === 1))) found.push(texts.join(' / '))
    }
    return found
  }, selector)
}

test('at 1366 px no cell of the records tables and no button breaks a word per character', async () => {
  const { context, page, problems } = await newPage(run.browser, { viewport: { width: 1366, height: 900 } })
  try {
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    await page.goto('/cases')
    await page.locator('table tbody tr').first().waitFor()
    assert.deepEqual(await brokenLabels(page, 'td, th, button, .button, .brand-name'), [], 'case list')
    await page.goto(`/cases/${encodeURIComponent(caseId)}`)
    await page.getByRole('cell', { name: /^電話/ }).first().waitFor()
    await screenshot(page, 'case-records-1366')
    assert.deepEqual(await brokenLabels(page, 'td, th, button, .button, .brand-name'), [], 'records of a case')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('at 360 px the case list is a list of cards and the menu folds behind a button', async () => {
  const { context, page, problems } = await newPage(run.browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
  try {
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    await expectHeading(page, 'ホーム')
    const menuButton = page.getByRole('button', { name: 'メニュー' })
    assert.equal(await menuButton.getAttribute('aria-expanded'), 'false')
    assert.equal(await mainMenu(page).isVisible(), false, 'the menu is folded')
    assert.equal(await page.getByRole('button', { name: 'ログアウト' }).isVisible(), false)

    // Keyboard: open with Enter, close with Escape (focus back on the button).
    await menuButton.focus()
    await page.keyboard.press('Enter')
    assert.equal(await menuButton.getAttribute('aria-expanded'), 'true')
    await mainMenu(page).waitFor()
    await page.getByRole('button', { name: 'ログアウト' }).waitFor()
    await screenshot(page, 'phone-menu-open')
    await assertAccessible(page, 'phone, menu open')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Escape')
    assert.equal(await menuButton.getAttribute('aria-expanded'), 'false')
    assert.equal(await mainMenu(page).isVisible(), false)
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'メニュー')

    // Choosing a screen closes the menu.
    await menuButton.click()
    await mainMenu(page).getByRole('link', { name: 'ケース', exact: true }).click()
    await expectHeading(page, 'ケース一覧')
    assert.equal(await menuButton.getAttribute('aria-expanded'), 'false')
    assert.equal(await mainMenu(page).isVisible(), false)

    // Cards: no column headings in view, each value after its heading.
    const firstRow = page.locator('table tbody tr').first()
    await firstRow.waitFor()
    assert.equal(await page.locator('table thead').evaluate((e) => e.getBoundingClientRect().height <= 1), true, 'headings hidden')
    assert.equal(await firstRow.evaluate((e) => getComputedStyle(e).display), 'block')
    const cells = await firstRow.locator('td, th').evaluateAll((els) => els.map((e) => ({ label: e.dataset.label, shown: getComputedStyle(e, '::before').content })))
    assert.ok(cells.length > 2)
    for (const c of cells) if (c.label) assert.equal(c.shown, `"${c.label}"`)
    assert.ok(cells.some((c) => c.label === '本人'), 'the 本人 value carries its heading')
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 360, `no sideways scrolling (${width} px)`)
    await screenshot(page, 'phone-case-list')
    await assertAccessible(page, 'phone, case list as cards')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('at 390 px a wide table scrolls inside its frame, not the page (the 秘匿 marks of the annual report included)', async () => {
  const { context, page, problems } = await newPage(run.browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  try {
    await logIn(page, 'kobayashi', 'demo-kobayashi-pass')
    await page.goto('/reports/mhlw')
    await page.locator('table').first().waitFor()
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 391, `no sideways scrolling of the page (${width} px)`)
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})
