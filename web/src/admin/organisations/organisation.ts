// Organisations (docs/api "Organisations").
import { api, type Page } from '../../api'

export interface Organisation {
  id: string
  name: string
  kind: string
  program_type: string | null
  area_id: string | null
  version: number
}

export type OrganisationInput = Omit<Organisation, 'id' | 'version'>

export async function listOrganisations(): Promise<Organisation[]> {
  const items: Organisation[] = []
  let cursor: string | null | undefined = null
  // Follow the cursor: a prefecture may have more organisations than one page.
  for (let i = 0; i < 50; i++) {
    const page: Page<Organisation> = await api.get<Page<Organisation>>('/api/v1/organisations', {
      query: { limit: 200, cursor },
    })
    items.push(...page.items)
    cursor = page.next_cursor
    if (!cursor) break
  }
  return items
}

export function createOrganisation(input: OrganisationInput): Promise<Organisation> {
  return api.post<Organisation>('/api/v1/organisations', input)
}

export function updateOrganisation(id: string, version: number, input: OrganisationInput): Promise<Organisation> {
  return api.put<Organisation>(`/api/v1/organisations/${encodeURIComponent(id)}`, input, { ifMatch: version })
}
