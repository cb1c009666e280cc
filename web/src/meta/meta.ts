// Reference data with its Japanese labels (GET /api/v1/meta, public): every
// enumeration of the domain (src/domain/enum_catalog.h) with the rules a form
// needs, and the built-in stage models. The server is the only source of
// these lists; main.ts loads them before the app mounts, and the lists below
// are filled in place, so a module may hold one from import time.
// tests/api/meta.test.mjs fails if a list of values is copied into web/src.
import { reactive } from 'vue'
import { api } from '../api'

export interface Choice {
  value: string
  label: string
}

/** A value of an enumeration, with the facts the domain decides about it. */
export interface EnumValue extends Choice {
  /** case_status: counted as open (受付, 継続支援, 見守り). */
  open?: boolean
  /** contact_channel: the channel whose contacts have a sub-kind (その他（訪問等）). */
  has_sub_kinds?: boolean
  /** meeting_kind: sharing a case there needs the person's recorded consent. */
  needs_consent?: boolean
  /** meeting_kind: a law must be named (支援会議). */
  needs_legal_basis?: boolean
  /** sharing_basis: the referral field that carries the record of this basis. */
  record_field?: 'consent_id' | 'meeting_id' | 'basis_reason'
  /** support_group: what the group means. */
  description?: string
  /** area_level: the level a parent area must have; '' at the top of the tree. */
  parent?: string
}

export interface StageModelInfo {
  key: string
  name: string
  stages: string[]
}

interface MetaDocument {
  enumerations: Record<string, { label: string; values: EnumValue[] }>
  stage_models: StageModelInfo[]
  audit_vocabulary?: { actions: Choice[]; entities: Choice[] }
}

const lists = new Map<string, EnumValue[]>()

/** The values of the enumeration `id` (EnumSpec::name); empty until /meta has answered. */
export function enumeration(id: string): EnumValue[] {
  let list = lists.get(id)
  if (!list) {
    list = reactive<EnumValue[]>([])
    lists.set(id, list)
  }
  return list
}

/** The audit log's words: its action and record codes with their Japanese labels. */
export const auditVocabulary = reactive<{ actions: Choice[]; entities: Choice[] }>({ actions: [], entities: [] })

/** The built-in stage models (guideline2010 first). */
export const stageModels = reactive<StageModelInfo[]>([])

export const meta = {
  roles: enumeration('role'),
  organisation_kinds: enumeration('organisation_kind'),
  program_types: enumeration('program_type'),
  area_levels: enumeration('area_level'),
}

let loading: Promise<void> | null = null

/** Loads /api/v1/meta once; after a failure the next call tries again. */
export function loadMeta(): Promise<void> {
  loading ??= api
    .get<MetaDocument>('/api/v1/meta', { redirectOnSessionGone: false })
    .then((m) => {
      for (const [id, e] of Object.entries(m.enumerations ?? {})) {
        const list = enumeration(id)
        list.splice(0, list.length, ...e.values)
      }
      stageModels.splice(0, stageModels.length, ...(m.stage_models ?? []))
      auditVocabulary.actions = m.audit_vocabulary?.actions ?? []
      auditVocabulary.entities = m.audit_vocabulary?.entities ?? []
    })
    .catch(() => {
      loading = null
    })
  return loading
}

export function labelOf(choices: Choice[], value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  return choices.find((c) => c.value === value)?.label ?? value
}
