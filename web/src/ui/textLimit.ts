// The length of a text as the server counts it (code points, as
// domain::within_codepoint_limit does: an emoji is one character, not two)
// and the sentence for a text over its limit, worded as service::Input's.

export function charCount(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

export function tooLongMessage(max: number, count: number): string {
  return `${max.toLocaleString('ja-JP')}文字以内で入力してください（現在${count.toLocaleString('ja-JP')}文字）。`
}
