// 実態把握調査 in the browser (issue 18, points 2 and 10): a 民生委員 (nakamura,
// surveyor) fills an anonymous card on her phone, keeps it as a draft and
// sends it; staff (suzuki) type paper cards with the keyboard only, and a
// wrong number is caught before anything is written.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, expectHeading, launch, logIn, mainMenu, newPage, screenshot, openMainMenu } from './support/browser.mjs'
import { axeViolations } from './support/axe.mjs'

const SURVEYOR = { login: 'nakamura', password: 'demo-nakamura-pass' }
const STAFF = { login: 'suzuki', password: 'demo-suzuki-pass' }
const PHONE = { width: 390, height: 844 }

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

async function demoSurvey(who) {
  const api = await apiAs(who)
  const survey = (await api.get('/api/v1/surveys')).items?.find((s) => s.title.startsWith('さくら市ひきこもり等の実態把握調査'))
  return { api, survey }
}

test('a 民生委員 fills a card on her phone: no name asked, 分からない everywhere, draft then sent', async (t) => {
  const { api, survey } = await demoSurvey(SURVEYOR)
  if (!survey) { await api.dispose(); t.skip('no demo survey in this database'); return }
  const before = (await api.get(`/api/v1/surveys/${survey.id}/cards`)).items.length

  const { context, page, problems } = await newPage(run.browser, { viewport: PHONE, isMobile: true, hasTouch: true })
  try {
    await logIn(page, SURVEYOR.login, SURVEYOR.password)
    await (await openMainMenu(page)).getByRole('link', { name: '実態把握調査', exact: true }).click()
    await expectHeading(page, '実態把握調査')
    await page.getByText('さくら中央地区').first().waitFor()
    await page.getByRole('button', { name: '調査票を書く（1人につき1枚）' }).tap()
    const form = page.locator('form.survey-card')
    await form.getByText('お名前やご住所は書かないでください').waitFor()
    assert.equal(await form.locator('input[type="text"], textarea').count(), 0, 'no free text on the card')
    // Every item offers 分からない.
    const groups = form.locator('fieldset')
    const n = await groups.count()
    assert.equal(n, survey.items.length)
    for (let i = 0; i < n; i++) assert.ok(await groups.nth(i).getByText('分からない', { exact: true }).count() === 1, `item ${i}`)
    const answer = async (legend, choice) => form.locator('fieldset').filter({ has: page.locator('legend', { hasText: legend }) }).getByText(choice, { exact: true }).tap()
    await answer('年代', '40代')
    await answer('性別', '男性')
    await answer('世帯の状況', '高齢の親と同居（8050など）')
    await answer('外出状況', '自室からは出るが、家からは出ない')
    await page.getByRole('button', { name: '下書きとして保存' }).tap()
    await page.getByRole('status').filter({ hasText: '下書きとして保存しました' }).waitFor()

    // Later: continue the draft and send it.
    await page.locator('.card-list-item').filter({ hasText: '40代・男性・高齢の親と同居（8050など）' }).getByRole('button', { name: '続きを書く' }).tap()
    await answer('今の状態になってからの期間', '分からない')
    await answer('きっかけと思われること', '分からない')
    await answer('いま支えになっている人や機関', '分からない')
    await answer('相談窓口を知っているか', '知らない')
    await answer('必要と思われる支援', '家族への支援')
    await answer('生活に困っている様子があるか', '分からない')
    // Big targets on a phone, and nothing wider than the screen.
    for (const box of await form.locator('.choice').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
      assert.ok(box.height >= 48, `tap target ${box.height}px`)
      assert.ok(box.right <= PHONE.width, `tap target reaches ${box.right}px`)
    }
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling')
    await screenshot(page, 'survey-card-phone')
    await page.getByRole('button', { name: '送信する' }).tap()
    await page.getByRole('status').filter({ hasText: '調査票を送信しました' }).waitFor()
    const cards = (await api.get(`/api/v1/surveys/${survey.id}/cards`)).items
    assert.equal(cards.length, before + 1)
    const sent = cards.find((c) => c.state === '送信済み' && c.household === '高齢の親と同居（8050など）' && c.answers.knows_centre?.[0] === '知らない')
    assert.ok(sent, 'the sent card')
    assert.equal(sent.district_name, 'さくら中央地区')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
    await api.dispose()
  }
})

