// The build's plain step (no Astro): writes the per-report summaries and every machine-readable
// download (downloads.ts) into a folder of its own while Astro renders the pages, and then moves them
// into the site folder before it is published. Does I/O (reads reports and git, writes files).
import fs from 'node:fs';
import path from 'node:path';
import type { Content } from '../content/content-store.ts';
import { generatedRows } from '../changes/changes-store.ts';
import { reportJson } from './report-json.ts';
import { ownVersionsOf, VersionReader } from './version-history.ts';
import { comparisonCsvPath, comparisonCsvs, organisationsJson, organisationsJsonPath, reportJsonPath, reportJsonText, sourceYamlPath, versionJsonText, versionPath } from './downloads.ts';
import { markSummariesComplete, summariesOf, writeSummaries } from './summary-files.ts';
import type { SiteSummary } from './site-summary.ts';

/** A file of the site at `rel` (a path inside `root` that must stay inside it). */
function writeIn(root: string, rel: string, text: string) {
  const file = path.resolve(root, rel);
  if (!file.startsWith(path.resolve(root) + path.sep)) throw new Error(`「${rel}」はサイトの外を指すので書けません。`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Writes the summaries of every report to `summariesDir` (marked complete as soon as they are, so
 * that the global pages can be built), then every download below `dataDir`. Returns how many files.
 * A sharded build calls the parts: each shard writeSummaries and writeReportDownloads for its reports,
 * and the aggregate step writeComparisonCsvs from readSummaries. */
export async function writeSiteData(content: Content, dataDir: string, summariesDir: string, o: { only?: Set<string>; part?: string; csv?: boolean; summaries?: boolean } = {}): Promise<number> {
  // (no summaries and no CSVs: an incremental build that takes the global pages from the previous site)
  if (o.summaries === false) return writeReportDownloads(content, dataDir, o.only);
  const summaries = summariesOf(content);
  writeSummaries(summariesDir, summaries, o.part);
  markSummariesComplete(summariesDir);
  return (o.csv === false ? 0 : writeComparisonCsvs(summaries, content.organisations, dataDir)) + await writeReportDownloads(content, dataDir, o.only);
}

/** The downloads made from all reports' summaries: the comparison CSV of every 事務, and the list of
 * organisations with their reports. Returns how many files. */
export function writeComparisonCsvs(summaries: SiteSummary[], organisations: Content['organisations'], dataDir: string): number {
  const csvs = comparisonCsvs(summaries, organisations);
  for (const [category, csv] of csvs) writeIn(dataDir, comparisonCsvPath(category), csv);
  writeIn(dataDir, organisationsJsonPath, organisationsJson(organisations, summaries));
  return csvs.size + 1;
}

/** Each report's source.yaml and report.json, and each of its versions in git as YAML and JSON (of the
 * reports in `only`, when given: an incremental build reuses the others' files). Returns how many files. */
export async function writeReportDownloads(content: Content, dataDir: string, only?: Set<string>): Promise<number> {
  let files = 0;
  const write = (rel: string, text: string) => { writeIn(dataDir, rel, text); files++; };
  const generated = await generatedRows(content);
  const reader = new VersionReader(content);
  try {
    for (const report of content.reports) {
      if (only && !only.has(report.id)) continue;
      write(sourceYamlPath(report.id), report.source);
      write(reportJsonPath(report.id), reportJsonText(reportJson(report, generated.get(path.resolve(report.file)) ?? [])));
      for (const version of await ownVersionsOf(content, report)) {
        const text = await reader.text(version);
        write(versionPath(report.id, version.id, 'yaml'), text);
        write(versionPath(report.id, version.id, 'json'), versionJsonText(report.id, version, await reader.parsed(version), text));
      }
    }
  } finally { reader.close(); }
  return files;
}

/** Moves every file below `from` to the same place below `to` (the site Astro has built); a file
 * Astro has made at the same place is an error, never overwritten. Removes `from`. */
export function moveInto(from: string, to: string): number {
  let moved = 0;
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(from, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) { fs.mkdirSync(path.join(to, r), { recursive: true }); walk(r); continue; }
      if (fs.existsSync(path.join(to, r))) throw new Error(`${r} を Astro とダウンロード用の処理の両方が作りました。`);
      fs.renameSync(path.join(from, r), path.join(to, r));
      moved++;
    }
  };
  walk('');
  fs.rmSync(from, { recursive: true, force: true });
  return moved;
}
