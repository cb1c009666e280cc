// Small helpers shared by the SVG charts: a "nice" axis maximum and tick
// values, and how a count is written (digit grouping; 「X」 for a hidden one).

/** The smallest of 1, 2, 5 × 10^n that is >= max (at least 1). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1
  const p = Math.pow(10, Math.floor(Math.log10(max)))
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p
  return 10 * p
}

/** Tick values 0 … max in `steps` equal parts (integers only). */
export function ticks(max: number, steps = 4): number[] {
  const out: number[] = []
  for (let i = 0; i <= steps; i++) {
    const v = (max * i) / steps
    if (Number.isInteger(v)) out.push(v)
  }
  return out
}

export function formatCount(v: number | null | undefined): string {
  if (v === null || v === undefined) return 'X'
  return v.toLocaleString('ja-JP')
}

/** A count, or `missing` when there is none (「X」: hidden; 「—」: nothing to count). */
export function formatOr(v: number | null | undefined, missing = 'X'): string {
  return v === null || v === undefined ? missing : v.toLocaleString('ja-JP')
}
