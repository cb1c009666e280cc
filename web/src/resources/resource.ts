// The resource directory (社会資源): /api/v1/resources. Coordinators and
// supervisors of every organisation read it; supervisors keep the entries of
// their own organisation, admins any entry.
import { api, type Page } from '../api'
import { enumeration, type Choice } from '../meta/meta'
import { session } from '../session/session'

/** The 21 つなぎ先 of the MHLW annual report, in the national table's order (src/domain/referral_category.h). */
export const RESOURCE_CATEGORIES = enumeration('referral_category')
export const RESOURCE_GENDERS = enumeration('resource_gender')
export const RESOURCE_COSTS = enumeration('resource_cost')
/** How a resource can be used: in person, online, or both. */
export const RESOURCE_FORMATS: Choice[] = [
  { value: 'in_person', label: '来所・対面で利用できる' },
  { value: 'online', label: 'オンラインで利用できる' },
]

export interface Resource {
  id: string
  organisation_id: string
  /** A 相談員's proposal not yet confirmed by a supervisor (not listed). */
  pending_proposal?: boolean
  proposed_by_name?: string | null
  proposal_note?: string | null
  organisation_name?: string
  linked_organisation_id: string | null
  linked_organisation_name: string | null
  name: string
  category: string
  area_id: string | null
  area_name: string | null
  services: string | null
  age_min: number | null
  age_max: number | null
  gender: string
  in_person: boolean
  online: boolean
  cost: string
  cost_note: string | null
  hours: string | null
  access: string | null
  contact: string | null
  tags: string[]
  platform_member: boolean
  active: boolean
  version: number
  updated_at?: string
}

export type ResourceInput = Omit<Resource, 'id' | 'organisation_id' | 'organisation_name' | 'linked_organisation_name' | 'area_name' | 'version' | 'updated_at'> & {
  organisation_id?: string
}

/** Filters of the directory search; an empty string means "any". */
export interface ResourceFilters {
  q: string
  category: string
  area_id: string
  cost: string
  gender: string
  tag: string
  age: string
  online: boolean
  in_person: boolean
  platform_member: boolean
  /** Show the entries no longer listed (掲載終了) instead of the listed ones. */
  inactive: boolean
}

export function emptyFilters(): ResourceFilters {
  return { q: '', category: '', area_id: '', cost: '', gender: '', tag: '', age: '', online: false, in_person: false, platform_member: false, inactive: false }
}

export function searchResources(f: ResourceFilters): Promise<Page<Resource>> {
  return api.get<Page<Resource>>('/api/v1/resources', {
    query: {
      q: f.q.trim(),
      category: f.category,
      area_id: f.area_id,
      cost: f.cost,
      gender: f.gender,
      tag: f.tag.trim(),
      age: f.age.trim(),
      online: f.online ? 'true' : null,
      in_person: f.in_person ? 'true' : null,
      platform_member: f.platform_member ? 'true' : null,
      // Without `active` the server lists the entries still listed (掲載中).
      active: f.inactive ? 'false' : null,
    },
  })
}

export function getResource(id: string): Promise<Resource> {
  return api.get<Resource>(`/api/v1/resources/${encodeURIComponent(id)}`)
}
export function createResource(input: ResourceInput): Promise<Resource> {
  return api.post<Resource>('/api/v1/resources', input)
}
export function updateResource(id: string, version: number, input: ResourceInput): Promise<Resource> {
  return api.put<Resource>(`/api/v1/resources/${encodeURIComponent(id)}`, input, { ifMatch: version })
}

/** A 相談員 proposes an entry; it is listed once a supervisor confirms it. */
export function proposeResource(input: ResourceInput & { proposal_note: string | null }): Promise<Resource> {
  return api.post<Resource>('/api/v1/resource-proposals', input)
}
export function listProposals(): Promise<{ items: Resource[] }> {
  return api.get<{ items: Resource[] }>('/api/v1/resource-proposals')
}
export function confirmResource(r: Resource): Promise<Resource> {
  return api.post<Resource>(`/api/v1/resources/${encodeURIComponent(r.id)}/confirm`, {}, { ifMatch: r.version })
}
/** Whether the signed-in person proposes entries instead of listing them. */
export function mayPropose(): boolean {
  return session.user?.role === 'coordinator'
}

/** Whether the signed-in person may register entries (the API's write policy). */
export function mayRegister(): boolean {
  const role = session.user?.role
  return role === 'admin' || role === 'supervisor'
}
/** Whether the signed-in person may edit this entry: admins any, supervisors their organisation's. */
export function mayEdit(r: Resource): boolean {
  const u = session.user
  return !!u && (u.role === 'admin' || (u.role === 'supervisor' && u.organisation_id === r.organisation_id))
}

/** "18〜39歳", "18歳から", "年齢を問わない" */
export function agesLabel(r: Pick<Resource, 'age_min' | 'age_max'>): string {
  if (r.age_min == null && r.age_max == null) return '年齢を問わない'
  if (r.age_max == null) return `${r.age_min}歳から`
  if (r.age_min == null) return `${r.age_max}歳まで`
  return `${r.age_min}〜${r.age_max}歳`
}
/** "来所・オンライン" */
export function formatLabel(r: Pick<Resource, 'in_person' | 'online'>): string {
  const parts = [r.in_person ? '来所' : '', r.online ? 'オンライン' : ''].filter(Boolean)
  return parts.join('・') || '—'
}

/** The listed entries of the directory as choices ("名称（分類）"), for naming a destination. */
export async function destinationChoices(): Promise<{ choices: Choice[]; byId: Map<string, Resource> }> {
  const items = (await searchResources(emptyFilters())).items
  return {
    choices: items.map((r) => ({ value: r.id, label: `${r.name}（${r.category}）` })),
    byId: new Map(items.map((r) => [r.id, r])),
  }
}
