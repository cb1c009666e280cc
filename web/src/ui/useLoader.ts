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
  async function load() {
    loading.value = true
    loadError.value = null
    try {
      data.value = await fetch()
    } catch (e) {
      loadError.value = e
    } finally {
      loading.value = false
    }
  }
  return { data, loading, loadError, load }
}
