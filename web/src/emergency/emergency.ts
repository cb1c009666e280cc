// 緊急アクセス (break the glass): a supervisor of another organisation opens
// a case, read-only, with a stated reason, for a set time; the owning
// organisation is notified. POST /api/v1/cases/:id/emergency-access,
// GET /api/v1/emergency-access.
import { api } from '../api'

export interface EmergencyAccess {
  id: string
  case_id: string
  case_title: string
  owner_organisation_id: string
  owner_organisation_name: string
  organisation_id: string
  organisation_name: string
  user_id: string
  user_name: string
  reason: string
  granted_at: string
  expires_at: string
  active: boolean
  reads: number
}

export interface EmergencyAccessList {
  received: EmergencyAccess[]
  mine: EmergencyAccess[]
}

export const listEmergencyAccess = () => api.get<EmergencyAccessList>('/api/v1/emergency-access')

/** The case as its organisation names it on the phone: by number, or by its whole title. */
export interface EmergencyRequest {
  organisation_id: string
  case_number?: string
  case_title?: string
  reason: string
}

export const grantEmergencyAccess = (request: EmergencyRequest) =>
  api.post<EmergencyAccess>('/api/v1/emergency-access', request)
