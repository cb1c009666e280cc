// The home screen as a 相談員 sees it (issue 15 point 3): suzuki opens the
// app and finds what is due by today, the referrals newly sent to さくら市,
// the cases without contact for a while and this week's meetings, each a
// link to its record. The demo has no next step due today, so the test
// records one (and a meeting today) through the API first.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, expectHeading, launch, logIn, mainMenu, newPage, RUN_ID, screenshot } from './support/browser.mjs'
import { assertAccessible } from './support/axe.mjs'

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

const tokyoDay = (offsetDays = 0) => new Date(Date.now() + 9 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10)

test('suzuki sees what is due, quiet cases and this week\'s meetings, and follows a link to the case', async () => {
  const api = await apiAs({ login: 'suzuki', password: 'demo-suzuki-pass' })
  const title = `ホーム確認 ${RUN_ID}`
  const step = `母へ折り返しの電話 ${RUN_ID}`
  let caseId
  try {
    caseId = (await api.post('/api/v1/cases', { title, intake_route: '家族', subject_awareness: '不明' })).id
    await api.post(`/api/v1/cases/${caseId}/contacts`, {
      occurred_at: new Date(Date.now() - 3 * 86400e3).toISOString(), channel: '電話', counterpart: '母', subject_met: false,
      note: '母より電話。', next_step: step, next_step_on: tokyoDay(-1),
    })
    await api.post('/api/v1/meetings', { kind: '事例検討', title: `今週の事例検討 ${RUN_ID}`, held_on: tokyoDay(0) })
  } finally {
    await api.dispose()
  }

  const { page, context } = await newPage(run.browser)
  try {
    await logIn(page, 'suzuki', 'demo-suzuki-pass')
    await mainMenu(page).getByRole('link', { name: 'ホーム', exact: true }).click()
    await expectHeading(page, 'ホーム')
    const due = page.getByRole('region', { name: '今日までの次にすること' })
    await due.getByRole('link', { name: step }).waitFor()
    assert.match(await due.innerText(), /日付が過ぎています/)
    const referrals = page.getByRole('region', { name: /新しく届いたつなぎ/ })
    await referrals.getByRole('link', { name: '受け入れの一覧を開く' }).waitFor()
    const quiet = page.getByRole('region', { name: 'しばらく連絡がないケース' })
    assert.ok((await quiet.getByRole('link').count()) >= 1, 'the demo has cases without contact for a while')
    assert.match(await quiet.innerText(), /最後の連絡から \d+ 日/)
    const meetings = page.getByRole('region', { name: '今週の会議' })
    await meetings.getByRole('link', { name: `今週の事例検討 ${RUN_ID}` }).waitFor()
    // The shortcuts stay.
    await page.getByRole('heading', { name: 'よく使う画面' }).waitFor()
    await assertAccessible(page, 'home with what is due')
    await screenshot(page, 'home-coordinator')

    await due.getByRole('link', { name: step }).click()
    await page.waitForURL(new RegExp(`/cases/${caseId}$`))
    await page.getByRole('heading', { name: new RegExp(title) }).first().waitFor()

    // The meeting link leads to the meeting.
    await mainMenu(page).getByRole('link', { name: 'ホーム', exact: true }).click()
    await page.getByRole('region', { name: '今週の会議' }).getByRole('link', { name: `今週の事例検討 ${RUN_ID}` }).click()
    await page.waitForURL(/\/meetings\/[^/]+$/)
  } finally {
    await context.close()
  }
})

test('a role without case work sees a calm home with its shortcuts only', async () => {
  const { page, context } = await newPage(run.browser)
  try {
    await logIn(page, 'watanabe', 'demo-watanabe-pass')
    await expectHeading(page, 'ホーム')
    await page.getByRole('heading', { name: 'よく使う画面' }).waitFor()
    assert.equal(await page.getByRole('region', { name: '今日までの次にすること' }).count(), 0)
    await assertAccessible(page, 'home of ibasho staff')
  } finally {
    await context.close()
  }
})
