// 年次報告 in the browser (issue 5 point 7): the analyst opens the MHLW
// annual figures of the demo prefecture, downloads the xlsx and the CSV, and
// every cell of both files equals what the API answers for the same
// choice (hidden cells as 「X」) and what the page shows. A coordinator sees
// only their own organisation, without the area picker. The figures
// themselves are checked against hand-computed values in
// tests/api/reports_mhlw.test.mjs.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { apiAs, expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'
import { assertAccessible } from './support/axe.mjs'
import { readXlsx, sheetTable } from '../support/xlsx.mjs'

const ANALYST = [process.env.TSUNAGU_ANALYST_LOGIN ?? 'kobayashi', process.env.TSUNAGU_ANALYST_PASSWORD ?? 'demo-kobayashi-pass']
const COORDINATOR = [process.env.TSUNAGU_COORDINATOR_LOGIN ?? 'suzuki', process.env.TSUNAGU_COORDINATOR_PASSWORD ?? 'demo-suzuki-pass']

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

// A JSON cell as the files write it: X when hidden, rates as in the CSV.
function fileText(t, r, c) {
  if (t.hidden[r][c]) return 'X'
  const v = t.rows[r][c]
  if (v === null) return ''
  if (typeof v === 'number' && (t.rate_rows.includes(r) && t.columns[c].kind !== 'text')) return `${(v * 100).toFixed(1)}%`
  return String(v)
}

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()])
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) }
}

test('analyst: the prefecture’s annual figures, downloaded as xlsx and CSV, cell for cell', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, ...ANALYST)
    await mainMenu(page).getByRole('link', { name: '年次報告', exact: true }).click()
    await expectHeading(page, '年次報告（相談実績）')
    await page.locator('[data-table-id="mhlw_people_by_area"]').waitFor()
    const year = await page.getByLabel('年度', { exact: true }).inputValue()
    const scope = await page.getByLabel('対象').inputValue()
    assert.match(scope, /^area:/)
    const res = await page.request.get(`/api/v1/reports/mhlw?fiscal_year=${year}&area=${scope.slice(5)}`)
    assert.equal(res.status(), 200)
    const report = await res.json()
    assert.equal(report.suppressed, true)

    // The page shows what the API says.
    for (const tab of report.tables) {
      const cells = await page.locator(`[data-table-id="${tab.id}"] tbody tr:not(.row-group)`).evaluateAll((rows) =>
        rows.map((r) => [...r.children].map((c) => (c.dataset.hidden ? 'X' : c.textContent.trim()))))
      assert.equal(cells.length, tab.rows.length, tab.id)
      tab.rows.forEach((row, r) => row.forEach((_, c) => {
        const want = fileText(tab, r, c)
        const shown = cells[r][c].replace(/,/g, '')
        assert.equal(shown, want, `${tab.id} ${r},${c}`)
      }))
    }
    await screenshot(page, 'reports-mhlw-analyst')

    const xlsx = await download(page, 'Excel（xlsx）で保存')
    assert.match(xlsx.name, /^令和\d+年度_ひきこもり相談実績_.+\.xlsx$/)
    const book = readXlsx(xlsx.bytes)
    assert.deepEqual(book.sheets.map((s) => s.name), report.tables.map((x) => x.sheet_name))
    report.tables.forEach((tab, i) => {
      const sheet = book.sheets[i]
      assert.equal(sheet.rows[0][0], tab.title)
      assert.equal(sheet.rows[1][0], report.fiscal_year_label)
      const body = sheetTable(sheet, tab.columns[0].label)
      assert.deepEqual([...body.header].map((v) => v ?? ''), tab.columns.map((c) => c.label))
      tab.rows.forEach((row, r) => row.forEach((v, c) => {
        const cell = body.rows[r][c]
        if (tab.hidden[r][c]) assert.equal(cell, 'X', `${tab.id} ${r},${c}`)
        else if (v === null) assert.equal(cell, undefined, `${tab.id} ${r},${c}`)
        else if (typeof v === 'number') assert.ok(Math.abs(cell - v) < 1e-9, `${tab.id} ${r},${c}: ${cell} vs ${v}`)
        else assert.equal(cell, v, `${tab.id} ${r},${c}`)
      }))
    })

    const csv = await download(page, 'CSV で保存')
    assert.match(csv.name, /^令和\d+年度_ひきこもり相談実績_.+\.csv$/)
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n')
    for (const tab of report.tables) {
      const header = lines.indexOf(tab.columns.map((c) => c.label).join(','))
      assert.ok(header > 0, tab.id)
      assert.equal(lines[header - tab.caption.length - 1], tab.title)
      tab.rows.forEach((row, r) => {
        assert.equal(lines[header + 1 + r], row.map((_, c) => fileText(tab, r, c)).join(','), `${tab.id} row ${r}`)
      })
    }
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('coordinator: their own organisation, in full, without the area picker', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, ...COORDINATOR)
    await mainMenu(page).getByRole('link', { name: '年次報告', exact: true }).click()
    await expectHeading(page, '年次報告（相談実績）')
    await page.locator('[data-table-id="mhlw_contacts"]').waitFor()
    assert.equal(await page.getByLabel('対象').count(), 0)
    assert.equal(await page.locator('[data-hidden]').count(), 0)
    const csv = await download(page, 'CSV で保存')
    assert.match(csv.name, /\.csv$/)
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

