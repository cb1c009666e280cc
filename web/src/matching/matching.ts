// つなぎ先の候補 (matching): GET /api/v1/cases/:id/matches ranks the
// resource directory for a case with reasons. It only suggests — nothing is
// sent; staff and the person choose together.
import { api } from '../api'
import type { Resource } from '../resources/resource'

export interface MatchItem {
  resource: Resource
  score: number
  reasons: string[]
  cautions: string[]
}

export interface Matches {
  case_id: string
  profile: {
    age: string | null
    sex: string | null
    area_name: string | null
    interests: string[]
    strengths: string[]
    goes_out_little: boolean
    online_only: boolean
    free_only: boolean
    assessed_on: string | null
  }
  notice: string
  items: MatchItem[]
  excluded: MatchItem[]
}

export interface MatchLimits {
  online_only: boolean
  free_only: boolean
}

export function getMatches(caseId: string, limits: MatchLimits): Promise<Matches> {
  const q = new URLSearchParams()
  if (limits.online_only) q.set('online_only', 'true')
  if (limits.free_only) q.set('free_only', 'true')
  const s = q.toString()
  return api.get<Matches>(`/api/v1/cases/${encodeURIComponent(caseId)}/matches${s ? `?${s}` : ''}`)
}
