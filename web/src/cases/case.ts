// Support cases (支援ケース): /api/v1/cases.
import { api, type Page } from '../api'

export interface StaffRef {
  id: string
  display_name: string
}

export interface PersonSummary {
  id: string
  display_name: string
  furigana: string | null
  naming?: string
  name?: string | null
  sex?: string | null
  age_band?: string | null
  age?: number | null
}

export interface HouseholdMember {
  person_id: string
  relation: string
  display_name: string
  age_band?: string | null
}

export interface Household {
  id: string
  label: string
  members: HouseholdMember[]
}

export interface StatusChange {
  id: string
  from: string | null
  to: string
  reason: string | null
  on: string
  user_name: string | null
  recorded_at: string
}

export interface CaseSummary {
  id: string
  organisation_id: string
  title: string
  /** ケース番号 「2026-0012」 (fiscal year of 受付日 and the organisation's sequence). */
  number: string | null
  status: string
  intake_route: string
  caller_relation: string | null
  subject_awareness: string
  needs: string[]
  stage_model: string
  current_stage: string | null
  opened_on: string
  closed_on: string | null
  /** When names and free text were removed (保存期間の経過、または本人の求め). */
  anonymised_at?: string | null
  subject_person_id: string | null
  /** 本人; null while still unknown. */
  subject: PersonSummary | null
  household_id: string | null
  /** Whether 本人 has been met at least once (any contact with subject_met). */
  subject_met: boolean
  last_contact_at: string | null
  contact_count: number
  staff: StaffRef[]
  /** Search answers: what matched (person names, contact notes). */
  matched?: ('person' | 'contact')[]
  version: number
  updated_at: string
}

export interface CaseDetail extends CaseSummary {
  household: Household | null
  status_history: StatusChange[]
  allowed_moves: { to: string; needs_reason: boolean }[]
}

export interface CaseQuery {
  status?: string
  staff?: string
  stage?: string
  /** YYYY-MM-DD: only cases with no contact on or after this day. */
  last_contact_before?: string
  /** Name, ふりがな, title, note, or a case number as typed. */
  q?: string
  sort?: string
  direction?: string
  cursor?: string | null
  limit?: number
}

export function listCases(q: CaseQuery): Promise<Page<CaseSummary>> {
  return api.get<Page<CaseSummary>>('/api/v1/cases', {
    query: {
      status: q.status,
      staff: q.staff,
      stage: q.stage,
      last_contact_before: q.last_contact_before,
      q: q.q,
      sort: q.sort,
      direction: q.direction,
      cursor: q.cursor,
      limit: q.limit ?? 20,
    },
  })
}

export function getCase(id: string): Promise<CaseDetail> {
  return api.get<CaseDetail>(`/api/v1/cases/${encodeURIComponent(id)}`)
}

export interface PersonInput {
  naming: string
  name: string | null
  furigana: string | null
  sex: string | null
  age_band: string | null
}

export interface IntakeInput {
  title: string
  intake_route: string
  caller_relation: string | null
  subject_awareness: string
  needs: string[]
  opened_on: string
  /** Omitted while 本人 is unknown (e.g. a parent called without giving details). */
  subject?: PersonInput
  /** The family member who called; joins the household with their relation. */
  caller?: PersonInput & { relation: string }
}

export function searchCases(q: string, cursor: string | null): Promise<Page<CaseSummary>> {
  return api.get<Page<CaseSummary>>('/api/v1/search', { query: { q, cursor, limit: 20 } })
}

export function createCase(input: IntakeInput): Promise<CaseDetail> {
  return api.post<CaseDetail>('/api/v1/cases', input)
}

export interface CaseChange {
  title: string
  opened_on: string
  subject_person_id: string | null
  household_id: string | null
  intake_route: string
  caller_relation: string | null
  subject_awareness: string
  needs: string[]
}

export function updateCase(id: string, version: number, change: CaseChange): Promise<CaseDetail> {
  return api.put<CaseDetail>(`/api/v1/cases/${encodeURIComponent(id)}`, change, { ifMatch: version })
}

export function changeStatus(id: string, version: number, to: string, reason: string | null): Promise<CaseDetail> {
  return api.post<CaseDetail>(`/api/v1/cases/${encodeURIComponent(id)}/status`, { to, reason }, { ifMatch: version })
}

/** How 本人 is named on screen: the name, the pseudonym, or a neutral 本人未確認. */
export function subjectLabel(c: { subject: PersonSummary | null }): string {
  return c.subject ? c.subject.display_name : '本人未確認'
}

/** 本人に会えたか, in neutral words. */
export function metLabel(met: boolean): string {
  return met ? '会えた' : 'まだ会えていない'
}
