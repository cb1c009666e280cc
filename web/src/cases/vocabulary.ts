// The case-work vocabulary, verbatim from PRODUCT.md and src/domain (the
// server validates against the same lists). Labels are the values themselves.
import type { Choice } from '../meta/meta'

const choices = (values: readonly string[]): Choice[] => values.map((v) => ({ value: v, label: v }))

export const CASE_STATUSES = choices(['受付', '継続支援', '見守り', '終結', '中断'])
/** Statuses that end active support; moving to or from them asks for a reason. */
export const CLOSED_STATUSES = ['終結', '中断']
export const INTAKE_ROUTES = choices(['本人', '家族', '関係機関', '民生委員', '地域住民', '学校', 'その他'])
export const SUBJECT_AWARENESS = choices(['知っている', '知らない', '不明'])
export const COMPLEX_NEEDS = choices([
  '8050', '介護', '生活困窮', '住居', '精神疾患', '発達特性', '不登校', 'ダブルケア', 'ごみ屋敷', '依存', '暴力', 'その他',
])
export const NAMINGS: Choice[] = [
  { value: 'named', label: '氏名がわかる' },
  { value: 'pseudonym', label: '仮名で記録する' },
  { value: 'anonymous', label: '匿名（名前を記録しない）' },
]
export const SEXES = choices(['男性', '女性', 'その他', '不明'])
export const AGE_BANDS = choices(['10歳未満', '10代', '20代', '30代', '40代', '50代', '60代', '70代', '80代', '90代以上', '不明'])
export const RELATIONS = choices(['父', '母', 'きょうだい', '配偶者', '子', '祖父母', 'その他'])

export const CHANNELS = choices(['電話', 'メール', 'SNS', '来所', 'その他（訪問等）'])
export const CHANNEL_OTHER = 'その他（訪問等）'
export const SUB_KINDS = choices(['訪問', '手紙', 'オンライン面談', '同行', '出張相談'])
export const COUNTERPARTS = choices([
  '本人', '父', '母', 'きょうだい', '配偶者', '子', '祖父母', 'その他の家族', '関係機関', '民生委員', '地域住民', '学校', 'その他',
])

/** The counterpart of a contact for a caller's relation (母 → 母; 本人 → 本人). */
export function counterpartFor(relation: string | null | undefined): string {
  if (!relation) return '本人'
  return COUNTERPARTS.some((c) => c.value === relation) ? relation : 'その他の家族'
}
