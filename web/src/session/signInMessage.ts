// What a refused sign-in says, on the login page and in the sign-in dialog alike.
import { ApiError, messageOf } from '../api'

export function signInFailureMessage(e: unknown): string {
  if (e instanceof ApiError) {
    // The server words these (wrong password, locked account); show them as sent.
    if (e.status === 401 || e.status === 423) return e.detail
    if (e.status === 400 && e.errors.length) return e.errors[0]!.detail
    if (e.status === 429) {
      if (e.detail && e.code === 'too_many_attempts') return e.detail
      return 'ログインの試行が続いたため、しばらく受け付けを止めています。少し時間をおいてから、もう一度お試しください。'
    }
  }
  return messageOf(e)
}

/** The second step must start again from the password (five minutes over, or too many wrong codes). */
export function secondStepEnded(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'second_factor_expired' || e.code === 'two_factor_locked')
}
