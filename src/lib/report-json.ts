// The JSON download of a report.
import type { Report } from './content-store.ts';

export function reportJson(report: Report) {
  return { id: report.id, source: report.file, ...report.data };
}
