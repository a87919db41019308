// What changed between two versions of one report, item by item, computed on the parsed data through
// the schema (never on the YAML text): reformatting gives no change; repeating groups are matched by
// identity, so inserting 移転先2 changes 移転先2 only.
import { sectionKeys, sectionTree, type Node } from '../report/report-tree.ts';
import type { SchemaNode } from '../form/form-schema.ts';
import { plainNode, plainValue } from '../report/plain-value.ts';

export interface ItemChange {
  /** The node in the newer version (or the older one for a removal). */
  node: Node;
  /** Ancestors of the node, outermost first (for the official path of the item). */
  ancestors: Node[];
  before: string;
  after: string;
  kind: 'changed' | 'added' | 'removed';
}

// Walking a history, each version is the "after" of one diff and the "before" of the next: its sections
// are built once, and only those whose data changed (versions are parsed data nothing changes afterwards).
const sections = new WeakMap<object, { schema: SchemaNode; built: Map<string, Node> }>();
function sectionFor(data: Record<string, any>, schema: SchemaNode, key: string): Node {
  let hit = sections.get(data);
  if (hit?.schema !== schema) sections.set(data, (hit = { schema, built: new Map() }));
  let node = hit.built.get(key);
  if (!node) hit.built.set(key, (node = sectionTree(data, { schema, formVersion: data['様式版'] }, key)));
  return node;
}

/** Keys of a report that are not form items: their edits never make a 変更箇所 row. */
const NOT_ITEMS = new Set(['変更箇所']);

export function diffReports(before: Record<string, any> | undefined, after: Record<string, any>, schema: SchemaNode): ItemChange[] {
  const out: ItemChange[] = [];
  // A section's tree depends only on its data and the 様式版: equal data, equal trees, nothing to find.
  const sameVersion = before !== undefined && before['様式版'] === after['様式版'];
  for (const key of sectionKeys(schema)) {
    if (NOT_ITEMS.has(key)) continue;
    if (sameVersion && sameData(before![key], after[key])) continue;
    diffNode(before ? sectionFor(before, schema, key) : undefined, sectionFor(after, schema, key), [], out);
  }
  return out;
}

function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameData(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameData((a as any)[k], (b as any)[k]));
}

const own = (n: Node | undefined) => (n ? plainValue(n.value ?? (n.marker ? { type: 'marker', marker: n.marker } : undefined)) : undefined);
// Equal signatures ⇔ equal value, marker, label and children (recursively). Computed once per node, and
// children are length-prefixed rather than nested in JSON (whose escaping doubles at every level).
const signatures = new WeakMap<Node, string>();
const signature = (n: Node): string => {
  let sig = signatures.get(n);
  if (sig === undefined) {
    sig = JSON.stringify([n.value ?? null, n.marker ?? null, n.label]);
    for (const c of n.children) { const s = signature(c); sig += `|${s.length}:${s}`; }
    signatures.set(n, sig);
  }
  return sig;
};

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
