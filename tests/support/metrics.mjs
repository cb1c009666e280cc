// Reading the server's /metrics (Prometheus' text format) in tests.
import assert from 'node:assert/strict';

// name{labels} value → [{ name, labels: {…}, value }]
export function parse(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(m, `not a sample line: ${line}`);
    const labels = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

// The samples of `name` whose labels include `labels`.
export const sample = (samples, name, labels = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

// A counter with one label, scraped from a server started with
// --metrics-from 127.0.0.1: { value of the label: count } for each sample.
export async function counterBy(server, name, label) {
  const samples = parse(await (await fetch(`${server.url}/metrics`)).text());
  const found = sample(samples, name);
  assert.ok(found.length > 0, `${name} is not in /metrics`);
  return Object.fromEntries(found.map((s) => [s.labels[label], s.value]));
}
