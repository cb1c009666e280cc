// Shared setup for the browser tests: Debian's Chromium through playwright-core
// (no browser download), settings from the environment, screenshots and a
// guard that fails a test when the page breaks the server's CSP.
import { chromium, request } from 'playwright-core'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Keyring, serialised, completeSignIn, nextCredential, untilNextStep, enrol, topUp, keyringFile } from '../../support/two_factor.mjs'

export const BASE_URL = (process.env.TSUNAGU_URL ?? 'http://127.0.0.1:18080').replace(/\/$/, '')
export const ADMIN_LOGIN = process.env.TSUNAGU_ADMIN_LOGIN ?? 'admin'
export const ADMIN_PASSWORD = process.env.TSUNAGU_ADMIN_PASSWORD ?? 'demo-admin-pass'
export const CHROMIUM = process.env.TSUNAGU_CHROMIUM ?? '/usr/bin/chromium'

const here = dirname(fileURLToPath(import.meta.url))
export const SCREENSHOT_DIR = resolve(here, '../../artifacts/screenshots')

/** A suffix that makes created records unique, so the tests rerun on the same database. */
export const RUN_ID = new Date().toISOString().replace(/\D/g, '').slice(2, 14) + Math.floor(Math.random() * 90 + 10)

export async function launch() {
  // playwright-core refuses --user-data-dir in launch(): it starts Chromium
  // with a fresh temporary profile of its own and removes it on close, which
  // gives every run a clean --user-data-dir.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
  return {
    browser,
    async close() {
      await browser.close()
    },
  }
}

/**
 * A fresh context (own cookies) and page (desktop size unless `viewport`
 * is given: a phone's, for the screens used at the door). `problems` collects CSP violations,
 * uncaught page errors and failed asset loads; tests assert it stays empty.
 */
export async function newPage(browser, { viewport = { width: 1280, height: 800 }, ...options } = {}) {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport,
    ...options,
  })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  const problems = []
  page.on('console', (msg) => {
    const text = msg.text()
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(text)) problems.push(`CSP: ${text}`)
  })
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('response', (res) => {
    const url = res.url()
    if (res.status() >= 400 && !url.includes('/api/')) problems.push(`HTTP ${res.status()} for ${url}`)
  })
  return { context, page, problems }
}

/**
 * Errors the page writes to its console, other than a refused request (a
 * 401 is an answer the screens expect): Vue reports a failed render there,
 * not as a page error. Tests assert the list stays empty.
 */
export function consoleErrors(page) {
  const found = []
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) found.push(m.text())
  })
  return found
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

export function mainMenu(page) {
  return page.getByRole('navigation', { name: 'メインメニュー' })
}

/**
 * The main menu, opened first when it is folded behind the メニュー button
 * (below 600 px wide): for tests at phone size that move through the menu.
 */
export async function openMainMenu(page) {
  await page.locator('.shell-header').waitFor()
  const button = page.getByRole('button', { name: 'メニュー', exact: true })
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) !== 'true') await button.click()
  return mainMenu(page)
}

/** Visible link names of the main menu, in order (without a count beside one, e.g. new オンライン相談). */
export async function menuLinks(page) {
  const links = mainMenu(page).getByRole('link')
  await links.first().waitFor()
  return (await links.evaluateAll((els) => els.map((e) => (e.querySelector('.nav-label') ?? e).innerText))).map((t) => t.trim())
}

/** Fills and sends the login form; returns the server's answer to the sign-in. */
export async function submitLogIn(page, login, password) {
  await page.goto('/login')
  await page.getByLabel('ログインID').fill(login)
  await page.getByLabel('パスワード').fill(password)
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST')
  await page.getByRole('button', { name: 'ログイン' }).click()
  return answer
}

/**
 * Signs in through the screen and fails loudly unless the server answered
 * 201: a 401, 423, 429 or 500 is a failure of the test, never a reason to
 * skip. A test of a refused sign-in uses submitLogIn and checks the status.
 */
