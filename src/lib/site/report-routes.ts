// The static paths of the per-report routes (/reports/<機関ID>/<name>/ and its downloads): one
// definition for every route below src/pages/reports/[org]/[number]/. Reads content (loadContent).
import { loadContent, type Report } from '../content/content-store.ts';
import { versionsOf, type Version } from './version-history.ts';

export interface ReportRoute { params: { org: string; number: string }; props: { report: Report } }

export function reportRoutes(): ReportRoute[] {
  return loadContent().reports.map((report) => {
    const [org, name] = report.id.split('/');
    return { params: { org, number: name }, props: { report } };
  });
}

export interface VersionRoute { params: { org: string; number: string; version: string }; props: { report: Report; version: Version; previous?: Version } }

/** One route per version of each report in git history (/reports/<id>/history/<version>…), with the
 * version before it. Reads git (reportVersions). */
export function versionRoutes(): VersionRoute[] {
  const content = loadContent();
  return reportRoutes().flatMap(({ params, props: { report } }) => {
    const versions = versionsOf(content, report);
    return versions.map((version, i) => ({ params: { ...params, version: version.id }, props: { report, version, previous: versions[i - 1] } }));
  });
}
