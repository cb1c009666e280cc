// A person's words as the screens quote them.

/** `s` in 「」, unless the person already wrote it so (no 「「…」」). */
export function inBrackets(s: string): string {
  return s.startsWith('「') && s.endsWith('」') && s.length >= 2 ? s : `「${s}」`
}
