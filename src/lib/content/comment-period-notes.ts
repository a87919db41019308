// Notes on a report's comment period (公開状態 意見募集) that are not errors, for the clerk who writes
// it: a period declared open with no way to send an opinion (the page can only say none is known), and
// a 全項目評価書's period shorter than the 30 days the 指針 asks for (第5の3) while Ⅵ 2 ③ gives no reason
// to shorten it. A 記載状態 (原文欠落 …) states nothing and is no reason to note. Pure.
import type { Contradiction } from './contradictions.ts';
import { isMarker } from '../form/answer-kinds.ts';
import { looseForm } from './suggest.ts';
import { describe, FORM_SCHEMAS } from '../form/form-schema.ts';

/** ③ 期間を短縮する特段の理由 of the 全項目評価書 (its number and label come from the schema). */
const REASON_PATH = ['評価実施手続', '国民・住民等からの意見の聴取', '期間を短縮する特段の理由'] as const;

const SHORTEST_DAYS = 30;
/** What a ③ says when it gives no reason (「期間短縮なし」, a dash), read loosely. */
const NO_REASON = new Set(['', '期間短縮なし', '短縮なし', 'なし', '無し', '該当なし', '-', '—', '―', '－', '‐', 'ー'].map(looseForm));

const record = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

export function commentPeriodNotes(data: Record<string, unknown>): Contradiction[] {
  const state = record(data['公開状態']);
  const period = record(state?.['意見募集']);
  if (!state || !period) return [];
  const notes: Contradiction[] = [];
  const declared = state['状態'];
  const has = (k: string) => typeof period[k] === 'string' && (period[k] as string).trim() !== '';
  if ((declared === undefined || declared === '意見募集中') && !['提出方法', '提出先URL', '提出先メール', '提出先住所'].some(has)) {
    notes.push({ path: ['公開状態', '意見募集'], message: '意見募集の期間がありますが、意見の出し方（提出方法・提出先URL・提出先メール・提出先住所）がどれも書かれていません。ページは「意見の出し方はこのサイトに登録されていません」と示し、項目ごとの意見のリンクも出しません。案や募集の案内に書かれた提出先を書いてください' });
  }
  const [start, end] = [period['開始日'], period['終了日']];
  const procedure = data[REASON_PATH[0]];
  const hearingRaw = record(procedure)?.[REASON_PATH[1]];
  const reason = record(hearingRaw)?.[REASON_PATH[2]];
  // (a chapter or section marked as a whole, 原文欠落 …, says nothing of ③ either)
  const unknown = isMarker(procedure) || isMarker(hearingRaw) || isMarker(reason);
  if (data['様式'] === '全項目評価書' && typeof start === 'string' && typeof end === 'string' && !unknown && (reason === undefined || reason === null || (typeof reason === 'string' && NO_REASON.has(looseForm(reason))))) {
    const length = days(start, end);
    if (length > 0 && length < SHORTEST_DAYS) {
      notes.push({ path: ['公開状態', '意見募集', '終了日'], message: `意見募集の期間（${start}〜${end}）は ${length} 日で、30 日に足りません。特定個人情報保護評価指針は、全項目評価書の意見聴取の期間を原則 30 日以上とし、短くするときは「${describe(FORM_SCHEMAS['全項目評価書'].schema, REASON_PATH)}」に理由を書くとしています。原本のとおりなら、このままでかまいません（日付の写し誤りなら直してください）` });
    }
  }
  return notes;
}
