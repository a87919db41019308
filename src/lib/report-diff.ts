// What changed between two versions of one report, item by item, computed on the parsed data through
// the schema (never on the YAML text): reformatting gives no change; repeating groups are matched by
// identity, so inserting 移転先2 changes 移転先2 only.
import { reportTree, type Node } from './report-tree.ts';
import type { SchemaNode } from './form-schema.ts';
import { plainNode, plainValue } from './plain-value.ts';

export interface ItemChange {
  /** The node in the newer version (or the older one for a removal). */
  node: Node;
  /** Ancestors of the node, outermost first (for the official path of the item). */
  ancestors: Node[];
  before: string;
  after: string;
  kind: 'changed' | 'added' | 'removed';
}

/** Keys of a report that are not form items: their edits never make a 変更箇所 row. */
const NOT_ITEMS = new Set(['変更箇所']);

export function diffReports(before: Record<string, any> | undefined, after: Record<string, any>, schema: SchemaNode): ItemChange[] {
  const a = before ? reportTree(before, { schema, formVersion: before['様式版'] }) : [];
  const b = reportTree(after, { schema, formVersion: after['様式版'] });
  const out: ItemChange[] = [];
  const byKey = (nodes: Node[]) => new Map(nodes.map((n) => [String(n.key), n]));
  const oldTop = byKey(a);
  for (const n of b) {
    if (NOT_ITEMS.has(String(n.key))) continue;
    diffNode(oldTop.get(String(n.key)), n, [], out);
  }
  return out;
}

const own = (n: Node | undefined) => (n ? plainValue(n.value ?? (n.marker ? { type: 'marker', marker: n.marker } : undefined)) : undefined);
const signature = (n: Node): string => JSON.stringify([n.value ?? null, n.marker ?? null, n.label, n.children.map(signature)]);

function diffNode(a: Node | undefined, b: Node, ancestors: Node[], out: ItemChange[]) {
  if (!a) { out.push({ node: b, ancestors, before: '(空白)', after: plainNode(b) || own(b)!, kind: 'added' }); return; }
  // The item's own answer (a leaf, or an item that also has sub-rows).
  if (b.value || a.value || b.marker || a.marker || (b.children.length === 0 && a.children.length === 0)) {
    const before = own(a)!;
    const after = own(b)!;
    if (before !== after) out.push({ node: b, ancestors, before, after, kind: 'changed' });
  }
  const isRepeat = b.children.some((c) => c.kind === 'entry') || a.children.some((c) => c.kind === 'entry');
  if (isRepeat) diffEntries(a.children, b.children, [...ancestors, b], out);
  else {
    const old = new Map(a.children.map((c) => [String(c.key), c]));
    for (const c of b.children) diffNode(old.get(String(c.key)), c, [...ancestors, b], out);
  }
}

/** Aligns two lists of entries: unchanged entries by LCS, then the rest by name, then by position. */
function diffEntries(a: Node[], b: Node[], ancestors: Node[], out: ItemChange[]) {
  const sa = a.map(signature);
  const sb = b.map(signature);
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = sa[i] === sb[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (sa[i] === sb[j]) { pairs.push([i, j]); i++; j++; } else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++; else j++;
  }
  // Between two unchanged anchors, pair what is left: same name first, then in order when the counts agree.
  const bounds: [number, number][] = [[-1, -1], ...pairs, [a.length, b.length]];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const oldGap = range(bounds[k][0] + 1, bounds[k + 1][0]);
    const newGap = range(bounds[k][1] + 1, bounds[k + 1][1]);
    const matched = new Map<number, number>();
    for (const j of newGap) {
      const i = oldGap.find((x) => ![...matched.values()].includes(x) && a[x].label && a[x].label === b[j].label);
      if (i !== undefined) matched.set(j, i);
    }
    const restOld = oldGap.filter((x) => ![...matched.values()].includes(x));
    const restNew = newGap.filter((y) => !matched.has(y));
    if (restOld.length === restNew.length) restNew.forEach((y, n) => matched.set(y, restOld[n]));
    const used = new Set(matched.values());
    for (const i of oldGap) if (!used.has(i)) out.push({ node: a[i], ancestors, before: plainNode(a[i]), after: '(空白)', kind: 'removed' });
    for (const j of newGap) {
      const i = matched.get(j);
      if (i === undefined) out.push({ node: b[j], ancestors, before: '(空白)', after: plainNode(b[j]), kind: 'added' });
      else diffNode(a[i], b[j], ancestors, out);
    }
  }
}
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
