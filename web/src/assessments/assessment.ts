// Assessments (アセスメント), repeated over time: /api/v1/cases/:id/assessments.
import { api, type Page } from '../api'
import { enumeration, type Choice } from '../meta/meta'

export const OUTING_LEVELS = enumeration('outing_level')
export const WITHDRAWAL_PHASES = enumeration('withdrawal_phase')
/** 第1群（統合失調症・気分障害・不安障害等） and so on: the group with what it means. */
export const supportGroups = (): Choice[] =>
  enumeration('support_group').map((c) => ({ value: c.value, label: c.description ? `${c.label}（${c.description}）` : c.label }))
export const DURATION_BANDS = enumeration('duration_band')
/** The facts the Cabinet Office definition excludes by: boolean fields of an assessment, not a list of values. */
export const EXCLUSIONS: Choice[] = [
  { value: 'employed', label: '仕事をしている' },
  { value: 'physical_illness', label: '外出しない理由が身体の病気' },
  { value: 'homemaker_or_childcare', label: '専業主婦・主夫、家事手伝い、出産・育児' },
  { value: 'talked_with_non_family', label: '最近6か月に家族以外の人と会話した' },
]
export const LIFE_DIFFICULTIES = enumeration('life_difficulty')
export const TRIGGERS = enumeration('trigger')

/** What the Cabinet Office classification means, shown wherever it appears. */
export const OUTING_CLASS_EXPLANATION =
  '内閣府の調査の定義（外出の状況と、その状態が6か月以上続いているか）にあてはめた分類です。状況を説明するための情報で、支援を受けられるかどうかを決めるものではありません。'

export interface Assessment {
  id: string
  case_id: string
  assessed_on: string
  outing_level: string | null
  outing_since: string | null
  outing_duration_band: string | null
  employed: boolean
  physical_illness: boolean
  homemaker_or_childcare: boolean
  talked_with_non_family: boolean
  /** Derived: 広義 (狭義 + 準 lasting 6 months or more). */
  outing_broad?: boolean
  /** Derived: the rule sentences that led to outing_class. */
  outing_reasons?: string[]
  /** Derived by the server: 狭義 / 準 / 広義 / 該当なし (descriptive only). */
  outing_class: string | null
  withdrawal_phase: string | null
  support_group: string | null
  mental_background: string | null
  developmental: string | null
  personality: string | null
  environment: string | null
  side_physical: string | null
  side_psychological: string | null
  side_social: string | null
  life_difficulties: string[]
  distress: string | null
  family_distress: string | null
  strengths: string | null
  interests: string | null
  triggers: string[]
  note: string | null
  recorded_by_name?: string | null
  version: number
}

export type AssessmentInput = Omit<Assessment, 'id' | 'case_id' | 'outing_class' | 'outing_broad' | 'outing_reasons' | 'version' | 'recorded_by_name'>

export function listAssessments(caseId: string): Promise<Page<Assessment>> {
  return api.get<Page<Assessment>>(`/api/v1/cases/${encodeURIComponent(caseId)}/assessments`, { query: { limit: 200 } })
}

export function createAssessment(caseId: string, input: AssessmentInput): Promise<Assessment> {
  return api.post<Assessment>(`/api/v1/cases/${encodeURIComponent(caseId)}/assessments`, input)
}

/** The fields compared between two assessments, with their labels. */
export const COMPARED_FIELDS: { key: keyof Assessment; label: string }[] = [
  { key: 'outing_level', label: '外出状況' },
  { key: 'outing_since', label: 'その状況になった時期' },
  { key: 'outing_class', label: '内閣府の定義による分類' },
  { key: 'withdrawal_phase', label: 'ひきこもりの段階（④）' },
  { key: 'support_group', label: '診断と支援方針に基づく分類（⑥）' },
  { key: 'mental_background', label: '背景精神障害（①）' },
  { key: 'developmental', label: '発達障害（②）' },
  { key: 'personality', label: 'パーソナリティ傾向（③）' },
  { key: 'environment', label: '環境（⑤）' },
  { key: 'side_physical', label: '生理的・身体的' },
  { key: 'side_psychological', label: '精神的・心理的' },
  { key: 'side_social', label: '社会環境的' },
  { key: 'life_difficulties', label: '生活上の困難' },
  { key: 'distress', label: '本人のつらさ' },
  { key: 'family_distress', label: '家族のつらさ' },
  { key: 'strengths', label: 'できること' },
  { key: 'interests', label: '興味・関心' },
  { key: 'triggers', label: 'きっかけ' },
]

export function fieldText(a: Assessment, key: keyof Assessment): string {
  const v = a[key]
  if (key === 'outing_class' && v) return a.outing_broad ? `${v}（広義に含まれる）` : String(v)
  if (Array.isArray(v)) return v.join('、')
  return v === null || v === undefined ? '' : String(v)
}
