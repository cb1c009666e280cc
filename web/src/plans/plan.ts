// Support plans (支援計画): goals on three axes × three terms, in the
// person's own words, with consent and a review date; progress over time.
import { api, type Page } from '../api'
import type { Choice } from '../meta/meta'

const choices = (values: readonly string[]): Choice[] => values.map((v) => ({ value: v, label: v }))
export const PLAN_AXES = choices(['日常生活自立', '社会生活自立', '経済的自立'])
export const PLAN_TERMS = choices(['短期', '中期', '長期'])
export const PLAN_CONSENTS = choices(['未確認', '同意', '一部同意', '不同意'])
/** Progress moves either way; none of these words judges. */
export const PROGRESS_DIRECTIONS: Choice[] = [
  { value: 'up', label: '進んだ' },
  { value: 'same', label: '変わらない' },
  { value: 'down', label: '戻った（よくあることです）' },
]
export const directionLabel = (d: string | null | undefined) =>
  d === 'up' ? '進んだ' : d === 'down' ? '戻った' : d === 'same' ? '変わらない' : ''

export interface Progress {
  id: string
  recorded_on: string
  direction: string
  note: string | null
  recorded_by_name?: string | null
}

export interface Goal {
  id: string
  axis: string
  term: string
  text: string
  progress: Progress[]
}

export interface Plan {
  id: string
  case_id: string
  consent: string
  review_on: string | null
  note: string | null
  goals: Goal[]
  created_at: string
  version: number
}

export interface PlanInput {
  consent: string
  review_on: string | null
  note: string | null
  goals: { axis: string; term: string; text: string }[]
}

const base = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/plans`

export function listPlans(caseId: string): Promise<Page<Plan>> {
  return api.get<Page<Plan>>(base(caseId))
}
export function createPlan(caseId: string, input: PlanInput): Promise<Plan> {
  return api.post<Plan>(base(caseId), input)
}
export function updatePlan(id: string, version: number, input: PlanInput): Promise<Plan> {
  return api.put<Plan>(`/api/v1/plans/${encodeURIComponent(id)}`, input, { ifMatch: version })
}
export function addProgress(planId: string, goalId: string, input: { recorded_on: string; direction: string; note: string | null }): Promise<Plan> {
  return api.post<Plan>(`/api/v1/plans/${encodeURIComponent(planId)}/goals/${encodeURIComponent(goalId)}/progress`, input)
}
