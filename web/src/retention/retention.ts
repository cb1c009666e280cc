// 保存期間 and 本人の求めによる削除 (issue 21 point 2): the organisation's
// retention setting, and a supervisor's preview and erasure of one person's
// data (src/service/retention_policy.h, src/service/person_deletion.h).
import { api } from '../api'

export interface RetentionPolicy {
  organisation_id: string
  closed_case_years: number | null
  group_years: number | null
  /** 匿名のオンライン相談: years after a thread ended before it is deleted (its counts stay). */
  thread_years: number | null
  /** Years after a supporter was marked 休止中 (left_on) before their name, contact and notes are removed. */
  supporter_years: number | null
  version: number
}

export function getRetentionPolicy(organisationId: string): Promise<RetentionPolicy> {
  return api.get<RetentionPolicy>(`/api/v1/organisations/${encodeURIComponent(organisationId)}/retention-policy`)
}

export function updateRetentionPolicy(
  p: RetentionPolicy,
  next: { closed_case_years: number | null; group_years: number | null; thread_years: number | null; supporter_years: number | null },
): Promise<RetentionPolicy> {
  return api.put<RetentionPolicy>(
    `/api/v1/organisations/${encodeURIComponent(p.organisation_id)}/retention-policy`,
    next,
    { ifMatch: p.version },
  )
}

export interface CaseLine {
  id: string
  title: string
  status: string
  opened_on: string
  closed_on: string | null
  anonymised: boolean
}

export interface DeletionPreview {
  person: { id: string; display_name: string; relation: string | null }
  anonymised: boolean
  cases_as_subject: CaseLine[]
  cases_as_family: CaseLine[]
  records: { kind: string; label: string; count: number }[]
  shared: {
    referrals: {
      id: string
      case_id: string
      referred_on: string
      state: string
      basis: string
      shared_parts: string[]
      category: string
      destination: string
      receiving_organisation: string | null
    }[]
    meetings: {
      id: string
      case_id: string
      title: string
      held_on: string
      shared_parts: string[]
      organiser: string
      organisations: string[]
    }[]
    emergency_accesses: { id: string; case_id: string; granted_at: string; organisation: string; user: string }[]
  }
}

export function getDeletionPreview(personId: string): Promise<DeletionPreview> {
  return api.get<DeletionPreview>(`/api/v1/persons/${encodeURIComponent(personId)}/deletion-preview`)
}

export function erasePerson(personId: string, reason: string): Promise<DeletionPreview> {
  return api.post<DeletionPreview>(`/api/v1/persons/${encodeURIComponent(personId)}/deletion`, { reason, confirm: true })
}
