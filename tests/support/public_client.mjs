// A person on the public side: no account, only the consultation cookie a
// browser keeps (tsunagu_consultation), and an address of their own — the
// test server trusts 127.0.0.1 as a proxy (--trusted-proxy), so each
// PublicClient sends its own X-Forwarded-For and is throttled apart.
let nextAddress = 1;

export class PublicClient {
  constructor(base, address = `198.51.100.${nextAddress++ % 250}`) {
    this.base = base;
    this.address = address;
    this.cookie = '';
  }

  async request(method, path, body, headers = {}) {
    const h = { 'x-forwarded-for': this.address, ...headers };
    if (this.cookie && !('cookie' in h)) h.cookie = this.cookie;
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      if (!('content-type' in h)) h['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const set = res.headers.get('set-cookie');
    if (set) {
      const m = /tsunagu_consultation=([^;]*)/.exec(set);
      if (m) this.cookie = m[1] ? `tsunagu_consultation=${m[1]}` : '';
    }
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, json, text, setCookie: set };
  }

  get(p, h) { return this.request('GET', p, undefined, h); }
  post(p, b, h) { return this.request('POST', p, b, h); }
  del(p, h) { return this.request('DELETE', p, undefined, h); }

  /** Starts a consultation; returns the 201 answer's JSON (number, passphrase …). */
  async start(fields) {
    const r = await this.post('/api/public/v1/consultations', { writer: '家族', message: '息子のことで相談したいです。', ...fields });
    if (r.status !== 201) throw new Error(`start: ${r.status} ${r.text}`);
    return r.json;
  }
}

// The server arguments the public-side tests need: trust the test's own
// address as a proxy, so that X-Forwarded-For names each test person.
export const PUBLIC_SERVER_ARGS = ['--trusted-proxy', '127.0.0.1/32'];
