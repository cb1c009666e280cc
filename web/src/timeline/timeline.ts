// One chronological view per case: /api/v1/cases/:id/timeline?kinds=
import { api, type Page } from '../api'

export const TIMELINE_KINDS = [
  { value: 'contact', label: '相談・支援の記録' },
  { value: 'assessment', label: 'アセスメント' },
  { value: 'plan', label: '支援計画' },
  { value: 'stage', label: 'ステージ' },
  { value: 'status', label: '状態' },
  { value: 'referral', label: 'つなぎ' },
  { value: 'meeting', label: '会議' },
  { value: 'group', label: '居場所・グループ' },
]

export interface TimelineEntry {
  kind: string
  /** Date (Asia/Tokyo) the event belongs to. */
  on: string
  /** When it was recorded (UTC) — or happened, for contacts. */
  at: string
  summary: string
  ref_id: string
  by: string | null
}

export function listTimeline(caseId: string, kinds: string[], cursor: string | null): Promise<Page<TimelineEntry>> {
  return api.get<Page<TimelineEntry>>(`/api/v1/cases/${encodeURIComponent(caseId)}/timeline`, {
    query: { kinds: kinds.join(','), cursor, limit: 50 },
  })
}

// Feedback from the receiving side is filtered with the referrals but named
// on its own.
export const kindLabel = (k: string) =>
  k === 'referral_feedback' ? 'つなぎ先からの報告' : k === 'follow_up' ? '会議で決まったこと' : (TIMELINE_KINDS.find((x) => x.value === k)?.label ?? k)
