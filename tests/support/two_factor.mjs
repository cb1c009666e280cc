// Two-factor sign-in for the tests' helpers (issue 21): a signed-in test
// client of an administrator or supervisor passes the second step like a
// person with an authenticator app, so the tests that only need "signed in
// as X" do not change.
//
// The helper enrols the account the first time (the demo requires it of
// admin and supervisors), remembers the secret and recovery codes per
// database and login, and computes codes with node:crypto (HMAC-SHA1,
// RFC 6238) for the server's time (its --test-clock-offset-seconds
// included). The server refuses a code whose step was already used; when
// the current and next step are both used, a recovery code signs in, and
// the codes are renewed while a step is free.
import { createHmac } from 'node:crypto';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text) {
  let bits = 0, value = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP of `key` (Buffer) at `counter`, `digits` long. */
export function hotp(key, counter, digits = 6) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(bin % 10 ** digits).padStart(digits, '0');
}

export const stepOf = (unixSeconds) => Math.floor(unixSeconds / 30);
/** The server's current TOTP step, for a server running `offset` seconds ahead. */
export const serverStep = (offset = 0) => stepOf(Date.now() / 1000 + offset);
/** The code of `secret` (base32) at `step`. */
export const codeAt = (secret, step) => hotp(base32Decode(secret), step);

// Remembered accounts: key → { secret, recovery: [...], lastStep }. In
// memory for the API tests (one process, one server each); in a file for
// the browser tests, whose files run one after another against one server.
export class Keyring {
  constructor(file = null) { this.file = file; this.map = new Map(); this.load(); }
  load() {
    if (this.file && existsSync(this.file)) this.map = new Map(Object.entries(JSON.parse(readFileSync(this.file, 'utf8'))));
  }
  get(key) { this.load(); return this.map.get(key); }
  set(key, entry) {
    this.map.set(key, entry);
    if (this.file) writeFileSync(this.file, JSON.stringify(Object.fromEntries(this.map)));
  }
}

/**
 * The keyring of a server the browser tests share (TSUNAGU_URL): a file, so
 * that every test file, and the API clients their fixtures use, see the
 * same accounts; null (memory) otherwise.
 */
export function keyringFile(url) {
  if (!url) return null;
  return join(tmpdir(), `tsunagu-e2e-two-factor-${createHash('sha256').update(url.replace(/\/$/, '')).digest('hex').slice(0, 12)}.json`);
}

// One sign-in at a time per account: the server keeps the last used step,
// so two codes sent at once could arrive in the wrong order.
const queues = new Map();
export function serialised(key, fn) {
  const before = queues.get(key) ?? Promise.resolve();
  const run = before.then(fn, fn);
  queues.set(key, run.catch(() => {}));
  return run;
}

/**
 * What to send as the second step: a code of a step not used yet (the
 * current or the next, which the server accepts as ±1), else a recovery
 * code, else null (wait for the next step). Marks it used in `entry`.
 */
export function nextCredential(entry, offset = 0) {
  const step = Math.max(serverStep(offset), entry.lastStep + 1);
  if (step <= serverStep(offset) + 1) {
    entry.lastStep = step;
    return { code: codeAt(entry.secret, step) };
  }
  if (entry.recovery.length) return { recovery_code: entry.recovery.shift() };
  return null;
}

/**
 * Enrols the signed-in account through the API (`http.post(path, body)` →
 * { status, json }); returns the entry to remember.
 */
export async function enrol(http, offset = 0) {
  const started = await http.post('/api/v1/session/two-factor/enrolment', {});
  if (started.status !== 201) throw new Error(`enrolment: ${started.status} ${JSON.stringify(started.json)}`);
  const entry = { secret: started.json.secret, recovery: [], lastStep: -1 };
  const cred = nextCredential(entry, offset);
  const confirmed = await http.post('/api/v1/session/two-factor/enrolment/confirm', cred);
  if (confirmed.status !== 200) throw new Error(`enrolment confirm: ${confirmed.status} ${JSON.stringify(confirmed.json)}`);
  entry.recovery = confirmed.json.recovery_codes;
  return entry;
}

/** New recovery codes while a step is free, when few are left. */
export async function topUp(http, entry, offset = 0) {
  if (entry.recovery.length >= 5) return;
  const step = Math.max(serverStep(offset), entry.lastStep + 1);
  if (step > serverStep(offset) + 1) return;
  entry.lastStep = step;
  const r = await http.post('/api/v1/session/two-factor/recovery-codes', { code: codeAt(entry.secret, step) });
  if (r.status === 200) entry.recovery = r.json.recovery_codes;
}

/** Waits until the next TOTP step begins (only when every code is used). */
export async function untilNextStep(offset = 0) {
  const now = Date.now() / 1000 + offset;
  await new Promise((r) => setTimeout(r, ((stepOf(now) + 1) * 30 - now) * 1000 + 50));
}

/**
 * After the password step's answer `r` of `client` (an object with post,
 * get and csrf, keeping the tsunagu_second_factor cookie): enrols the
 * account when it must (201 with enrolment_required), or sends the second
 * step (202). Returns the last answer. `key` names the account in
 * `keyring`; `offset` is the server's clock offset.
 */
export async function completeSignIn(client, keyring, key, offset, r) {
  if (r.status === 201 && r.json.two_factor?.enrolment_required) {
    keyring.set(key, await enrol(client, offset));
    return { ...r, json: { ...r.json, two_factor: (await client.get('/api/v1/session/two-factor')).json } };
  }
  if (r.status !== 202 || !r.json?.second_factor_required) return r;
  const entry = keyring.get(key);
  if (!entry) throw new Error(`${key}: a code is asked for, but the tests did not enrol this account`);
  let cred;
  while (!(cred = nextCredential(entry, offset))) await untilNextStep(offset);
  keyring.set(key, entry);
  const done = await client.post('/api/v1/session/second-factor', cred);
  if (done.status !== 201) return done;
  client.csrf = done.json.csrf_token;
  await topUp(client, entry, offset);
  keyring.set(key, entry);
  return done;
}
