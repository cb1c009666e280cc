// Contacts (相談・支援記録): /api/v1/cases/:id/contacts and /api/v1/contacts/:id.
import { api, type Page } from '../api'

export interface Contact {
  id: string
  case_id: string
  occurred_at: string
  channel: string
  sub_kind: string | null
  counterpart: string
  subject_met: boolean
  duration_minutes: number | null
  staff_user_id: string
  staff_name?: string | null
  note: string | null
  next_step: string | null
  next_step_on: string | null
  version: number
}

export type ContactInput = Omit<Contact, 'id' | 'case_id' | 'version' | 'staff_name'>

export function listContacts(caseId: string, cursor: string | null = null): Promise<Page<Contact>> {
  return api.get<Page<Contact>>(`/api/v1/cases/${encodeURIComponent(caseId)}/contacts`, { query: { cursor, limit: 50 } })
}

export function createContact(caseId: string, input: ContactInput): Promise<Contact> {
  return api.post<Contact>(`/api/v1/cases/${encodeURIComponent(caseId)}/contacts`, input)
}

export function updateContact(id: string, version: number, input: ContactInput): Promise<Contact> {
  return api.put<Contact>(`/api/v1/contacts/${encodeURIComponent(id)}`, input, { ifMatch: version })
}

/** 電話, or その他（訪問等）・訪問 */
export function channelLabel(c: { channel: string; sub_kind: string | null }): string {
  return c.sub_kind ? `${c.sub_kind}（${c.channel}）` : c.channel
}
