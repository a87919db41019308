// Loads and validates all content once per build; pages read from here. A single invalid file stops
// the build with the validator's Japanese messages (the previous dist/ stays, see scripts/build.ts).
//
// Only organisations and each report's identity stay in memory. A report's data is read again from its
// file when a page asks for it, and the last few are kept: 5,000 reports would otherwise hold gigabytes
// for the whole build, and slow every page down with garbage collection (docs/benchmarks.md). Reading
// again is cheap: the file passed validation moments ago, so the content cache skips the schema check.
import fs from 'node:fs';
import path from 'node:path';
import { kindOf, listYaml, organisationId, ORGANISATIONS_DIR, placeOf, readContentFile } from './content-files.ts';
import { headOf, validateFiles } from './validate-content.ts';
import { reportId } from './report-identity.ts';
import { formatProblem } from './validate.ts';
import { validateCached } from './content-cache.ts';
import { decodeUtf8 } from './yaml-source.ts';
import { FORM_SCHEMAS, type FormName, type SchemaNode } from '../form/form-schema.ts';
import { isUnfilled } from '../form/scaffold.ts';

import type { OrganisationData, ReportData } from '../../generated/schema-types.ts';

export interface Organisation extends OrganisationData { id: string; file: string }
/** The top-level items that lists of all reports need (kept in memory; see Report.head), and the
 * 変更日 of its published 変更箇所 rows (the dates a report really changed, for 「最近更新」). */
export interface ReportHead { 事務分類?: string; 様式版?: string; 公開状態?: Record<string, unknown>; 表紙?: unknown; 変更日: unknown[] }
export interface Content { dir: string; organisations: Map<string, Organisation>; reports: Report[] }

export const contentDir = () => path.resolve(process.env.CONTENT_DIR ?? 'content');

const DATA_KEPT = 32;
/** The data of the reports read last, each with the file's metadata when it was read. */
const recent = new Map<string, { data: ReportData; meta: string }>();
function remember(file: string, kept: { data: ReportData; meta: string }) {
  recent.delete(file);
  recent.set(file, kept);
  if (recent.size > DATA_KEPT) recent.delete(recent.keys().next().value!);
}
/** What changes when a file is written (its change time is set by the kernel on every write). */
function metaOf(file: string): string {
  try { const st = fs.statSync(file, { bigint: true }); return `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`; } catch { return ''; }
}

/** The data of a report file, validated (a file changed since it was read is read and checked again). */
function reportData(file: string): ReportData {
  const meta = metaOf(file);
  const kept = recent.get(file);
  if (kept && kept.meta === meta && meta) { remember(file, kept); return kept.data; }
  const result = validateCached(file, readContentFile(file, placeOf(file).root), 'report');
  if (result.problems.length || !result.data) {
    throw new Error(`ビルド中に ${file} が変わり、問題があります:\n` + result.problems.map(formatProblem).join('\n'));
  }
  remember(file, { data: result.data as ReportData, meta });
  return result.data as ReportData;
}

/** A report of the content: its identity, and its data read from its file when a page asks for it. */
export class Report {
  /** Which report this is (content/report-identity.ts): "<機関ID>/<file name>", its URL below /reports/. */
  id: string;
  org: string;
  /** 評価書番号 as printed; empty when the report states none (a draft). */
  number: string;
  form: FormName;
  schema: SchemaNode;
  file: string;
  /** The few top-level items that lists of all reports need (home, organisation, comparison and
   * comment pages, the feed), kept in memory so that those lists do not read every report again. */
  head: ReportHead;
  /** `data`: the report's data, or the head the stat-index kept of it (validate-content.ts headOf): a
   * Report reads only what headOf keeps, so the two give the same Report. */
  constructor(file: string, data: Record<string, unknown>) {
    const h = headOf(data);
    const cover = h['表紙'] && typeof h['表紙'] === 'object' ? (h['表紙'] as Record<string, unknown>) : {};
    const number = cover['評価書番号'];
    this.file = file;
    this.head = { 事務分類: h['事務分類'] as string | undefined, 様式版: h['様式版'] as string | undefined, 公開状態: h['公開状態'] as Record<string, unknown> | undefined, 表紙: h['表紙'],
      変更日: Array.isArray(h['変更箇所']) ? (h['変更箇所'] as ({ 変更日: unknown } | null)[]).map((r) => r?.変更日) : [] };
    this.org = String(h['評価実施機関']);
    this.number = typeof number === 'string' || typeof number === 'number' ? String(number) : '';
    this.id = reportId(file);
    this.form = h['様式'] as FormName;
    this.schema = FORM_SCHEMAS[this.form].schema;
  }
  /** A report known by its identity and head alone (the aggregate step of a sharded build, which reads
   * no report file: see reportRecords). Its data is read from its file if a page asks for it. */
  static fromRecord(r: ReportRecord): Report {
    const report = Object.create(Report.prototype) as Report;
    return Object.assign(report, { id: r.id, org: r.org, number: r.number, form: r.form, schema: FORM_SCHEMAS[r.form].schema, file: r.file, head: r.head });
  }
  /** The report's data (the most recently used are kept). */
  get data(): ReportData { return reportData(this.file); }
  /** The YAML text as written. */
  get source(): string {
    const decoded = decodeUtf8(readContentFile(this.file, placeOf(this.file).root));
    if ('problem' in decoded) throw new Error(`${this.file}: ${decoded.problem.message}`);
    return decoded.text;
  }
}

