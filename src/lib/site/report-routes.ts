// The static paths of the per-report routes (/reports/<機関ID>/<name>/ and its downloads): one
// definition for every route below src/pages/reports/[org]/[number]/. Reads content (loadContent).
import { loadContent, type Report } from '../content/content-store.ts';

export interface ReportRoute { params: { org: string; number: string }; props: { report: Report } }

export function reportRoutes(): ReportRoute[] {
  return loadContent().reports.map((report) => {
    const [org, name] = report.id.split('/');
    return { params: { org, number: name }, props: { report } };
  });
}
