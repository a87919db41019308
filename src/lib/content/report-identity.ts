// Which report a file is. A report is identified by where its file is, not by a number printed in
// it (a draft put to public comment may not have its 評価書番号 yet): content/reports/<機関ID>/<name>.yaml
// is the report "<機関ID>/<name>", published at /reports/<機関ID>/<name>/. Pure.
import path from 'node:path';

/** The id of a report file: "<機関ID>/<name>" (its folder and its name without .yaml). */
export function reportId(file: string): string {
  const parts = file.split(/[\\/]/);
  return `${parts[parts.length - 2]}/${path.basename(parts[parts.length - 1]).replace(/\.ya?ml$/, '')}`;
}

/** What the report prints as its identity: 機関, 様式 and 評価書番号. Two files may not print the same
 * one (the same 事務 may have a 基礎項目評価書 and a 全項目評価書 with one number). Undefined when the
 * number is not stated (a draft). */
export function printedIdentity(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  const cover = d['表紙'];
  const number = cover && typeof cover === 'object' ? (cover as Record<string, unknown>)['評価書番号'] : undefined;
  if (number === undefined || number === null || number === '' || typeof number === 'object') return undefined;
  return `${String(d['評価実施機関'])}#${String(d['様式'])}#${String(number)}`;
}