/** A shard of a sharded build (scripts/build.ts --shard) sees only its own reports: BUILD_CONTENT_REPORTS
 * names a JSON file listing their ids. It makes no global page (src/lib/build/global-routes.ts). */
function shardReports(): Set<string> | undefined {
  const file = process.env.BUILD_CONTENT_REPORTS;
  return file ? new Set(JSON.parse(fs.readFileSync(file, 'utf8')) as string[]) : undefined;
}

/** What a report is without its data: identity, file (as content-store names it) and head. */
export interface ReportRecord { id: string; org: string; number: string; form: FormName; file: string; head: ReportHead }
/** The aggregate step of a sharded build (scripts/build.ts --aggregate) renders only the global pages,
 * which need every report's head, not its data: BUILD_REPORT_RECORDS names a JSON file of the reports'
 * records, taken from the shards' summaries after each was checked against its file's bytes. The
 * report files are then not read at all (at national size, reading them was most of the step). */
function reportRecords(): ReportRecord[] | undefined {
  const file = process.env.BUILD_REPORT_RECORDS;
  return file ? JSON.parse(fs.readFileSync(file, 'utf8')) as ReportRecord[] : undefined;
}

/** An incremental build (scripts/build.ts) renders the pages of a few reports and takes the others' from
 * the previous site: BUILD_REUSED_RECORDS names a JSON file of the records of those it takes, read from
 * their files moments ago by the build's own validation. Their files are not read again here; the global
 * pages need only their heads (reading them all was most of Astro's start at 5,000 reports). */
function reusedRecords(): ReportRecord[] | undefined {
  const file = process.env.BUILD_REUSED_RECORDS;
  return file ? JSON.parse(fs.readFileSync(file, 'utf8')) as ReportRecord[] : undefined;
}

/** A file as the content store names it (Report.file): relative to the working folder. Summaries and
 * their cache are keyed by this name, so whoever summarises a report names its file so too. */
export const storedName = (file: string) => path.relative(process.cwd(), path.resolve(file)) || file;

/** The organisations of a content folder, without its reports (the build's steps after Astro: the
 * search page's filters are put in national order). Read back from the content cache the build's
 * validation wrote. */
export function loadOrganisations(dir: string): Organisation[] {
  const organisations: Organisation[] = [];
  validateFiles(listYaml(path.join(dir, ORGANISATIONS_DIR)).map(storedName), storedName(dir), { flush: false, onDocument: ({ file, kind, data }) => {
    if (kind === 'organisation') organisations.push({ id: organisationId(file), file, ...data } as unknown as Organisation);
  } });
  return organisations;
}

let cached: Content | undefined;
export function loadContent(dir = contentDir()): Content {
  if (cached && cached.dir === dir) return cached;
  const only = shardReports();
  const records = reportRecords();
  const reused = reusedRecords();
  const known = new Set(reused?.map((r) => r.id));
  const files = listYaml(dir).filter((f) => kindOf(f) !== 'report' || (!records && !known.has(reportId(f)) && (!only || only.has(reportId(f)))));
  const rel = storedName;
  const organisations = new Map<string, Organisation>();
  const reports: Report[] = [];
  const { problems } = validateFiles(files.map(rel), rel(dir), { onDocument: ({ file, kind, data }) => {
    if (kind === 'organisation') {
      const id = organisationId(file);
      organisations.set(id, { id, file, ...data } as unknown as Organisation);
    } else if (!isUnfilled(data)) { // an untouched scaffold is not published (scripts/build.ts says so)
      reports.push(new Report(file, data)); // validated just now
    }
  } });
  if (problems.length) {
    throw new Error(`評価書の内容に ${problems.length} 件の問題があります。サイトは作りません:\n` + problems.map(formatProblem).join('\n'));
  }
  // (a record's file named as the files read here are: relative to the working folder)
  for (const r of [...records ?? [], ...reused ?? []]) reports.push(Report.fromRecord({ ...r, file: rel(path.resolve(r.file)) }));
  // (ties by file: the order must not depend on which reports came as records)
  reports.sort((a, b) => a.org.localeCompare(b.org) || a.number.localeCompare(b.number, 'en', { numeric: true }) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  cached = { dir, organisations, reports };
  return cached;
}
