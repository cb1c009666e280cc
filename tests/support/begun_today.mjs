// Activities of today that have already begun, whatever the hour the tests
// run at.
//
// A dispatch may be asked only for today or later, and reported (or marked
// 実施) only once it has begun. Tests that report therefore book minutes at
// the very start of the Tokyo day: 00:00, 00:01, … In the first minutes of a
// Tokyo day (15:00 UTC) those minutes have not all come yet, and such a test
// used to be refused with 409 activity_not_started. begunToday waits, at
// most a few minutes and only then, until the last minute a test needs has
// come, and gives the day to book on.

const TOKYO_OFFSET_MS = 9 * 3600e3;

const tokyoNow = () => new Date(Date.now() + TOKYO_OFFSET_MS);

// "00:MM" for a minute of the first hour; a test needs no more than a few.
export const minute = (m) => {
  if (!Number.isInteger(m) || m < 0 || m > 59) throw new Error(`minute out of the first hour: ${m}`);
  return `00:${String(m).padStart(2, '0')}`;
};

// The Tokyo day ("YYYY-MM-DD") on which minute(lastStart) has begun: today,
// once the clock has passed it (waiting until then if it has not).
export async function begunToday(lastStart) {
  for (;;) {
    const now = tokyoNow();
    const passed = now.getUTCHours() * 60 + now.getUTCMinutes();
    if (passed >= lastStart) return now.toISOString().slice(0, 10);
    const untilNextMinute = 60e3 - (now.getUTCSeconds() * 1e3 + now.getUTCMilliseconds());
    await new Promise((resolve) => setTimeout(resolve, untilNextMinute + 100));
  }
}
