// つなぎ先の候補 in the browser (issue 4, point 7): after a first assessment
// that records 興味関心 and できること, the case's tab lists the directory's
// resources that fit, each with why it fits; the person's own limit
// (オンラインでのみ参加できる) moves a place that meets in person to the
// excluded list, with its reason, rather than hiding it. Nothing is sent.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { RUN_ID, apiAs, expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'

const COORDINATOR = { login: 'suzuki', password: 'demo-suzuki-pass' }
const SUPERVISOR = { login: 'sato', password: 'demo-sato-pass' }
const CASE_TITLE = `候補確認 ${RUN_ID}`
const ATELIER = `アトリエ居場所 ${RUN_ID}`
const ONLINE = `オンライン交流会 ${RUN_ID}`
const resource = { category: '民間支援団体（当事者団体・NPO法人等）', gender: '指定なし', cost: '無料', tags: [] }
const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10)

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

test('candidates with their reasons; the person\'s limit excludes a place with its reason', async () => {
  const supervisor = await apiAs(SUPERVISOR)
  await supervisor.post('/api/v1/resources', { ...resource, name: ATELIER, services: '絵を描く・工作の居場所', in_person: true, online: false })
  await supervisor.post('/api/v1/resources', { ...resource, name: ONLINE, services: 'オンラインでボードゲーム', tags: ['ゲーム'], in_person: false, online: true })
  await supervisor.dispose()

  const coordinator = await apiAs(COORDINATOR)
  const made = await coordinator.post('/api/v1/cases', { title: CASE_TITLE, intake_route: '家族', subject_awareness: '不明',
    subject: { naming: 'pseudonym', name: `候補さん${RUN_ID}`, sex: '男性', age_band: '20代' } })
  await coordinator.post(`/api/v1/cases/${made.id}/assessments`, {
    assessed_on: today(), outing_level: '自室からは出るが、家からは出ない', outing_duration_band: '1年～2年未満',
    interests: '絵を描くこと、ゲーム', strengths: 'パソコンが得意' })
  await coordinator.dispose()

  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    await mainMenu(page).getByRole('link', { name: 'ケース', exact: true }).waitFor()  // signed in
    await page.goto(`/cases/${encodeURIComponent(made.id)}`)
    await expectHeading(page, CASE_TITLE)
    await page.getByRole('tab', { name: 'つなぎ先の候補' }).click()
    await page.getByText(/何も送信されていません/).waitFor()

    const candidates = page.getByRole('list', { name: '候補（合う順）' })
    const atelier = candidates.getByRole('listitem').filter({ has: page.getByRole('link', { name: ATELIER }) })
    await atelier.getByRole('list', { name: '合う理由' }).getByText('関心: 絵を描く に合う').waitFor()
    const online = candidates.getByRole('listitem').filter({ has: page.getByRole('link', { name: ONLINE }) })
    await online.getByText('関心: ゲーム に合う').waitFor()
    await online.getByText('オンラインで参加できる（家から参加できる）').waitFor()
    await screenshot(page, 'case-matches')

    await page.getByLabel('オンラインでのみ参加できる').check()
    await page.getByText(/条件に合わないため候補から外したもの/).click()
    const excluded = page.locator('details.match-excluded li').filter({ has: page.getByRole('link', { name: ATELIER }) })
    await excluded.waitFor()
    assert.match(await excluded.innerText(), /オンライン/, 'the reason names the limit')
    assert.equal(await candidates.getByRole('link', { name: ATELIER }).count(), 0)
    await candidates.getByRole('link', { name: ONLINE }).waitFor()
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})
