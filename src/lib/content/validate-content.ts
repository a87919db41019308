// Validates a set of content files, including the checks that need more than one file:
// a report's 評価実施機関 must exist, and (機関, 評価書番号) identifies one report.
import fs from 'node:fs';
import { kindOf, listYaml, organisationId, ORGANISATIONS_DIR, REPORTS_DIR } from './content-files.ts';
import { printedIdentity } from './report-identity.ts';
import { sizeProblem, validateBytes, type FileKind, type Problem } from './validate.ts';
import { validateCached } from './content-cache.ts';
import { describe as describeItem, FORM_SCHEMAS, formOf } from '../form/form-schema.ts';

export interface ContentDocument { file: string; kind: FileKind; data: Record<string, unknown> }
export interface ContentCheck { files: number; problems: Problem[] }

/**
 * Validates the files one by one; `onDocument` receives each file that has no problem of its own. The
 * documents are not kept here: a national corpus (thousands of reports) does not fit in memory twice.
 * `keepData` stores each valid file's data in the content cache for the Astro build that follows.
 */
export function validateFiles(files: string[], contentDir: string, { onDocument, keepData = false }: { onDocument?: (doc: ContentDocument) => void; keepData?: boolean } = {}): ContentCheck {
  const problems: Problem[] = [];
  // A report's organisations live beside its reports/ folder (content/ or a test fixture tree).
  const orgCache = new Map<string, Set<string>>();
  const orgIdsFor = (file: string) => {
    const parts = file.split(/[\\/]/);
    const i = parts.lastIndexOf(REPORTS_DIR);
    const root = i > 0 ? parts.slice(0, i).join('/') : i === 0 ? '.' : contentDir;
    if (!orgCache.has(root)) orgCache.set(root, new Set(listYaml(`${root}/${ORGANISATIONS_DIR}`).map(organisationId)));
    return { root, ids: orgCache.get(root)! };
  };
  const seenNumbers = new Map<string, string>();
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      // A huge file is refused before it is read.
      const tooLarge = sizeProblem(file, fs.statSync(file).size);
      if (tooLarge) { problems.push(tooLarge); continue; }
      bytes = fs.readFileSync(file);
    } catch (e) {
      problems.push({ file, line: 1, col: 1, item: '', message: `ファイルを読めません（${(e as NodeJS.ErrnoException).code ?? 'error'}）` });
      continue;
    }
    const kind = kindOf(file);
    const result = validateCached(file, bytes, kind, { keepData });
    problems.push(...result.problems);
    if (!result.data || result.problems.length) continue;
    const data = result.data as Record<string, unknown>;
    onDocument?.({ file, kind, data });
    if (kind !== 'report') continue;
    const form = formOf(data)!;
    const locate = () => result.locate!;
    const org = data['評価実施機関'];
    const { root, ids: orgIds } = orgIdsFor(file);
    if (typeof org === 'string' && !orgIds.has(org)) {
      problems.push({ file, ...locate()(['評価実施機関']), item: '評価実施機関', message: `機関ファイル ${root}/${ORGANISATIONS_DIR}/${org}.yaml がありません` + (orgIds.size ? `（あるもの: ${[...orgIds].join(', ')}）` : '') });
    }
    // Two files may not print the same 機関・様式・評価書番号 (a draft without a number prints none).
    const key = printedIdentity(data);
    if (key && seenNumbers.has(key)) {
      problems.push({ file, ...locate()(['表紙', '評価書番号']), item: describeItem(FORM_SCHEMAS[form].schema, ['表紙', '評価書番号']), message: `${seenNumbers.get(key)} と同じ評価実施機関・様式・評価書番号です。同じ評価書を 2 つのファイルに書いていないか確認してください` });
    } else if (key) seenNumbers.set(key, file);
  }
  return { files: files.length, problems };
}
