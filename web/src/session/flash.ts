// A one-time message for the login page (after logout, or when a session
// ended). Kept in memory so a reload does not repeat it.
import { ref } from 'vue'

export const LOGGED_OUT_MESSAGE = 'ログアウトしました。'
export const SESSION_EXPIRED_MESSAGE =
  '一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。'

const message = ref<string | null>(null)

export function setFlash(text: string): void {
  message.value = text
}

export function takeFlash(): string | null {
  const text = message.value
  message.value = null
  return text
}
