// Groups (居場所, 家族会, 家族教室, CRAFT …), their sessions, participants and
// attendance: /api/v1/groups, /api/v1/group-sessions, /api/v1/group-participants.
// Every list of choices comes from GET /api/v1/meta (src/domain/group.h).
import { api, type Page } from '../api'
import { todayTokyo } from '../format/date'
import { enumeration } from '../meta/meta'

export const GROUP_KINDS = enumeration('group_kind')
export const GROUP_AUDIENCES = enumeration('group_audience')
export const SESSION_STATES = enumeration('session_state')
export const ATTENDANCE_STATUSES = enumeration('attendance_status')
export const PARTICIPANT_SIDES = enumeration('participant_side')
export const VISIT_KINDS = enumeration('visit_kind')
export const COSTS = enumeration('resource_cost')
export const GENDERS = enumeration('resource_gender')
export const AGE_BANDS = enumeration('person_age_band')
export const SEXES = enumeration('sex')

export const WEEKDAYS = ['月', '火', '水', '木', '金', '土', '日']

export interface Schedule {
  weekdays: number[]
  weeks: number[]
  starts: string | null
  ends: string | null
}

export interface GroupMunicipality {
  area_id: string
  area_name?: string
  agreement_note: string | null
}

export interface Group {
  id: string
  organisation_id: string
  organisation_name: string
  kind: string
  audience: string
  name: string
  description: string | null
  area_id: string | null
  area_name: string | null
  venue: string | null
  online: boolean
  schedule: Schedule | null
  schedule_label: string | null
  schedule_note: string | null
  capacity: number | null
  cost: string
  cost_note: string | null
  registration_required: boolean
  gender: string
  public_listing: boolean
  series_total: number | null
  series_required: number | null
  active: boolean
  resource_id: string | null
  municipalities: GroupMunicipality[]
  version: number
}

export interface GroupSession {
  id: string
  group_id: string
  held_on: string
  starts: string | null
  ends: string | null
  state: string
  cancel_reason: string | null
  room: string | null
  note: string | null
  title: string | null
  series_number: number | null
  staff: string[]
  present: number
  anonymous: number
  version: number
}

export interface Participant {
  id: string
  group_id: string
  display_name: string
  nickname: string | null
  case_id: string | null
  case_title: string | null
  case_stage: string | null
  side: string
  age_band: string | null
  sex: string | null
  municipality_area_id: string | null
  municipality_name: string | null
  joined_on: string
  left_on: string | null
  left_note: string | null
  version: number
  status?: string | null
  series?: { attended: number; total: number; required: number; completed: boolean }
}

export interface Headcount {
  side: string
  visit: string
  count: number
}

export interface Checkin {
  session: GroupSession
  group: { id: string; name: string; kind: string; audience: string; series_total: number | null }
  participants: Participant[]
  headcounts: Headcount[]
  can_record: boolean
  why_not: string | null
}

export interface LinkableCase {
  id: string
  title: string
  stage: string | null
}

export interface SeriesItem {
  participant_id: string
  display_name: string
  left_on: string | null
  attended: number
  total: number
  required: number
  completed: boolean
}

const enc = encodeURIComponent

export const listGroups = () => api.get<Page<Group>>('/api/v1/groups')
export const getGroup = (id: string) => api.get<Group>(`/api/v1/groups/${enc(id)}`)
export const createGroup = (body: unknown) => api.post<Group>('/api/v1/groups', body)
export const updateGroup = (g: Group, body: unknown) => api.put<Group>(`/api/v1/groups/${enc(g.id)}`, body, { ifMatch: g.version })
export const listSessions = (id: string, from: string, to: string) =>
  api.get<Page<GroupSession>>(`/api/v1/groups/${enc(id)}/sessions`, { query: { from, to } })
export const generateSessions = (id: string, from: string, to: string) =>
  api.post<{ items: GroupSession[] }>(`/api/v1/groups/${enc(id)}/sessions/generate`, { from, to })
export const createSession = (id: string, body: unknown) => api.post<GroupSession>(`/api/v1/groups/${enc(id)}/sessions`, body)
export const getCheckin = (id: string) => api.get<Checkin>(`/api/v1/group-sessions/${enc(id)}`)
export const updateSession = (s: GroupSession, body: unknown) =>
  api.put<GroupSession>(`/api/v1/group-sessions/${enc(s.id)}`, body, { ifMatch: s.version })
export const recordAttendance = (s: GroupSession, body: unknown) =>
  api.put<GroupSession>(`/api/v1/group-sessions/${enc(s.id)}/attendance`, body, { ifMatch: s.version })
export const listParticipants = (id: string) => api.get<Page<Participant>>(`/api/v1/groups/${enc(id)}/participants`)
export const createParticipant = (id: string, body: unknown) => api.post<Participant>(`/api/v1/groups/${enc(id)}/participants`, body)
export const updateParticipant = (p: Participant, body: unknown) =>
  api.put<Participant>(`/api/v1/group-participants/${enc(p.id)}`, body, { ifMatch: p.version })
export const linkableCases = (id: string, q: string) => api.get<Page<LinkableCase>>(`/api/v1/groups/${enc(id)}/linkable-cases`, { query: { q } })
export const seriesOf = (id: string) => api.get<{ items: SeriesItem[]; series_total: number | null }>(`/api/v1/groups/${enc(id)}/series`)
export const figuresUrl = (id: string, fiscalYear: number, format?: 'csv' | 'xlsx') =>
  `/api/v1/groups/${enc(id)}/figures?fiscal_year=${fiscalYear}${format ? `&format=${format}` : ''}`

/** The Tokyo day `offsetDays` from today, YYYY-MM-DD. */
export function tokyoToday(offsetDays = 0): string {
  return todayTokyo(new Date(Date.now() + offsetDays * 86400e3))
}

/** The fiscal year (April–March) a day belongs to. */
export function fiscalYearOf(day: string): number {
  const y = Number(day.slice(0, 4))
  return Number(day.slice(5, 7)) >= 4 ? y : y - 1
}

/**
 * How a participant is addressed in a sentence: 呼び名 often already end in
 * さん (「ノリさん」), so さん is added only when no honorific is there.
 */
export function addressed(name: string): string {
  return /(さん|くん|君|ちゃん|様|さま)$|^（.*）$/.test(name) ? name : `${name}さん`
}
