// Loads and validates all content once per build; pages read from here. A single invalid file stops
// the build with the validator's Japanese messages (the previous dist/ stays, see scripts/build.ts).
import path from 'node:path';
import { listYaml, organisationId } from './content-files.ts';
import { validateFiles } from './validate-content.ts';
import { formatProblem } from './validate.ts';
import { FORM_SCHEMAS, type FormName, type SchemaNode } from './form-schema.ts';

import type { OrganisationData, ReportData } from '../generated/schema-types.ts';

export interface Organisation extends OrganisationData { id: string; file: string }
export interface Report {
  /** URL path below /reports/: <org>/<評価書番号>. */
  id: string;
  org: string;
  number: string;
  form: FormName;
  schema: SchemaNode;
  file: string;
  source: string;
  data: ReportData;
}
export interface Content { dir: string; organisations: Map<string, Organisation>; reports: Report[] }

export const contentDir = () => path.resolve(process.env.CONTENT_DIR ?? 'content');

let cached: Content | undefined;
export function loadContent(dir = contentDir()): Content {
  if (cached && cached.dir === dir) return cached;
  const files = listYaml(dir);
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  const { problems, documents } = validateFiles(files.map(rel), rel(dir));
  if (problems.length) {
    throw new Error(`評価書の内容に ${problems.length} 件の問題があります。サイトは作りません:\n` + problems.map(formatProblem).join('\n'));
  }
  const organisations = new Map<string, Organisation>();
  const reports: Report[] = [];
  for (const { file, kind, text: source, data } of documents) {
    if (kind === 'organisation') {
      const id = organisationId(file);
      organisations.set(id, { id, file, ...data } as Organisation);
    } else {
      const form = data['様式'] as FormName;
      const number = String(data['表紙']['評価書番号']);
      reports.push({ id: `${data['評価実施機関']}/${number}`, org: data['評価実施機関'], number, form, schema: FORM_SCHEMAS[form].schema, file, source, data: data as ReportData }); // validated above
    }
  }
  reports.sort((a, b) => a.org.localeCompare(b.org) || a.number.localeCompare(b.number, 'en', { numeric: true }));
  cached = { dir, organisations, reports };
  return cached;
}
