// Stages: the organisation's stage model and the case's stage changes.
import { api } from '../api'
import { stageModels } from '../meta/meta'

/** The built-in model with `key` (from the server), or the default one (the first). */
export function stageModel(key: string | null | undefined): { label: string; stages: string[] } {
  const m = stageModels.find((s) => s.key === key) ?? stageModels[0]
  return { label: m?.name ?? '', stages: m?.stages ?? [] }
}

export interface StageChange {
  id: string
  stage_model: string
  from_stage: string | null
  to_stage: string
  /** 最初の段階 / 前へ / 戻る / 同じ / モデルの切り替え */
  direction: string
  steps: number
  /** The server's neutral sentence, e.g. 「A」から「B」へ（1段階戻る）, 「A」から「B」へ（1段階進む） */
  description: string
  changed_on: string
  note: string | null
  recorded_by_name: string | null
}

export interface StageHistory {
  stage_model: string
  model: { key: string; name: string; stages: string[] } | null
  current_stage: string | null
  /** The case's version (stage changes send it as If-Match). */
  version: number
  items: StageChange[]
}

const base = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/stage-changes`

export function listStageChanges(caseId: string): Promise<StageHistory> {
  return api.get<StageHistory>(base(caseId))
}
export function createStageChange(
  caseId: string,
  version: number,
  input: { to_stage: string; changed_on: string; note: string | null },
): Promise<{ current_stage: string | null; version: number; change: StageChange }> {
  return api.post(base(caseId), input, { ifMatch: version })
}

/** A short neutral word for the move: moving back is as ordinary as moving on. */
export function moveWord(c: StageChange): string {
  switch (c.direction) {
    // 「前」 reads both ways in Japanese (ahead / before): 進む and 戻る only.
    case '前へ':
      return '次のステージへ進む'
    case '戻る':
      return 'ひとつ手前のステージへ戻る'
    case '同じ':
      return '同じステージ'
    case 'モデルの切り替え':
      return 'モデルを切り替え'
    default:
      return 'はじめの記録'
  }
}
