// Cursor paging without server state: the cursor of every page visited is
// remembered, so 前へ works by going back one cursor.
import { computed, ref, type Ref } from 'vue'
import type { Page } from '../api'

export type CursorPages = Pick<ReturnType<typeof useCursorPages<unknown>>, 'nextCursor' | 'pageNumber' | 'loading' | 'loadError' | 'next' | 'previous'>

export function useCursorPages<T>(fetch: (cursor: string | null) => Promise<Page<T>>) {
  const items = ref([]) as Ref<T[]>
  const nextCursor = ref<string | null>(null)
  const cursors = ref<(string | null)[]>([null])
  const loading = ref(true)
  const loadError = ref<unknown>(null)
  const pageNumber = computed(() => cursors.value.length)

  async function load() {
    loading.value = true
    loadError.value = null
    try {
      const page = await fetch(cursors.value[cursors.value.length - 1] ?? null)
      items.value = page.items
      nextCursor.value = page.next_cursor ?? null
    } catch (e) {
      loadError.value = e
    } finally {
      loading.value = false
    }
  }
  async function next() {
    if (!nextCursor.value) return
    cursors.value.push(nextCursor.value)
    await load()
  }
  async function previous() {
    if (cursors.value.length <= 1) return
    cursors.value.pop()
    await load()
  }
  /** Back to the first page (e.g. after a filter changed). */
  async function first() {
    cursors.value = [null]
    await load()
  }
  return { items, nextCursor, pageNumber, loading, loadError, load, next, previous, first }
}