// Issue 15 point 7: the national table as MHLW prints it, the 22-column
// つなぎ table at 1366 px scrolling inside its own focusable region with the
// first column staying in view, axe clean, and A4 landscape on paper.
test('analyst: the national report at 1366 px — 指定都市 block, wide tables scroll with a sticky first column, print A4 landscape', async () => {
  const admin = await apiAs({ login: 'admin', password: 'demo-admin-pass' })
  const areas = (await admin.get('/api/v1/areas')).items
  const root = areas.find((a) => !a.parent_id)
  if (!areas.some((a) => a.name === '北海道')) {
    const hokkaido = await admin.post('/api/v1/areas', { level: 'prefecture', name: '北海道', code: '010006' })
    await admin.post('/api/v1/areas', { level: 'municipality', name: '札幌市', code: '011002', parent_id: hokkaido.id })
  }
  await admin.dispose()
  const { context, page, problems } = await newPage(run.browser, { viewport: { width: 1366, height: 768 } })
  try {
    await logIn(page, ...ANALYST)
    await mainMenu(page).getByRole('link', { name: '年次報告', exact: true }).click()
    await expectHeading(page, '年次報告（相談実績）')
    await page.getByLabel('対象').selectOption(`area:${root.id}`)
    const contacts = page.locator('[data-table-id="mhlw_contacts_by_area"]')
    await contacts.locator('tr.row-group').waitFor()

    // MHLW's title, the blank first header cell (named for screen readers),
    // the prefectures by code, then the 指定都市 under their own heading.
    await page.getByRole('heading', { name: /^ひきこもり地域支援センター 自治体別相談件数（令和\d+年度）$/ }).waitFor()
    assert.equal((await contacts.locator('thead th').first().innerText()).trim(), '地域・組織')
    // (Other tests of the same run may have put an organisation on 国 itself: its row comes before the block.)
    const rowHeads = (await contacts.locator('tbody th').allInnerTexts()).map((t) => t.trim())
    const known = ['北海道', 'みどり県', '指定都市', '札幌市', '合計']
    assert.deepEqual(rowHeads.filter((t) => known.includes(t)), known)
    assert.deepEqual(rowHeads.slice(-3), ['指定都市', '札幌市', '合計'])
    assert.deepEqual(rowHeads.slice(0, 2), ['北海道', 'みどり県'])
    await page.getByText('※SNSによる相談件数は令和2年度から集計').first().waitFor()
    await page.getByText(/^※1 根拠法/).first().waitFor()

    // The つなぎ table is wider than the page: it scrolls in its own region.
    const region = page.locator('[data-scroll-for="mhlw_referrals"]')
    const size = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right }))
    assert.ok(size.scroll > size.client + 100, `the table is wider than its region (${size.scroll} > ${size.client})`)
    assert.ok(size.right <= 1366, 'the region itself stays on the page')
    assert.equal(await region.getAttribute('role'), 'region')
    assert.equal(await region.getAttribute('tabindex'), '0')
    assert.match(await region.getAttribute('aria-labelledby'), /mhlw_referrals-title/)
    // By keyboard: focus the region, scroll with the arrow key and End.
    await region.focus()
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction((el) => el.scrollLeft > 0, await region.elementHandle())
    // Then all the way to the 総計 column.
    const after = await region.evaluate((el) => {
      el.scrollLeft = el.scrollWidth
      const box = el.getBoundingClientRect()
      const first = el.querySelector('tbody tr th').getBoundingClientRect()
      const lastHead = [...el.querySelectorAll('thead th')].at(-1).getBoundingClientRect()
      return { scrollLeft: el.scrollLeft, regionLeft: box.left, regionRight: box.right, firstLeft: first.left, lastRight: lastHead.right }
    })
    assert.ok(after.scrollLeft > 100, `scrolled (${after.scrollLeft})`)
    assert.ok(Math.abs(after.firstLeft - after.regionLeft) <= 2, `the first column stays in view (${after.firstLeft} vs ${after.regionLeft})`)
    assert.ok(after.lastRight <= after.regionRight + 1, 'the 総計 column is reachable')
    await screenshot(page, 'reports-mhlw-national-scrolled')
    await assertAccessible(page, '年次報告（全国）')

    // Paper: this page prints on a named A4 landscape page.
    await page.emulateMedia({ media: 'print' })
    const print = await page.evaluate(() => {
      const rules = []
      for (const sheet of document.styleSheets) for (const r of sheet.cssRules) if (r instanceof CSSPageRule) rules.push([r.selectorText, r.style.getPropertyValue('size')])
      const root = document.querySelector('.mhlw-report')
      const region = document.querySelector('[data-scroll-for="mhlw_referrals"]')
      return { rules, page: getComputedStyle(root).getPropertyValue('page'), overflow: getComputedStyle(region).overflowX,
        nav: getComputedStyle(document.querySelector('.main-nav')).display }
    })
    assert.ok(print.rules.some(([name, size]) => name === 'mhlw-report' && size.toLowerCase() === 'a4 landscape'), JSON.stringify(print.rules))
    assert.equal(print.page, 'mhlw-report')
    assert.equal(print.overflow, 'visible', 'nothing is cut off on paper')
    assert.equal(print.nav, 'none')
    const pdf = await page.pdf({ preferCSSPageSize: true })
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'))
    assert.ok(box, 'a page size in the PDF')
    assert.ok(Math.abs(Number(box[1]) - 841.89) < 2 && Math.abs(Number(box[2]) - 595.28) < 2, `A4 landscape: ${box[1]} × ${box[2]}`)
    await page.emulateMedia({ media: 'screen' })
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})
