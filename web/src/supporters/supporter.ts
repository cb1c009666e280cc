// Supporters, trainings and dispatches (派遣): /api/v1/supporters,
// /api/v1/training-courses, /api/v1/dispatches, /api/v1/cases/:id/dispatch…,
// and the supporter's own /api/v1/my/… Lists of choices come from
// GET /api/v1/meta (src/domain/supporter.h).
import { api, type Page } from '../api'
import { enumeration } from '../meta/meta'

export const SUPPORTER_KINDS = enumeration('supporter_kind')
export const SUPPORTER_ACTIVITIES = enumeration('supporter_activity')
export const TRAINING_KINDS = enumeration('training_kind')
export const DISPATCH_STATES = enumeration('dispatch_state')
export const AGE_BANDS = enumeration('person_age_band')
export const SEXES = enumeration('sex')

export interface QualificationStatus {
  activity: string
  status: '有効' | '期限が近い' | '期限切れ' | '未取得'
  expires_on: string | null
}

export interface Supporter {
  id: string
  organisation_id: string
  user_id: string | null
  user_login: string | null
  kind: string
  peer: boolean
  name: string
  sex: string | null
  age_band: string | null
  area_id: string | null
  area_name: string | null
  activities: string[]
  availability: string | null
  languages: string[]
  experience_note: string | null
  contact: { phone?: string; email?: string; address?: string; unreadable?: boolean } | null
  active: boolean
  /** The Tokyo day they were marked 休止中; their retention counts from it. */
  left_on: string | null
  /** Their name, contact and notes were removed when their retention passed. */
  anonymised: boolean
  /** Dispatches 依頼 or 承諾 not over yet (one supporter's answers only; null in the list). */
  upcoming_dispatches: number | null
  qualification_statuses: QualificationStatus[]
  version: number
}

export interface Dispatch {
  id: string
  case_id: string | null
  case_title: string | null
  group_session_id: string | null
  group_name: string | null
  supporter_id: string
  supporter_name: string
  activity: string
  starts_at: string
  ends_at: string
  place: string
  meeting_point: string
  nickname: string | null
  note_for_supporter: string | null
  call_name: string
  call_phone: string
  state: string
  state_reason: string | null
  requested_at: string
  answered_at: string | null
  done_at: string | null
  reported_at: string | null
  cancelled_at: string | null
  report_text: string | null
  report_mood: string | null
  report_urgent: boolean
  hours_minutes: number | null
  transport_yen: number | null
  reflection: string | null
  report_contact_id: string | null
  version: number
}

/** What the supporter sees of a dispatch. */
export interface MyDispatch {
  id: string
  activity: string
  starts_at: string
  ends_at: string
  state: string
  details_open: boolean
  reflection: string | null
  nickname?: string | null
  group_name?: string | null
  meeting_point?: string
  note_for_supporter?: string | null
  call_name?: string
  call_phone?: string
  version: number
}

export interface MySupporter {
  id: string
  name: string
  kind: string
  organisation_name: string
  activities: string[]
  qualification_statuses: QualificationStatus[]
  warning_days: number
  trainings: { held_on: string; course_title: string; course_kind: string; session_title: string | null }[]
}

export interface Candidate {
  supporter: { id: string; name: string; kind: string; organisation_id: string; organisation_name: string; sex: string | null; age_band: string | null; area_name: string | null; activities: string[]; availability: string | null }
  score: number
  excluded: boolean
  reasons: string[]
  cautions: string[]
}

export interface TrainingCourse {
  id: string
  kind: string
  title: string
  qualifies: string[]
  validity_months: number | null
  sessions_required: number
  version: number
}

export interface CourseDetail {
  course: TrainingCourse
  sessions: { id: string; held_on: string; title: string | null; external_attendees: number; supporter_ids: string[] }[]
  supporters: { supporter_id: string; name: string; kind: string; attended: number; completed: boolean }[]
}

const enc = encodeURIComponent

export const listSupporters = () => api.get<Page<Supporter>>('/api/v1/supporters')
export const getSupporter = (id: string) => api.get<Supporter>(`/api/v1/supporters/${enc(id)}`)
export const createSupporter = (body: unknown) => api.post<Supporter>('/api/v1/supporters', body)
export const updateSupporter = (id: string, version: number, body: unknown) =>
  api.put<Supporter>(`/api/v1/supporters/${enc(id)}`, body, { ifMatch: version })

export const listCourses = () => api.get<Page<TrainingCourse>>('/api/v1/training-courses')
export const createCourse = (body: unknown) => api.post<TrainingCourse>('/api/v1/training-courses', body)
export const getCourse = (id: string) => api.get<CourseDetail>(`/api/v1/training-courses/${enc(id)}`)
export const addCourseSession = (id: string, body: unknown) => api.post(`/api/v1/training-courses/${enc(id)}/sessions`, body)
export const recordCourseAttendance = (sessionId: string, body: unknown) =>
  api.put(`/api/v1/training-sessions/${enc(sessionId)}/attendance`, body)
