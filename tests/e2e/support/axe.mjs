// Accessibility checks with axe-core (npm `axe-core`, no download at run
// time): its source is evaluated in the page through the DevTools
// protocol, which the server's strict CSP (no inline script) does not
// govern, so the page under test keeps its real CSP and the tests' CSP
// guard stays meaningful.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/**
 * Runs axe on the page as it is now (WCAG 2.0/2.1 A and AA rules and axe's
 * best practices) and returns its violations, each as
 * { id, impact, help, targets: [selector …] }.
 */
export async function axeViolations(page, { include = undefined, exclude = [] } = {}) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(
    async ({ include, exclude }) => {
      const context = include ? { include: [include], exclude } : { exclude }
      const result = await window.axe.run(exclude.length || include ? context : document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        resultTypes: ['violations'],
      })
      return result.violations
    },
    { include, exclude },
  )
  return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }))
}

/** Fails the test with a readable list unless axe finds no violation on the page. */
export async function assertAccessible(page, what, options) {
  const found = await axeViolations(page, options)
  assert.deepEqual(
    found.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 5).join(', ')}`),
    [],
    `${what}: axe-core が見つけたアクセシビリティの問題`,
  )
}
