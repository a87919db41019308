// The facts a reader wants first (summary card, organisation and home lists), read from the tree
// through answer kinds and choice lists rather than by naming items per form.
import { reportTree, walk, type Node } from './report-tree.ts';
import { toWareki } from '../form/wareki.ts';
import type { Report } from '../content/content-store.ts';

export const RATING_OPTIONS = ['特に力を入れている', '十分である', '課題が残されている'];

export interface Summary {
  title: string;
  number: string;
  form: string;
  published?: { iso: string; wareki: string };
  draft: boolean;
  people?: string;
  files: number;
  entrusts: boolean | undefined;
  provides: boolean | undefined;
  transfers: boolean | undefined;
  ratings: Record<string, number>;
}

const checked = (n: Node, label: string) => n.value?.type === 'checks' && n.value.groups.some((g) => g.boxes.some((b) => b.checked && b.label === label));

const summaries = new WeakMap<Report, Summary>();
/** The summary of a report (its tree is the report's own: treeOf(report)); computed once per report,
 * though the home, organisation, comment and compare pages and the feed all ask. */
export function summarise(report: Report, tree?: Node[]): Summary {
  let s = summaries.get(report);
  if (!s) summaries.set(report, (s = summary(report, tree ?? treeOf(report))));
  return s;
}

function summary(report: Report, tree: Node[]): Summary {
  const d = report.data;
  const published = d['表紙']?.['公表日'];
  const nodes = walk(tree);
  const files = tree.find((s) => s.number === 'Ⅱ')?.children.filter((c) => c.kind === 'entry').length ?? 0;
  const choiceOf = (pred: (n: Node) => boolean) => nodes.filter((n) => pred(n) && n.value?.type === 'choice').map((n) => (n.value as { selected: string }).selected);
  const people = choiceOf((n) => n.path[0] !== '特定個人情報ファイルの概要' && n.label === '対象人数')[0];
  const entrust = choiceOf((n) => n.label === '委託の有無');
  const flows = nodes.filter((n) => n.label === '提供・移転の有無');
  const ratings: Record<string, number> = Object.fromEntries(RATING_OPTIONS.map((o) => [o, 0]));
  for (const n of nodes) {
    if (n.value?.type === 'choice' && n.value.options.join() === RATING_OPTIONS.join()) ratings[n.value.selected] = (ratings[n.value.selected] ?? 0) + 1;
  }
  return {
    title: String(d['表紙']?.['評価書名'] ?? ''),
    number: report.number,
    form: report.form,
    published: typeof published === 'string' ? { iso: published, wareki: toWareki(published) } : undefined,
    draft: typeof published !== 'string',
    people,
    files,
    entrusts: entrust.length ? entrust.includes('委託する') : undefined,
    provides: flows.length ? flows.some((n) => checked(n, '提供を行っている')) : undefined,
    transfers: flows.length ? flows.some((n) => checked(n, '移転を行っている')) : undefined,
    ratings,
  };
}

// Trees are large (every item of the form): the most recently used are kept, not all of them, so the
// memory of a build does not grow with the number of reports. A tree evicted is built again if asked.
const TREES_KEPT = 64;
const trees = new Map<Report, Node[]>();
/** The render tree of a report. */
export function treeOf(report: Report): Node[] {
  let t = trees.get(report);
  if (t) { trees.delete(report); trees.set(report, t); return t; }
  t = reportTree(report.data, { schema: report.schema, formVersion: report.data['様式版'] });
  trees.set(report, t);
  if (trees.size > TREES_KEPT) trees.delete(trees.keys().next().value!);
  return t;
}
