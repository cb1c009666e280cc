// 実態把握調査 (issue 18): surveys, respondents, anonymous cards, duplicates
// and figures — /api/v1/surveys, /api/v1/survey-cards,
// /api/v1/survey-respondents. The questionnaire (items and their choices,
// 「分からない」 included) comes with each survey from the server.
import { api, type Page } from '../api'
import { enumeration } from '../meta/meta'

export const RESPONDENT_KINDS = enumeration('survey_respondent_kind')
export const DUPLICATE_DECISIONS = enumeration('survey_duplicate_decision')
export const POPULATION_AGE_BANDS = enumeration('population_age_band')
/** 下書き then 送信済み, in the server's order (survey_card_state). */
export const CARD_STATES = enumeration('survey_card_state')
export const draftState = (): string => CARD_STATES[0]?.value ?? ''
export const sentState = (): string => CARD_STATES[1]?.value ?? ''

export interface SurveyItem {
  key: string
  label: string
  choices: string[]
  multiple: boolean
  custom: boolean
}

export interface Respondent {
  id: string
  survey_id: string
  user_id: string | null
  user_name: string | null
  label: string
  district_id: string
  district_name: string
  no_one: boolean
  sent: number
  drafts: number
  returned: boolean
  version: number
}

export interface Survey {
  id: string
  organisation_id: string
  organisation_name: string
  year: number
  title: string
  area_id: string
  area_name: string
  respondent_kind: string
  starts_on: string
  ends_on: string
  items: SurveyItem[]
  note: string | null
  districts: { id: string; name: string }[]
  my_respondent?: Respondent
  version: number
}

export type Answers = Record<string, string[]>

export interface SurveyCard {
  id: string
  survey_id: string
  respondent_id: string
  respondent_label: string
  district_id: string
  district_name: string
  reported_on: string
  age_band: string
  gender: string
  household: string
  answers: Answers
  state: string
  sent_at: string | null
  version: number
}

export interface ResponseRow {
  distributed: number
  returned: number
  no_one: number
  not_returned: number
  rate: number | null
  low: boolean
  district_id?: string
  district_name?: string
}

export interface Responses {
  districts: ResponseRow[]
  total: ResponseRow
  low_rate_threshold: number
  reminders?: { respondent_id: string; label: string; district_name: string; drafts: number }[]
}

export interface DuplicatePair {
  card_a: string
  card_b: string
  district_name: string
  age_band: string
  gender: string
  household: string
  decision: string
  note: string | null
  decided_at: string | null
}

export interface Duplicates {
  items: DuplicatePair[]
  cards: number
  persons: number
}

export interface DistrictRate {
  district_id: string
  district_name: string
  population_year: number | null
  persons: number
  population: number | null
  /** Null unless every band 10代 … 70代以上 has a population; then `per_1000_reason` says why. */
  per_1000: number | null
  per_1000_reason: string | null
  bands: { age_band: string; persons: number; population: number | null; per_1000: number | null }[]
  response_rate: number | null
  caution: string | null
}

export interface DistrictRates {
  districts: DistrictRate[]
  persons: number
  population: number | null
  per_1000: number | null
  per_1000_reason: string | null
  /** What the rates divide by (residents aged 10 and over for a district). */
  denominator: string
  note: string
}

export interface ItemResults {
  persons: number
  items: { key: string; label: string; multiple: boolean; answers: { answer: string; count: number }[]; dont_know: number }[]
}

export interface CaptureRecapture {
  survey_persons: number
  case_persons: number
  both: number
  survey_only: number
  case_only: number
  survey_unlinkable: number
  case_unlinkable: number
  method: string
  key: string
  warning: string
  /** The key is coarse: different people may be counted as one (the estimate comes out low). */
  linkage_warning: string
  estimate: TwoListEstimate | null
  /** Why there is no estimate or no interval; a caution when few are on both lists. */
  reason: string | null
  caution: string | null
  /** Every list linked: the cards, the case records, then the further lists. */
  lists: { name: string; persons: number; linkable: number; unlinkable: number }[]
  /** With further lists: the capture histories' counts and every model. */
  log_linear: (ListEstimate & { seen: number; models: LogLinearModel[]; cells: { pattern: string; count: number }[] }) | null
}

export interface FurtherList {
  id: string
  name: string
  rows: number
  created_at: string
}

const enc = encodeURIComponent

export const listSurveys = () => api.get<Page<Survey>>('/api/v1/surveys')
export const getSurvey = (id: string) => api.get<Survey>(`/api/v1/surveys/${enc(id)}`)
export const createSurvey = (body: unknown) => api.post<Survey>('/api/v1/surveys', body)
export const listRespondents = (id: string) => api.get<Page<Respondent>>(`/api/v1/surveys/${enc(id)}/respondents`)
export const addRespondents = (id: string, respondents: unknown[]) =>
  api.post<Page<Respondent>>(`/api/v1/surveys/${enc(id)}/respondents`, { respondents })
