// Who is signed in. The cookie is HttpOnly, so the browser side only knows the
// user through GET/POST /api/v1/session; the CSRF token is kept in memory.
import { reactive } from 'vue'
import { api, setCsrfToken } from '../api'
import type { User } from './user'

interface SessionAnswer {
  user: User
  csrf_token: string
}

export const session = reactive({
  user: null as User | null,
  /** true once we asked the server whether a session exists. */
  checked: false,
})

let checking: Promise<void> | null = null

/** Asks the server once whether the cookie still holds a session. */
export function ensureSessionChecked(): Promise<void> {
  if (session.checked) return Promise.resolve()
  checking ??= api
    .get<SessionAnswer>('/api/v1/session', { redirectOnSessionGone: false })
    .then((answer) => accept(answer))
    .catch(() => forget())
    .finally(() => {
      session.checked = true
      checking = null
    })
  return checking
}

/** Throws ApiError (401 invalid_credentials, 423 account_locked, 429 …). */
export async function logIn(login: string, password: string): Promise<User> {
  const answer = await api.post<SessionAnswer>('/api/v1/session', { login, password }, { redirectOnSessionGone: false })
  accept(answer)
  session.checked = true
  return answer.user
}

export async function logOut(): Promise<void> {
  try {
    await api.delete<void>('/api/v1/session', { redirectOnSessionGone: false })
  } finally {
    // Even if the server could not be reached, this screen forgets the user.
    forget()
  }
}

function accept(answer: SessionAnswer): void {
  session.user = answer.user
  setCsrfToken(answer.csrf_token)
}

export function forget(): void {
  session.user = null
  setCsrfToken(null)
}
