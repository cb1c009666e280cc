// Fails the build when a template names a class that no stylesheet defines.
// Four tables (record-table), the supporters' notes (muted, small), four
// forms (panel) and the emergency banner (alert-warning) once looked
// finished in the code and were unstyled on screen: a misremembered name
// gives no error anywhere else. Classes kept on purpose without a style
// (names for the page's structure or for the browser tests) are listed in
// HOOKS; only static class="…" attributes are read, not :class bindings.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const HOOKS = new Set([
  'case-page', 'compare-table', 'dashboard', 'disclosure-links', 'disclosure-log', 'disclosure-page',
  'dispatch-board-state', 'keys-step', 'match-excluded', 'matches', 'nav-label', 'open-form', 'page',
  'password-form', 'past-state', 'person-details-note', 'plan-facts', 'portal', 'portal-consult-text',
  'protocol-why', 'public-session-time', 'referral-view', 'requirement-table', 'shared-content',
  'staff-message-time', 'survey-title', 'template-form', 'thread-page', 'thread-time', 'thread-who',
  'timeline-summary', 'timeline-when', 'urgent-reports',
])

const src = new URL('../src/', import.meta.url).pathname
const files = readdirSync(src, { recursive: true }).map((f) => join(src, String(f)))
const defined = new Set()
const used = new Map()  // class → first file that uses it
for (const file of files) {
  if (!/\.(css|vue)$/.test(file)) continue
  const text = readFileSync(file, 'utf8')
  const styles = file.endsWith('.css') ? text : [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n')
  for (const m of styles.matchAll(/\.(-?[A-Za-z_][\w-]*)/g)) defined.add(m[1])
  if (!file.endsWith('.vue')) continue
  const template = text.slice(Math.max(0, text.indexOf('<template')))
  for (const m of template.matchAll(/\sclass="([^"]*)"/g))
    for (const name of m[1].split(/\s+/))
      if (name && !name.includes('{') && !used.has(name)) used.set(name, file.slice(src.length))
}
const missing = [...used].filter(([name]) => !defined.has(name) && !HOOKS.has(name))
if (missing.length) {
  for (const [name, file] of missing) console.error(`class "${name}" (${file}) is styled nowhere: a mistyped name, or a hook to list in scripts/check-classes.mjs`)
  process.exit(1)
}
const unusedHooks = [...HOOKS].filter((h) => !used.has(h) || defined.has(h))
if (unusedHooks.length) {
  console.error(`scripts/check-classes.mjs lists hooks that are no longer unstyled hooks: ${unusedHooks.join(', ')}`)
  process.exit(1)
}
console.log(`classes: every one of ${used.size} in the templates is styled (${HOOKS.size} hooks aside)`)