export const setNoOne = (r: Respondent, noOne: boolean) =>
  api.put<Respondent>(`/api/v1/survey-respondents/${enc(r.id)}`, { no_one: noOne }, { ifMatch: r.version })
export const listCards = (id: string) => api.get<Page<SurveyCard>>(`/api/v1/surveys/${enc(id)}/cards`)
export const createCard = (id: string, body: unknown) => api.post<SurveyCard>(`/api/v1/surveys/${enc(id)}/cards`, body)
export const updateCard = (c: SurveyCard, body: unknown) =>
  api.put<SurveyCard>(`/api/v1/survey-cards/${enc(c.id)}`, body, { ifMatch: c.version })
export const getResponses = (id: string) => api.get<Responses>(`/api/v1/surveys/${enc(id)}/responses`)
export const getDuplicates = (id: string) => api.get<Duplicates>(`/api/v1/surveys/${enc(id)}/duplicates`)
export const decideDuplicate = (id: string, body: unknown) => api.put<Duplicates>(`/api/v1/surveys/${enc(id)}/duplicates`, body)
export const getDistrictRates = (id: string) => api.get<DistrictRates>(`/api/v1/surveys/${enc(id)}/district-rates`)
export const getResults = (id: string) => api.get<ItemResults>(`/api/v1/surveys/${enc(id)}/results`)
export const getCaptureRecapture = (id: string) => api.get<CaptureRecapture>(`/api/v1/surveys/${enc(id)}/capture-recapture`)
export const listFurtherLists = (id: string) =>
  api.get<{ items: FurtherList[]; max_lists: number; max_rows: number }>(`/api/v1/surveys/${enc(id)}/further-lists`)
export const addFurtherList = (id: string, name: string, csv: string) =>
  api.post<FurtherList>(`/api/v1/surveys/${enc(id)}/further-lists`, { name, csv })
export const deleteFurtherList = (id: string, listId: string) =>
  api.delete<void>(`/api/v1/surveys/${enc(id)}/further-lists/${enc(listId)}`)

/** A figure of an estimate, grouped, to `digits` decimals; "—" when there is none. */
export const estimateNumber = (v: number | null | undefined, digits = 0) =>
  v === null || v === undefined ? '—' : v.toLocaleString('ja-JP', { maximumFractionDigits: digits, minimumFractionDigits: digits })

/** "87%" (no decimals), or "—" when there is nothing to divide. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`
}

/** Per 1,000 to two decimals, or "—". */
export function perThousand(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : v.toFixed(2)
}

export interface EstimateCell {
  cases: number
  rate: number
  rate_ci: [number, number]
  estimate: number
  estimate_ci: [number, number]
}
export interface PrevalenceRow {
  label?: string
  answered: number
  population: number
  broad: EstimateCell
  narrow: EstimateCell
  semi: EstimateCell
  /** The total only: how its interval is made, and that its rate is estimate ÷ population. */
  method?: string
  note?: string
}
export interface Prevalence {
  groups: PrevalenceRow[]
  total: PrevalenceRow | null
  method: string
  definition: string
  note: string
}
/** Chapman's estimate; `ci` is null when one list lies wholly inside the other. */
export interface TwoListEstimate {
  total: number
  ci: [number, number] | null
  unseen: number
  seen: number
}
export interface LogLinearModel {
  name: string
  dependence: [string, string][]
  converged: boolean
  total: number | null
  unseen: number | null
  ci: [number, number] | null
  deviance: number | null
  df: number
  aic: number | null
}
export interface ListEstimate {
  lists: string[]
  method: string
  warning?: string
  note?: string
  estimate?: TwoListEstimate | null
  reason?: string | null
  caution?: string | null
  seen?: number
  models?: LogLinearModel[]
  chosen?: LogLinearModel | null
}
export const estimatePrevalence = (body: unknown) => api.post<Prevalence>('/api/v1/estimates/prevalence', body)
export const estimateFromLists = (body: unknown) => api.post<ListEstimate>('/api/v1/estimates/capture-recapture', body)

export interface PrefectureRow {
  area_id: string
  area_name: string
  contact_point: { present: boolean; organisations: { organisation_name: string; program_type: string }[]; since_fiscal_year: number | null }
  survey: { present: boolean; latest_year: number | null }
  platform: { present: boolean; latest_fiscal_year: number | null }
}
export const prefectureOverview = () => api.get<{ items: PrefectureRow[]; note: string }>('/api/v1/reports/prefecture-overview')

export const importPopulation = (year: number, csv: string) =>
  api.post<{ year: number; items: { area_name: string; total: number }[] }>('/api/v1/area-populations/import', { year, csv })

/** A CSV file's text: UTF-8 when it is valid UTF-8, else Shift_JIS (as many municipalities publish). */
export async function readCsvText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer()
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('shift_jis').decode(bytes)
  }
}
