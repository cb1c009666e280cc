// Dates (YYYY-MM-DD, Asia/Tokyo) and the values of date/time inputs.
const tokyoDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' })
const tokyoTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false })
const shortDateTime = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
})
const longDate = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'long', day: 'numeric' })

/** Today in Tokyo as YYYY-MM-DD. */
export function todayTokyo(now = new Date()): string {
  return tokyoDate.format(now)
}

/** Now in Tokyo as the value of <input type="datetime-local"> (YYYY-MM-DDTHH:MM). */
export function nowLocalInput(now = new Date()): string {
  return `${tokyoDate.format(now)}T${tokyoTime.format(now)}`
}

/** A datetime-local value (Tokyo) as UTC ISO-8601. */
export function localInputToUtc(value: string): string {
  const d = new Date(`${value}:00+09:00`)
  return Number.isNaN(d.getTime()) ? value : d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** 2025/6/3 14:05 */
export function formatShortDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : shortDateTime.format(d)
}

/** 2025年6月3日 for YYYY-MM-DD (or an ISO time). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return ''
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+09:00`) : new Date(value)
  return Number.isNaN(d.getTime()) ? value : longDate.format(d)
}
