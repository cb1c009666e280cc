// The case-work vocabulary: the server's lists (GET /api/v1/meta, from
// src/domain), the same the server validates against.
import { enumeration } from '../meta/meta'

export const CASE_STATUSES = enumeration('case_status')
/** Statuses that end active support (終結, 中断: not open in domain/case_status); moving to or from them asks for a reason. */
export const isClosedStatus = (status: string | null | undefined): boolean =>
  CASE_STATUSES.some((c) => c.value === status && c.open === false)
export const INTAKE_ROUTES = enumeration('intake_route')
export const SUBJECT_AWARENESS = enumeration('person_awareness')
export const COMPLEX_NEEDS = enumeration('complex_need')
export const NAMINGS = enumeration('person_naming')
export const SEXES = enumeration('sex')
export const AGE_BANDS = enumeration('person_age_band')
export const RELATIONS = enumeration('household_relation')

export const CHANNELS = enumeration('contact_channel')
/** The channel whose contacts may name a sub-kind (その他（訪問等）). */
export const otherChannel = (): string => CHANNELS.find((c) => c.has_sub_kinds)?.value ?? ''
export const hasSubKinds = (channel: string | null | undefined): boolean =>
  CHANNELS.some((c) => c.value === channel && c.has_sub_kinds)
export const SUB_KINDS = enumeration('contact_sub_kind')
export const COUNTERPARTS = enumeration('contact_counterpart')

/** The counterpart of a first contact for the way the case came in: the same word when it is also a counterpart (本人, 学校, …). */
export function counterpartForRoute(route: string): string {
  return COUNTERPARTS.some((c) => c.value === route) ? route : 'その他'
}

/** The counterpart of a contact for a caller's relation (母 → 母; 本人 → 本人). */
export function counterpartFor(relation: string | null | undefined): string {
  if (!relation) return '本人'
  return COUNTERPARTS.some((c) => c.value === relation) ? relation : 'その他の家族'
}
