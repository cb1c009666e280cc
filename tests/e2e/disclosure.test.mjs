// 開示請求 in the browser (issue 21 point 3): a supervisor (佐藤) opens the
// disclosure of a case's 本人 from the case page, is asked for the reason,
// gives it, and sees the document with its sections; printed, nothing of
// the application's navigation remains and each case starts a new page.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { RUN_ID, apiAs, expectHeading, launch, logIn, newPage, screenshot } from './support/browser.mjs'

const COORDINATOR = { login: 'suzuki', password: 'demo-suzuki-pass' }
const SUPERVISOR = { login: 'sato', password: 'demo-sato-pass' }
const CASE_TITLE = `開示の確認 ${RUN_ID}`
const SUBJECT = `開示 一郎${RUN_ID}`
const REASON = `本人からの開示請求（令和8年12月6日受付・${RUN_ID}）`

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

test('a supervisor gives the reason and gets the printable document', async () => {
  const api = await apiAs(COORDINATOR)
  const c = await api.post('/api/v1/cases', {
    title: CASE_TITLE, intake_route: '家族', subject_awareness: '知っている',
    subject: { naming: 'named', name: SUBJECT, age_band: '30代' },
    caller: { naming: 'named', name: `開示 和子${RUN_ID}`, relation: '母' },
  })
  await api.post(`/api/v1/cases/${c.id}/contacts`, {
    occurred_at: new Date(Date.now() - 60e3).toISOString(), channel: '電話', counterpart: '本人', subject_met: true, note: `本人と話した ${RUN_ID}`,
  })
  await api.dispose()

  const { page, context, problems } = await newPage(run.browser)
  try {
    await logIn(page, SUPERVISOR.login, SUPERVISOR.password)
    await page.goto(`/cases/${c.id}`)
    await expectHeading(page, CASE_TITLE)
    await page.getByRole('link', { name: `本人（${SUBJECT}）` }).click()
    await expectHeading(page, '開示請求への対応')

    await page.getByRole('button', { name: '開示する記録をまとめる' }).click()
    await page.getByText('開示の理由を入力してください。').waitFor()
    await page.getByLabel('開示の理由').fill(REASON)
    await page.getByRole('button', { name: '開示する記録をまとめる' }).click()

    await expectHeading(page, '保有個人データの開示')
    const doc = page.getByRole('article', { name: '保有個人データの開示' })
    await doc.getByText(REASON).waitFor()
    for (const name of ['ご本人について記録している情報', `1. ${CASE_TITLE}（ご本人として）`, '記録を見た人・記録した人（監査ログ）'])
      await doc.getByRole('heading', { level: 2, name }).waitFor()
    for (const name of ['相談・支援記録', 'アセスメント', '支援計画', '同意の記録', '関係機関へのつなぎと共有した情報'])
      await doc.getByRole('heading', { level: 3, name }).waitFor()
    await doc.getByText(`本人と話した ${RUN_ID}`).waitFor()
    await page.getByRole('button', { name: '印刷する' }).waitFor()
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'JSON で保存' }).click()
    assert.match((await download).suggestedFilename(), /^開示-.+\.json$/)
    await screenshot(page, 'disclosure-screen')

    await page.emulateMedia({ media: 'print' })
    for (const selector of ['.shell-header', '.main-nav', '.no-print'])
      for (const el of await page.locator(selector).all()) assert.equal(await el.isVisible(), false, `${selector} is hidden in print`)
    assert.equal(await page.getByRole('button', { name: '印刷する' }).isVisible(), false)
    assert.equal(await doc.isVisible(), true)
    const breakBefore = await page.locator('.disclosure-case').first().evaluate((el) => getComputedStyle(el).breakBefore)
    assert.equal(breakBefore, 'page')
    await screenshot(page, 'disclosure-print')
    await page.emulateMedia({ media: 'screen' })
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})
