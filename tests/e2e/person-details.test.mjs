// The person's and family's own details on screen (issue 15 point 1): a case
// that began with the mother's call gets 本人 later from the 本人・家族 tab,
// with phone, 折り返し可否, 名乗ってよいか, 家族に知られてよいか, the
// preferred way of contact and wishes about support; a misspelt name and
// ふりがな are corrected; the mother's details are recorded and the father
// is added. Every form is checked with axe.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { RUN_ID, expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'
import { assertAccessible } from './support/axe.mjs'

const TITLE = `母からの相談（詳細）${RUN_ID}`
const PHONE = '090-7531-8642'

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

// The 本人 line of the case summary (the household line names everyone).
const subjectLine = (page) => page.locator('.case-summary > div').filter({ has: page.locator('dt', { hasText: /^本人$/ }) })

async function status(page, text) {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor()
}

test('coordinator: 本人 added to a family-only case, details corrected, family details recorded', async () => {
  const { context, page } = await newPage(run.browser)
  try {
    await logIn(page, 'suzuki', 'demo-suzuki-pass')
    await expectHeading(page, 'ホーム')
    await mainMenu(page).getByRole('link', { name: 'ケース', exact: true }).click()
    await expectHeading(page, 'ケース一覧')
    await page.getByRole('button', { name: '新しい相談を受け付ける' }).click()
    const intake = page.getByRole('form', { name: '新しい相談を受け付ける' })
    await intake.getByLabel('相談してきた方（本人との関係）').selectOption('母')
    await intake.getByLabel('相談してきた方の名前').fill('汐見 和代')
    await intake.getByLabel('ケースの呼び名').fill(TITLE)
    await intake.getByRole('button', { name: '受け付ける' }).click()
    await expectHeading(page, TITLE)
    await page.locator('.case-summary').getByText('本人未確認').waitFor()

    // 本人 becomes known: registered from the 本人・家族 tab.
    await page.getByRole('tab', { name: '本人・家族' }).click()
    const people = page.getByRole('region', { name: '本人と家族' })
    await people.getByText('本人はまだ登録されていません').waitFor()
    await people.getByRole('button', { name: '本人を登録する' }).click()
    const add = page.getByRole('form', { name: '本人を登録する' })
    await add.getByLabel('氏名', { exact: true }).fill('汐見 遼太')
    await add.getByLabel('ふりがな').fill('しおみ りようた')
    await add.getByLabel('性別').selectOption('回答しない')
    await add.getByLabel('年代').selectOption('30代')
    await add.getByLabel('電話番号').fill(PHONE)
    await add.getByRole('group', { name: 'この番号への折り返し' }).getByRole('radio', { name: '折り返し電話してよい' }).check()
    await add.getByRole('group', { name: 'この番号に名乗ってよいか' }).getByRole('radio', { name: '名乗らない' }).check()
    await add.getByRole('group', { name: '連絡することを家族に知られてよいか' }).getByRole('radio', { name: '家族に知られないようにする' }).check()
    await add.getByLabel('連絡方法の希望').selectOption('手紙')
    await add.getByRole('checkbox', { name: '同性の支援者を希望' }).check()
    await add.getByRole('checkbox', { name: '手紙がよい' }).check()
    await add.getByLabel('配慮してほしいこと').fill('大きな音が苦手。訪問の前に手紙で知らせてほしい。')
    await assertAccessible(page, 'adding 本人 to a family-only case')
    await screenshot(page, 'person-subject-add')
    await add.getByRole('button', { name: '本人として登録' }).click()
    await status(page, '本人を登録しました')
    await subjectLine(page).getByText('汐見 遼太').waitFor()
    const subjectCard = people.getByRole('article', { name: /^本人：/ })
    await subjectCard.getByText(`${PHONE}（折り返し電話してよい・名乗らない）`).waitFor()
    await subjectCard.getByText('家族に知られないようにする').waitFor()
    await subjectCard.getByText('同性の支援者を希望、手紙がよい').waitFor()

    // A misspelt name and ふりがな are corrected.
    await subjectCard.getByRole('button', { name: '本人の情報を直す' }).click()
    const edit = page.getByRole('form', { name: '本人の情報を直す' })
    assert.equal(await edit.getByLabel('電話番号').inputValue(), PHONE)
    assert.ok(await edit.getByRole('radio', { name: '名乗らない' }).isChecked(), 'the wish is shown as recorded')
    await edit.getByLabel('氏名', { exact: true }).fill('汐見 涼太')
    await edit.getByLabel('ふりがな').fill('しおみ りょうた')
    await assertAccessible(page, 'correcting 本人')
    await edit.getByRole('button', { name: '変更を保存' }).click()
    await status(page, '汐見 涼太さんの情報を保存しました')
    await people.getByRole('article', { name: /^本人：汐見 涼太/ }).getByText('しおみ りょうた').waitFor()
    await subjectLine(page).getByText('汐見 涼太').waitFor()

    // The mother's own details: her phone, and that the call must not be
    // known to 本人's side of the family.
    const mother = people.getByRole('article', { name: /^母：/ })
    await mother.getByRole('button', { name: '母の情報を直す' }).click()
    const motherForm = page.getByRole('form', { name: '母の情報を直す' })
    await motherForm.getByLabel('電話番号').fill('080-2468-1357')
    await motherForm.getByRole('group', { name: 'この番号への折り返し' }).getByRole('radio', { name: '折り返し電話してよい' }).check()
    await motherForm.getByRole('group', { name: 'この番号に名乗ってよいか' }).getByRole('radio', { name: '名乗ってよい' }).check()
    await motherForm.getByLabel('連絡方法の希望').selectOption('電話')
    await motherForm.getByRole('button', { name: '変更を保存' }).click()
    await status(page, '汐見 和代さんの情報を保存しました')
    await mother.getByText('080-2468-1357（折り返し電話してよい・名乗ってよい）').waitFor()

    // The father is added with his details.
    await people.getByRole('button', { name: '家族を加える' }).click()
    const family = page.getByRole('form', { name: '家族を加える' })
    await family.getByLabel('本人との関係').selectOption('父')
    await family.getByLabel('氏名', { exact: true }).fill('汐見 剛')
    await family.getByLabel('性別').selectOption('男性')
    await family.getByLabel('年代').selectOption('70代')
    await assertAccessible(page, 'adding a family member')
    await family.getByRole('button', { name: '家族として登録' }).click()
    await status(page, '家族を登録しました')
    const father = people.getByRole('article', { name: /^父：汐見 剛/ })
    await father.getByText('70代').waitFor()
    await page.locator('.case-summary').getByText(/父：汐見 剛/).waitFor()
    await screenshot(page, 'person-details')

    // All of it is still there when the case is opened again.
    await page.reload()
    await expectHeading(page, TITLE)
    await page.getByRole('region', { name: '本人と家族' }).getByText('大きな音が苦手。訪問の前に手紙で知らせてほしい。').waitFor()
  } finally {
    await context.close()
  }
})
