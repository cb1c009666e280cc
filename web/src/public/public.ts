// The public side (issue 19), without a login: the portal of 窓口, groups
// and sessions (GET /api/public/v1/portal), and the person's side of
// anonymous consultation (/api/public/v1/consultation…). The browser keeps
// only the server's HttpOnly cookie; the number and the passphrase live in
// a screen's memory for the one moment they are shown.
import { api, ApiError } from '../api'
import { enumeration } from '../meta/meta'

/** Who is writing (本人・家族・その他), from GET /api/v1/meta. */
export const CONSULTATION_WRITERS = enumeration('consultation_writer')

/** The longest message the server takes (code points). */
export const MESSAGE_MAX = 2000
export const NICKNAME_MAX = 20

export interface Municipality {
  id: string
  name: string
  prefecture_name: string | null
}

export interface PublicWindow {
  id: string
  name: string
  kind: string | null
  program_type: string | null
  area_name: string | null
  offers: string | null
  hours: string | null
  phone: string | null
  address: string | null
  url: string | null
  access: string | null
  anonymous_consultation: boolean | null
}

export interface PublicGroup {
  id: string
  name: string
  kind: string | null
  audience: string | null
  organisation_name: string | null
  description: string | null
  area_name: string | null
  venue: string | null
  online: boolean | null
  schedule: string | null
  schedule_note: string | null
  cost: string | null
  cost_note: string | null
  registration_required: boolean | null
  gender: string | null
}

export interface PublicSession {
  id: string
  group_id: string
  group_name: string | null
  held_on: string
  starts: string | null
  ends: string | null
  title: string | null
  venue: string | null
  online: boolean | null
  kind: string | null
}

export interface CrisisContact {
  name: string
  phone: string | null
  hours: string | null
  note: string | null
}

export interface Portal {
  municipalities: Municipality[]
  windows: PublicWindow[]
  groups: PublicGroup[]
  sessions: PublicSession[]
  consultation_available: boolean | null
  crisis_contacts: CrisisContact[] | null
  /** Whether this deployment sends 「返信があります」 notices by email. */
  notice_email_available?: boolean
}

export interface Opened {
  number: string
  passphrase: string
  urgent: boolean
  crisis_contacts?: CrisisContact[]
}

export interface PersonMessage {
  id: string
  author: string
  body: string
  sent_at: string
}

export interface PersonThread {
  writer: string
  nickname: string | null
  state: string
  /** The state in the person's words, as the server says it. */
  state_note: string
  urgent: boolean
  /** Whether the person has told their name and contact details. */
  details_given: boolean
  organisation: { name: string; reply_days: number | null }
  created_at: string
  messages: PersonMessage[]
  crisis_contacts?: CrisisContact[]
}

// Public calls never lead to the staff login page: a 401 here means "this
// browser holds no consultation", which the screen itself answers.
const quiet = { redirectOnSessionGone: false }

export const getPortal = (municipality: string | null) =>
  api.get<Portal>('/api/public/v1/portal', { ...quiet, query: { municipality } })

export const startConsultation = (body: {
  writer: string
  nickname?: string
  municipality_id?: string
  message: string
  notice_email?: string
  website: string
}) => api.post<Opened>('/api/public/v1/consultations', body, quiet)

export const openConsultation = (number: string, passphrase: string) =>
  api.post<void>('/api/public/v1/consultation/session', { number, passphrase }, quiet)

export const getThread = () => api.get<PersonThread>('/api/public/v1/consultation', quiet)

export const writeAgain = (message: string) =>
  api.post<PersonThread>('/api/public/v1/consultation/messages', { message }, quiet)

/** Limits of the details the person may give (code points). */
export const NAME_MAX = 60
export const FURIGANA_MAX = 60
export const PHONE_MAX = 30
export const EMAIL_MAX = 254
export const CONTACT_NOTE_MAX = 500

export interface PersonDetails {
  name: string
  furigana?: string
  phone?: string
  email?: string
  contact_note?: string
  consent: boolean
}

/**
 * 「名前や連絡先を伝えて、相談を続ける」: the person chooses to tell who they
 * are, with consent to the 窓口 recording it. 201 is the thread.
 */
export const giveDetails = (details: PersonDetails) =>
  api.post<PersonThread>('/api/public/v1/consultation/details', details, quiet)

/** 「この端末から消す」: this browser forgets the thread; the thread stays. */
export const forgetHere = () => api.delete<void>('/api/public/v1/consultation/session', quiet)

/** The person deletes their thread (the yearly counts stay). */
export const deleteThread = () => api.delete<void>('/api/public/v1/consultation', quiet)

/**
 * The crisis contacts a refusal carries: every 429 and 503 of the
 * consultation routes, and any refusal of a message that speaks of danger.
 * A person who cannot write right now may need them most.
 */
export function crisisContactsOf(e: unknown): CrisisContact[] | null {
  const contacts = e instanceof ApiError ? e.problem.crisis_contacts : null
  return Array.isArray(contacts) && contacts.length ? (contacts as CrisisContact[]) : null
}

/** Code points, as the server counts a message's length. */
export function lengthOf(text: string): number {
  return [...text].length
}

/** A phone number as a tel: link (digits and + only). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`
}

const weekday = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', month: 'long', day: 'numeric', weekday: 'short' })

/** 12月7日(月) for YYYY-MM-DD. */
export function formatDay(day: string): string {
  const d = new Date(`${day}T00:00:00+09:00`)
  return Number.isNaN(d.getTime()) ? day : weekday.format(d)
}
