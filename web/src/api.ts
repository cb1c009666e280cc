// The one door to the tsunagu HTTP API (docs/api/README.md).
// Sends the session cookie (same origin), the CSRF token on every
// state-changing request, If-Match for updates, and turns every failure —
// problem+json, other HTTP errors, network trouble — into an ApiError.

export interface FieldError {
  field: string
  detail: string
}

export interface Problem {
  type?: string
  title?: string
  status?: number
  code?: string
  detail?: string
  errors?: FieldError[]
  current?: unknown
  /** Members a route adds of its own (e.g. crisis_contacts on the public side). */
  [extension: string]: unknown
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly detail: string
  readonly errors: FieldError[]
  /** For 412 version_conflict: the record as it is now on the server. */
  readonly current: unknown
  /** Seconds from a Retry-After header (429), when the server sent one. */
  readonly retryAfter: number | null
  /** The problem as the server sent it, with any members of its own. */
  readonly problem: Problem

  constructor(status: number, problem: Problem, retryAfter: number | null = null) {
    const detail = problem.detail ?? defaultDetail(status)
    super(detail)
    this.name = 'ApiError'
    this.status = status
    this.code = problem.code ?? (status === 0 ? 'network_error' : `http_${status}`)
    this.detail = detail
    this.errors = Array.isArray(problem.errors) ? problem.errors : []
    this.current = problem.current
    this.retryAfter = retryAfter
    this.problem = problem
  }
}

function defaultDetail(status: number): string {
  if (status === 0) return 'サーバーに接続できませんでした。通信の状態を確かめて、もう一度お試しください。'
  if (status === 403) return 'この画面を表示する権限がありません。'
  if (status === 404) return 'お探しの情報は見つかりませんでした。'
  if (status === 429) return '短い時間にたくさんの操作があったため、少しのあいだ受け付けを止めています。時間をおいてもう一度お試しください。'
  if (status >= 500) return `サーバーで問題が起きました（状態 ${status}）。時間をおいてもう一度お試しください。`
  return `処理を完了できませんでした（状態 ${status}）。`
}

/** Codes that mean "there is no valid session any more". */
export const SESSION_GONE_CODES: readonly string[] = ['session_expired', 'not_authenticated']

let csrfToken: string | null = null
let unauthorizedHandler: ((code: string) => void) | null = null

/** The token comes from POST/GET /api/v1/session and lives only in memory. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** Called once by the app: what to do when a call finds the session gone. */
export function onSessionGone(handler: (code: string) => void): void {
  unauthorizedHandler = handler
}

/** How a change (POST, PUT, PATCH, DELETE) is run. */
export type MutationRunner = <T>(run: () => Promise<T>) => Promise<T>
let runMutation: MutationRunner = (run) => run()

/**
 * Called once by the app: every change runs through `runner`, which keeps the
 * screen and asks for a sign-in when the session has ended, then sends the
 * change again (session/reauth.ts). So a button that saves (承諾, 取消, 出席)
 * behaves as a form does, not only the forms.
 */
export function onMutation(runner: MutationRunner): void {
  runMutation = runner
}

export interface RequestOptions {
  body?: unknown
  /** The version the edit was based on; sent as If-Match: "<version>". */
  ifMatch?: number
  query?: Record<string, string | number | null | undefined>
  /**
   * false for the login and the session check at start-up: a 401 there is an
   * answer for the caller, not a reason to leave the current screen.
   */
  redirectOnSessionGone?: boolean
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`

  let url = path
  if (options.query) {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(options.query)) {
      if (value !== null && value !== undefined && value !== '') params.set(key, String(value))
    }
    const qs = params.toString()
    if (qs) url += (url.includes('?') ? '&' : '?') + qs
  }

  let response: Response
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
  } catch {
    throw new ApiError(0, {})
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T
    const text = await response.text()
    return (text ? JSON.parse(text) : undefined) as T
  }

  const problem = await readProblem(response)
  const retryAfterHeader = response.headers.get('Retry-After')
  const retryAfter = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null
  const error = new ApiError(response.status, problem, retryAfter)
  if (
    response.status === 401 &&
    SESSION_GONE_CODES.includes(error.code) &&
    options.redirectOnSessionGone !== false &&
    unauthorizedHandler
  ) {
    setCsrfToken(null)
    unauthorizedHandler(error.code)
  }
  throw error
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('Content-Type') ?? ''
  if (!type.includes('json')) return {}
  try {
    const body: unknown = await response.json()
    return body && typeof body === 'object' ? (body as Problem) : {}
  } catch {
    return {}
  }
}

// A change made without a staff session to keep (sign-in itself, the public
// side) is sent as it is.
function change<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  if (options.redirectOnSessionGone === false) return request<T>(method, path, options)
  return runMutation(() => request<T>(method, path, options))
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body: unknown, options?: RequestOptions) => change<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => change<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => change<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => change<T>('DELETE', path, options ?? {}),
}

/** Every list answer: {"items":[…],"next_cursor":"…"|null}. */
export interface Page<T> {
  items: T[]
  next_cursor?: string | null
}

/**
 * Field errors keyed by field name, for showing next to each input;
 * `fieldOf` names the form's field that stands for a server path, when it differs.
 */
export function fieldErrorsOf(error: unknown, fieldOf: (path: string) => string | undefined = () => undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (error instanceof ApiError) {
    for (const e of error.errors) {
      if (!e || typeof e.field !== 'string') continue
      const field = fieldOf(e.field) ?? e.field
      out[field] = out[field] ? `${out[field]} ${e.detail}` : e.detail
    }
  }
  return out
}

/** Any thrown value as a sentence to show in an alert region. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.detail
  // session/reauth.ts: a change not sent because nobody (or somebody else) signed in again.
  if (error instanceof Error && error.name === 'InputKeptError') return error.message
  return '思いがけない問題が起きました。もう一度お試しください。'
}
