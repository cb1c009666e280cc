// The shared half of every edit form: field errors, the alert line, the busy
// flag, the version the edit is based on, and the 412 conflict (the record as
// it is now — the person's input stays in the form). A form supplies only its
// fields, its own checks and the call that saves.
//
// A save that finds the session ended asks for a sign-in over the form and
// runs again (session/reauth.ts); the input stays in the form either way.
import { nextTick, onMounted, ref, useTemplateRef, type Ref, type ShallowRef } from 'vue'
import { ApiError, fieldErrorsOf, messageOf } from '../api'
import { InputKeptError, saveKeepingInput } from '../session/reauth'
import { focusFirstError } from './focusFirstError'

export const CHECK_INPUT_MESSAGE = '入力内容を確認してください。'

export interface RecordForm<T> {
  errors: Ref<Record<string, string>>
  alert: Ref<string | null>
  conflict: Ref<T | null>
  busy: Ref<boolean>
  baseVersion: Ref<number>
  /** The element with ref="heading" (focused when the form opens). */
  heading: Readonly<ShallowRef<HTMLElement | null>>
  /** The element with ref="formEl" (searched for the first invalid field). */
  formEl: Readonly<ShallowRef<HTMLFormElement | null>>
  /** Clears messages and remembers the version of the record being edited. */
  reset(version?: number): void
  /**
   * Runs the form's checks, then save(). Returns what save() returned, or
   * null when the checks or the server refused (messages are then shown and
   * the first field needing attention has the keyboard).
   */
  submit<R>(check: () => Record<string, string>, save: () => Promise<R>): Promise<R | null>
}

export interface RecordFormOptions {
  focusHeading?: boolean
  /**
   * Server field paths that this form shows under another field, e.g. the
   * intake's `opened_on`, which is the day of the 日時 it asks for:
   * { opened_on: 'occurred_at' }; or a function for paths with an index
   * (a plan's `goals[2].words`).
   */
  fieldOf?: Record<string, string> | ((path: string) => string | undefined)
}

export function useRecordForm<T extends { version?: number }>(options: RecordFormOptions = {}): RecordForm<T> {
  const errors = ref<Record<string, string>>({})
  const alert = ref<string | null>(null)
  const conflict = ref(null) as Ref<T | null>
  const busy = ref(false)
  const baseVersion = ref(0)
  const heading = useTemplateRef<HTMLElement>('heading')
  const formEl = useTemplateRef<HTMLFormElement>('formEl')

  const rename = options.fieldOf ?? {}
  const fieldOf = typeof rename === 'function' ? rename : (path: string) => rename[path]

  if (options.focusHeading !== false) {
    onMounted(async () => {
      await nextTick()
      heading.value?.focus()
    })
  }

  function reset(version = 0) {
    baseVersion.value = version
    errors.value = {}
    alert.value = null
    conflict.value = null
  }

  async function submit<R>(check: () => Record<string, string>, save: () => Promise<R>): Promise<R | null> {
    alert.value = null
    const found = check()
    errors.value = found
    // A text over its limit is marked by FormField (the counter and its message).
    const tooLong = !!formEl.value?.querySelector('.field.is-over-limit')
    if (Object.keys(found).length > 0 || tooLong) {
      alert.value = CHECK_INPUT_MESSAGE
      void focusFirstError(formEl.value)
      return null
    }
    busy.value = true
    try {
      const saved = await saveKeepingInput(save)
      conflict.value = null
      return saved
    } catch (e) {
      errors.value = fieldErrorsOf(e, fieldOf)
      if (e instanceof InputKeptError) {
        alert.value = e.message
      } else if (e instanceof ApiError && e.status === 412 && e.current) {
        conflict.value = e.current as T
        const v = (e.current as { version?: unknown }).version
        if (typeof v === 'number') baseVersion.value = v
      } else {
        alert.value = messageOf(e)
        void showFieldErrors(e)
      }
      return null
    } finally {
      busy.value = false
    }
  }

  // Each field error appears under its field and the first such field takes
  // the keyboard; an error for a field this form does not show is added to
  // the alert, so no message of the server is ever lost.
  async function showFieldErrors(e: unknown) {
    await focusFirstError(formEl.value)
    if (!(e instanceof ApiError) || !e.errors.length) return
    const shown = [...(formEl.value?.querySelectorAll('.field-error') ?? [])].map((el) => el.textContent ?? '').join('\n')
    const missing = e.errors.map((f) => f.detail).filter((d) => d && !shown.includes(d))
    if (missing.length) alert.value = [alert.value, ...missing].filter(Boolean).join(' ')
  }

  return { errors, alert, conflict, busy, baseVersion, heading, formEl, reset, submit }
}
