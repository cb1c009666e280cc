// Loading state of a screen: the data, whether it is loading, and the error
// to show with a retry button (ui/ErrorPanel.vue).
import { ref, type Ref } from 'vue'

export interface Loader<T> {
  data: Ref<T>
  loading: Ref<boolean>
  loadError: Ref<unknown>
  load(): Promise<void>
}

export function useLoader<T>(initial: T, fetch: () => Promise<T>): Loader<T> {
  const data = ref(initial) as Ref<T>
  const loading = ref(true)
  const loadError = ref<unknown>(null)
  // Only the latest load is shown. When the person changes a filter (the
  // year, say) while the previous load is still on its way, the older
  // answer may arrive last; it must not replace the newer one.
  let latest = 0
  async function load() {
    const mine = ++latest
    loading.value = true
    loadError.value = null
    try {
      const result = await fetch()
      if (mine === latest) data.value = result
    } catch (e) {
      if (mine === latest) loadError.value = e
    } finally {
      if (mine === latest) loading.value = false
    }
  }
  return { data, loading, loadError, load }
}