test('staff type paper cards with the keyboard only; a wrong number is caught first', async (t) => {
  const { api, survey } = await demoSurvey(STAFF)
  if (!survey) { await api.dispose(); t.skip('no demo survey in this database'); return }
  const before = (await api.get(`/api/v1/surveys/${survey.id}/cards`)).items.length

  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, STAFF.login, STAFF.password)
    await mainMenu(page).getByRole('link', { name: '実態把握調査', exact: true }).click()
    await expectHeading(page, '実態把握調査')
    await page.getByRole('link', { name: survey.title }).click()
    await expectHeading(page, survey.title)
    await page.getByRole('link', { name: '紙の調査票を一括入力' }).click()
    await expectHeading(page, '調査票の一括入力')

    // From here on, only the keyboard.
    await page.locator('#bulk-respondent').focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    // Tab on through 記入日 (today; its year, month and day are stops of their own) to the first item.
    for (let i = 0; i < 8 && (await page.evaluate(() => document.activeElement?.id)) !== 'bulk-age_band'; i++) await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'bulk-age_band')
    const typeCard = async (lines) => {
      for (const l of lines) {
        await page.keyboard.type(l)
        await page.keyboard.press('Enter')
      }
    }
    // 年代 40代, 男性, 高齢の親と同居, 期間 分からない, 外出 自室からは出るが…, きっかけ 退職・人間関係,
    // 支援 分からない, 窓口 知らない, 必要な支援 家族への支援・居場所, 生活に困っている様子 分からない.
    const first = ['4', '1', '3', '9', '7', '1 2', '5', '2', '2 3', '3']
    await typeCard(first)
    await page.getByRole('status').filter({ hasText: '1枚目を登録しました' }).waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'bulk-age_band', 'back at the first item')
    await typeCard(['2', '2', '1', '3', '6', '9', '1', '1', '1', '2'])
    await page.getByRole('status').filter({ hasText: '2枚目を登録しました' }).waitFor()
    // A number that is not a choice: refused on the page, nothing sent.
    await typeCard(['99', '1', '1', '1', '1', '1', '1', '1', '1', '1'])
    await page.getByText('99 は選択肢の番号にありません').waitFor()
    await screenshot(page, 'survey-bulk-entry')

    const cards = (await api.get(`/api/v1/surveys/${survey.id}/cards`)).items
    assert.equal(cards.length, before + 2)
    const typed = cards.find((c) => c.answers.trigger?.join('・') === '退職・人間関係' && c.answers.needs?.join('・') === '家族への支援・居場所')
    assert.ok(typed, 'the first typed card with its multiple answers')
    assert.equal(typed.state, '送信済み')
    assert.equal(typed.age_band, '40代')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
    await api.dispose()
  }
})

