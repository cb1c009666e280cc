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
import { expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'
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
    const year = await page.getByLabel('年度').inputValue()
    const scope = await page.getByLabel('対象').inputValue()
    assert.match(scope, /^area:/)
    const res = await page.request.get(`/api/v1/reports/mhlw?fiscal_year=${year}&area=${scope.slice(5)}`)
    assert.equal(res.status(), 200)
    const report = await res.json()
    assert.equal(report.suppressed, true)

    // The page shows what the API says.
    for (const tab of report.tables) {
      const cells = await page.locator(`[data-table-id="${tab.id}"] tbody tr`).evaluateAll((rows) =>
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
      assert.deepEqual(body.header, tab.columns.map((c) => c.label))
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
