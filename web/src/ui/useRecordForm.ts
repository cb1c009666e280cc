// The shared half of every edit form: field errors, the alert line, the busy
// flag, the version the edit is based on, and the 412 conflict (the record as
// it is now — the person's input stays in the form). A form supplies only its
// fields, its own checks and the call that saves.
import { nextTick, onMounted, ref, useTemplateRef, type Ref, type ShallowRef } from 'vue'
import { ApiError, fieldErrorsOf, messageOf } from '../api'
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

export function useRecordForm<T extends { version?: number }>(options: { focusHeading?: boolean } = {}): RecordForm<T> {
  const errors = ref<Record<string, string>>({})
  const alert = ref<string | null>(null)
  const conflict = ref(null) as Ref<T | null>
  const busy = ref(false)
  const baseVersion = ref(0)
  const heading = useTemplateRef<HTMLElement>('heading')
  const formEl = useTemplateRef<HTMLFormElement>('formEl')

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
    if (Object.keys(found).length > 0) {
      alert.value = CHECK_INPUT_MESSAGE
      void focusFirstError(formEl.value)
      return null
    }
    busy.value = true
    try {
      const saved = await save()
      conflict.value = null
      return saved
    } catch (e) {
      errors.value = fieldErrorsOf(e)
      if (e instanceof ApiError && e.status === 412 && e.current) {
        conflict.value = e.current as T
        const v = (e.current as { version?: unknown }).version
        if (typeof v === 'number') baseVersion.value = v
      } else {
        alert.value = messageOf(e)
        void focusFirstError(formEl.value)
      }
      return null
    } finally {
      busy.value = false
    }
  }

  return { errors, alert, conflict, busy, baseVersion, heading, formEl, reset, submit }
}
