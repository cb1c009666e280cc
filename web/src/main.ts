import { createApp } from 'vue'
import App from './App.vue'
import { router } from './router'
import { onMutation, onSessionGone } from './api'
import { forget } from './session/session'
import { holdsTheScreen, saveKeepingInput } from './session/reauth'
import { setFlash, SESSION_EXPIRED_MESSAGE } from './session/flash'
import { loadMeta } from './meta/meta'
import './styles/base.css'

// Any API call that finds the session gone brings the person back to the
// login page, and says why when the session timed out — except during a
// save: the form then asks for a sign-in over itself and keeps the input
// (session/reauth.ts).
onSessionGone((code) => {
  if (holdsTheScreen()) return
  forget()
  if (code === 'session_expired') setFlash(SESSION_EXPIRED_MESSAGE)
  const current = router.currentRoute.value
  if (current.name !== 'login') {
    void router.push({ name: 'login', query: current.fullPath === '/' ? {} : { redirect: current.fullPath } })
  }
})

// Every change, a button's as much as a form's, keeps the screen when the
// session has ended: the sign-in dialog opens and the change is sent again.
onMutation(saveKeepingInput)

void loadMeta()
createApp(App).use(router).mount('#app')
