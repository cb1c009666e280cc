// The signed-in person's own password: PUT /api/v1/session/password.
import { api } from '../api'

/** Mirrors service/password_policy.h (the server decides; this only helps early). */
export const MIN_PASSWORD_LENGTH = 10
/** The rest of the rule, said once for every form that sets a password. */
export const PASSWORD_RULE_HINT = 'よく使われているものや、ログインIDを含むものは、推測されやすいため使えません'

/**
 * Throws ApiError: 400 validation_failed (errors on new_password),
 * 400 current_password_incorrect (error on current_password),
 * 429 too_many_password_attempts.
 */
export function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  return api.put<void>('/api/v1/session/password', { current_password: currentPassword, new_password: newPassword })
}
