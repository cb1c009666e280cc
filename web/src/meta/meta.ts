// Reference data with its Japanese labels (GET /api/v1/meta, public).
// Loaded once; screens show labels from here so wording is decided by the server.
import { reactive } from 'vue'
import { api } from '../api'

export interface Choice {
  value: string
  label: string
}

export interface Meta {
  roles: Choice[]
  organisation_kinds: Choice[]
  program_types: Choice[]
  area_levels: Choice[]
}

// Used until /meta has answered (or if it cannot), so a label is never blank.
const fallback: Meta = {
  roles: [
    { value: 'coordinator', label: '相談員・コーディネーター' },
    { value: 'supervisor', label: '所長・主任相談員' },
    { value: 'ibasho_staff', label: '居場所スタッフ' },
    { value: 'supporter', label: 'サポーター' },
    { value: 'surveyor', label: '民生委員・児童委員' },
    { value: 'analyst', label: '統計担当（自治体）' },
    { value: 'admin', label: 'システム管理者' },
  ],
  organisation_kinds: [
    'センター', 'サテライト', 'ステーション', 'サポート事業', '自立相談支援機関',
    '社会福祉協議会', 'NPO', '家族会', '当事者会', 'その他',
  ].map((v) => ({ value: v, label: v })),
  program_types: ['都道府県センター', 'サテライト', '市町村センター', 'ステーション', 'サポート事業'].map((v) => ({
    value: v,
    label: v,
  })),
  area_levels: [
    { value: 'prefecture', label: '都道府県' },
    { value: 'municipality', label: '市区町村' },
    { value: 'district', label: '地区' },
  ],
}

export const meta = reactive<Meta>({ ...fallback })

let loading: Promise<void> | null = null

/** The server may send plain strings or {value,label}; both become Choice. */
function toChoices(raw: unknown, fallbackChoices: Choice[]): Choice[] {
  if (!Array.isArray(raw) || raw.length === 0) return fallbackChoices
  return raw.map((item) => {
    if (typeof item === 'string') return { value: item, label: item }
    const o = item as { value?: unknown; label?: unknown }
    const value = String(o.value ?? '')
    return { value, label: typeof o.label === 'string' && o.label ? o.label : value }
  })
}

export function loadMeta(): Promise<void> {
  loading ??= api
    .get<Partial<Record<keyof Meta, unknown>>>('/api/v1/meta', { redirectOnSessionGone: false })
    .then((m) => {
      meta.roles = toChoices(m.roles, fallback.roles)
      meta.organisation_kinds = toChoices(m.organisation_kinds, fallback.organisation_kinds)
      meta.program_types = toChoices(m.program_types, fallback.program_types)
      meta.area_levels = toChoices(m.area_levels, fallback.area_levels)
    })
    .catch(() => {
      loading = null // try again next time; the fallback labels stay meanwhile
    })
  return loading
}

export function labelOf(choices: Choice[], value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  return choices.find((c) => c.value === value)?.label ?? value
}
