// Anonymous consultation, the staff side (issue 19 point 3): the inbox of
// the answering organisation, one thread with replies and internal notes,
// state and assignment, and reply templates (/api/v1/consultations…).
// States, writers and authors come from GET /api/v1/meta.
import { reactive } from 'vue'
import { api, type RequestOptions } from '../api'
import { enumeration } from '../meta/meta'

export const CONSULTATION_STATES = enumeration('consultation_state')
export const CONSULTATION_WRITERS = enumeration('consultation_writer')
export const CONSULTATION_AUTHORS = enumeration('consultation_author')

/** The longest reply or note the server takes. */
export const REPLY_MAX = 4000

export interface ThreadItem {
  id: string
  reference: string
  writer: string
  state: string
  nickname: string | null
  municipality_name: string | null
  assigned_to: string | null
  assigned_name: string | null
  urgent: boolean
  person_messages: number
  last_message_at: string
  last_person_message_at: string
  created_at: string
  closed_at?: string | null
  version: number
}

export interface StaffMessage {
  id: string
  author: string
  body: string
  sent_at: string
  urgent: boolean
  staff_name: string | null
}

export interface Template {
  id: string
  title: string
  body: string
}

/** Name and contact details the person chose to give (never asked by staff). */
export interface PersonDetails {
  name: string
  furigana: string | null
  phone: string | null
  email: string | null
  contact_note: string | null
}

export interface Colleague {
  id: string
  display_name: string
}

/** The whole thread: GET, a new message and PATCH all answer with it. */
export interface ThreadDetail extends ThreadItem {
  messages: StaffMessage[]
  protocol: string | null
  reply_days: number
  moves: string[]
  /** The organisation's coordinators and supervisors. */
  assignable: Colleague[]
  templates: Template[]
  details: PersonDetails | null
  details_given: boolean
  case_id: string | null
}

export interface Inbox {
  items: ThreadItem[]
  counts: Record<string, number>
}

const enc = encodeURIComponent

export const listThreads = (state: string | null) => api.get<Inbox>('/api/v1/consultations', { query: { state } })
export const getThread = (id: string) => api.get<ThreadDetail>(`/api/v1/consultations/${enc(id)}`)
export const addMessage = (id: string, kind: 'reply' | 'note', body: string) =>
  api.post<ThreadDetail>(`/api/v1/consultations/${enc(id)}/messages`, { kind, body })
export const updateThread = (t: ThreadItem, body: { state?: string; assigned_to?: string | null }) =>
  api.patch<ThreadDetail>(`/api/v1/consultations/${enc(t.id)}`, body, { ifMatch: t.version })
/** A case from a thread whose person gave details (409 details_not_given / case_already_opened otherwise). */
export const openCase = (id: string, title?: string) =>
  api.post<{ case_id: string }>(`/api/v1/consultations/${enc(id)}/case`, { title })
export const listTemplates = () => api.get<{ items: Template[] }>('/api/v1/consultation-templates')
export const createTemplate = (title: string, body: string) => api.post<Template>('/api/v1/consultation-templates', { title, body })
export const deleteTemplate = (id: string) => api.delete<void>(`/api/v1/consultation-templates/${enc(id)}`)

/** The counts of the organisation's threads by state, and which state is 「新着」. */
export interface Counts {
  counts: Record<string, number>
  new_state: string
  /** Referrals to the organisation awaiting its answer (依頼), for 受け入れ. */
  incoming_referrals: number
  /** Supporters' reports marked urgent not yet taken into a case, for 派遣. */
  urgent_supporter_reports: number
}
export const getCounts = (options?: RequestOptions) => api.get<Counts>('/api/v1/consultation-counts', options)

/** The first state of a thread (新着): the inbox's first tab. */
export function firstState(): string | undefined {
  return CONSULTATION_STATES[0]?.value
}

/**
 * New threads of the signed-in person's organisation, for the count beside
 * 「オンライン相談」 in the navigation, and the referrals awaiting an answer
 * beside 「受け入れ」 and the supporters' urgent reports beside 「派遣」 (the same
 * small request); refreshed when the inbox changes.
 */
export const inboxCount = reactive({
  fresh: 0,
  referrals: 0,
  urgentReports: 0,
  /** Said once when a reading finds more urgent reports than the one before (the menu's live line). */
  notice: '',
  read: false,
})

/**
 * Reads the counts again. `background`: a reading nobody asked for (the
 * menu's timer, layout/countWatch.ts), which never takes the screen to the
 * login page when the session has ended — the next thing the person does will.
 */
export async function refreshInboxCount(background = false): Promise<void> {
  try {
    const c = await getCounts(background ? { redirectOnSessionGone: false } : undefined)
    const urgent = c.urgent_supporter_reports ?? 0
    if (inboxCount.read && urgent > inboxCount.urgentReports)
      inboxCount.notice = `サポーターから、急ぎの連絡がある報告が届きました（${urgent}件）。「派遣」から確かめてください。`
    else if (urgent === 0) inboxCount.notice = ''
    inboxCount.fresh = c.counts[c.new_state] ?? 0
    inboxCount.referrals = c.incoming_referrals ?? 0
    inboxCount.urgentReports = urgent
    inboxCount.read = true
  } catch {
    // The count is a convenience: the inbox itself shows any failure.
  }
}

/** "3日前" — how long ago the person last wrote, in hours or days. */
export function waitingSince(iso: string, now = Date.now()): string {
  const t = new Date(iso).getTime()
  if (Number.isNaN(t)) return ''
  const hours = Math.max(0, Math.floor((now - t) / 3600e3))
  if (hours < 1) return '1時間以内'
  if (hours < 24) return `${hours}時間前`
  return `${Math.floor(hours / 24)}日前`
}
