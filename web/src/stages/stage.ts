// Stages: the organisation's stage model and the case's stage changes.
import { api } from '../api'

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
  stage_model: string
  from_stage: string | null
  to_stage: string
  /** 最初の段階 / 前へ / 戻る / 同じ / モデルの切り替え */
  direction: string
  steps: number
  /** The server's neutral sentence, e.g. 「A」から「B」へ（1段階戻る） */
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
    case '前へ':
      return '次のステージへ'
    case '戻る':
      return '前のステージへ'
    case '同じ':
      return '同じステージ'
    case 'モデルの切り替え':
      return 'モデルを切り替え'
    default:
      return 'はじめの記録'
  }
}
