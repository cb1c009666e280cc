// The dashboard (issue 5 point 6) in Chromium: a supervisor of a fresh
// organisation (tests/support/report_fixture.mjs, made through the API)
// opens ダッシュボード, picks 2024年度, and the charts' table fallbacks hold
// the hand-computed numbers; the requirement matrix marks ◎ activities
// without evidence; printing hides the menu.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, RUN_ID, expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'
import { buildReportFixture } from '../support/report_fixture.mjs'

let run, fx
before(async () => {
  run = await launch()
  fx = await buildReportFixture(BASE_URL, RUN_ID)
})
after(async () => { await run?.close() })

/** Cell texts of a table's rows, found by its caption. */
async function tableRows(page, caption) {
  const table = page.getByRole('table', { name: caption })
  await table.waitFor()
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())))
}

/** The supervisor signs in, opens ダッシュボード and picks 2024年度, until its figures show. */
async function openDashboardOf2024(page) {
  await logIn(page, fx.users.supervisor.login, fx.password)
  await expectHeading(page, 'ホーム')
  await mainMenu(page).getByRole('link', { name: 'ダッシュボード', exact: true }).click()
  await expectHeading(page, 'ダッシュボード')
  await page.getByLabel('年度', { exact: true }).selectOption('2024')
  await page.getByText('2024年度（令和6年度）の記録').waitFor()
}

test('supervisor: charts of 2024年度 with their numbers, requirement matrix, print without the menu', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await openDashboardOf2024(page)

    // Contacts by month and channel (the 1 April 00:10 contact is FY2025; 31 March 23:30 is March).
    const months = await tableRows(page, '月別・相談方法別の相談件数')
    assert.equal(months.length, 12)
    assert.deepEqual(months[0], ['2024年4月', '2', '0', '0', '1', '0', '3'])
    assert.deepEqual(months[1], ['2024年5月', '0', '0', '0', '0', '2', '2'])
    assert.deepEqual(months[11], ['2025年3月', '0', '1', '0', '0', '0', '1'])
    const chart = page.getByRole('img', { name: /月別・相談方法別の相談件数/ })
    await chart.waitFor()
    assert.match(await chart.getAttribute('aria-labelledby'), /channels-chart-title channels-chart-desc/)
    assert.match(await page.locator('#channels-chart-desc').textContent(), /合計8件/)
    assert.equal(await chart.locator('rect').count(), 6) // one segment per non-zero month × channel

    // Caseload per member of staff.
    const load = await tableRows(page, '担当者ごとの継続中のケース数')
    const byName = Object.fromEntries(load.map((r) => [r[0], r[1]]))
    assert.equal(byName['青木 相談員'], '2')
    assert.equal(byName['井上 相談員'], '2')
    assert.equal(byName['担当者なし'], '1')

    // Requirement matrix: ② 居場所づくり is ◎ with no 居場所 held this year.
    const req = page.getByRole('table', { name: /取組の実施状況/ })
    const second = req.getByRole('row').filter({ hasText: '居場所づくり' })
    assert.match(await second.innerText(), /◎/)
    assert.match(await second.innerText(), /居場所の開催 0回/)
    assert.match(await second.innerText(), /要確認/)
    const first = req.getByRole('row').filter({ hasText: '相談支援' })
    assert.match(await first.innerText(), /相談・支援記録 8件、うち訪問 2件/)
    assert.doesNotMatch(await first.innerText(), /要確認/)
    await screenshot(page, 'dashboard')

    // Print: the menu and the controls go, the charts and tables stay.
    await page.emulateMedia({ media: 'print' })
    assert.equal(await mainMenu(page).isVisible(), false)
    assert.equal(await page.getByLabel('年度', { exact: true }).isVisible(), false)
    assert.equal(await chart.isVisible(), true)
    assert.equal(await page.getByRole('table', { name: '月別・相談方法別の相談件数' }).isVisible(), true)
    await page.emulateMedia({ media: 'screen' })
    assert.equal(await mainMenu(page).isVisible(), true)
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('a year chosen while this year is still loading stays on screen when this year answers last', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    // This fiscal year's answers, asked for on opening, are held back until
    // 2024年度's have been shown: the older answer arrives last.
    let release
    const shown = new Promise((resolve) => { release = resolve })
    await page.route(/\/api\/v1\/reports\/(dashboard|requirements)\?/, async (route) => {
      if (!route.request().url().includes('fiscal_year=2024')) await shown
      await route.continue()
    })
    const lateAnswer = page.waitForResponse((r) => /\/reports\/dashboard\?/.test(r.url()) && !r.url().includes('fiscal_year=2024'))
    await openDashboardOf2024(page)
    release()
    await lateAnswer
    // Let the page handle the late answer before looking again.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))))
    assert.equal(await page.getByText('2024年度（令和6年度）の記録').count(), 1)
    const months = await tableRows(page, '月別・相談方法別の相談件数')
    assert.deepEqual(months[0], ['2024年4月', '2', '0', '0', '1', '0', '3'])
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('analyst: any organisation, caseload as a total only', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, fx.users.analyst.login, fx.password)
    await expectHeading(page, 'ホーム')
    await mainMenu(page).getByRole('link', { name: 'ダッシュボード', exact: true }).click()
    await expectHeading(page, 'ダッシュボード')
    await page.getByLabel('組織', { exact: true }).selectOption({ label: fx.org.name })
    await page.getByLabel('年度', { exact: true }).selectOption('2024')
    await page.getByText(`${fx.org.name}の2024年度（令和6年度）の記録`).waitFor()
    const months = await tableRows(page, '月別・相談方法別の相談件数')
    assert.deepEqual(months[0], ['2024年4月', '2', '0', '0', '1', '0', '3'])
    // No names of staff for an analyst: the organisation's open cases as one figure.
    assert.deepEqual(await tableRows(page, '担当者ごとの継続中のケース数'), [['合計', '4']])
    assert.equal(await page.getByText('青木 相談員').count(), 0)
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})
