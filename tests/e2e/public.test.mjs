// The public side in the browser at phone size (issue 19 points 1, 2, 5 and
// 7): the portal with its 窓口 and sessions, filtered by municipality and
// printable; then the whole anonymous thread — a family member writes
// (an urgent message shows the crisis contacts at once), confirms
// 「控えました」 and reads the thread; a coordinator of the station replies
// from the inbox; in a fresh browser the number and the passphrase open the
// thread (a wrong passphrase is refused), the person writes again, makes
// this browser forget it, opens it once more and deletes it. On the way,
// the person chooses to give a name and contact details (consent asked
// for), and the coordinator sees them and makes a case of the thread.
// axe-core finds nothing on the portal, the form and the thread.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { RUN_ID, consoleErrors, expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'
import { assertAccessible } from './support/axe.mjs'

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }
const COORDINATOR = { login: 'suzuki', password: 'demo-suzuki-pass' }
const STATION = 'さくら市ひきこもり支援ステーション'
const NICKNAME = `はな${RUN_ID.slice(-4)}`
const FIRST = `息子のことで相談です。最近「死にたい」と口にすることがあり、心配です。（${RUN_ID}）`
const REPLY_MARK = `（返信 ${RUN_ID}）`
const NOTE = `内部メモ：主任に報告済み ${RUN_ID}`
const AGAIN = `お返事ありがとうございます。少し落ち着きました。（${RUN_ID}）`
const PERSON_NAME = `山田 花子${RUN_ID.slice(-4)}`
const CONTACT_NOTE = '家族が出たら名乗らないでほしいです。'

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

const noSidewaysScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)
const windowNames = async (page) =>
  (await page.getByRole('list', { name: '相談窓口の一覧' }).getByRole('heading', { level: 3 }).allInnerTexts()).map((t) => t.trim())

