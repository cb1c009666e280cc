// The counts beside the menu items are read again every minute while the
// person is at the screen, so that a supporter's urgent report (issue 17:
// urgent marks reach the coordinator at once), a new オンライン相談 or a
// referral shows without moving between screens.
//
// Only while somebody is there: five minutes after the last key or pointer
// the readings stop, so an unattended screen does not keep its session alive
// past the idle timeout (each request counts as activity on the server).
// A hidden tab is not read either; it is read as soon as it is shown again.
import { refreshInboxCount } from '../consultations/consultation'

export const COUNT_INTERVAL_MS = 60_000
export const PRESENCE_MS = 5 * 60_000

/** Starts the readings; returns the function that stops them. */
export function watchCounts(): () => void {
  let lastActive = Date.now()
  const active = () => {
    lastActive = Date.now()
  }
  const present = () => document.visibilityState === 'visible' && Date.now() - lastActive < PRESENCE_MS
  const tick = () => {
    if (present()) void refreshInboxCount(true)
  }
  window.addEventListener('keydown', active, true)
  window.addEventListener('pointerdown', active, true)
  document.addEventListener('visibilitychange', tick)
  const timer = window.setInterval(tick, COUNT_INTERVAL_MS)
  return () => {
    window.clearInterval(timer)
    window.removeEventListener('keydown', active, true)
    window.removeEventListener('pointerdown', active, true)
    document.removeEventListener('visibilitychange', tick)
  }
}
