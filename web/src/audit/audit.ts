// The audit log (docs/api "Audit log"): who did what to which record, from where.
import { api, type Page } from '../api'

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
}

export const PAGE_SIZE = 50

export function listAudit(cursor: string | null): Promise<Page<AuditEntry>> {
  return api.get<Page<AuditEntry>>('/api/v1/audit', { query: { cursor, limit: PAGE_SIZE } })
}

export const actionLabels: Record<string, string> = {
  read: '閲覧',
  create: '作成',
  update: '更新',
  delete: '削除',
  login: 'ログイン',
  login_failed: 'ログイン失敗',
  password_change_failed: 'パスワード変更の失敗（今のパスワードの誤り）',
  logout: 'ログアウト',
  denied: '権限なしで拒否',
  disclose: '開示請求への回答の作成',
  anonymise: '匿名化（保存期間の経過・本人の求め）',
  erase: '本人の求めによる削除',
}

export const entityLabels: Record<string, string> = {
  session: 'セッション',
  user: '利用者',
  users: '利用者',
  organisation: '組織',
  organisations: '組織',
  area: '地域',
  areas: '地域',
  audit: '監査ログ',
  case: 'ケース',
  cases: 'ケース',
  person: '本人・家族',
  household: '世帯',
  contact: '相談・支援の記録',
  assessment: 'アセスメントの記録',
  plan: '支援計画の記録',
  stage_change: 'ステージ',
  consent: '同意',
  referral: 'つなぎ',
  referral_share: 'つなぎで共有した情報',
  meeting_share: '会議で共有した情報',
  follow_up: '会議で決まったこと',
  emergency_access: '緊急アクセス',
  retention_policy: '保存期間の設定',
  group_participant: '居場所の参加者',
  group_session: '居場所の開催回',
}

export function describeDetail(detail: unknown): string {
  if (detail === null || detail === undefined || detail === '') return ''
  if (typeof detail === 'string') return detail
  try {
    return JSON.stringify(detail)
  } catch {
    return ''
  }
}
