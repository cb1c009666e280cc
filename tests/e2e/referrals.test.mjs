// Referrals across organisations in the browser (issue 4):
// - the 社会資源 directory: a supervisor registers an entry through the
//   screen; words, category, format and age filters find the right ones;
// - さくら市ステーション (suzuki) refers a case to あおば町サポート事業: a
//   referral without a sharing basis is refused with the Japanese reason,
//   consent is recorded, the referral is sent on it;
// - あおば町 (takahashi) finds it under 受け入れ, sees only the shared parts,
//   accepts it as a new case; a colleague (ito) who tries a moment later is
//   told clearly that someone else answered first;
// - takahashi records a contact in the new case and reports back;
// - suzuki sees the feedback on the case's timeline.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { RUN_ID, apiAs, expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'

const SENDER = { login: 'suzuki', password: 'demo-suzuki-pass' }
const RECEIVER = { login: 'takahashi', password: 'demo-takahashi-pass' }
const RECEIVER_SUPERVISOR = { login: 'ito', password: 'demo-ito-pass' }
const SENDER_ORG = 'さくら市ひきこもり支援ステーション'
const RECEIVER_ORG = 'あおば町ひきこもりサポート事業'
const CASE_TITLE = `つなぎ確認 ${RUN_ID}`
const PRIVATE_NOTE = `本人は夜に散歩している（共有しない記録 ${RUN_ID}）`
const LINKED = `あおば町サポート事業 受け入れ窓口 ${RUN_ID}`
const FARM = `ひだまり農園 ${RUN_ID}`
const FEEDBACK = `初回面談を行いました。居場所に月2回参加する予定です（${RUN_ID}）。`

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

async function status(page, text) {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor()
}

test('directory: a supervisor registers an entry; words, category, format and age find the right ones', async () => {
  const ito = await apiAs(RECEIVER_SUPERVISOR)
  const { context, page, problems } = await newPage(run.browser)
  try {
    // One entry through the API, one through the screen.
    await ito.post('/api/v1/resources', {
      name: FARM, category: '民間支援団体（当事者団体・NPO法人等）', services: '農作業の体験', age_min: 15, age_max: 39,
      online: true, in_person: true, cost: '無料', tags: ['農作業', `run${RUN_ID}`],
    })
    await logIn(page, RECEIVER_SUPERVISOR.login, RECEIVER_SUPERVISOR.password)
    await expectHeading(page, 'ホーム')
    await mainMenu(page).getByRole('link', { name: '社会資源', exact: true }).click()
    await expectHeading(page, '社会資源')
    await page.getByRole('button', { name: '社会資源を登録' }).click()
    const form = page.getByRole('form', { name: '社会資源を登録' })
    await form.getByLabel('名称').fill(LINKED)
    await form.getByLabel('つなぎ先の分類').selectOption('他のひきこもり地域支援センター')
    await form.getByLabel('つなぐを使っている組織').selectOption({ label: RECEIVER_ORG })
    await form.getByLabel('支援・活動の内容').fill('ひきこもりの相談、居場所、家族教室')
    await form.getByLabel('費用', { exact: true }).selectOption('無料')
    await form.getByLabel('タグ').fill(`居場所、run${RUN_ID}`)
    await form.getByRole('checkbox', { name: '市町村プラットフォームの構成員' }).check()
    await screenshot(page, 'resource-form')
    await form.getByRole('button', { name: '登録する' }).click()
    await expectHeading(page, LINKED)
    await status(page, '登録しました')
    await page.getByText(`つなぐを使っている「${RECEIVER_ORG}」の受け入れに届きます。`).waitFor()
    await screenshot(page, 'resource-detail')

    await page.getByRole('link', { name: '社会資源', exact: true }).first().click()
    await expectHeading(page, '社会資源')
    const search = page.getByRole('search', { name: '社会資源の検索' })
    const rows = () => page.getByRole('table', { name: '社会資源の一覧' }).locator('tbody tr')
    const names = async () => (await rows().locator('th a').allInnerTexts()).map((s) => s.trim())

    await search.getByLabel('ことばで探す').fill(`run${RUN_ID}`)
    await search.getByRole('button', { name: '検索' }).click()
    await page.getByRole('status').filter({ hasText: '2件の社会資源' }).waitFor()
    assert.deepEqual((await names()).sort(), [FARM, LINKED].sort())

    await search.getByLabel('つなぎ先の分類').selectOption('他のひきこもり地域支援センター')
    await page.getByRole('status').filter({ hasText: '1件の社会資源' }).waitFor()
    assert.deepEqual(await names(), [LINKED])
    await search.getByLabel('つなぎ先の分類').selectOption('')
    await page.getByRole('status').filter({ hasText: '2件の社会資源' }).waitFor()

    await search.getByRole('checkbox', { name: 'オンラインで利用できる' }).check()
    await page.getByRole('status').filter({ hasText: '1件の社会資源' }).waitFor()
    assert.deepEqual(await names(), [FARM])
    await search.getByLabel('本人の年齢').fill('52')
    await search.getByRole('button', { name: '検索' }).click()
    await page.getByText('この条件にあてはまる社会資源はありません。').waitFor()
    await search.getByLabel('本人の年齢').fill('24')
    await search.getByRole('button', { name: '検索' }).click()
    await page.getByRole('status').filter({ hasText: '1件の社会資源' }).waitFor()
    await screenshot(page, 'resources-directory')
    assert.deepEqual(problems, [])
  } finally {
    await ito.dispose()
    await context.close()
  }
})