export async function logIn(page, login, password) {
  await serialised(login, async () => {
    const res = await submitLogIn(page, login, password)
    if (res.status() === 202) {
      // The second step, typed like a person reading the authenticator app.
      const entry = keyring.get(accountKey(login))
      assert.ok(entry, `${login}: a code is asked for, but the tests did not enrol this account`)
      let cred
      while (!(cred = nextCredential(entry, 0))) await untilNextStep(0)
      keyring.set(accountKey(login), entry)
      if (cred.recovery_code) await page.getByRole('button', { name: '回復コードを使う' }).click()
      await page.getByLabel(cred.recovery_code ? '回復コード' : '確認コード').fill(cred.code ?? cred.recovery_code)
      const done = page.waitForResponse((r) => r.url().endsWith('/api/v1/session/second-factor'))
      await page.getByRole('button', { name: '確認してログイン' }).click()
      const second = await done
      assert.equal(second.status(), 201, `second step of ${login}: ${second.status()} ${await second.text()}`)
      await topUp(await pageApi(page), entry, 0)
      keyring.set(accountKey(login), entry)
      return
    }
    assert.equal(res.status(), 201, `sign-in of ${login}: ${res.status()} ${await res.text()}`)
    if ((await res.json()).two_factor?.enrolment_required) {
      // Enrolled through the API here; tests/e2e/two-factor.test.mjs does it on the screen.
      keyring.set(accountKey(login), await enrol(await pageApi(page), 0))
      await page.goto('/')
    }
  })
}

// Two-factor secrets of the accounts these tests signed in as, per server:
// in a file, since the test files run one after another against one server.
const keyring = new Keyring(keyringFile(BASE_URL))
const accountKey = (login) => `${BASE_URL} ${login}`

/**
 * The next code (or recovery code) of an account the tests enrolled, for a
 * test that types it itself: { code } or { recovery_code }.
 */
export async function nextSecondFactor(login) {
  const entry = keyring.get(accountKey(login))
  assert.ok(entry, `${login}: not enrolled by the tests`)
  let cred
  while (!(cred = nextCredential(entry, 0))) await untilNextStep(0)
  keyring.set(accountKey(login), entry)
  return cred
}

/** Remembers an account the test enrolled on the screen, for later sign-ins. */
export function rememberTwoFactor(login, entry) {
  keyring.set(accountKey(login), entry)
}

// The page's own cookies, as an API client (for enrolment and codes).
async function pageApi(page) {
  return contextApi(page.request, (await (await page.request.get('/api/v1/session')).json()).csrf_token)
}

function contextApi(ctx, csrf) {
  const http = {
    csrf,
    async post(path, data) {
      const r = await ctx.post(path, { data, headers: http.csrf ? { 'X-CSRF-Token': http.csrf } : {} })
      return { status: r.status(), json: await r.json().catch(() => null) }
    },
    async get(path) {
      const r = await ctx.get(path)
      return { status: r.status(), json: await r.json().catch(() => null) }
    },
  }
  return http
}

export async function expectHeading(page, name) {
  await page.getByRole('heading', { level: 1, name }).waitFor()
}

export async function logOut(page) {
  await openMainMenu(page)
  await page.getByRole('button', { name: 'ログアウト' }).click()
  await page.getByRole('status').filter({ hasText: 'ログアウトしました。' }).waitFor()
}

/**
 * A signed-in API client for setting up records a test does not exercise
 * through the screens. The demo accounts exist: a sign-in that is not 201
 * (401, 423, 429, 500) throws with the server's answer.
 */
export async function apiAs({ login, password }) {
  const ctx = await request.newContext({ baseURL: BASE_URL })
  const http = contextApi(ctx, null)
  const first = await http.post('/api/v1/session', { login, password })
  if (first.status === 201) http.csrf = first.json.csrf_token
  const res = await serialised(login, () => completeSignIn(http, keyring, accountKey(login), 0, first))
  if (res.status !== 201) {
    await ctx.dispose()
    assert.fail(`sign-in of ${login} for the test's setup: ${res.status} ${JSON.stringify(res.json)}`)
  }
  const body = res.json
  const headers = { 'X-CSRF-Token': http.csrf }
  return {
    user: body.user,
    async get(path) { return (await ctx.get(path)).json() },
    async post(path, data, extraHeaders = {}) {
      const r = await ctx.post(path, { data, headers: { ...headers, ...extraHeaders } })
      assert.ok(r.ok(), `${path}: ${r.status()} ${await r.text()}`)
      return r.json()
    },
    dispose: () => ctx.dispose(),
  }
}
