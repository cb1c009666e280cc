// The audit log (docs/api "Audit log"): who did what to which record, from where.
import { api, type Page } from '../api'
import { auditVocabulary, labelOf } from '../meta/meta'

export interface AuditEntry {
  // Which log holds it: 'main' (writes, sign-ins, refusals) or 'reads' (reads of records); seq counts within it.
  log: 'main' | 'reads'
  seq: number
  at: string
  user_id: string | null
  user_login: string | null
  organisation_id: string | null
  action: string
  entity: string | null
  entity_id: string | null
  client: string | null
  detail: unknown
  /** Who acted, by name (not the login), and their organisation. */
  user_name?: string
  organisation_name?: string
  action_label?: string
  entity_label?: string
  /** The case the entry is about; the title only where the reader may open it. */
  case?: { id: string; number: string | null; title: string | null; may_open: boolean } | null
}

export interface AuditFilter {
  user?: string
  action?: string
  case_number?: string
  from?: string
  to?: string
}

export const PAGE_SIZE = 50

export function listAudit(cursor: string | null, filter: AuditFilter = {}): Promise<Page<AuditEntry>> {
  return api.get<Page<AuditEntry>>('/api/v1/audit', { query: { ...filter, cursor, limit: PAGE_SIZE } })
}

/** Japanese labels of the log's codes, from /api/v1/meta (the server keeps the one list). */
export const actionLabel = (code: string) => labelOf(auditVocabulary.actions, code)
export const entityLabel = (code: string | null) => (code ? labelOf(auditVocabulary.entities, code) : '')

export function describeDetail(detail: unknown): string {
  if (detail === null || detail === undefined || detail === '') return ''
  if (typeof detail === 'string') return detail
  try {
    return JSON.stringify(detail)
  } catch {
    return ''
  }
}
