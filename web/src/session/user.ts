// A signed-in person's account as the API describes it (User in docs/api).
export type Role = 'coordinator' | 'supervisor' | 'ibasho_staff' | 'supporter' | 'surveyor' | 'analyst' | 'admin'

export interface User {
  id: string
  login: string
  display_name: string
  role: Role
  organisation_id: string | null
  organisation_name: string | null
  active: boolean
  /** In the user list: an authenticator app is enrolled / the organisation requires one. */
  two_factor?: { active: boolean; required: boolean }
  version: number
}
