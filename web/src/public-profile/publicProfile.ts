// What an organisation shows on the public portal and how it answers
// anonymous consultation (GET/PUT /api/v1/organisations/:id/public-profile):
// written by its supervisor or the administrator.
import { api } from '../api'

export interface PublicProfile {
  organisation_id: string
  organisation_name: string
  public_listing: boolean
  offers: string | null
  hours: string | null
  phone: string | null
  address: string | null
  url: string | null
  access: string | null
  protocol: string | null
  consultation_open: boolean
  reply_days: number
  close_days: number
  version: number
}

export type PublicProfileInput = Omit<PublicProfile, 'organisation_id' | 'organisation_name' | 'version'>

export const getPublicProfile = (organisationId: string) =>
  api.get<PublicProfile>(`/api/v1/organisations/${encodeURIComponent(organisationId)}/public-profile`)

export const updatePublicProfile = (organisationId: string, version: number, input: PublicProfileInput) =>
  api.put<PublicProfile>(`/api/v1/organisations/${encodeURIComponent(organisationId)}/public-profile`, input, { ifMatch: version })
