// Two-factor sign-in with an authenticator app (docs/api "session"): the
// signed-in person's own enrolment and recovery codes, and an
// administrator's reset of someone else's.
import { api } from '../api'
import type { User } from './user'

export interface TwoFactorState {
  active: boolean
  required: boolean
  enrolment_required: boolean
  enabled_at: string | null
  recovery_codes_left: number
}

export interface Enrolment {
  secret: string
  otpauth_uri: string
  qr_svg_url: string
}

export interface RecoveryCodes {
  recovery_codes: string[]
  two_factor: TwoFactorState
}

export function getTwoFactor(): Promise<TwoFactorState> {
  return api.get<TwoFactorState>('/api/v1/session/two-factor')
}

/** A new pending secret; the QR code is drawn by the server at qr_svg_url. */
export function startEnrolment(): Promise<Enrolment> {
  return api.post<Enrolment>('/api/v1/session/two-factor/enrolment', {})
}

/** Throws ApiError 400 validation_failed / two_factor_code_invalid, 404 no_pending_enrolment. */
export function confirmEnrolment(code: string): Promise<RecoveryCodes> {
  return api.post<RecoveryCodes>('/api/v1/session/two-factor/enrolment/confirm', { code })
}

export function regenerateRecoveryCodes(code: string): Promise<RecoveryCodes> {
  return api.post<RecoveryCodes>('/api/v1/session/two-factor/recovery-codes', { code })
}

export function resetTwoFactor(userId: string, reason: string): Promise<User> {
  return api.post<User>(`/api/v1/users/${encodeURIComponent(userId)}/two-factor/reset`, { reason })
}

/** The base32 key in groups of four, as authenticator apps show it. */
export function groupedKey(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim()
}

/** The six digits of a typed code (spaces and a hyphen left out), or null. */
export function sixDigits(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '')
  return /^\d{6}$/.test(digits) ? digits : null
}
