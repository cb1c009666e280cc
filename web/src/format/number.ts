const grouped = new Intl.NumberFormat('ja-JP')

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : grouped.format(n)
}
