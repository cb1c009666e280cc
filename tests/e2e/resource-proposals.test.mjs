// A 相談員 proposes a 社会資源 entry and a supervisor confirms it (issue 15
// point 10): the proposal is not in the directory until confirmed.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { RUN_ID, expectHeading, launch, logIn, mainMenu, newPage, screenshot } from './support/browser.mjs'
import { assertAccessible } from './support/axe.mjs'

const NAME = `さくら図書館 静かな学習室 ${RUN_ID}`

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

test('suzuki proposes an entry; it is listed only after sato confirms it', async () => {
  const a = await newPage(run.browser)
  try {
    const { page } = a
    await logIn(page, 'suzuki', 'demo-suzuki-pass')
    await expectHeading(page, 'ホーム')
    await mainMenu(page).getByRole('link', { name: '社会資源', exact: true }).click()
    await expectHeading(page, '社会資源')
    assert.equal(await page.getByRole('button', { name: '社会資源を登録' }).count(), 0)
    await page.getByRole('button', { name: '社会資源を提案' }).click()
    const form = page.getByRole('form', { name: '社会資源を提案' })
    await form.getByLabel('名称').fill(NAME)
    await form.getByLabel('つなぎ先の分類').selectOption('その他')
    await form.getByLabel('提案の理由・確かめてほしいこと').fill('本人が通えそうな静かな場所です')
    await assertAccessible(page, 'resource proposal form')
    await form.getByRole('button', { name: '提案する' }).click()
    await page.getByRole('status').filter({ hasText: 'を提案しました' }).waitFor()
    const pending = page.getByRole('region', { name: '確かめを待っている提案' })
    await pending.getByText(NAME, { exact: true }).waitFor()
    await screenshot(page, 'resource-proposed')
  } finally {
    await a.context.close()
  }
  const b = await newPage(run.browser)
  try {
    const { page } = b
    await logIn(page, 'sato', 'demo-sato-pass')
    await expectHeading(page, 'ホーム')
    await mainMenu(page).getByRole('link', { name: '社会資源', exact: true }).click()
    await expectHeading(page, '社会資源')
    const pending = page.getByRole('region', { name: '確かめを待っている提案' })
    await pending.getByText(NAME, { exact: true }).waitFor()
    await pending.getByRole('listitem').filter({ hasText: NAME }).getByRole('button', { name: /確かめて載せる/ }).click()
    await page.getByRole('status').filter({ hasText: '一覧に載せました' }).waitFor()
    await page.getByRole('table').getByText(NAME, { exact: true }).waitFor()
  } finally {
    await b.context.close()
  }
})
