// The static paths of the per-report routes (/reports/<機関ID>/<name>/ and its downloads): one
// definition for every route below src/pages/reports/[org]/[number]/. Reads content (loadContent).
// An incremental or sharded build (scripts/build.ts) renders only some reports: BUILD_RENDER_REPORTS
// names a JSON file listing their ids; the other reports' files come from the previous site or another
// shard, and the global pages still see every report.
import fs from 'node:fs';
import { loadContent, type Report } from '../content/content-store.ts';
import { inForceReport, ownVersionsOf, type InForce, type Version } from './version-history.ts';
import { commentState, showsDraft } from './comment-period.ts';

let only: { file: string; order: Map<string, number> } | undefined;
/** The ids this build renders, each with its place in the build's order, or undefined for all. */
function rendered(): Map<string, number> | undefined {
  const file = process.env.BUILD_RENDER_REPORTS;
  if (!file) return undefined;
  if (only?.file !== file) only = { file, order: new Map((JSON.parse(fs.readFileSync(file, 'utf8')) as string[]).map((id, i) => [id, i])) };
  return only.order;
}
export interface ReportRoute { params: { org: string; number: string }; props: { report: Report } }

export function reportRoutes(): ReportRoute[] {
  const ids = rendered();
  // In the build's order (Astro renders the paths in the order given): scripts/build.ts lists the
  // reports search part by search part, so that each part can be indexed while Astro renders the next.
  const reports = ids ? loadContent().reports.filter((r) => ids.has(r.id)).sort((a, b) => ids.get(a.id)! - ids.get(b.id)!) : loadContent().reports;
  return reports.map((report) => {
    const [org, name] = report.id.split('/');
    return { params: { org, number: name }, props: { report } };
  });
}

export interface VersionRoute { params: { org: string; number: string; version: string }; props: { report: Report; version: Version; previous?: Version } }

/** One route per version of each report in git history (/reports/<id>/history/<version>…), with the
 * version before it: the report's own versions (ownVersionsOf). Reads git. */
export async function versionRoutes(): Promise<VersionRoute[]> {
  const content = loadContent();
  const routes = await Promise.all(reportRoutes().map(async ({ params, props: { report } }) => {
    const versions = await ownVersionsOf(content, report);
    return versions.map((version, i) => ({ params: { ...params, version: version.id }, props: { report, version, previous: versions[i - 1] } }));
  }));
  return routes.flat();
}

export interface InForceRoute { params: { org: string; number: string }; props: { report: Report; inForce: InForce } }

/** One route per report whose page shows a draft (comment-period.ts showsDraft: a proposal from the day
 * its comment period is announced, or a draft with no 公表日) while an earlier version is in force
 * (/reports/<id>/in-force/): the report in force, read in full while its file holds the draft. Reads git
 * for those reports only. */
export async function inForceRoutes(): Promise<InForceRoute[]> {
  const content = loadContent();
  const out: InForceRoute[] = [];
  for (const { params, props: { report } } of reportRoutes()) {
    if (!showsDraft(commentState(report))) continue;
    const inForce = await inForceReport(report, content);
    if (inForce) out.push({ params, props: { report, inForce } });
  }
  return out;
}
