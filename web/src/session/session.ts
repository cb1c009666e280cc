// Who is signed in. The cookie is HttpOnly, so the browser side only knows the
// user through GET/POST /api/v1/session; the CSRF token is kept in memory.
import { reactive } from 'vue'
import { api, setCsrfToken } from '../api'
import type { User } from './user'
import type { TwoFactorState } from './twoFactor'

interface SessionAnswer {
  user: User
  csrf_token: string
  two_factor?: TwoFactorState
}

/** The password step's answer when an authenticator app's code is still to come. */
interface SecondFactorAsked {
  second_factor_required: true
  expires_in: number
}

export const session = reactive({
  user: null as User | null,
  /** The organisation requires an authenticator app of this person, who has none yet. */
  mustEnrolTwoFactor: false,
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

/**
 * The password step. 'signed_in', or 'second_factor' when the code of an
 * authenticator app is asked for next (completeSecondFactor). Throws
 * ApiError (401 invalid_credentials, 423 account_locked, 429 …).
 */
export async function logIn(login: string, password: string): Promise<'signed_in' | 'second_factor'> {
  const answer = await api.post<SessionAnswer | SecondFactorAsked>('/api/v1/session', { login, password }, { redirectOnSessionGone: false })
  if ('second_factor_required' in answer) return 'second_factor'
  accept(answer)
  session.checked = true
  return 'signed_in'
}

/**
 * The second step: a code of the app or a recovery code. Throws ApiError
 * (400 validation_failed, 401 second_factor_invalid / second_factor_expired,
 * 423 two_factor_locked).
 */
export async function completeSecondFactor(given: { code: string } | { recovery_code: string }): Promise<void> {
  const answer = await api.post<SessionAnswer>('/api/v1/session/second-factor', given, { redirectOnSessionGone: false })
  accept(answer)
  session.checked = true
}

/** After enrolling: the session may open every screen of the role. */
export function twoFactorEnrolled(): void {
  session.mustEnrolTwoFactor = false
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
  session.mustEnrolTwoFactor = !!answer.two_factor?.enrolment_required
  setCsrfToken(answer.csrf_token)
}

export function forget(): void {
  session.user = null
  session.mustEnrolTwoFactor = false
  setCsrfToken(null)
}
