// Validates a set of content files, including the checks that need more than one file or the file's
// place: a file sits where content-files.ts allows (no link, nothing outside content/), a report's
// 評価実施機関 exists and is its folder, its file name follows its 評価書番号, and (機関, 評価書番号)
// identifies one report.
import fs from 'node:fs';
import path from 'node:path';
import { ContentFileError, organisationIds, placeOf, readContentFile, reportFileNameProblem } from './content-files.ts';
import { MAX_FILE_BYTES, sizeProblem, type FileKind, type Problem } from './validate.ts';
import { statIndex, validateCached } from './content-cache.ts';
import { decodeUtf8, readYaml, type ParsedYaml } from './yaml-source.ts';
import { isUnfilled } from '../form/scaffold.ts';
import { printedIdentity } from './report-identity.ts';
import { describe as describeItem, FORM_SCHEMAS, formOf } from '../form/form-schema.ts';

export interface ContentDocument { file: string; kind: FileKind; data: Record<string, unknown> }
export interface ContentCheck { files: number; problems: Problem[] }
/** A file without problems of its own, for a caller that does not need its data. */
export interface CheckedFile { file: string; kind: FileKind; unfilled: boolean }

/** The parts of a report's data that the checks across files read (kept in the stat-index). */
const headOf = (data: Record<string, unknown>) => ({ 評価実施機関: data['評価実施機関'], 様式: data['様式'], 表紙: data['表紙'] });

/**
 * Validates the files one by one; `onDocument` receives each file that has no problem of its own. The
 * documents are not kept here: a national corpus (thousands of reports) does not fit in memory twice.
 * `keepData` stores each valid file's data in the content cache for the Astro build that follows.
 * A caller that needs no data (`onChecked` instead of `onDocument`: npm run validate) lets files that
 * are unchanged since they passed be skipped without being read (content-cache.ts statIndex).
 */
export function validateFiles(files: string[], contentDir: string, { onDocument, onChecked, keepData = false }: { onDocument?: (doc: ContentDocument) => void; onChecked?: (file: CheckedFile) => void; keepData?: boolean } = {}): ContentCheck {
  const problems: Problem[] = [];
  // A report's organisations live beside its reports/ folder (content/ or a test fixture tree).
  const orgCache = new Map<string, Set<string>>();
  const orgIdsFor = (root: string) => {
    if (!orgCache.has(root)) orgCache.set(root, organisationIds(root));
    return orgCache.get(root)!;
  };
  const index = onDocument || keepData ? undefined : statIndex(contentDir);
  const seenNumbers = new Map<string, string>();
  for (const file of files) {
    const place = placeOf(file);
    const root = place.root;
    if (place.problem) { problems.push({ file, line: 1, col: 1, item: '', message: place.problem }); continue; }
    const kind = place.kind;
    // Positions are only needed for a problem found across files: the file is read (again) for them.
    let locate: Locate | undefined;
    let facts = index?.unchanged(file);
    if (!facts) {
      const seen = index?.look(file);
      let bytes: Uint8Array;
      try {
        // A huge file is refused before it is read; a link, or a file outside its content folder, is not read.
        bytes = readContentFile(file, root, MAX_FILE_BYTES);
      } catch (e) {
        if (!(e instanceof ContentFileError)) throw e;
        problems.push(e.size !== undefined ? sizeProblem(file, e.size)! : { file, line: 1, col: 1, item: '', message: e.message });
        continue;
      }
      facts = seen && index?.sameBytes(file, bytes, seen);
      if (!facts) {
        const result = validateCached(file, bytes, kind, { keepData });
        problems.push(...result.problems);
        if (!result.data || result.problems.length) continue;
        const data = result.data as Record<string, unknown>;
        onDocument?.({ file, kind, data });
        facts = { head: kind === 'report' ? headOf(data) : {}, unfilled: kind === 'report' && isUnfilled(data) };
        if (seen) index!.record(file, bytes, seen, facts);
        locate = result.locate;
      }
    }
    onChecked?.({ file, kind, unfilled: facts.unfilled });
    if (kind !== 'report') continue;
    const head = facts.head;
    const form = formOf(head)!;
    const at = (p: (string | number)[]) => (locate ??= readYaml(textOf(file)).locate)(p);
    const org = head['評価実施機関'];
    const orgIds = orgIdsFor(root);
    const folder = path.basename(path.dirname(file));
    if (typeof org === 'string' && !orgIds.has(org)) {
      problems.push({ file, ...at(['評価実施機関']), item: '評価実施機関', message: `機関ファイル ${root}/organisations/${org}.yaml がありません` + (orgIds.size ? `（あるもの: ${[...orgIds].join(', ')}）` : '') });
    } else if (org !== folder) {
      problems.push({ file, ...at(['評価実施機関']), item: '評価実施機関', message: `評価実施機関「${org}」の評価書は reports/${org}/ に置いてください（このファイルは reports/${folder}/ にあります）` });
    }
    const cover = head['表紙'] as Record<string, unknown> | undefined;
    const number = cover && typeof cover['記載状態'] === 'string' ? cover : cover?.['評価書番号'];
    const nameProblem = reportFileNameProblem(path.basename(file).replace(/\.yaml$/, ''), number);
    if (nameProblem) problems.push({ file, ...at(['表紙', '評価書番号']), item: describeItem(FORM_SCHEMAS[form].schema, ['表紙', '評価書番号']), message: nameProblem });
    // Two files may not print the same 機関・様式・評価書番号 (a draft without a number prints none).
    const key = printedIdentity(head);
    if (key && seenNumbers.has(key)) {
      problems.push({ file, ...at(['表紙', '評価書番号']), item: describeItem(FORM_SCHEMAS[form].schema, ['表紙', '評価書番号']), message: `${seenNumbers.get(key)} と同じ評価実施機関・様式・評価書番号です。同じ評価書を 2 つのファイルに書いていないか確認してください` });
    } else if (key) seenNumbers.set(key, file);
  }
  index?.save();
  return { files: files.length, problems };
}

type Locate = ParsedYaml['locate'];
function textOf(file: string): string {
  const d = decodeUtf8(fs.readFileSync(file));
  return 'text' in d ? d.text : '';
}
