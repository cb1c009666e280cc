// Referrals (関係機関へのつなぎ) and consent records (本人同意):
// /api/v1/cases/:id/consents, /api/v1/cases/:id/referrals, /api/v1/referrals.
// Nothing leaves the organisation without a sharing basis (情報共有の根拠);
// the server refuses a referral without one and says why.
import { api, type Page } from '../api'
import { enumeration, type Choice } from '../meta/meta'
import { supportMeetingKind } from '../meetings/meeting'

/** Parts of a case that may be shared (SharedPart in docs/api). */
export const SHARED_PARTS = enumeration('shared_part')
export const partLabel = (p: string) => SHARED_PARTS.find((c) => c.value === p)?.label ?? p
export const partsLabel = (parts: readonly string[]) => parts.map(partLabel).join('、') || '共有しない'

export const CONSENT_METHODS = enumeration('consent_method')
/** Who gave a consent: 本人, 家族 or 法定代理人 (only 本人 and 法定代理人 are 本人同意). */
export const CONSENT_GIVERS = enumeration('consent_giver')
export const REPRESENTATIVE_BASES = enumeration('representative_basis')
/** The sharing bases (情報共有の根拠): 本人同意, 支援会議, 個人情報保護法第27条第1項. */
export const BASES = enumeration('sharing_basis')
/** The field that must carry the record of a basis: the consent, the meeting, or the reason. */
export const basisRecord = (basis: string | null | undefined) => BASES.find((b) => b.value === basis)?.record_field
export const REFERRAL_STATES = enumeration('referral_state')

export interface Consent {
  id: string
  case_id: string
  given_by: string
  giver: string
  giver_person_id: string | null
  representative_basis: string | null
  /** 本人同意: 本人's own or a legal representative's consent; a family member's is not. */
  subject_basis: boolean
  method: string
  given_on: string
  scope: string[]
  destination_resource_id: string | null
  destination_resource_name: string | null
  destination_organisation_id: string | null
  destination_organisation_name: string | null
  note: string | null
  active: boolean
  withdrawn_at: string | null
  withdrawn_on: string | null
  withdrawal_note: string | null
  recorded_by?: string
  version: number
  created_at?: string
}

export interface ConsentInput {
  giver: string
  given_by: string | null
  giver_person_id: string | null
  representative_basis: string | null
  method: string
  given_on: string
  scope: string[]
  destination_resource_id: string | null
  note: string | null
}

export interface Referral {
  id: string
  /** The sender's case; null when the receiver looks. */
  case_id: string | null
  organisation_id: string
  organisation_name: string
  resource_id: string
  resource_name: string
  receiving_organisation_id: string | null
  receiving_organisation_name: string | null
  outside_tsunagu: boolean
  category: string
  purpose: string
  accompanied: boolean
  shared_parts: string[]
  basis: string
  consent_id: string | null
  meeting_id: string | null
  basis_reason: string | null
  state: string
  referred_on: string
  receiver_case_id: string | null
  version: number
  created_at?: string
  updated_at?: string
}

export interface ReferralEvent {
  id: string
  from_state: string | null
  to_state: string
  note: string | null
  occurred_on: string
  created_at: string
  user_name: string
  organisation_name: string
}

export interface Feedback {
  id: string
  note: string
  created_at: string
  user_name?: string
  organisation_name?: string
}

export interface Move {
  to: string
  needs_reason: boolean
}

export interface ReferralDetail extends Referral {
  side?: 'sender' | 'receiver'
  allowed_moves: Move[]
  events: ReferralEvent[]
  feedback: Feedback[]
}

export interface ReferralInput {
  resource_id: string
  category?: string
  purpose: string
  accompanied: boolean
  shared_parts: string[]
  basis?: string
  consent_id?: string
  meeting_id?: string
  basis_reason?: string
  referred_on: string
  note?: string
}

export interface SharedView {
  referral_id: string
  basis: string
  shared_parts: string[]
  basis_ended_at: string | null
  disclosed_at: string | null
  current: boolean
  notice?: string
  content: Record<string, unknown>
}

const caseBase = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}`
const one = (id: string) => `/api/v1/referrals/${encodeURIComponent(id)}`

export function listConsents(caseId: string): Promise<Page<Consent>> {
  return api.get<Page<Consent>>(`${caseBase(caseId)}/consents`)
}
export function createConsent(caseId: string, input: ConsentInput): Promise<Consent> {
  return api.post<Consent>(`${caseBase(caseId)}/consents`, input)
}
export function withdrawConsent(c: Consent, input: { withdrawn_on: string; withdrawal_note: string | null }): Promise<Consent> {
  return api.post<Consent>(`${caseBase(c.case_id)}/consents/${encodeURIComponent(c.id)}/withdraw`, input, { ifMatch: c.version })
}

export function listCaseReferrals(caseId: string): Promise<Page<Referral>> {
  return api.get<Page<Referral>>(`${caseBase(caseId)}/referrals`)
}
export function createReferral(caseId: string, input: ReferralInput): Promise<ReferralDetail> {
  return api.post<ReferralDetail>(`${caseBase(caseId)}/referrals`, input)
}
export function listInbox(state: string): Promise<Page<Referral>> {
  return api.get<Page<Referral>>('/api/v1/referrals/inbox', { query: { state } })
}
export function getReferral(id: string): Promise<ReferralDetail> {
  return api.get<ReferralDetail>(one(id))
}
export function getShared(id: string): Promise<SharedView> {
  return api.get<SharedView>(`${one(id)}/shared`)
}
export function acceptReferral(id: string, input: { case_id?: string; title?: string; note?: string; occurred_on: string }): Promise<ReferralDetail> {
  return api.post<ReferralDetail>(`${one(id)}/accept`, input)
}
export function moveReferral(r: Referral, input: { to: string; note?: string; occurred_on: string }): Promise<ReferralDetail> {
  return api.post<ReferralDetail>(`${one(r.id)}/events`, input, { ifMatch: r.version })
}
export function addFeedback(id: string, note: string): Promise<Feedback> {
  return api.post<Feedback>(`${one(id)}/feedback`, { note })
}

/** A 支援会議 that may be named as the sharing basis (from /api/v1/meetings, when the server has it). */
export type MeetingChoice = Choice

/**
 * The 支援会議 of the organisation, for the sharing basis (the server checks
 * that the meeting discussed the case). Meetings are another screen's
 * concern; this reads only what it needs and gives an empty list when the
 * server cannot list them.
 */
export async function meetingChoices(): Promise<MeetingChoice[]> {
  try {
    const kind = supportMeetingKind()
    const page = await api.get<Page<Record<string, unknown>>>('/api/v1/meetings', { query: { kind } })
    return page.items
      .filter((m) => !m.kind || m.kind === kind)
      .map((m) => {
        const on = String(m.held_on ?? m.held_at ?? m.date ?? '')
        const title = String(m.title ?? m.name ?? m.kind ?? kind)
        return { value: String(m.id), label: on ? `${on} ${title}` : title }
      })
  } catch {
    return []
  }
}