test('A refers a case with consent → B accepts (a colleague is told B was first) → B records a contact and reports → A sees it on the timeline', async () => {
  const [suzuki, ito] = await Promise.all([apiAs(SENDER), apiAs(RECEIVER_SUPERVISOR)])
  const a = await newPage(run.browser)
  const b = await newPage(run.browser)
  const colleague = await newPage(run.browser)
  try {
    // The directory entry of the receiver and the sender's case with one
    // contact that is not to be shared.
    const orgs = (await ito.get('/api/v1/organisations?limit=200')).items
    const aoba = orgs.find((o) => o.name === RECEIVER_ORG)
    const resource = await ito.post('/api/v1/resources', {
      name: `あおば町 つなぎ窓口 ${RUN_ID}`, category: '他のひきこもり地域支援センター', linked_organisation_id: aoba.id,
    })
    const c = await suzuki.post('/api/v1/cases', {
      title: CASE_TITLE, intake_route: '家族', subject_awareness: '知っている', needs: ['8050'],
      caller: { naming: 'pseudonym', name: 'Mさん', relation: '母' },
    })
    await suzuki.post(`/api/v1/cases/${c.id}/contacts`, {
      occurred_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), channel: '電話', counterpart: '母', subject_met: false,
      staff_user_id: suzuki.user.id, note: PRIVATE_NOTE,
    })

    // A: no sharing basis → refused with the reason, nothing recorded.
    const { page } = a
    await logIn(page, SENDER.login, SENDER.password)
    await expectHeading(page, 'ホーム')
    await page.goto(`/cases/${c.id}`)
    await expectHeading(page, CASE_TITLE)
    await page.getByRole('tab', { name: 'つなぎ', exact: true }).click()
    await page.getByRole('heading', { name: 'つなぎ', level: 2 }).waitFor()
    await page.getByText('まだつなぎの記録はありません。').waitFor()
    await page.getByRole('button', { name: '関係機関につなぐ' }).click()
    let form = page.getByRole('form', { name: '関係機関につなぐ' })
    await form.getByLabel('つなぎ先（必須）').selectOption(resource.id)
    await form.getByLabel('つなぐ目的').fill('居場所の利用を本人が希望')
    await form.getByRole('button', { name: 'つなぎを記録する' }).click()
    await form.getByText('情報共有の根拠がありません').waitFor()
    await screenshot(page, 'referral-refused-no-basis')
    await form.getByRole('button', { name: '閉じる' }).click()
    await page.getByText('まだつなぎの記録はありません。').waitFor()

    // A records the consent: 本人, 口頭, today, the summary, to あおば町.
    await page.getByRole('button', { name: '同意を記録' }).click()
    const consent = page.getByRole('form', { name: '同意を記録' })
    assert.ok(await consent.getByRole('radio', { name: '本人' }).isChecked(), '本人 knows: 本人 is the giver offered first')
    await consent.getByLabel('共有先').selectOption(resource.id)
    assert.ok(await consent.getByRole('checkbox', { name: 'ケースの概要' }).isChecked())
    await consent.getByRole('button', { name: '同意を記録する' }).click()
    await status(page, '本人の同意（口頭）を記録しました。')
    await page.getByRole('table', { name: '同意の記録' }).getByText('有効').waitFor()

    // …and refers on it, sharing the summary only, accompanied.
    await page.getByRole('button', { name: '関係機関につなぐ' }).click()
    form = page.getByRole('form', { name: '関係機関につなぐ' })
    await form.getByLabel('つなぎ先（必須）').selectOption(resource.id)
    assert.equal(await form.getByLabel('つなぎ先の分類').inputValue(), '他のひきこもり地域支援センター')
    await form.getByLabel('つなぐ目的').fill('居場所の利用を本人が希望')
    await form.getByRole('checkbox', { name: '同行する' }).check()
    await form.getByRole('radio', { name: /^本人同意/ }).check()
    assert.notEqual(await form.getByLabel('もとにする本人同意').inputValue(), '', 'the one consent to this destination is chosen')
    await screenshot(page, 'referral-form')
    await form.getByRole('button', { name: 'つなぎを記録する' }).click()
    await status(page, 'へのつなぎを記録しました（依頼）')
    await page.getByRole('heading', { name: `${resource.name}へのつなぎ` }).waitFor()
    await screenshot(page, 'referral-sent')

    // B and a colleague open the inbox; the colleague keeps the page open.
    for (const [who, acc] of [[b, RECEIVER], [colleague, RECEIVER_SUPERVISOR]]) {
      await logIn(who.page, acc.login, acc.password)
      await expectHeading(who.page, 'ホーム')
      await mainMenu(who.page).getByRole('link', { name: /^受け入れ/ }).click()
      await expectHeading(who.page, '受け入れ')
      await who.page.getByRole('row').filter({ hasText: '居場所の利用を本人が希望' }).filter({ hasText: resource.name })
        .getByRole('link', { name: SENDER_ORG }).click()
      await expectHeading(who.page, `${SENDER_ORG}からのつなぎ`)
    }
    const bp = b.page
    const shared = bp.getByRole('region', { name: '共有された情報' })
    await shared.getByText(CASE_TITLE).waitFor()
    assert.equal(await shared.getByText(PRIVATE_NOTE).count(), 0, 'contacts were not shared')
    assert.equal(await bp.getByText(PRIVATE_NOTE).count(), 0)
    await screenshot(bp, 'referral-incoming')

    await bp.getByRole('button', { name: '受理する' }).click()
    const accept = bp.getByRole('form', { name: 'つなぎを受理する' })
    assert.ok(await accept.getByRole('radio', { name: '新しいケースとして受け入れる' }).isChecked())
    await accept.getByRole('button', { name: '受理する' }).click()
    await status(bp, 'つなぎを受理しました。')

    // The colleague's page still offered 受理: the answer says who was first.
    const cp = colleague.page
    await cp.getByRole('button', { name: '受理する' }).click()
    await cp.getByRole('form', { name: 'つなぎを受理する' }).getByRole('button', { name: '受理する' }).click()
    await cp.getByRole('alert').filter({ hasText: 'ほかの方が先にこのつなぎに応答しました' }).waitFor()
    await cp.locator('.referral-events').getByText('受理', { exact: true }).waitFor()
    await screenshot(cp, 'referral-accepted-by-someone-else')

    // B records a contact in its own new case, then reports back.
    await bp.getByRole('link', { name: 'この組織のケースを開く' }).click()
    await bp.getByRole('button', { name: '記録を追加（訪問・来所など）' }).waitFor()
    const caseUrl = bp.url()
    await bp.getByRole('button', { name: '記録を追加（訪問・来所など）' }).click()
    const visit = bp.getByRole('form', { name: '記録を追加' })
    await visit.getByLabel('相談方法').selectOption('来所')
    await visit.getByLabel('相手').selectOption('本人')
    await visit.getByRole('radio', { name: '会えた', exact: true }).check()
    await visit.getByLabel('内容', { exact: true }).fill('本人と母が来所。初回面談。')
    await visit.getByRole('button', { name: '記録する' }).click()
    await status(bp, '記録を追加しました')
    await bp.goBack()
    await expectHeading(bp, `${SENDER_ORG}からのつなぎ`)
    await bp.getByRole('button', { name: 'つないでくれた機関に報告する' }).click()
    const report = bp.getByRole('form', { name: 'つないでくれた機関に報告する' })
    await report.getByLabel('報告の内容').fill(FEEDBACK)
    await report.getByRole('button', { name: '報告を送る' }).click()
    await status(bp, 'に報告しました。')
    await bp.getByRole('list', { name: 'つなぎ先からの報告' }).getByText(FEEDBACK).waitFor()
    await screenshot(bp, 'referral-feedback-sent')
    assert.ok(caseUrl.includes('/cases/'))

    // A sees the feedback on the case's timeline, and in the referral's 経過.
    await page.goto(`/cases/${c.id}?tab=timeline`)
    await expectHeading(page, CASE_TITLE)
    const entry = page.getByRole('list', { name: 'タイムライン（新しい順）' }).getByRole('listitem').filter({ hasText: FEEDBACK })
    await entry.waitFor()
    assert.match(await entry.innerText(), /つなぎ先からの報告/)
    await screenshot(page, 'referral-feedback-on-timeline')
    await page.getByRole('tab', { name: 'つなぎ', exact: true }).click()
    await page.getByRole('button', { name: /経過を見る/ }).first().click()
    await page.getByRole('list', { name: 'つなぎ先からの報告' }).getByText(FEEDBACK).waitFor()
    await page.getByRole('table', { name: 'このケースのつなぎ' }).getByText('受理').waitFor()

    assert.deepEqual([...a.problems, ...b.problems, ...colleague.problems], [])
  } finally {
    await suzuki.dispose()
    await ito.dispose()
    await Promise.all([a.context.close(), b.context.close(), colleague.context.close()])
  }
})
