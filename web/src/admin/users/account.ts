// User accounts (docs/api "Users"). The type itself is the session's User.
import { api, type Page } from '../../api'
import type { User } from '../../session/user'

export interface NewUserInput {
  login: string
  display_name: string
  password: string
  role: string
  organisation_id: string
}

export interface UserChangeInput {
  display_name: string
  role: string
  organisation_id: string
  active: boolean
  password?: string
}

// One rule for every password set anywhere (service/password_policy.h).
export { MIN_PASSWORD_LENGTH } from '../../session/password'

export async function listUsers(): Promise<User[]> {
  const items: User[] = []
  let cursor: string | null | undefined = null
  for (let i = 0; i < 50; i++) {
    const page: Page<User> = await api.get<Page<User>>('/api/v1/users', { query: { limit: 200, cursor } })
    items.push(...page.items)
    cursor = page.next_cursor
    if (!cursor) break
  }
  return items
}

export function createUser(input: NewUserInput): Promise<User> {
  return api.post<User>('/api/v1/users', input)
}

export function updateUser(id: string, version: number, input: UserChangeInput): Promise<User> {
  return api.put<User>(`/api/v1/users/${encodeURIComponent(id)}`, input, { ifMatch: version })
}
