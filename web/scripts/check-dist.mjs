// Fails the build when dist/index.html would be blocked by the server's CSP
// (script-src 'self'; style-src 'self'): no inline <script>, <style> or style="".
import { readFileSync } from 'node:fs'

const html = readFileSync(new URL('../dist/index.html', import.meta.url), 'utf8')
const problems = []
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (!/\bsrc=/.test(m[1]) || m[2].trim() !== '') problems.push('inline <script>')
}
if (/<style\b/i.test(html)) problems.push('inline <style>')
if (/\sstyle\s*=/i.test(html)) problems.push('style="" attribute')
if (/\son[a-z]+\s*=/i.test(html)) problems.push('inline event handler')
if (/https?:\/\//i.test(html.replace(/xmlns="[^"]*"/g, ''))) problems.push('external URL')
if (problems.length) {
  console.error('dist/index.html breaks the CSP: ' + problems.join(', '))
  process.exit(1)
}
console.log('dist/index.html: no inline script or style, no external URL')
