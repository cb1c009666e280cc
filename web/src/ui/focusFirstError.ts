import { nextTick } from 'vue'

/** After a refused save, put the keyboard on the first field that needs attention. */
export async function focusFirstError(root: HTMLElement | null | undefined): Promise<void> {
  await nextTick()
  const field = root?.querySelector<HTMLElement>('[aria-invalid="true"]')
  field?.focus()
}
