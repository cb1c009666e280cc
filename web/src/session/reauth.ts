// Saving after the session has ended: the save is held, a sign-in dialog
// opens over the form (SignInDialog.vue), and the save runs again once the
// same person has signed in. The input only ever lives in the form's memory:
// nothing is written to browser storage while the dialog is open.
import { reactive } from 'vue'
import { ApiError, SESSION_GONE_CODES, messageOf } from '../api'
import { session } from './session'

/** How the sign-in dialog ended. */
export type SignInOutcome = 'same_user' | 'other_user' | 'cancelled'

export const reauth = reactive({
  open: false,
  /** Login of the person whose session ended (filled into the dialog). */
  login: '',
})

let previousUserId: string | null = null
let settle: ((outcome: SignInOutcome) => void) | null = null
let savesRunning = 0

/**
 * True while a save is running or the dialog is open: a 401 then must not
 * take the person to the login page (that would throw the form away).
 */
export function holdsTheScreen(): boolean {
  return savesRunning > 0 || reauth.open
}

/** The save was not retried; the form keeps the input and says why (its message). */
export class InputKeptError extends Error {
  constructor(readonly outcome: 'other_user' | 'cancelled') {
    super(keptMessage(outcome))
    this.name = 'InputKeptError'
  }
}

export function isSessionGone(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401 && SESSION_GONE_CODES.includes(e.code)
}

/**
 * Runs `save`; when it finds the session gone, asks for a sign-in and runs it
 * again, but only for the person who was signed in before: somebody else's
 * sign-in must not send the previous person's input under their own name.
 * Throws InputKeptError when it did not save for that reason or on cancel.
 */
export async function saveKeepingInput<R>(save: () => Promise<R>): Promise<R> {
  for (;;) {
    savesRunning++
    try {
      return await save()
    } catch (e) {
      if (!isSessionGone(e)) throw e
    } finally {
      savesRunning--
    }
    const outcome = await askToSignIn()
    if (outcome !== 'same_user') throw new InputKeptError(outcome)
  }
}

function askToSignIn(): Promise<SignInOutcome> {
  // Two forms saving at once share the one dialog.
  if (reauth.open && settle) {
    const first = settle
    return new Promise((resolve) => {
      settle = (o) => {
        first(o)
        resolve(o)
      }
    })
  }
  previousUserId = session.user?.id ?? null
  reauth.login = session.user?.login ?? ''
  reauth.open = true
  return new Promise((resolve) => {
    settle = resolve
  })
}

/** Called by the dialog when it closes: after a sign-in (true) or a cancel. */
export function signInDialogClosed(signedIn: boolean): void {
  const outcome: SignInOutcome = !signedIn ? 'cancelled' : session.user?.id === previousUserId ? 'same_user' : 'other_user'
  reauth.open = false
  const done = settle
  settle = null
  done?.(outcome)
}

/** The sentence a form shows when it kept the input without saving (an InputKeptError's message). */
function keptMessage(outcome: InputKeptError['outcome']): string {
  if (outcome === 'other_user')
    return `前に使っていた方とは別の利用者（${session.user?.display_name ?? ''}さん）でログインしたため、保存していません。入力した内容は画面に残っています。内容を確かめてから、保存してください。`
  return 'ログインしていないため、まだ保存していません。入力した内容は画面に残っています。保存するときは、もう一度保存のボタンを押してください。'
}

/** The alert line of a form whose save did not go through, whatever the reason. */
export function saveFailureMessage(e: unknown): string {
  return messageOf(e) // an InputKeptError's message included
}