test('staff see response, duplicates, district rates, charts and the estimates of the demo survey, with a further list', async (t) => {
  const { api, survey } = await demoSurvey(STAFF)
  await api.dispose()
  if (!survey) { t.skip('no demo survey in this database'); return }
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, STAFF.login, STAFF.password)
    await page.goto(`/surveys/${survey.id}`)
    await expectHeading(page, survey.title)
    await page.getByRole('heading', { name: '回収の状況' }).waitFor()
    const total = page.getByRole('row').filter({ hasText: '合計' })
    assert.match(await total.innerText(), /40\s+31/)
    const pair = page.getByRole('row').filter({ hasText: '未判断' }).first()
    await pair.getByRole('button', { name: '同一人物' }).click()
    await page.getByRole('status').filter({ hasText: '「同一人物」と記録しました' }).waitFor()
    await page.getByRole('heading', { name: /地区ごとの把握数/ }).waitFor()
    // The population is set by the organisation's supervisor (next test), not by a coordinator.
    await page.getByText('人口の登録は、地域を受け持つ組織の管理者またはシステム管理者が行います。').waitFor()
    await page.getByText(/独立かどうかを確かめられません/).waitFor()
    // Charts (point 8): SVG with a title and a table of the same numbers each.
    for (const title of ['地区ごとの回収率（%）', '地区ごとの人口千人あたりの把握数', '推計の総数と95%信頼区間']) {
      await page.getByRole('img', { name: new RegExp(title.replace(/[()（）%]/g, '.')) }).waitFor()
      await page.locator('caption', { hasText: title }).first().waitFor({ state: 'attached' })
    }
    assert.equal(await page.locator('svg[role="img"][aria-labelledby^="chart-item-"]').count(), survey.items.length)
    // A further list (point 6): a 地域包括支援センター's rows without names, from a UTF-8 CSV with a BOM.
    await page.getByText(/推計に使う追加の名簿/).click()
    await page.locator('#further-name').fill('地域包括支援センターの名簿')
    const rows = ['地区,性別,年代']
    for (const [d, g, b] of [['さくら中央地区', '男性', '40代'], ['ひがし台地区', '女性', '30代'], ['おおの地区', '男性', '50代'], ['かわべ地区', '女性', '20代']]) rows.push(`${d},${g},${b}`)
    await page.locator('#further-file').setInputFiles({ name: 'houkatsu.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + rows.join('\r\n')) })
    await page.getByRole('button', { name: '名簿を登録する' }).click()
    await page.getByRole('status').filter({ hasText: '「地域包括支援センターの名簿」（4行）を登録しました' }).waitFor()
    const models = page.getByRole('table', { name: '対数線形モデルの比較（調査の名簿）' })
    await models.waitFor()
    assert.equal(await models.locator('tbody tr').count(), 8)
    await page.getByText(/Chapman/).first().waitFor()
    // A second list saved in Shift_JIS (as many municipalities' tools write CSV): the browser decodes it.
    const sjis = '926e8be62c90ab95ca2c944e91e30d0a82b382ad82e79286899b926e8be62c8f9790ab2c363091e30d0a82d082aa82b591e4926e8be62c926a90ab2c343091e30d0a'
    await page.locator('#further-name').fill('学校の名簿')
    await page.locator('#further-file').setInputFiles({ name: 'gakko.csv', mimeType: 'text/csv', buffer: Buffer.from(sjis, 'hex') })
    await page.getByRole('button', { name: '名簿を登録する' }).click()
    await page.getByRole('status').filter({ hasText: '「学校の名簿」（2行）を登録しました' }).waitFor()
    await models.locator('tbody tr').nth(63).waitFor() // four lists: 64 models
    const violations = await axeViolations(page)
    assert.deepEqual(violations.map((v) => v.id), [])
    await screenshot(page, 'survey-detail')
    page.once('dialog', (d) => d.accept())
    await page.getByRole('button', { name: '「地域包括支援センターの名簿」を削除' }).click()
    await page.getByRole('status').filter({ hasText: '「地域包括支援センターの名簿」を削除しました' }).waitFor()
    page.once('dialog', (d) => d.accept())
    await page.getByRole('button', { name: '「学校の名簿」を削除' }).click()
    await page.getByRole('status').filter({ hasText: '「学校の名簿」を削除しました' }).waitFor()
    await models.waitFor({ state: 'detached' })
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('the organisation\'s supervisor imports the population from a 住民基本台帳 CSV', async (t) => {
  const SUPERVISOR = { login: 'sato', password: 'demo-sato-pass' }
  const { api, survey } = await demoSurvey(SUPERVISOR)
  await api.dispose()
  if (!survey) { t.skip('no demo survey in this database'); return }
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, SUPERVISOR.login, SUPERVISOR.password)
    await page.goto(`/surveys/${survey.id}`)
    await expectHeading(page, survey.title)
    // Population from a 住民基本台帳 CSV (five-year bands), for the survey's year.
    await page.getByText('人口の取り込み（住民基本台帳の年齢別人口 CSV）').click()
    const lines = ['地区,年齢,人口']
    for (let age = 10; age < 70; age += 5) lines.push(`おおの地区,${age}～${age + 4}歳,800`)
    lines.push('おおの地区,70歳以上,4600')
    await page.locator('#population-file').setInputFiles({ name: 'juki.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) })
    await page.getByRole('status').filter({ hasText: '人口を取り込みました（おおの地区 14,200人）' }).waitFor()
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('an analyst reproduces the Cabinet Office estimate and compares list models side by side', async (t) => {
  const ANALYST = { login: 'kobayashi', password: 'demo-kobayashi-pass' }
  const api = await apiAs(ANALYST).catch(() => null)
  if (!api) { t.skip('no demo analyst'); return }
  await api.dispose()
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, ANALYST.login, ANALYST.password)
    await mainMenu(page).getByRole('link', { name: '推計', exact: true }).click()
    await expectHeading(page, '推計')
    await page.getByLabel('1行目の年齢層').fill('40～64歳')
    await page.getByLabel('1行目の有効回答数').fill('3248')
    await page.getByLabel('1行目の狭義の該当者数').fill('28')
    await page.getByLabel('1行目の準の該当者数').fill('19')
    await page.getByLabel('1行目の人口').fill('42,350,000')
    await page.locator('form', { has: page.getByLabel('1行目の人口') }).getByRole('button', { name: '推計する' }).click()
    const broad = page.getByRole('table', { name: '内閣府の方法による推計の結果' }).getByRole('row').filter({ hasText: '広義' })
    assert.match(await broad.innerText(), /1\.45%.*612,823/s)
    await page.getByText(/Wilson/).first().waitFor()
    const cells = { '100': 43, '010': 31, '110': 12, '001': 27, '101': 9, '011': 7, '111': 4 }
    for (const [p, c] of Object.entries(cells)) await page.locator(`#cell-${p}`).fill(String(c))
    await page.locator('form', { has: page.locator('#list-names') }).getByRole('button', { name: '推計する' }).click()
    const models = page.getByRole('table', { name: '対数線形モデルの比較' })
    await models.waitFor()
    assert.equal(await models.locator('tbody tr').count(), 8)
    await models.getByText('（選ばれたモデル）').waitFor()
    await screenshot(page, 'survey-estimates')
    // The prefecture's view: さくら市 has a 窓口 and this year's 実態把握 on record.
    await mainMenu(page).getByRole('link', { name: '市町村ごとの取組', exact: true }).click()
    await expectHeading(page, '市町村ごとの取組')
    const sakura = page.getByRole('row').filter({ hasText: 'さくら市' })
    assert.match(await sakura.innerText(), /ステーション[\s\S]*\d{4}年度/)
    await screenshot(page, 'prefecture-overview')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})
