// The two steps of signing in, shared by the login page (LoginPage.vue) and
// the sign-in dialog over a form whose session ended (SignInDialog.vue):
// login ID and password, then, when the account uses one, an authenticator
// app's code or a recovery code instead. The two differ only in their
// wording and in what happens once signed in.
import { nextTick, ref, useTemplateRef } from 'vue'
import { completeSecondFactor, logIn } from './session'
import { secondStepEnded, signInFailureMessage } from './signInMessage'

type Field = 'login' | 'password' | 'code'

export function useSignInSteps(signedIn: () => unknown) {
  const login = ref('')
  const password = ref('')
  const code = ref('')
  // A recovery code instead of the app's code.
  const useRecovery = ref(false)
  const step = ref<'password' | 'code'>('password')
  const busy = ref(false)
  const error = ref<string | null>(null)
  // The fields the last refusal was about (aria-invalid); the first is focused.
  const invalid = ref<Field[]>([])
  // The inputs, by their template refs of the same names.
  const loginInput = useTemplateRef<HTMLInputElement>('loginInput')
  const passwordInput = useTemplateRef<HTMLInputElement>('passwordInput')
  const codeInput = useTemplateRef<HTMLInputElement>('codeInput')

  async function focus(which: Field) {
    await nextTick()
    ;({ login: loginInput, password: passwordInput, code: codeInput })[which].value?.focus()
  }

  async function refuse(fields: Field[], message: string) {
    error.value = message
    invalid.value = fields
    await focus(fields[0]!)
  }
  const isInvalid = (field: Field) => invalid.value.includes(field)

  async function submitPassword() {
    error.value = null
    const missing: Field[] = []
    if (!login.value.trim()) missing.push('login')
    if (!password.value) missing.push('password')
    if (missing.length) return refuse(missing, 'ログインIDとパスワードを入力してください。')
    busy.value = true
    try {
      if ((await logIn(login.value.trim(), password.value)) === 'second_factor') {
        password.value = ''
        step.value = 'code'
        invalid.value = []
        await focus('code')
        return
      }
      invalid.value = []
      await signedIn()
    } catch (e) {
      password.value = ''
      await refuse(['password'], signInFailureMessage(e))
    } finally {
      busy.value = false
    }
  }

  async function submitCode() {
    error.value = null
    const typed = code.value.trim()
    if (!typed)
      return refuse(
        ['code'],
        useRecovery.value ? '回復コードを入力してください。' : '認証アプリに表示されている6桁の確認コードを入力してください。',
      )
    busy.value = true
    try {
      await completeSecondFactor(useRecovery.value ? { recovery_code: typed } : { code: typed })
      invalid.value = []
      await signedIn()
    } catch (e) {
      code.value = ''
      // The five minutes are over, or too many wrong codes: start again from the password.
      if (secondStepEnded(e)) step.value = 'password'
      await refuse([step.value === 'code' ? 'code' : 'password'], signInFailureMessage(e))
    } finally {
      busy.value = false
    }
  }

  async function toggleRecovery() {
    useRecovery.value = !useRecovery.value
    code.value = ''
    error.value = null
    invalid.value = []
    await focus('code')
  }

  // Back to the first step, keeping the login ID.
  async function startOver() {
    step.value = 'password'
    useRecovery.value = false
    code.value = ''
    error.value = null
    invalid.value = []
    await focus('password')
  }

  // A fresh start with `presetLogin` filled in (the dialog, each time it opens).
  function reset(presetLogin: string) {
    login.value = presetLogin
    password.value = ''
    code.value = ''
    useRecovery.value = false
    step.value = 'password'
    error.value = null
    invalid.value = []
  }

  return {
    login, password, code, useRecovery, step, busy, error, isInvalid,
    focus, submitPassword, submitCode, toggleRecovery, startOver, reset,
  }
}
