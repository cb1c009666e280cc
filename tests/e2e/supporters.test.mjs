// Supporters (issue 17, points 8 and 10): the coordinator of NPO法人ひだまりの家
// (hayashi) asks for a supporter from the dispatch board — candidates with
// their reasons, one chosen by hand — and the supporter (yamamoto, 山本 ゆう)
// answers on a phone, reports after the activity in well under two minutes,
// and then sees nothing more of it; their trainings show what is valid.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { assertAccessible } from './support/axe.mjs'
import { apiAs, expectHeading, launch, logIn, logOut, mainMenu, newPage, screenshot, openMainMenu } from './support/browser.mjs'
import { begunToday, minute } from '../support/begun_today.mjs'

const COORDINATOR = { login: 'hayashi', password: 'demo-hayashi-pass' }
const SUPPORTER = { login: 'yamamoto', password: 'demo-yamamoto-pass' }
const PHONE = { width: 390, height: 844 }
const tokyoDay = (offset = 0) => new Date(Date.now() + 9 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10)
const slotLabel = (day) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

test('the coordinator asks for a supporter from the dispatch board', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    await mainMenu(page).getByRole('link', { name: '派遣', exact: true }).click()
    await expectHeading(page, '派遣')
    await page.getByRole('button', { name: 'サポーターの派遣を依頼' }).click()
    const caseOption = await page.getByLabel('ケース（必須）', { exact: true }).locator('option', { hasText: 'N01' }).getAttribute('value')
    await page.getByLabel('ケース（必須）', { exact: true }).selectOption(caseOption)
    await page.getByLabel('活動（必須）', { exact: true }).selectOption('訪問同行')
    await page.getByLabel('日付（必須）', { exact: true }).fill(tokyoDay(40))
    await page.getByLabel('開始（必須）', { exact: true }).fill('10:00')
    await page.getByLabel('終了（必須）', { exact: true }).fill('11:00')
    // N01's 本人 wishes 同性 and ピア (recorded on the person): the form starts from them.
    await page.getByTestId('wishes-note').filter({ hasText: '本人の記録にある希望を入れています' }).waitFor()
    assert.equal(await page.getByLabel('同性').isChecked(), true)
    assert.equal(await page.getByLabel('ピア（経験のある人）').isChecked(), true)
    assert.equal(await page.getByLabel('同世代').isChecked(), false)
    await page.getByRole('button', { name: '候補を見る' }).click()
    const yamamoto = page.locator('.candidate').filter({ hasText: '山本 ゆう' })
    await yamamoto.waitFor()
    assert.match(await yamamoto.innerText(), /本人の希望（ピア）に合います/)
    assert.match(await yamamoto.innerText(), /資格がその日に有効です/)
    // 藤井さん's 訪問同行 qualification has expired by then: he cannot be chosen, and it says why.
    const resting = page.locator('.candidate').filter({ hasText: '藤井 まさと' })
    assert.match(await resting.innerText(), /有効な「訪問同行」の資格がありません/)
    assert.equal(await resting.getByRole('radio').isDisabled(), true)
    await screenshot(page, 'dispatch-candidates')
    // Nothing is sent until a person chooses.
    await yamamoto.getByRole('radio').check()
    await page.getByLabel('本人の呼び名（本人が了承したもの）（必須）', { exact: true }).fill('だいちゃん')
    await page.getByLabel('活動の場所（コーディネーター用）（必須）', { exact: true }).fill('本人の自宅')
    await page.getByLabel('待ち合わせ場所（必須）', { exact: true }).fill('さくら中央駅 北口')
    await page.getByLabel('連絡先の担当者（必須）', { exact: true }).fill('林')
    await page.getByLabel('連絡先の電話番号（必須）', { exact: true }).fill('0120-000-111')
    await page.getByLabel('サポーターへのメモ（訪問で知っておいてほしいこと）').fill('最初は玄関先で5分だけ。')
    await page.getByRole('button', { name: 'この人に依頼する' }).click()
    await page.getByRole('status').filter({ hasText: '山本 ゆうさんに依頼しました' }).waitFor()
    const row = page.getByRole('row').filter({ hasText: slotLabel(tokyoDay(40)) }).filter({ hasText: '山本 ゆう' })
    assert.match(await row.innerText(), /依頼/)
    await screenshot(page, 'dispatch-board')
    // A supporter's name stays on one line, never broken between family
    // and given name (it was 岡田／りょう in a narrow column at 1280 px).
    const nameLines = await page.getByRole('table', { name: '派遣の一覧' }).locator('tbody tr').evaluateAll((rows) =>
      rows.map((r) => {
        const range = document.createRange()
        range.selectNodeContents(r.cells[2])
        // Lines, not boxes: kanji and kana may sit in boxes a pixel apart.
        const tops = [...range.getClientRects()].map((x) => x.top)
        const line = parseFloat(getComputedStyle(r.cells[2]).lineHeight)
        return [r.cells[2].innerText, 1 + Math.round((Math.max(...tops) - Math.min(...tops)) / line)]
      }))
    assert.ok(nameLines.length > 0)
    for (const [name, lines] of nameLines) assert.equal(lines, 1, `${name}: ${lines} lines`)
    // Choosing a state shows only those, at once.
    const board = page.getByRole('table', { name: '派遣の一覧' })
    await page.getByRole('search', { name: '派遣の絞り込み' }).getByLabel('状況で絞り込む').selectOption('承諾')
    const stateOf = () => board.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.cells[4]?.innerText.split('\n')[0].trim()))
    let states = await stateOf()
    for (let i = 0; i < 50 && !(states.length > 0 && states.every((x) => x === '承諾')); i++) {
      await page.waitForTimeout(200)
      states = await stateOf()
    }
    assert.ok(states.length > 0 && states.every((x) => x === '承諾'), `only 承諾: ${states.join(', ')}`)
    await logOut(page)
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('the supporter answers and reports on a phone, then sees nothing more of it', async () => {
  // An activity that began today, asked for through the API.
  const api = await apiAs(COORDINATOR)
  const cases = await api.get('/api/v1/cases?limit=50')
  const npoCase = cases.items.find((c) => c.title.startsWith('N01'))
  const supporters = await api.get('/api/v1/supporters')
  const me = supporters.items.find((s) => s.name === '山本 ゆう')
  await api.post(`/api/v1/cases/${npoCase.id}/dispatches`, {
    supporter_id: me.id, activity: '居場所の運営', date: await begunToday(0), starts: minute(0), ends: minute(3), place: 'ひだまりの家',
    meeting_point: 'ひだまりの家 1階受付', nickname: 'けんさん', note_for_supporter: 'カードゲームが好きです。', call_name: '林', call_phone: '0120-000-111',
  })
  await api.dispose()

  const { context, page, problems } = await newPage(run.browser, { viewport: PHONE, isMobile: true, hasTouch: true })
  try {
    await logIn(page, SUPPORTER.login, SUPPORTER.password)
    await (await openMainMenu(page)).getByRole('link', { name: '活動', exact: true }).click()
    await expectHeading(page, '活動')
    const card = page.locator('.dispatch-card').filter({ hasText: 'けんさん' })
    await card.waitFor()
    assert.match(await card.innerText(), /ひだまりの家 1階受付/)
    assert.match(await card.innerText(), /カードゲームが好きです/)
    // Nothing of the case: no title, no place written for the coordinators.
    const text = await page.locator('main').innerText()
    assert.ok(!text.includes('N01') && !text.includes('森'), 'no case title or name')
    // The qualifications read as cards on the phone, each value after its heading.
    const qualification = page.getByRole('table', { name: '活動ごとの資格' }).locator('tbody tr').first()
    assert.equal(await qualification.evaluate((e) => getComputedStyle(e).display), 'block')
    assert.equal(await qualification.locator('td').first().evaluate((e) => getComputedStyle(e, '::before').content), '"状態"')
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 390, `no sideways scrolling (${width} px)`)
    await screenshot(page, 'supporter-phone-request')

    const started = Date.now()
    await card.getByRole('button', { name: '引き受ける' }).tap()
    await page.getByRole('status').filter({ hasText: 'お引き受けいただきました' }).waitFor()
    await card.getByRole('button', { name: '報告を書く' }).tap()
    await card.getByLabel('どんなことをしたか（必須）').fill('カードゲームを3回。最後に次回の話をした。')
    await card.getByLabel('本人の様子').fill('はじめは静かだったが、笑顔も見えた')
    await card.getByLabel('活動の時間（分）').fill('30')
    await card.getByRole('button', { name: '報告を送る' }).tap()
    await page.getByRole('status').filter({ hasText: '報告を送りました' }).waitFor()
    const seconds = (Date.now() - started) / 1000
    assert.ok(seconds < 120, `お返事と報告に ${seconds} 秒かかりました`)
    await page.locator('.dispatch-card').filter({ hasText: 'けんさん' }).waitFor({ state: 'detached' })
    assert.ok(!(await page.locator('main').innerText()).includes('けんさん'), 'the nickname is gone after the report')
    assert.match(await page.locator('.past-list').innerText(), /居場所の運営\s+報告済み/)

    // This month's statement counts the activity (30 minutes at the NPO's 1,000 yen an hour).
    assert.match(await page.getByRole('table', { name: /の活動と謝金・交通費$/ }).innerText(), /居場所の運営\s+30分\s+500円/)
    // Trainings and their validity.
    const table = page.getByRole('table', { name: '活動ごとの資格' })
    assert.match(await table.innerText(), /訪問同行\s+有効/)
    assert.match(await page.locator('.training-list').innerText(), /さくら市ひきこもりサポーター養成講座/)

    for (const box of await page.locator('.big-tap').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON())))
      assert.ok(box.height >= 44, `tap target ${box.height}px`)
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling')
    await screenshot(page, 'supporter-phone-after-report')
    // The coordinators' screens stay closed.
    await page.goto('/dispatches')
    await page.getByRole('heading', { name: 'この画面を表示する権限がありません' }).waitFor()
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('the register shows what is expiring, the year\'s figures, and a statement for the accounting office', async () => {
  const { context, page, problems } = await newPage(run.browser, { acceptDownloads: true })
  try {
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    await mainMenu(page).getByRole('link', { name: 'サポーター', exact: true }).click()
    await expectHeading(page, 'サポーター')
    const fujii = page.getByRole('row').filter({ hasText: '藤井 まさと' })
    assert.match(await fujii.innerText(), /訪問同行：期限が近い/)
    await page.getByRole('heading', { name: /の数字$/ }).waitFor()
    assert.match(await page.locator('#supporter-figures-title + p').innerText(), /活動中のサポーター 12人（うちピア 2人）/)
    const download = page.waitForEvent('download')
    await page.getByRole('row').filter({ hasText: '山本 ゆう' }).getByRole('link', { name: 'CSV' }).click()
    const file = await download
    assert.match(file.suggestedFilename(), /\.csv$/)
    // The pay rates: per activity beside the organisation's; a coordinator reads them, a supervisor sets them.
    const rates = page.getByRole('region', { name: '謝金と交通費' })
    assert.equal(await rates.getByLabel('組織の謝金（1時間あたり・円）').inputValue(), '1000')
    assert.equal(await rates.getByLabel('訪問同行の謝金').inputValue(), '')
    assert.match(await rates.innerText(), /単価は所長・主任相談員（スーパーバイザー）が決めます/)
    await screenshot(page, 'supporters-register')
    await logOut(page)
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('an urgent report reaches the coordinator at once: beside 派遣 in the menu and on the home screen', async () => {
  // 山本さん reports an activity of today, marked urgent (through the API).
  const coordinator = await apiAs(COORDINATOR)
  const npoCase = (await coordinator.get('/api/v1/cases?limit=50')).items.find((c) => c.title.startsWith('N02'))
  const me = (await coordinator.get('/api/v1/supporters')).items.find((s) => s.name === '山本 ゆう')
  const d = await coordinator.post(`/api/v1/cases/${npoCase.id}/dispatches`, {
    supporter_id: me.id, activity: '居場所の運営', date: await begunToday(4), starts: minute(4), ends: minute(5), place: 'ひだまりの家',
    meeting_point: 'ひだまりの家 1階受付', nickname: 'まゆさん', call_name: '林', call_phone: '0120-000-111',
  })
  await coordinator.dispose()
  const supporter = await apiAs(SUPPORTER)
  await supporter.post(`/api/v1/my/dispatches/${d.id}/answer`, { answer: '承諾' }, { 'If-Match': '"1"' })
  await supporter.post(`/api/v1/my/dispatches/${d.id}/report`, { what_happened: '帰り道で体調がすぐれない様子だった', urgent: true }, { 'If-Match': '"2"' })
  await supporter.dispose()

  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    const section = page.getByTestId('home-urgent-reports')
    await section.waitFor()
    assert.match(await section.innerText(), /サポーターからの急ぎの連絡\s*1件/)
    assert.match(await section.innerText(), /山本 ゆうさんの報告/)
    assert.ok(!(await section.innerText()).includes('体調'), 'the report\'s words stay on the dispatch board')
    const count = mainMenu(page).getByTestId('nav-urgent-reports-count')
    assert.equal((await count.innerText()).replace(/\s/g, ''), '（急ぎの連絡がある報告1件）')
    await mainMenu(page).getByRole('link', { name: /^派遣\s*（急ぎの連絡がある報告\s*1\s*件）$/ }).waitFor()
    await screenshot(page, 'home-urgent-report')
    await section.getByRole('link', { name: '山本 ゆうさんの報告' }).click()
    await expectHeading(page, '派遣')
    assert.match(await page.getByRole('region', { name: /急ぎの連絡がある報告/ }).innerText(), /体調がすぐれない/)
    const row = page.getByRole('row').filter({ hasText: '帰り道で体調がすぐれない' })
    await row.getByRole('button', { name: '記録にする（本人と会えた）' }).click()
    await page.getByRole('status').filter({ hasText: '報告を相談・支援記録' }).waitFor()
    await count.waitFor({ state: 'detached' })
    await logOut(page)
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

// While the coordinator stays on one screen, the menu's counts are read
// again every minute (web/src/layout/countWatch.ts): an urgent report shows
// beside 派遣 and is said in the menu's live line without moving anywhere.
test('an urgent report arriving while the coordinator stays on one screen is shown within a minute', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await page.clock.install()
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    await page.goto('/supporters')
    await expectHeading(page, 'サポーター')
    const count = mainMenu(page).getByTestId('nav-urgent-reports-count')
    assert.equal(await count.count(), 0, 'no urgent report waits yet')

    const coordinator = await apiAs(COORDINATOR)
    const npoCase = (await coordinator.get('/api/v1/cases?limit=50')).items.find((c) => c.title.startsWith('N02'))
    const me = (await coordinator.get('/api/v1/supporters')).items.find((s) => s.name === '山本 ゆう')
    const d = await coordinator.post(`/api/v1/cases/${npoCase.id}/dispatches`, {
      supporter_id: me.id, activity: '居場所の運営', date: await begunToday(2), starts: minute(2), ends: minute(3), place: 'ひだまりの家',
      meeting_point: 'ひだまりの家 1階受付', nickname: 'まゆさん', call_name: '林', call_phone: '0120-000-111',
    })
    const supporter = await apiAs(SUPPORTER)
    await supporter.post(`/api/v1/my/dispatches/${d.id}/answer`, { answer: '承諾' }, { 'If-Match': '"1"' })
    const reported = await supporter.post(`/api/v1/my/dispatches/${d.id}/report`, { what_happened: '帰りに足元がふらついていた', urgent: true }, { 'If-Match': '"2"' })
    await supporter.dispose()

    await page.keyboard.press('Shift') // the person is at the screen
    await page.clock.runFor(61_000)
    await count.waitFor()
    assert.equal((await count.innerText()).replace(/\s/g, ''), '（急ぎの連絡がある報告1件）')
    await page.getByTestId('nav-notice').filter({ hasText: 'サポーターから、急ぎの連絡がある報告が届きました（1件）' }).waitFor()
    await expectHeading(page, 'サポーター') // still where the coordinator was
    await assertAccessible(page, 'the menu saying an urgent report has come')

    // Taken into the case, the count goes again.
    await coordinator.post(`/api/v1/dispatches/${d.id}/accept-report`, { subject_met: true }, { 'If-Match': `"${reported.version}"` })
    await coordinator.dispose()
    await page.keyboard.press('Shift')
    await page.clock.runFor(61_000)
    await count.waitFor({ state: 'detached' })
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('an analyst sees an organisation\'s supporter figures on the dashboard, small counts of people as X, nobody named', async () => {
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, 'kobayashi', 'demo-kobayashi-pass')
    await page.goto('/dashboard')
    await expectHeading(page, 'ダッシュボード')
    const select = page.getByLabel('組織', { exact: true })
    await select.locator('option', { hasText: 'NPO法人ひだまりの家' }).waitFor({ state: 'attached' })
    await select.selectOption({ label: 'NPO法人ひだまりの家' })
    const panel = page.getByTestId('dashboard-supporters')
    await panel.filter({ hasText: '活動中のサポーター 12人（うちピア X人）' }).waitFor()
    const text = await panel.innerText()
    assert.ok(!text.includes('山本') && !text.includes('藤井'), 'nobody named')
    assert.match(text, /少ない人数は「X」/)
    await screenshot(page, 'dashboard-supporters-analyst')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('another organisation asks for the NPO\'s supporter on a 支援会議; the NPO sees when and what, not the case', async () => {
  const STATION = { login: 'suzuki', password: 'demo-suzuki-pass' }
  const station = await apiAs(STATION)
  const orgs = await station.get('/api/v1/organisations')
  const npo = (orgs.items ?? orgs).find((o) => o.name === 'NPO法人ひだまりの家')
  const stationCase = (await station.get('/api/v1/cases?limit=1')).items[0]
  await station.post('/api/v1/meetings', {
    kind: '支援会議', legal_basis: '生活困窮者自立支援法第9条', title: '第1回 支援会議', held_on: tokyoDay(0),
    organisation_ids: [npo.id], cases: [{ case_id: stationCase.id, shared_parts: ['summary'] }],
  })
  await station.dispose()

  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, STATION.login, STATION.password)
    await page.goto(`/dispatches?case=${encodeURIComponent(stationCase.id)}`)
    await expectHeading(page, '派遣')
    await page.getByLabel('活動（必須）', { exact: true }).selectOption('訪問同行')
    await page.getByLabel('日付（必須）', { exact: true }).fill(tokyoDay(45))
    await page.getByLabel('開始（必須）', { exact: true }).fill('10:00')
    await page.getByLabel('終了（必須）', { exact: true }).fill('11:00')
    await page.getByRole('button', { name: '候補を見る' }).click()
    const yamamoto = page.locator('.candidate').filter({ hasText: '山本 ゆう' })
    await yamamoto.waitFor()
    assert.match(await yamamoto.innerText(), /NPO法人ひだまりの家/)
    await yamamoto.getByRole('radio').check()
    // The one basis that covers the NPO is chosen for the coordinator to see.
    const basis = page.getByLabel('共有の根拠（ほかの組織のサポーターに依頼するとき）')
    assert.match(await basis.locator('option:checked').innerText(), /支援会議「第1回 支援会議」/)
    await page.getByLabel('本人の呼び名（本人が了承したもの）（必須）', { exact: true }).fill('ひろさん')
    await page.getByLabel('活動の場所（コーディネーター用）（必須）', { exact: true }).fill('本人の自宅')
    await page.getByLabel('待ち合わせ場所（必須）', { exact: true }).fill('さくら駅 改札前')
    await page.getByLabel('連絡先の担当者（必須）', { exact: true }).fill('鈴木')
    await page.getByLabel('連絡先の電話番号（必須）', { exact: true }).fill('0120-222-333')
    await page.getByRole('button', { name: 'この人に依頼する' }).click()
    await page.getByRole('status').filter({ hasText: '山本 ゆうさんに依頼しました' }).waitFor()
    await logOut(page)

    // The NPO's coordinator: below the board, when and what — nothing of the case.
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    await page.goto('/dispatches')
    await expectHeading(page, '派遣')
    const elsewhere = page.getByRole('table', { name: 'ほかの組織からの派遣' })
    const row = elsewhere.getByRole('row').filter({ hasText: slotLabel(tokyoDay(45)) })
    assert.match(await row.innerText(), /訪問同行[\s\S]*山本 ゆう[\s\S]*さくら市ひきこもり支援ステーション[\s\S]*支援会議[\s\S]*依頼/)
    assert.ok(!(await elsewhere.innerText()).includes('ひろさん'), 'nothing of the case')
    await screenshot(page, 'dispatches-of-our-supporters')
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})

test('a coordinator marks a supporter 休止中 from the register, and back; the day they stopped is shown', async () => {
  const api = await apiAs(COORDINATOR)
  const name = `休止 テスト${Date.now() % 100000}`
  await api.post('/api/v1/supporters', { kind: 'ボランティア', name, activities: ['居場所の運営'] })
  await api.dispose()
  const { context, page, problems } = await newPage(run.browser)
  try {
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    await mainMenu(page).getByRole('link', { name: 'サポーター', exact: true }).click()
    await expectHeading(page, 'サポーター')
    const row = page.getByRole('row').filter({ hasText: name })
    await row.getByRole('button', { name: `${name}さんを休止中にする` }).click()
    await row.getByRole('button', { name: `${name}さんの活動を再開する` }).waitFor()
    const [y, m, d] = tokyoDay(0).split('-').map(Number)
    assert.match(await row.innerText(), new RegExp(`（休止中・${y}年${m}月${d}日から）`))
    await assertAccessible(page, 'the register with a supporter marked 休止中')
    await row.getByRole('button', { name: `${name}さんの活動を再開する` }).click()
    await row.getByRole('button', { name: `${name}さんを休止中にする` }).waitFor()
    assert.doesNotMatch(await row.innerText(), /休止中・/)
    // Left 休止中, so the other tests count the same supporters 活動中.
    await row.getByRole('button', { name: `${name}さんを休止中にする` }).click()
    await row.getByRole('button', { name: `${name}さんの活動を再開する` }).waitFor()
    assert.equal(await page.getByRole('status').filter({ hasText: 'これからの派遣' }).count(), 0, 'nobody waits for them')

    // 山本さん has an activity ahead: stopping her says so, and cancels nothing.
    const coordinator = await apiAs(COORDINATOR)
    const npoCase = (await coordinator.get('/api/v1/cases?limit=50')).items.find((c) => c.title.startsWith('N01'))
    const me = (await coordinator.get('/api/v1/supporters')).items.find((s) => s.name === '山本 ゆう')
    const demoAhead = (await coordinator.get(`/api/v1/supporters/${me.id}`)).upcoming_dispatches
    const ahead = await coordinator.post(`/api/v1/cases/${npoCase.id}/dispatches`, {
      supporter_id: me.id, activity: '居場所の運営', date: tokyoDay(41), starts: '10:00', ends: '11:00', place: 'ひだまりの家',
      meeting_point: 'ひだまりの家 1階受付', nickname: 'けんさん', call_name: '林', call_phone: '0120-000-111',
    })
    await page.reload()
    await expectHeading(page, 'サポーター')
    const yamamoto = page.getByRole('row').filter({ hasText: '山本 ゆう' })
    await yamamoto.getByRole('button', { name: '山本 ゆうさんを休止中にする' }).click()
    await page.getByRole('status').filter({ hasText: `山本 ゆうさんには、これからの派遣が${demoAhead + 1}件あります（依頼中・承諾済み）` }).waitFor()
    await assertAccessible(page, 'the register telling that a supporter marked 休止中 has an activity ahead')
    assert.equal((await coordinator.get(`/api/v1/dispatches/${ahead.id}`)).state, '依頼')
    await yamamoto.getByRole('button', { name: '山本 ゆうさんの活動を再開する' }).click()
    await yamamoto.getByRole('button', { name: '山本 ゆうさんを休止中にする' }).waitFor()
    await coordinator.post(`/api/v1/dispatches/${ahead.id}/state`, { state: '取消', reason: '試験の後片付け' }, { 'If-Match': `"${ahead.version}"` })
    await coordinator.dispose()
    await logOut(page)
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
})
