// The render tree of a content Report, built on demand and cached. Reads the report's data through
// Report.data (which reads its file): the only module of report/ that does I/O.
import type { Report } from '../content/content-store.ts';
import { reportTree, type Node } from './report-tree.ts';

// Trees are large (every item of the form): the most recently used are kept, not all of them, so the
// memory of a build does not grow with the number of reports. A tree evicted is built again if asked.
const TREES_KEPT = 64;
const trees = new Map<Report, Node[]>();

/** The render tree of a report. */
export function treeOf(report: Report): Node[] {
  let t = trees.get(report);
  if (t) { trees.delete(report); trees.set(report, t); return t; }
  t = reportTree(report.data, { schema: report.schema, formVersion: report.data['様式版'] ?? undefined });
  trees.set(report, t);
  if (trees.size > TREES_KEPT) trees.delete(trees.keys().next().value!);
  return t;
}
