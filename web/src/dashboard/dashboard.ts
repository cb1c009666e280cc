// The dashboard's data (GET /api/v1/reports/dashboard and
// /api/v1/reports/requirements): report tables as the server sends them
// (src/report/table.h), turned into chart series here. Hidden cells (small
// numbers an analyst may not see) stay hidden: null, shown as 「X」, and
// drawn as no bar.
import { api } from '../api'

export type Cell = string | number | null

export interface ReportColumn {
  key: string
  label: string
  kind: 'text' | 'count' | 'rate' | 'number'
  persons: boolean
}

export interface ReportTable {
  id: string
  title: string
  caption: string[]
  notes: string[]
  columns: ReportColumn[]
  rows: Cell[][]
  hidden?: boolean[][]
  hidden_label?: string
}

export interface ReportScope {
  organisation: { id: string; name: string; program_type: string | null }
  fiscal_year: number
  fiscal_year_label: string
}

export interface DashboardReport extends ReportScope {
  suppressed: boolean
  tables: ReportTable[]
}

export interface RequirementActivity {
  number: number
  symbol: string
  activity: string
  mark: '◎' | '○' | '–' | null
  evidence: { label: string; count: number; unit: string }[] | null
  state: 'あり' | 'なし' | '記録なし'
  required_without_evidence: boolean
}

export interface RequirementReport extends ReportScope {
  activities: RequirementActivity[]
}

/** organisation: null for the caller's own (analysts may name any). */
export function getDashboard(fiscalYear: number, organisation: string | null): Promise<DashboardReport> {
  return api.get<DashboardReport>('/api/v1/reports/dashboard', { query: { fiscal_year: fiscalYear, organisation } })
}

export function getRequirements(fiscalYear: number, organisation: string | null): Promise<RequirementReport> {
  return api.get<RequirementReport>('/api/v1/reports/requirements', { query: { fiscal_year: fiscalYear, organisation } })
}

/** The file of a report in another format, for a download link. */
export function exportHref(path: string, fiscalYear: number, organisation: string | null, format: 'xlsx' | 'csv'): string {
  const q = new URLSearchParams({ fiscal_year: String(fiscalYear), format })
  if (organisation) q.set('organisation', organisation)
  return `${path}?${q}`
}

/** The fiscal year (年度) of today in Japan: April starts a new one. */
export function currentFiscalYear(now = new Date()): number {
  const tokyo = new Date(now.getTime() + 9 * 3600 * 1000)
  const y = tokyo.getUTCFullYear()
  return tokyo.getUTCMonth() + 1 >= 4 ? y : y - 1
}

export interface Series {
  name: string
  values: (number | null)[]
}

export interface ChartData {
  categories: string[]
  series: Series[]
}

const numeric = (c: Cell | undefined): number | null => (typeof c === 'number' ? c : null)

/**
 * Detail rows and count columns of a table as chart data: categories from
 * the first column, one series per count column except `skip` (totals).
 */
export function chartData(table: ReportTable, skip: string[] = ['total']): ChartData {
  const totalRow = table.rows.length > 1 ? table.rows.findIndex((r) => r[0] === '合計' || r[0] === '合計（重複を除く）') : -1
  const rows = table.rows.filter((_, i) => i !== totalRow)
  const cols = table.columns
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => i > 0 && c.kind === 'count' && !skip.includes(c.key))
  return {
    categories: rows.map((r) => String(r[0] ?? '')),
    series: cols.map(({ c, i }) => ({ name: c.label, values: rows.map((r) => numeric(r[i])) })),
  }
}

export function findTable(report: DashboardReport, ...ids: string[]): ReportTable | undefined {
  return report.tables.find((t) => ids.includes(t.id))
}
