const grouped = new Intl.NumberFormat('ja-JP')

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : grouped.format(n)
}

/**
 * Digits typed in 全角 (an IME left on) as the ASCII digits the server reads:
 * "１２３" → "123". Only the digits change; anything else is left for the
 * form's own check to point out.
 */
export function halfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
}