test('the portal at phone size: 窓口, sessions, crisis contacts, filtered by municipality, printable', async () => {
  const { context, page, problems } = await newPage(run.browser, PHONE)
  const errors = consoleErrors(page)
  try {
    await page.goto('/')
    await expectHeading(page, 'ひきこもりの相談窓口と居場所')
    assert.match(await page.title(), /相談窓口のご案内/)
    assert.equal(await mainMenu(page).count(), 0, 'the portal shows no staff navigation')
    await page.getByRole('link', { name: '職員の方はこちら' }).waitFor()
    await page.getByRole('link', { name: '名前を出さずに相談する' }).waitFor()
    await page.getByRole('link', { name: '相談の続きを見る' }).waitFor()

    const names = await windowNames(page)
    assert.ok(names.includes(STATION), `窓口: ${names.join(', ')}`)
    assert.ok(names.includes('あおば町ひきこもりサポート事業'), `窓口: ${names.join(', ')}`)
    const station = page.getByRole('article', { name: STATION })
    assert.equal(await station.getByRole('link', { name: '099-200-5678' }).getAttribute('href'), 'tel:0992005678')
    await station.getByText('オンライン相談ができます').waitFor()
    await station.getByText('さくら駅からバスで10分', { exact: false }).waitFor()
    const sessions = page.getByRole('list', { name: '開催予定の一覧' })
    await sessions.getByText('さくらカフェ').first().waitFor()
    await page.getByRole('article', { name: 'さくらカフェ' }).waitFor()

    const crisis = page.getByRole('region', { name: 'いますぐ話したいとき' })
    assert.equal(await crisis.getByRole('link', { name: '119' }).getAttribute('href'), 'tel:119')
    assert.ok(await noSidewaysScroll(page), 'no sideways scrolling at 360 px')
    await assertAccessible(page, 'the portal')
    await screenshot(page, 'public-portal-phone')

    // あおば町: its own 窓口 and the prefecture's, not さくら市's; the address keeps the choice.
    const [loaded] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/public/v1/portal?municipality=')),
      page.getByRole('combobox', { name: 'お住まいの市区町村' }).selectOption({ label: 'あおば町（みどり県）' }),
    ])
    assert.equal(loaded.status(), 200)
    await page.waitForURL(/\?municipality=/)
    await page.getByRole('heading', { level: 3, name: 'あおば町ひきこもりサポート事業' }).waitFor()
    await station.waitFor({ state: 'detached' })
    const aoba = await windowNames(page)
    assert.ok(aoba.includes('みどり県ひきこもり地域支援センター'), `あおば町: ${aoba.join(', ')}`)
    assert.ok(!aoba.includes(STATION), `あおば町: ${aoba.join(', ')}`)
    assert.ok(!aoba.includes('NPO法人ひだまりの家'), `あおば町: ${aoba.join(', ')}`)
    // さくらカフェ takes residents of あおば町 too (自治体間連携): its sessions stay.
    await sessions.getByText('さくらカフェ').first().waitFor()

    await page.getByRole('combobox', { name: 'お住まいの市区町村' }).selectOption({ label: 'さくら市（みどり県）' })
    await station.waitFor()
    await page.getByRole('heading', { level: 3, name: 'あおば町ひきこもりサポート事業' }).waitFor({ state: 'detached' })
    await sessions.getByText('さくらカフェ').first().waitFor()
    await screenshot(page, 'public-portal-sakura-phone')

    // As a leaflet: no navigation or form, cards kept whole, the way to consult written out.
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.getByRole('navigation', { name: 'ご案内のメニュー' }).isVisible(), false)
    assert.equal(await page.getByRole('combobox', { name: 'お住まいの市区町村' }).isVisible(), false)
    assert.equal(await station.evaluate((e) => getComputedStyle(e.closest('li')).breakInside), 'avoid')
    await page.getByText('オンライン相談：', { exact: false }).waitFor()
    await page.getByText('さくら市にお住まいの方への案内').waitFor()
    await screenshot(page, 'public-portal-print')
    await page.emulateMedia({ media: 'screen' })
    assert.deepEqual(problems, [])
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the whole anonymous thread at phone size, a staff reply from the inbox, and another browser', async () => {
  // 1. A family member writes; the message speaks of dying.
  const writer = await newPage(run.browser, PHONE)
  const writerErrors = consoleErrors(writer.page)
  let number, passphrase
  try {
    const { page } = writer
    await page.goto('/')
    await page.getByRole('link', { name: '名前を出さずに相談する' }).click()
    await expectHeading(page, '名前を出さずに相談する')
    await page.getByText('お名前・メールアドレス・電話番号はうかがいません。', { exact: false }).waitFor()
    // The honeypot: out of sight, out of the tab order, out of the accessibility tree.
    const trap = page.locator('#consult-website')
    assert.equal(await trap.getAttribute('tabindex'), '-1')
    assert.equal(await trap.getAttribute('autocomplete'), 'off')
    assert.equal(await trap.evaluate((e) => e.closest('[aria-hidden="true"]') !== null), true)
    const hidden = await trap.evaluate((e) => e.closest('[aria-hidden="true"]').getBoundingClientRect().toJSON())
    assert.ok(hidden.width <= 1 && hidden.height <= 1, `the trap is out of sight: ${JSON.stringify(hidden)}`)
    await assertAccessible(page, 'the consultation form')
    // The demo sends no 「返信があります」 emails: the form asks for no address at all.
    assert.equal(await page.getByLabel(/メールで知らせてほしい/).count(), 0, 'no notice address without notices')

    // Nothing chosen, nothing written: the two things asked for are named.
    await page.getByRole('button', { name: 'この内容で相談する' }).click()
    await page.getByRole('alert').filter({ hasText: '入力内容を確認してください。' }).waitFor()
    await page.getByText('どなたが書いているかを選んでください。').waitFor()
    await page.getByText('相談したいことを書いてください。', { exact: false }).waitFor()

    await page.getByLabel('家族', { exact: true }).check()
    await page.getByLabel('呼び名（書かなくてもかまいません）').fill(NICKNAME)
    await page.getByLabel('お住まいの市区町村（選ばなくてもかまいません）').selectOption({ label: 'さくら市' })
    await page.getByLabel('相談したいこと').fill(FIRST)
    await page.getByText(`${[...FIRST].length} / 2,000文字`).waitFor()
    assert.ok(await noSidewaysScroll(page), 'no sideways scrolling on the form')
    await screenshot(page, 'public-consult-form-phone')
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/public/v1/consultations'))
    await page.getByRole('button', { name: 'この内容で相談する' }).click()
    assert.equal((await posted).status(), 201)

    // The keys, once; the crisis contacts above everything, and read first.
    await expectHeading(page, '相談を受け付けました')
    const crisis = page.getByRole('region', { name: 'いますぐ話したいとき' })
    await crisis.getByRole('link', { name: '0120-279-338' }).waitFor()
    const crisisTop = (await crisis.boundingBox()).y
    const keysTop = (await page.getByRole('heading', { level: 1, name: '相談を受け付けました' }).boundingBox()).y
    assert.ok(crisisTop < keysTop, 'the crisis contacts come before the keys')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'keys-crisis-heading')
    number = (await page.getByTestId('consult-number').innerText()).trim()
    passphrase = (await page.getByTestId('consult-passphrase').innerText()).trim()
    assert.match(number, /^\d{4}-\d{4}-\d{4}$/)
    assert.match(passphrase, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/)
    await page.getByText('この2つが、相談の続きを見るためのただひとつの方法です。').waitFor()
    assert.ok(await noSidewaysScroll(page), 'no sideways scrolling with the keys')
    await screenshot(page, 'public-consult-keys-phone')

    // Not before 「控えました」.
    await page.getByRole('button', { name: '相談のページへ進む' }).click()
    await page.getByRole('alert').filter({ hasText: '「控えました」にチェックを入れてください。' }).waitFor()
    await expectHeading(page, '相談を受け付けました')
    await page.getByLabel('控えました').check()
    await page.getByRole('button', { name: '相談のページへ進む' }).click()
    await expectHeading(page, 'ご相談のやりとり')
    await page.getByRole('region', { name: 'いますぐ話したいとき' }).waitFor()
    const thread = page.getByRole('list', { name: 'これまでのやりとり' })
    await thread.getByText(FIRST).waitFor()
    await thread.getByText(`あなた（${NICKNAME}）`).waitFor()
    await thread.getByText('お知らせ', { exact: true }).waitFor()
    await page.getByText(`${STATION}がお受けしています。`).waitFor()
    await page.getByTestId('thread-next').filter({ hasText: '相談を受け付けました。' }).waitFor()
    await assertAccessible(page, 'the thread page')
    await screenshot(page, 'public-thread-phone')

    // 「名前や連絡先を伝えて、相談を続ける」: closed until the person opens it, and entirely their choice.
    const details = page.getByRole('region', { name: '名前や連絡先を伝えて、相談を続ける' })
    await details.getByText('伝えるかどうかは、あなたが決めてかまいません。', { exact: false }).waitFor()
    assert.equal(await details.getByLabel('お名前').isVisible(), false, 'the details form is closed at first')
    await details.getByRole('button', { name: '伝えることについて読む', expanded: false }).click()
    await details.getByText('伝えるまで、この相談は名前のないままです。', { exact: false }).waitFor()
    await assertAccessible(page, 'the thread page with the details section open')
    await details.getByLabel('お名前').fill(PERSON_NAME)
    await details.getByLabel('ふりがな（書かなくてもかまいません）').fill('やまだ はなこ')
    await details.getByLabel('電話番号（書かなくてもかまいません）').fill('090-1234-5678')
    await details.getByLabel('連絡のときに気をつけてほしいこと（書かなくてもかまいません）').fill(CONTACT_NOTE)
    // Without consent nothing is sent, and the checkbox says why.
    await details.getByRole('button', { name: '名前と連絡先を伝える' }).click()
    await details.getByRole('alert').filter({ hasText: '入力内容を確認してください。' }).waitFor()
    const consent = details.getByLabel('伝えた内容を、担当の窓口が記録することに同意します')
    await details.getByText('記録することへの同意にチェックを入れてください。', { exact: false }).waitFor()
    assert.equal(await consent.getAttribute('aria-invalid'), 'true')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'details-consent')
    assert.ok(await noSidewaysScroll(page), 'no sideways scrolling with the details form')
    await screenshot(page, 'public-thread-details-phone')
    await consent.check()
    const given = page.waitForResponse((r) => r.url().endsWith('/api/public/v1/consultation/details'))
    await details.getByRole('button', { name: '名前と連絡先を伝える' }).click()
    assert.equal((await given).status(), 201)
    await details.getByTestId('details-given').filter({ hasText: '名前と連絡先を、さくら市ひきこもり支援ステーションに伝えました。' }).waitFor()
    assert.equal(await details.getByLabel('お名前').count(), 0, 'the form gives way to what was sent')
    await thread.getByText('名前や連絡先を伝えていただきました。', { exact: false }).waitFor()
    await assertAccessible(page, 'the thread page after giving details')
    assert.deepEqual(writer.problems, [])
    assert.deepEqual(writerErrors, [])
  } finally {
    await writer.context.close()
  }

  // 2. The station's coordinator: the new urgent thread is first in the inbox; reply with a template, and a note.
  const staff = await newPage(run.browser)
  const staffErrors = consoleErrors(staff.page)
  try {
    const { page } = staff
    await logIn(page, COORDINATOR.login, COORDINATOR.password)
    const item = mainMenu(page).getByRole('link', { name: /^オンライン相談/ })
    await item.getByTestId('nav-consultations-count').waitFor()
    await item.click()
    await expectHeading(page, 'オンライン相談')
    await page.getByRole('tab', { name: /^新着/, selected: true }).waitFor()
    // Marked urgent, among the urgent threads that come before all others.
    const mine = page.getByRole('row').filter({ hasText: NICKNAME })
    await mine.getByText('緊急').waitFor()
    const urgency = await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.classList.contains('row-urgent')))
    assert.deepEqual(urgency, [...urgency].sort((a, b) => Number(b) - Number(a)), 'urgent rows before the others')
    await assertAccessible(page, 'the staff inbox')
    await screenshot(page, 'consultations-inbox')
    await mine.getByRole('link').click()
    await page.getByRole('heading', { level: 1, name: /^相談/ }).waitFor()
    const protocol = page.getByRole('region', { name: '緊急時の対応手順' })
    await protocol.getByText('主任相談員（不在なら所長）にすぐ知らせる。', { exact: false }).waitFor()
    await page.getByText(FIRST).waitFor()

    await page.getByRole('button', { name: '自分を担当にする' }).click()
    await page.getByRole('status').filter({ hasText: 'あなたを担当にしました。' }).waitFor()
    await page.getByTestId('consultation-assigned').filter({ hasText: '鈴木' }).waitFor()
    const assignee = page.getByRole('combobox', { name: '担当', exact: true })
    assert.match(await assignee.evaluate((e) => e.selectedOptions[0]?.textContent ?? ''), /鈴木/)

    // What the person chose to tell, set apart; the case comes later, after the reply.
    const told = page.getByRole('region', { name: '相談者が伝えた名前・連絡先' })
    await told.getByText(PERSON_NAME).waitFor()
    await told.getByText('090-1234-5678').waitFor()
    await told.getByText(CONTACT_NOTE).waitFor()
    await told.getByRole('button', { name: 'この相談からケースを作る' }).waitFor()

    const reply = page.getByRole('region', { name: '返信する' })
    await reply.getByLabel('定型文').selectOption({ label: 'はじめてのお返事' })
    await reply.getByRole('button', { name: '本文に入れる' }).click()
    const box = reply.getByLabel('返信の本文')
    assert.match(await box.inputValue(), /しっかり読みました/)
    await box.fill(`${await box.inputValue()}\n${REPLY_MARK}`)
    await reply.getByRole('button', { name: '返信を送る' }).click()
    await page.getByRole('status').filter({ hasText: '返信を送りました。' }).waitFor()
    // The reply box stays, ready for the next reply, templates included.
    await reply.getByLabel('定型文').waitFor()
    assert.equal(await box.inputValue(), '')

    const note = page.getByRole('region', { name: '内部メモを残す' })
    await note.getByRole('textbox', { name: 'メモ' }).fill(NOTE)
    await note.getByRole('button', { name: 'メモを残す' }).click()
    await page.getByRole('status').filter({ hasText: '内部メモを残しました。' }).waitFor()
    const noteItem = page.getByRole('listitem').filter({ hasText: NOTE })
    await noteItem.getByText('相談した方には見えません').waitFor()
    await assertAccessible(page, 'a thread for staff, with the details the person gave')
    await screenshot(page, 'consultation-thread-staff')

    // The case from the thread: the case page opens; back on the thread, a link instead of the button.
    const reference = (await page.locator('h1 .mono').innerText()).trim()
    const opened = page.waitForResponse((r) => r.url().endsWith('/case') && r.request().method() === 'POST')
    await told.getByRole('button', { name: 'この相談からケースを作る' }).click()
    assert.equal((await opened).status(), 201)
    await page.waitForURL(/\/cases\/[^/]+$/)
    await expectHeading(page, `オンライン相談から（${reference}）`)
    await screenshot(page, 'consultation-case-opened')
    await page.goBack()
    await told.getByRole('link', { name: 'ケースを開く' }).waitFor()
    assert.equal(await told.getByRole('button', { name: 'この相談からケースを作る' }).count(), 0)
    assert.deepEqual(staff.problems, [])
    assert.deepEqual(staffErrors, [])
  } finally {
    await staff.context.close()
  }

  // 3. Another browser: number and passphrase, a wrong passphrase first.
  const other = await newPage(run.browser, PHONE)
  const otherErrors = consoleErrors(other.page)
  try {
    const { page } = other
    await page.goto('/')
    await page.getByRole('link', { name: '相談の続きを見る' }).click()
    await expectHeading(page, '相談の続きを見る')
    const last = passphrase.at(-1)
    const wrong = passphrase.slice(0, -1) + (last === 'A' ? 'B' : 'A')
    await page.getByLabel('相談番号', { exact: true }).fill(number)
    await page.getByLabel('合言葉', { exact: true }).fill(wrong)
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/public/v1/consultation/session'))
    await page.getByRole('button', { name: '相談を開く' }).click()
    assert.equal((await refused).status(), 401)
    await page.getByRole('alert').filter({ hasText: '相談番号か合言葉が違います。' }).waitFor()
    await screenshot(page, 'public-open-wrong-phone')
    // As copied by hand: lower case and spaces instead of hyphens.
    await page.getByLabel('合言葉', { exact: true }).fill(passphrase.toLowerCase().replaceAll('-', ' '))
    await page.getByRole('button', { name: '相談を開く' }).click()
    await expectHeading(page, 'ご相談のやりとり')
    const thread = page.getByRole('list', { name: 'これまでのやりとり' })
    await thread.getByText(REPLY_MARK, { exact: false }).waitFor()
    await thread.getByText(`担当者（${STATION}）`).waitFor()
    assert.equal(await page.getByText(NOTE).count(), 0, 'the internal note is never shown to the person')
    await page.getByTestId('thread-next').filter({ hasText: '担当者からお返事が届いています。' }).waitFor()
    await page.getByRole('region', { name: '名前や連絡先を伝えて、相談を続ける' }).getByTestId('details-given').waitFor()
    await page.getByRole('button', { name: 'お返事が来ているか確かめる' }).click()
    await page.getByRole('status').filter({ hasText: '最新のやりとりを表示しています。' }).waitFor()

    await page.getByLabel('書き足したいこと').fill(AGAIN)
    await page.getByRole('button', { name: '送る', exact: true }).click()
    await page.getByRole('status').filter({ hasText: '送りました。' }).waitFor()
    await thread.getByText(AGAIN).waitFor()
    await screenshot(page, 'public-thread-again-phone')

    // 「この端末から消す」: back to the portal; the thread page asks for the keys again.
    await page.getByRole('button', { name: 'この端末から消す' }).click()
    await expectHeading(page, 'ひきこもりの相談窓口と居場所')
    await page.getByRole('status').filter({ hasText: 'この端末から相談を消しました。' }).waitFor()
    await page.goto('/consult/thread')
    await expectHeading(page, '相談の続きを見る')
    await page.getByText('この端末では、いま開いている相談はありません', { exact: false }).waitFor()
    await page.getByLabel('相談番号', { exact: true }).fill(number)
    await page.getByLabel('合言葉', { exact: true }).fill(passphrase)
    await page.getByRole('button', { name: '相談を開く' }).click()
    await expectHeading(page, 'ご相談のやりとり')
    await page.getByText(AGAIN).waitFor()

    // Deleting the thread, after a confirmation; the keys open nothing afterwards.
    await page.getByRole('button', { name: '相談を削除する' }).click()
    const dialog = page.getByRole('dialog', { name: '相談を削除しますか' })
    await dialog.waitFor()
    await screenshot(page, 'public-thread-delete-phone')
    await dialog.getByRole('button', { name: '削除する' }).click()
    await expectHeading(page, 'ひきこもりの相談窓口と居場所')
    await page.getByRole('status').filter({ hasText: '相談を削除しました。' }).waitFor()
    await page.goto('/consult/open')
    await page.getByLabel('相談番号', { exact: true }).fill(number)
    await page.getByLabel('合言葉', { exact: true }).fill(passphrase)
    await page.getByRole('button', { name: '相談を開く' }).click()
    await page.getByRole('alert').filter({ hasText: '相談番号か合言葉が違います。' }).waitFor()
    assert.deepEqual(other.problems, [])
    assert.deepEqual(otherErrors, [])
  } finally {
    await other.context.close()
  }
})