export const completeCourse = (id: string, supporterId: string) =>
  api.post(`/api/v1/training-courses/${enc(id)}/completions`, { supporter_id: supporterId })

export const listDispatches = (state: string) => api.get<Page<Dispatch>>('/api/v1/dispatches', { query: { state: state || undefined } })
/** A dispatch of one of our supporters asked by another organisation: when and what, nothing of the case. */
export interface DispatchElsewhere {
  id: string; organisation_name: string; supporter_id: string; supporter_name: string
  activity: string; starts_at: string; ends_at: string; state: string; basis: string | null
}
export const listDispatchesElsewhere = () => api.get<Page<DispatchElsewhere>>('/api/v1/dispatches-of-our-supporters')
/** The organisation's pay rates: the default, and per activity those that replace it. */
export interface PayRates {
  yen_per_hour: number | null
  transport_cap_yen: number | null
  by_activity: { activity: string; yen_per_hour: number; transport_cap_yen: number | null }[]
  version: number
}
export const getPayRates = () => api.get<PayRates>('/api/v1/supporter-pay-rates')
export const listUrgentReports = () => api.get<Page<Dispatch>>('/api/v1/dispatches', { query: { urgent: 'true' } })
export const moveDispatch = (d: Dispatch, state: string, reason: string | null) =>
  api.post<Dispatch>(`/api/v1/dispatches/${enc(d.id)}/state`, { state, reason }, { ifMatch: d.version })
/** A 居場所・グループ session's urgent report, read and acted on: it leaves the urgent list. */
export const markUrgentHandled = (d: Dispatch) =>
  api.post<Dispatch>(`/api/v1/dispatches/${enc(d.id)}/urgent-handled`, {}, { ifMatch: d.version })
export const acceptDispatchReport = (d: Dispatch, subjectMet: boolean) =>
  api.post<Dispatch>(`/api/v1/dispatches/${enc(d.id)}/accept-report`, { subject_met: subjectMet }, { ifMatch: d.version })
/** A sharing basis (本人同意 or 支援会議) that opens another organisation's supporters for the case. */
export interface DispatchBasis { organisation_id: string; consent_id: string | null; meeting_id: string | null; label: string }
export const dispatchCandidates = (caseId: string, query: Record<string, string>) =>
  api.get<{ items: Candidate[]; bases: DispatchBasis[] }>(`/api/v1/cases/${enc(caseId)}/dispatch-candidates`, { query })
/** 本人's wishes for a dispatch as recorded on the person (同性・同世代・ピア); the form starts from them. */
export interface DispatchWishes { same_sex: boolean; same_generation: boolean; peer: boolean }
export const dispatchWishes = (caseId: string) =>
  api.get<{ wishes: DispatchWishes; recorded: boolean }>(`/api/v1/cases/${enc(caseId)}/dispatch-wishes`)
export const createDispatch = (caseId: string, body: unknown) => api.post<Dispatch>(`/api/v1/cases/${enc(caseId)}/dispatches`, body)

export const getMySupporter = () => api.get<MySupporter>('/api/v1/my/supporter')
/** The supporter's own statement of a month: rows of [day, activity, minutes, 謝金, 交通費], totals last. */
export interface MyStatement {
  month: string
  tables: { caption: string[]; notes: string[]; rows: (string | number | null)[][] }[]
}
export const getMyStatement = (month: string) => api.get<MyStatement>('/api/v1/my/statement', { query: { month } })
export const listMyDispatches = () => api.get<Page<MyDispatch>>('/api/v1/my/dispatches')
export const answerMyDispatch = (d: MyDispatch, answer: '承諾' | '辞退', reason: string | null) =>
  api.post<MyDispatch>(`/api/v1/my/dispatches/${enc(d.id)}/answer`, { answer, reason }, { ifMatch: d.version })
export const reportMyDispatch = (d: MyDispatch, body: unknown) =>
  api.post<MyDispatch>(`/api/v1/my/dispatches/${enc(d.id)}/report`, body, { ifMatch: d.version })

/** "2026-12-09T14:00" → "12月9日（水）14:00" */
export function formatSlot(startsAt: string, endsAt?: string): string {
  const y = Number(startsAt.slice(0, 4)), m = Number(startsAt.slice(5, 7)), d = Number(startsAt.slice(8, 10))
  const weekday = '日月火水木金土'[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]
  const end = endsAt ? `–${endsAt.slice(11, 16)}` : ''
  return `${m}月${d}日（${weekday}）${startsAt.slice(11, 16)}${end}`
}
