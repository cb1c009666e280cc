// Areas: 国 → 都道府県 → 市区町村 → 地区 (docs/api "Areas").
import { api, type Page } from '../../api'
import { meta } from '../../meta/meta'

/** One of the server's area levels (national, prefecture, municipality, district; from /api/v1/meta). */
export type AreaLevel = string

export interface Area {
  id: string
  parent_id: string | null
  level: AreaLevel
  name: string
  code: string | null
  population: number | null
  version: number
}

export interface AreaInput {
  parent_id: string | null
  level: AreaLevel
  name: string
  code: string | null
  population: number | null
}

/** The level a parent must have; null when the area has no parent. */
export const parentLevelOf = (level: AreaLevel): AreaLevel | null =>
  meta.area_levels.find((l) => l.value === level)?.parent || null

export async function listAreas(): Promise<Area[]> {
  const page = await api.get<Page<Area>>('/api/v1/areas')
  return page.items
}

export function createArea(input: AreaInput): Promise<Area> {
  return api.post<Area>('/api/v1/areas', input)
}

export function updateArea(id: string, version: number, input: AreaInput): Promise<Area> {
  return api.put<Area>(`/api/v1/areas/${encodeURIComponent(id)}`, input, { ifMatch: version })
}

export interface AreaRow {
  area: Area
  depth: number
  /** "〇〇県 ＞ 〇〇市" — for select options where the tree is not visible. */
  path: string
}

/** Depth-first order: each area followed by its children, siblings by code then name. */
export function flattenTree(areas: Area[]): AreaRow[] {
  const byParent = new Map<string | null, Area[]>()
  const ids = new Set(areas.map((a) => a.id))
  for (const a of areas) {
    const key = a.parent_id && ids.has(a.parent_id) ? a.parent_id : null
    const list = byParent.get(key) ?? []
    list.push(a)
    byParent.set(key, list)
  }
  const order = (x: Area, y: Area) => (x.code ?? '').localeCompare(y.code ?? '') || x.name.localeCompare(y.name, 'ja')
  const rows: AreaRow[] = []
  const visit = (parent: string | null, depth: number, prefix: string) => {
    for (const a of (byParent.get(parent) ?? []).sort(order)) {
      const path = prefix ? `${prefix} ＞ ${a.name}` : a.name
      rows.push({ area: a, depth, path })
      if (depth < 5) visit(a.id, depth + 1, path)
    }
  }
  visit(null, 0, '')
  return rows
}
