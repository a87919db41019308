// 変更箇所 rows as JSON and TSV (pastes into the official Excel sheet); Markdown (the pull-request
// preview) is change-markdown.ts, apart so that the other formats do not load the Markdown writer.
import crypto from 'node:crypto';
import type { ChangeRow, GeneratedRow, TrailerProblem } from './change-rows.ts';
import { addedRows, type Recorded } from './change-merge.ts';
import { toWareki } from '../form/wareki.ts';
import { CHANGE_COLUMNS, type ChangeColumn } from '../form/form-schema.ts';
import { tsvField } from '../report/spreadsheet-cell.ts';
import { visible } from '../content/value-rules.ts';

export const COLUMNS = CHANGE_COLUMNS;
export const cell = (r: ChangeRow, c: ChangeColumn) => (c === '変更日' ? (r.変更日 ? toWareki(r.変更日) : '') : String(r[c] ?? ''));

// The documented keys, in this order (a row's other fields, such as its commit, are left out). Every
// value is a text, null or a boolean, so the list applies to the rows only.
const JSON_KEYS: (keyof ChangeRow)[] = ['report', '変更日', '項目', '変更前の記載', '変更後の記載', '提出時期', '提出時期に係る説明', '要確認'];
// (A hand-written writer measured faster alone, but gave a text made of pieces that took longer to
// write out than it saved: JSON.stringify's one flat text is encoded for stdout about 8 times faster.)
export function toJson(rows: ChangeRow[]): string {
  return JSON.stringify(rows, JSON_KEYS, 2);
}

/** Where the JSON of each report file's rows is kept between runs (change-cache.ts keptJson). */
export interface JsonParts { get(key: string): Buffer | undefined; put(key: string, json: Buffer): void; done(): void }

/**
 * toJson of the added rows of every file, in order (as pieces of UTF-8), made of each file's part: kept by a digest of
 * what the part is made of (the walk's digest of the file's rows, what its work-tree copy records),
 * so that only the parts of files whose rows changed are written again. The text is toJson's, byte
 * for byte: a part is its rows as JSON.stringify indents them inside the array.
 */
export function jsonByFile(files: { digest: string; recorded: Recorded[]; rows: () => GeneratedRow[] }[], kept?: JsonParts): Buffer[] {
  const parts: Buffer[] = [];
  for (const f of files) {
    const key = crypto.createHash('sha256').update(f.digest).update('\0').update(JSON.stringify(f.recorded)).digest('hex');
    let part = kept?.get(key);
    if (!part) {
      const added = addedRows(f.recorded, f.rows());
      // "[\n  {…},\n  {…}\n]" without its first and last two characters
      part = Buffer.from(added.length ? toJson(added).slice(2, -2) : '');
      kept?.put(key, part);
    }
    if (part.length) parts.push(parts.length ? Buffer.from(',\n') : Buffer.from('[\n'), part);
  }
  kept?.done();
  // (in pieces, as they are written out: joining 6 MB costs more than writing it)
  return parts.length ? [...parts, Buffer.from('\n]')] : [Buffer.from('[]')];
}

/** Tab-separated, one row per line; cells with tabs, quotes or line breaks are quoted as Excel expects.
 * One report's rows have the official sheet's columns only, to paste as they are; rows of several
 * reports begin with their report's file (評価書), or nothing would tell whose each row is. */
export function toTsv(rows: ChangeRow[]): string {
  const several = new Set(rows.map((r) => r.report)).size > 1;
  const line = (cells: string[]) => (several ? cells : cells.slice(1)).join('\t');
  return [line(['評価書', ...COLUMNS]), ...rows.map((r) => line([tsvField(r.report), ...COLUMNS.map((c) => tsvField(cell(r, c)))]))].join('\n') + '\n';
}

/** What the rows marked 要確認 need (said above the preview's table, and beside a TSV, which has no such column). */
export const FLAGGED_NOTE = '重要な変更の対象項目（※）の変更に Submission: トレーラーがないか、トレーラーに誤りがあるか、記載状態（原文欠落・判読不能・不確実）を付けたり外したりした変更です。事前・事後を確かめて Submission: と Reason: を書き、転記の修正なら Change-Log: import にしてください。';

/** Trailer errors as Japanese lines naming the commit (for the terminal and the pull-request preview). */
export function trailerMessages(problems: TrailerProblem[]): string[] {
  return problems.flatMap((p) => p.messages.map((m) => `コミット ${p.commit.slice(0, 12)}（${visible(p.subject)}）のトレーラーの誤り: ${m}`));
}
