// A list screen with one add/edit form above the list: which record is being
// edited, whether the form is open, and the sentence announced after a save.
import { ref, type Ref } from 'vue'

export interface FormPanel<T> {
  formOpen: Ref<boolean>
  editing: Ref<T | null>
  status: Ref<string | null>
  openNew(): void
  openEdit(record: T): void
  close(): void
  /** Closes the form and announces `message`. */
  saved(message: string): void
}

export function useFormPanel<T>(): FormPanel<T> {
  const formOpen = ref(false)
  const editing = ref(null) as Ref<T | null>
  const status = ref<string | null>(null)
  return {
    formOpen,
    editing,
    status,
    openNew() {
      editing.value = null
      formOpen.value = true
      status.value = null
    },
    openEdit(record: T) {
      editing.value = record
      formOpen.value = true
      status.value = null
    },
    close() {
      formOpen.value = false
    },
    saved(message: string) {
      formOpen.value = false
      editing.value = null
      status.value = message
    },
  }
}
