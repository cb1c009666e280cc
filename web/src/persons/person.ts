// 本人・家族 (/api/v1/persons): a person's own details — name and ふりがな,
// gender, birth date or age band, district, contact details with the
// person's wishes about being contacted (sealed on the server), and their
// wishes about support. A person joins a case later through
// POST /api/v1/cases/:id/persons (本人 of a family-only case, or family).
import { api, type Page } from '../api'
import { enumeration, type Choice } from '../meta/meta'
import type { CaseDetail } from '../cases/case'

export const CONTACT_PREFERENCES = enumeration('contact_preference')
export const SUPPORT_PREFERENCES = enumeration('support_preference')

/** Sealed at rest; a flag is true (可), false (不可) or absent (まだ聞いていない). */
export interface ContactDetails {
  phone?: string
  phone_callback?: boolean
  phone_may_identify?: boolean
  email?: string
  email_callback?: boolean
  family_may_know?: boolean
  preferred_method?: string
  address?: string
  /** Sealed under another key (a database restored without its key file). */
  unreadable?: boolean
}

export interface PersonInput {
  naming: string
  name: string | null
  furigana: string | null
  sex: string | null
  birth_date: string | null
  age_band: string | null
  district_id: string | null
  contact: ContactDetails | null
  preferences: string[]
  considerations: string | null
  note: string | null
}

export interface Person extends PersonInput {
  id: string
  organisation_id: string
  display_name: string
  age: number | null
  district_name: string | null
  household_id: string | null
  relation: string | null
  version: number
}

export function getPerson(id: string): Promise<Person> {
  return api.get<Person>(`/api/v1/persons/${encodeURIComponent(id)}`)
}

export function updatePerson(id: string, version: number, input: PersonInput): Promise<Person> {
  return api.put<Person>(`/api/v1/persons/${encodeURIComponent(id)}`, input, { ifMatch: version })
}

/** Adds 本人 (relation 本人) or a family member to the case, in one request. */
export function addCasePerson(caseId: string, caseVersion: number, input: PersonInput & { relation: string }): Promise<CaseDetail> {
  return api.post<CaseDetail>(`/api/v1/cases/${encodeURIComponent(caseId)}/persons`, input, { ifMatch: caseVersion })
}

export async function listDistricts(): Promise<Choice[]> {
  const page = await api.get<Page<{ id: string; name: string; level: string }>>('/api/v1/areas')
  return page.items.filter((a) => a.level === 'district').map((a) => ({ value: a.id, label: a.name }))
}

/** The three answers to a yes/no wish, in the words of that wish. */
export function wishChoices(yes: string, no: string): Choice[] {
  return [
    { value: '', label: 'まだ聞いていない' },
    { value: 'yes', label: yes },
    { value: 'no', label: no },
  ]
}
export const wishValue = (flag: boolean | undefined): string => (flag === undefined ? '' : flag ? 'yes' : 'no')
export const flagOf = (value: string): boolean | undefined => (value === '' ? undefined : value === 'yes')

export const CALLBACK = wishChoices('折り返し電話してよい', '折り返しは控える')
export const IDENTIFY = wishChoices('名乗ってよい', '名乗らない')
export const EMAIL_CALLBACK = wishChoices('メールしてよい', 'メールは控える')
export const FAMILY_MAY_KNOW = wishChoices('知られてよい', '家族に知られないようにする')

/** How a wish is shown in a person's details. */
export function wishLabel(choices: Choice[], flag: boolean | undefined): string {
  return choices.find((c) => c.value === wishValue(flag))?.label ?? ''
}
