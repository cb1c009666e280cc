// Meetings (会議) and the follow-up items decided in them: /api/v1/meetings,
// /api/v1/follow-ups, /api/v1/cases/:id/follow-ups. The kinds and the two
// laws of a 支援会議 come from the server (GET /api/v1/meta, src/domain/meeting.h).
import { api, messageOf, type Page } from '../api'
import { enumeration } from '../meta/meta'

export const MEETING_KINDS = enumeration('meeting_kind')
export const LEGAL_BASES = enumeration('meeting_legal_basis')

const kindOf = (kind: string | null | undefined) => MEETING_KINDS.find((k) => k.value === kind)
/** A kind whose members may share without the person's consent (支援会議, domain/meeting.h). */
export const sharesWithoutConsent = (kind: string | null | undefined) => kindOf(kind)?.needs_consent === false
/** A kind that must name its law (支援会議). */
export const needsLegalBasis = (kind: string | null | undefined) => kindOf(kind)?.needs_legal_basis === true
/** The kind of meeting a referral may name as its sharing basis. */
export const supportMeetingKind = () => MEETING_KINDS.find((k) => k.needs_consent === false)?.value ?? ''

/** What the kind means for sharing, in the words shown beside the choice. */
export function sharingNote(kind: string): string {
  if (sharesWithoutConsent(kind)) return '法に基づく支援会議です。構成員には守秘義務があり、本人の同意がなくても情報を共有できます。'
  if (!kind) return ''
  return `${kind}でケースの情報を共有するには、本人同意の記録が必要です。`
}

export interface Meeting {
  id: string
  organisation_id: string
  organisation_name: string
  kind: string
  legal_basis: string | null
  needs_consent: boolean
  title: string
  held_on: string
  place: string | null
  agenda: string | null
  decisions: string | null
  organisation_ids: string[]
  side?: 'organiser' | 'participant'
  version: number
}

export interface MeetingPerson {
  id: string
  user_id: string | null
  name: string | null
  affiliation: string | null
}

export interface MeetingCaseEntry {
  id: string
  case_id: string | null
  case_title?: string | null
  organisation_id: string
  organisation_name: string
  own: boolean
  shared_parts: string[]
  consent_id: string | null
  note: string | null
  shared_at: string
}

export interface FollowUp {
  id: string
  meeting_id: string
  meeting_title: string
  meeting_kind: string
  held_on: string
  case_id: string | null
  organisation_name: string
  task: string
  assignee_user_id: string | null
  assignee_name: string | null
  assignee_organisation_name: string | null
  due_on: string | null
  overdue: boolean
  done: boolean
  done_on: string | null
  note: string | null
  version: number
}

export interface MeetingDetail extends Meeting {
  organisations: { id: string; name: string }[]
  people: MeetingPerson[]
  cases: MeetingCaseEntry[]
  follow_ups: FollowUp[]
}

export interface MeetingCaseInput {
  case_id: string
  shared_parts: string[]
  consent_id?: string | null
  note?: string | null
}

export interface MeetingInput {
  kind: string
  legal_basis: string | null
  title: string
  held_on: string
  place: string | null
  agenda: string | null
  decisions: string | null
  organisation_ids: string[]
  people: ({ user_id: string } | { name: string; affiliation: string | null })[]
  cases?: MeetingCaseInput[]
}

export interface SharedInMeeting {
  shared_parts: string[]
  shared_at: string
  current: boolean
  notice?: string
  content: Record<string, unknown>
}

export interface FollowUpInput {
  meeting_case_id: string
  task: string
  assignee_user_id?: string | null
  assignee_name?: string | null
  due_on?: string | null
}

const path = (id: string) => `/api/v1/meetings/${encodeURIComponent(id)}`

export function listMeetings(kind: string): Promise<Page<Meeting>> {
  return api.get<Page<Meeting>>('/api/v1/meetings', { query: { kind: kind || null } })
}
export function getMeeting(id: string): Promise<MeetingDetail> {
  return api.get<MeetingDetail>(path(id))
}
export function createMeeting(input: MeetingInput): Promise<MeetingDetail> {
  return api.post<MeetingDetail>('/api/v1/meetings', input)
}
export function getSharedInMeeting(meetingId: string, entryId: string): Promise<SharedInMeeting> {
  return api.get<SharedInMeeting>(`${path(meetingId)}/cases/${encodeURIComponent(entryId)}/shared`)
}
export function createFollowUp(meetingId: string, input: FollowUpInput): Promise<FollowUp> {
  return api.post<FollowUp>(`${path(meetingId)}/follow-ups`, input)
}
export function setFollowUpDone(f: FollowUp, done: boolean): Promise<FollowUp> {
  return api.put<FollowUp>(`/api/v1/follow-ups/${encodeURIComponent(f.id)}`, { done }, { ifMatch: f.version })
}
/** Marks the item done, or open again; answers the sentence to show. */
export async function toggleDone(f: FollowUp): Promise<string> {
  try {
    await setFollowUpDone(f, !f.done)
    return f.done ? '「未了」に戻しました。' : '「済み」にしました。'
  } catch (e) {
    return messageOf(e)
  }
}
export function listCaseFollowUps(caseId: string): Promise<Page<FollowUp>> {
  return api.get<Page<FollowUp>>(`/api/v1/cases/${encodeURIComponent(caseId)}/follow-ups`)
}

/** "担当：…・期限：…" for a follow-up item. */
export function whoAndWhen(f: FollowUp): string {
  const who = f.assignee_name ? `${f.assignee_name}${f.assignee_organisation_name ? `（${f.assignee_organisation_name}）` : ''}` : '—'
  return f.due_on ? `${who}・${f.due_on}まで` : who
}
