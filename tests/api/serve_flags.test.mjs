// `tsunagu serve --listen ADDR` (README): the server answers on that address
// and on no other. 127.0.0.2 is a loopback address of its own on Linux, so
// the test needs no network.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';

describe('serve --listen', () => {
  test('answers on the address it was given, refuses on 127.0.0.1', async () => {
    const server = await startServer({ listen: '127.0.0.2' });
    try {
      assert.equal(server.url, `http://127.0.0.2:${server.port}`);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      // Nothing listens on 127.0.0.1 at that port: the connection is refused.
      await assert.rejects(fetch(`http://127.0.0.1:${server.port}/healthz`), (e) => e.cause?.code === 'ECONNREFUSED');
    } finally { await server.stop(); }
  });
});
