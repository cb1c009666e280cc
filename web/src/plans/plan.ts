// Support plans (支援計画): goals on three axes × three terms, in the
// person's own words, with consent and a review date; progress over time.
import { api, type Page } from '../api'
import { enumeration, type Choice } from '../meta/meta'

export const PLAN_AXES = enumeration('plan_axis')
export const PLAN_TERMS = enumeration('plan_term')
export const PLAN_CONSENTS = enumeration('plan_consent')
/**
 * Where the person is with a goal, at their own pace (domain/plan_progress.h). Not a grade.
 * The API stores the level as its position 0…4 in the server's list.
 */
export const progressLevels = (): Choice[] => enumeration('progress_level').map((c, i) => ({ value: String(i), label: c.label }))
export const levelLabel = (level: number) => enumeration('progress_level')[level]?.label ?? String(level)

export interface Progress {
  id: string
  recorded_on: string
  level: number
  /** はじめての記録 / 前進 / 変化なし / 一時的に戻る (from the server) */
  level_label?: string
  direction: string
  note: string | null
  recorded_by_name?: string | null
}

export interface Goal {
  id: string
  axis: string
  term: string
  /** The goal in 本人の言葉. */
  words: string
  support: string | null
  active?: boolean
  progress?: Progress[]
}

export interface Plan {
  id: string
  case_id: string
  title: string
  wish: string | null
  consent: string
  consent_on: string | null
  started_on: string
  review_on: string | null
  note: string | null
  goals: Goal[]
  version: number
}

export interface PlanInput {
  title: string
  wish: string | null
  consent: string
  started_on: string
  review_on: string | null
  note: string | null
  goals: { id?: string; axis: string; term: string; words: string; support: string | null }[]
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
export function addProgress(planId: string, goalId: string, input: { recorded_on: string; level: number; note: string | null }): Promise<unknown> {
  return api.post<unknown>(`/api/v1/plans/${encodeURIComponent(planId)}/goals/${encodeURIComponent(goalId)}/progress`, input)
}
