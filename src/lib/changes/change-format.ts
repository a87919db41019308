// 変更箇所 rows as JSON, TSV (pastes into the official Excel sheet) and Markdown (pull-request preview).
import type { ChangeRow, TrailerProblem } from './change-rows.ts';
import { toWareki } from '../form/wareki.ts';
import { CHANGE_COLUMNS, type ChangeColumn } from '../form/form-schema.ts';
import { tsvField } from '../report/spreadsheet-cell.ts';

const COLUMNS = CHANGE_COLUMNS;
const cell = (r: ChangeRow, c: ChangeColumn) => (c === '変更日' ? (r.変更日 ? toWareki(r.変更日) : '') : String(r[c] ?? ''));

export function toJson(rows: ChangeRow[]): string {
  return JSON.stringify(rows.map((r) => ({ report: r.report, 変更日: r.変更日, 項目: r.項目, 変更前の記載: r.変更前の記載, 変更後の記載: r.変更後の記載, 提出時期: r.提出時期, 提出時期に係る説明: r.提出時期に係る説明, 要確認: r.要確認 })), null, 2);
}

/** Tab-separated, one row per line; cells with tabs, quotes or line breaks are quoted as Excel expects. */
export function toTsv(rows: ChangeRow[]): string {
  return [COLUMNS.join('\t'), ...rows.map((r) => COLUMNS.map((c) => tsvField(cell(r, c))).join('\t'))].join('\n') + '\n';
}

/** Trailer errors as Japanese lines naming the commit (for the terminal and the pull-request preview). */
export function trailerMessages(problems: TrailerProblem[]): string[] {
  return problems.flatMap((p) => p.messages.map((m) => `コミット ${p.commit.slice(0, 12)}（${p.subject}）のトレーラーの誤り: ${m}`));
}

/**
 * A Markdown table; trailer errors above it, then 要確認 rows first. Text is escaped so that a report's
 * content (or a pull request's description) cannot inject markup.
 */
export function toMarkdown(rows: ChangeRow[], problems: TrailerProblem[] = []): string {
  const errors = trailerMessages(problems);
  const top = errors.length
    ? `**トレーラーの誤り ${errors.length} 件**: 変更日・提出時期を決められないため、その列を空欄にしました。説明欄の最後の行を直してください。\n\n${errors.map((e) => `- ${esc(e)}`).join('\n')}\n\n`
    : '';
  if (!rows.length) return `${top}変更箇所はありません。\n`;
  return top + table(rows);
}

const esc = (s: string) => s.replace(/([\\`*_[\]#!])/g, '\\$1')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;').replace(/\r?\n/g, '<br>');

function table(rows: ChangeRow[]): string {
  const sorted = [...rows.filter((r) => r.要確認), ...rows.filter((r) => !r.要確認)];
  const flagged = rows.filter((r) => r.要確認).length;
  const head = flagged ? `**要確認 ${flagged} 件**: 重要な変更の対象項目（※）の変更に Submission: トレーラーがないか、トレーラーに誤りがあります。事前・事後を確かめ、Submission: と Reason: を書いてください。\n\n` : '';
  const reports = [...new Set(rows.map((r) => r.report))];
  const lines = ['| 要確認 | 評価書 | ' + COLUMNS.join(' | ') + ' |', '|' + ' --- |'.repeat(COLUMNS.length + 2)];
  for (const r of sorted) lines.push(`| ${r.要確認 ? '⚠ 要確認' : ''} | ${esc(r.report)} | ${COLUMNS.map((c) => esc(cell(r, c))).join(' | ')} |`);
  return `${head}${rows.length} 行（${reports.length} 件の評価書）\n\n${lines.join('\n')}\n`;
}
