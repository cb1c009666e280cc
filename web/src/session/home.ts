// The home screen's one request (GET /api/v1/home, server src/service/home.h):
// what is due for the signed-in person. A section is absent for a role
// whose work does not include it.
import { api } from '../api'

export interface HomeCase {
  id: string
  title: string
  number: string | null
}

export interface DueItem {
  kind: 'next_step' | 'follow_up'
  id: string
  text: string | null
  due_on: string
  overdue: boolean
  /** Null for a follow-up of another organisation's case: it links to its meeting. */
  case: HomeCase | null
  contact_id: string | null
  meeting_id: string | null
  meeting_title?: string
}

export interface IncomingReferral {
  id: string
  referred_on: string
  created_at: string
  category: string
  organisation_name: string
  resource_name: string
}

export interface QuietCase {
  case: HomeCase
  status: string
  last_contact_on: string | null
  days_since_contact: number | null
}

export interface WeekMeeting {
  id: string
  title: string
  kind: string
  held_on: string
  organisation_name: string
  side: 'organiser' | 'participant'
}

/** A supporter's report marked urgent, not yet taken into a case (its words stay on the dispatch board). */
export interface UrgentSupporterReport {
  id: string
  activity: string
  starts_at: string
  reported_at: string | null
  supporter_name: string
  case_id: string | null
  case_title: string | null
  group_name: string | null
}

export interface Section<T> {
  count: number
  items: T[]
}

export interface Home {
  today: string
  week_from: string
  week_to: string
  quiet_days: number
  due?: Section<DueItem>
  incoming_referrals?: Section<IncomingReferral>
  quiet_cases?: Section<QuietCase>
  meetings_this_week?: Section<WeekMeeting>
  urgent_supporter_reports?: Section<UrgentSupporterReport>
}

export const getHome = () => api.get<Home>('/api/v1/home')

/** Where a due item leads: its case, or the meeting when the case is another organisation's. */
export function dueLink(item: DueItem): string {
  if (item.case) return `/cases/${encodeURIComponent(item.case.id)}`
  return `/meetings/${encodeURIComponent(item.meeting_id ?? '')}`
}

/** 「2026-0012 Aさん」: the case as staff name it. */
export function caseLabel(c: HomeCase): string {
  return c.number ? `${c.number} ${c.title}` : c.title
}
