// 開示請求: everything the organisation holds about one person, produced by a
// supervisor with a reason (POST /api/v1/persons/:id/disclosures, one audit
// entry). The server decides what a family member's disclosure leaves out
// (src/service/disclosure.h); this screen only lays it out for printing.
import { api } from '../api'
import type { Assessment } from '../assessments/assessment'
import type { Plan } from '../plans/plan'

export interface Contact {
  occurred_at: string
  channel: string
  sub_kind: string | null
  counterpart: string
  subject_met?: boolean
  duration_minutes?: number | null
  staff_name: string
  note?: string | null
  next_step?: string | null
}

export interface AccessEntry {
  log: 'main' | 'reads'
  at: string
  action: string
  entity: string
  entity_id: string
  detail: string
  user_name: string
  organisation_name: string
}

type Row = Record<string, unknown>

export interface DisclosedCase {
  id: string
  role: string
  limited: boolean
  notice?: string
  case?: Row & { title?: string; status: string; opened_on: string; closed_on: string | null; intake_route: string; caller_relation: string | null; status_history?: Row[] }
  contacts: Contact[]
  assessments?: Assessment[]
  plans?: Plan[]
  stages?: Row[]
  consents?: Row[]
  referrals?: (Row & { disclosures: Row[]; events: Row[] })[]
  meetings?: Row[]
  follow_ups?: Row[]
  emergency_accesses?: Row[]
}

export interface Disclosure {
  produced_at: string
  produced_by: string
  produced_by_organisation: string
  reason: string
  person: Row & { id: string; name: string | null; naming: string; contact: { phone?: string; email?: string; address?: string } | null }
  household: { label: string; members: { relation: string; display_name: string; age_band: string | null }[] } | null
  cases: DisclosedCase[]
  access_log: AccessEntry[]
}

export const produceDisclosure = (personId: string, reason: string) =>
  api.post<Disclosure>(`/api/v1/persons/${encodeURIComponent(personId)}/disclosures`, { reason })

/** The document as a JSON file the person can be given (or kept with the request). */
export function saveAsJson(d: Disclosure): void {
  const blob = new Blob([JSON.stringify(d, null, 2)], { type: 'application/json' })
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = `開示-${d.person.id}-${d.produced_at.slice(0, 10)}.json`
  document.body.appendChild(a)
  a.click()
  a.remove()
  URL.revokeObjectURL(a.href)
}

/** A cell's text: '' for nothing, arrays joined. */
export function text(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return v.map(text).join('、')
  if (typeof v === 'boolean') return v ? 'はい' : 'いいえ'
  return String(v)
}
