// Stages: the organisation's stage model and the case's stage changes.
import { api, type Page } from '../api'

export const STAGE_MODELS: Record<string, { label: string; stages: string[] }> = {
  guideline2010: {
    label: 'ひきこもりの評価・支援に関するガイドライン（2010）',
    stages: ['出会い・評価段階', '個人的支援段階', '中間的・過渡的な支援段階', '社会参加の試行段階'],
  },
  bunkyo_step: { label: '文京区 STEP', stages: ['相談', 'いばしょ', 'つながる', 'はたらく・まなぶ'] },
  discovery5: { label: '発見・誘導・支援・出口・定着', stages: ['発見', '誘導', '支援', '出口', '定着'] },
}

export interface StageChange {
  id: string
  from_stage: string | null
  to_stage: string
  changed_on: string
  note: string | null
  /** 前へ / 戻る / 同じ (domain/stage_model.h) */
  direction?: string | null
  user_name?: string | null
}

const base = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/stage-changes`

export function listStageChanges(caseId: string): Promise<Page<StageChange>> {
  return api.get<Page<StageChange>>(base(caseId))
}
export function createStageChange(caseId: string, version: number, input: { to_stage: string; changed_on: string; note: string | null }): Promise<StageChange> {
  return api.post<StageChange>(base(caseId), input, { ifMatch: version })
}

/** Neutral words for a move between stages. */
export function moveWords(c: StageChange, stages: string[]): string {
  if (!c.from_stage) return 'はじめてのステージ'
  const d = c.direction ?? (stages.indexOf(c.to_stage) > stages.indexOf(c.from_stage) ? '前へ' : stages.indexOf(c.to_stage) < stages.indexOf(c.from_stage) ? '戻る' : '同じ')
  return d === '前へ' ? '次のステージへ' : d === '戻る' ? '前のステージへ（ゆっくり進むことも支援のうちです）' : '同じステージ'
}
