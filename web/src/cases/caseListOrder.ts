// The orders and the "quiet for a while" filter of the case list, as the
// server names them (GET /api/v1/cases: sort, direction, last_contact_before).
import { todayTokyo } from '../format/date'

export interface OrderChoice {
  value: string
  label: string
  sort: string
  direction: string
}

export const CASE_ORDERS: OrderChoice[] = [
  { value: 'updated', label: '更新が新しい順', sort: 'updated', direction: 'desc' },
  { value: 'contact-new', label: '最近の記録が新しい順', sort: 'last_contact', direction: 'desc' },
  { value: 'contact-old', label: '最近の記録が古い順', sort: 'last_contact', direction: 'asc' },
  { value: 'status', label: '状態の順', sort: 'status', direction: 'asc' },
  { value: 'stage', label: 'ステージの順', sort: 'stage', direction: 'asc' },
  { value: 'staff', label: '担当者の順', sort: 'staff', direction: 'asc' },
]

export function orderOf(value: string): OrderChoice {
  return CASE_ORDERS.find((o) => o.value === value) ?? CASE_ORDERS[0]!
}

/** しばらく連絡がないケース: no contact for at least this many days. */
export const QUIET_CHOICES = [
  { value: '30', label: '30日以上' },
  { value: '60', label: '60日以上' },
  { value: '90', label: '90日以上' },
]

/** The day before which there was no contact, for `days` of quiet. */
export function quietSince(days: string, now = new Date()): string | undefined {
  if (!days) return undefined
  return todayTokyo(new Date(now.getTime() - (Number(days) - 1) * 86400e3))
}
