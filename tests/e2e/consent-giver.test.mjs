// Whose consent it is, in the browser (issue 15 point 2): on a case where
// 本人 does not know about the consultation, the consent form does not offer
// 本人, records the mother's consent as hers (shown as not a basis for
// 本人's information), and the referral form never offers 本人同意 — it
// says plainly which bases remain.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { RUN_ID, apiAs, expectHeading, launch, logIn, newPage, screenshot } from './support/browser.mjs'
import { assertAccessible } from './support/axe.mjs'

const SUZUKI = { login: 'suzuki', password: 'demo-suzuki-pass' }
const TITLE = `本人は知らない相談 ${RUN_ID}`

let run
before(async () => { run = await launch() })
after(async () => { await run?.close() })

test("本人 does not know: no 本人 consent, the mother's consent is hers, the referral form offers what remains", async () => {
  const suzuki = await apiAs(SUZUKI)
  const ito = await apiAs({ login: 'ito', password: 'demo-ito-pass' })
  const aoba = ito.user.organisation_id
  const resource = await ito.post('/api/v1/resources', { name: `あおば町の窓口 ${RUN_ID}`, category: '他のひきこもり地域支援センター', linked_organisation_id: aoba })
  const c = await suzuki.post('/api/v1/cases', {
    title: TITLE, intake_route: '家族', caller_relation: '母', subject_awareness: '知らない',
    caller: { naming: 'named', name: '山田 花子', relation: '母' },
  })
  const { context, page } = await newPage(run.browser)
  try {
    await logIn(page, SUZUKI.login, SUZUKI.password)
    await expectHeading(page, 'ホーム')
    await page.goto(`/cases/${c.id}`)
    await expectHeading(page, TITLE)
    await page.getByRole('tab', { name: 'つなぎ', exact: true }).click()
    await page.getByRole('button', { name: '同意を記録' }).click()
    const consent = page.getByRole('form', { name: '同意を記録' })
    await page.getByText('本人の同意は記録できません').waitFor()
    assert.equal(await consent.getByRole('radio', { name: '本人' }).count(), 0, '本人 is not offered')
    await consent.getByRole('radio', { name: '家族' }).check()
    await consent.getByLabel('世帯の家族').selectOption({ label: '母（山田 花子）' })
    await consent.getByLabel('共有先').selectOption(resource.id)
    await assertAccessible(page, 'consent form, 本人 unaware')
    await consent.getByRole('button', { name: '同意を記録する' }).click()
    const table = page.getByRole('table', { name: '同意の記録' })
    await table.getByText('本人の情報を伝える根拠にはなりません').waitFor()
    await screenshot(page, 'consent-family')

    await page.getByRole('button', { name: '関係機関につなぐ' }).click()
    const form = page.getByRole('form', { name: '関係機関につなぐ' })
    await form.getByLabel('つなぎ先（必須）').selectOption(resource.id)
    await form.getByText('本人は相談を「知らない」ため、本人同意はまだ使えません').waitFor()
    assert.equal(await form.getByRole('radio', { name: /^本人同意/ }).count(), 0, '本人同意 is never offered')
    assert.equal(await form.getByRole('radio', { name: /^支援会議/ }).count(), 1)
    assert.equal(await form.getByRole('radio', { name: /第27条第1項/ }).count(), 1)
    await screenshot(page, 'referral-form-unaware')
  } finally {
    await context.close()
  }
})
