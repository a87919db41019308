// Whether a report has an item of a given anchor: the check of an MDX guide's <ReportItem item="…">
// before the build (the content layer reads no report trees). Reads the report's file.
import fs from 'node:fs';
import path from 'node:path';
import { Report } from '../content/content-store.ts';
import { REPORTS_DIR } from '../content/content-files.ts';
import { parseYaml } from '../content/yaml-source.ts';
import { treeOf } from '../report/tree-of.ts';
import { walk } from '../report/report-tree.ts';

/** A check for the reports of `contentDir`: each report's anchors are read once. A report whose file
 * cannot be read has no items (its own problem is told by the YAML check). */
export function reportItemExists(contentDir: string): (reportId: string, anchor: string) => boolean {
  const anchors = new Map<string, Set<string>>();
  return (id, anchor) => {
    let known = anchors.get(id);
    if (!known) {
      known = new Set();
      const file = ['.yaml', '.yml'].map((ext) => path.join(contentDir, REPORTS_DIR, `${id}${ext}`)).find((f) => fs.existsSync(f));
      try {
        if (file) for (const n of walk(treeOf(new Report(file, parseYaml(fs.readFileSync(file, 'utf8')).data as Record<string, unknown>)))) known.add(n.anchor);
      } catch { /* told by the YAML check */ }
      anchors.set(id, known);
    }
    return known.has(anchor);
  };
}
