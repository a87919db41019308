// Validates a set of content files, including the checks that need more than one file:
// a report's 評価実施機関 must exist, and (機関, 評価書番号) identifies one report.
import fs from 'node:fs';
import { kindOf, listYaml, organisationId } from './content-files.ts';
import { validateBytes, type Problem } from './validate.ts';
import { describe as describeItem, FORM_SCHEMAS, formOf } from './form-schema.ts';
import { parseYaml } from './yaml-source.ts';

export interface ContentCheck { files: number; problems: Problem[] }

export function validateFiles(files: string[], contentDir: string): ContentCheck {
  const problems: Problem[] = [];
  const orgIds = new Set(listYaml(`${contentDir}/organisations`).map(organisationId));
  const seenNumbers = new Map<string, string>();
  for (const file of files) {
    let bytes: Uint8Array;
    try { bytes = fs.readFileSync(file); } catch (e) {
      problems.push({ file, line: 1, col: 1, item: '', message: `ファイルを読めません（${(e as NodeJS.ErrnoException).code ?? 'error'}）` });
      continue;
    }
    const kind = kindOf(file);
    const result = validateBytes(file, bytes, kind);
    problems.push(...result.problems);
    if (kind !== 'report' || !result.data || result.problems.length) continue;
    const data = result.data as Record<string, any>;
    const form = formOf(data)!;
    const locate = () => parseYaml(new TextDecoder().decode(bytes)).locate;
    const org = data['評価実施機関'];
    if (typeof org === 'string' && !orgIds.has(org)) {
      problems.push({ file, ...locate()(['評価実施機関']), item: '評価実施機関', message: `機関ファイル content/organisations/${org}.yaml がありません` + (orgIds.size ? `（あるもの: ${[...orgIds].join(', ')}）` : '') });
    }
    const number = data['表紙']?.['評価書番号'];
    const key = `${org}#${number}`;
    if (seenNumbers.has(key)) {
      problems.push({ file, ...locate()(['表紙', '評価書番号']), item: describeItem(FORM_SCHEMAS[form].schema, ['表紙', '評価書番号']), message: `${seenNumbers.get(key)} と同じ評価実施機関・評価書番号です。評価書は機関と番号で 1 件に決まります` });
    } else seenNumbers.set(key, file);
  }
  return { files: files.length, problems };
}
