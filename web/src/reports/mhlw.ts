// The MHLW annual figures (GET /api/v1/reports/mhlw): report tables as the
// server sends them (src/report/table.h). Hidden cells (small numbers an
// analyst may not see) arrive as null with hidden = true and show as 「X」.
import { api } from '../api'
import type { ReportTable as BaseReportTable } from '../dashboard/dashboard'

export type { Cell, ReportColumn } from '../dashboard/dashboard'

/** The dashboard's table type with the fields this page relies on always present. */
export interface ReportTable extends BaseReportTable {
  sheet_name: string
  hidden: boolean[][]
  rate_rows: number[]
  hidden_label: string
  /** A block of rows under a heading of its own (the 指定都市 after the prefectures): the heading goes before `row`. */
  row_groups?: { row: number; label: string }[]
  /** What each row is: "area:<id>", "organisation:<id>", or "" (合計). */
  row_refs?: string[]
}

export interface MhlwReport {
  fiscal_year: number
  fiscal_year_label: string
  scope: { kind: 'area' | 'organisation'; id: string; label: string }
  suppressed: boolean
  small_cell_k: number | null
  tables: ReportTable[]
}

/** Either an area or an organisation; neither means the caller's own organisation. */
export interface MhlwScopeQuery {
  area?: string
  organisation?: string
}

export function getMhlwReport(fiscalYear: number, scope: MhlwScopeQuery): Promise<MhlwReport> {
  return api.get<MhlwReport>('/api/v1/reports/mhlw', { query: { fiscal_year: fiscalYear, ...scope } })
}

/** Link of the same report as a file (the browser downloads it with the Japanese name). */
export function mhlwFileHref(fiscalYear: number, scope: MhlwScopeQuery, format: 'xlsx' | 'csv'): string {
  const q = new URLSearchParams({ fiscal_year: String(fiscalYear), format })
  if (scope.area) q.set('area', scope.area)
  if (scope.organisation) q.set('organisation', scope.organisation)
  return `/api/v1/reports/mhlw?${q.toString()}`
}

/** The text of a cell as the exported files show it. */
export function cellText(t: ReportTable, row: number, col: number): string {
  if (t.hidden[row]?.[col]) return t.hidden_label
  const v = t.rows[row]?.[col]
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  const kind = t.columns[col]?.kind === 'text' ? 'text' : t.rate_rows.includes(row) ? 'rate' : t.columns[col]?.kind
  if (kind === 'rate') return `${(v * 100).toFixed(1)}%`
  if (kind === 'number') return v.toFixed(1)
  return v.toLocaleString('ja-JP')
}

/** The fiscal year (April–March) of today in Japan. */
export function currentFiscalYear(now = new Date()): number {
  const tokyo = new Date(now.getTime() + 9 * 3600 * 1000)
  return tokyo.getUTCMonth() >= 3 ? tokyo.getUTCFullYear() : tokyo.getUTCFullYear() - 1
}
