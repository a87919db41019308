// What changed between two versions of one report, item by item, computed on the parsed data through
// the schema (never on the YAML text): reformatting gives no change; repeating groups are matched by
// identity, so inserting 移転先2 changes 移転先2 only, renaming 移転先2 is one row for its name and
// reordering says which entry moved. Every changed official item gives exactly one row.
import { headingOf, sectionKeys, sectionTree, type Node, type TreeMemo } from '../report/report-tree.ts';
import { walkForm, type SchemaNode } from '../form/form-schema.ts';
import { EMPTY, plainNode, plainValue } from '../report/plain-value.ts';
import { saysNone } from '../form/answer-kinds.ts';

export interface ItemChange {
  /** The node in the newer version (or the older one for a removal). */
  node: Node;
  /** Ancestors of the node, outermost first (for the official path of the item). */
  ancestors: Node[];
  before: string;
  after: string;
  kind: 'changed' | 'added' | 'removed' | 'moved';
  /** A change of a whole group, from or to a marker (原文欠落 written out): its rows are all of it. */
  whole?: boolean;
}

// Walking a history, each version is the "after" of one diff and the "before" of the next, and most of
// a version is the version before (blob-changes.ts hands out one object for each unchanged part, from a
// top-level item down to an entry of a list). Trees are built with a memo kept per schema (nodes by the
// data they show, report-tree.ts), so only the parts that changed get new nodes, and new signatures.
const memos = new WeakMap<SchemaNode, TreeMemo>();
function sectionFor(data: object, schema: SchemaNode, key: string): Node {
  let memo = memos.get(schema);
  if (!memo) memos.set(schema, (memo = new WeakMap()));
  return sectionTree(data, { schema, formVersion: (data as { 様式版?: string | null })['様式版'] ?? undefined, memo }, key);
}

/** Keys of a report that are not form items: their edits never make a 変更箇所 row. */
const NOT_ITEMS = new Set(['変更箇所']);

/** Items that every version has its own value of (x-version-date: 表紙 公表日): no row when they change.
 * Paths with entries' places as 0, as walkForm gives them. */
const versionStamps = new WeakMap<SchemaNode, Set<string>>();
function stampsOf(schema: SchemaNode): Set<string> {
  let set = versionStamps.get(schema);
  if (!set) {
    set = new Set();
    walkForm(schema, (v) => { if (v.node['x-version-date']) set!.add(JSON.stringify(v.path)); });
    versionStamps.set(schema, set);
  }
  return set;
}

export function diffReports(before: object | undefined, after: object, schema: SchemaNode): ItemChange[] {
  const out: ItemChange[] = [];
  const at = (d: object | undefined, key: string) => (d as Record<string, unknown> | undefined)?.[key];
  // A section's tree depends only on its data and the 様式版: equal data, equal trees, nothing to find.
  const sameVersion = before !== undefined && at(before, '様式版') === at(after, '様式版');
  for (const key of sectionKeys(schema)) {
    if (NOT_ITEMS.has(key)) continue;
    if (sameVersion && sameData(at(before, key), at(after, key))) continue;
    diffNode(before ? sectionFor(before, schema, key) : undefined, sectionFor(after, schema, key), [], out);
  }
  const stamps = stampsOf(schema);
  return stamps.size ? out.filter((c) => !stamps.has(JSON.stringify(c.node.path.map((k) => (typeof k === 'number' ? 0 : k))))) : out;
}

function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameData(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Texts that print the same: equal but for the line breaks and spaces at their end (「|」 keeps the
 * last line break, 「|-」 drops it; neither shows on a page), or both saying none: blank, or a dash
 * alone in any of the forms reports write it (「－」「—」「ー」「-」「‐」: one meaning, FORMS.md §1.1). */
// (blanks at the end of a line, or of the text, show nowhere: a text that differs only by them reads the same)
const sameText = (x: string, y: string) => x === y || x.trimEnd() === y.trimEnd() || linesTrimmed(x) === linesTrimmed(y) || (saysNoneText(x) && saysNoneText(y));
const linesTrimmed = (x: string) => x.split('\n').map((l) => l.trimEnd()).join('\n').trimEnd();
// (a dash alone, or the plain text of a blank; an empty text is blank already)
const saysNoneText = (x: string) => x === EMPTY || (x.trim() !== '' && saysNone(x));

/** An answer marked 不確実 in one version and written as the same text in the other: only the
 * transcription's certainty changed (記載状態 is this system's, not the form's), not the report. */
const onlyCertainty = (x: Node, y: Node) => {
  const m = x.value?.type === 'marker' ? x.value.marker : undefined;
  return m?.state === '不確実' && typeof m.raw === 'string' && !!y.value && y.value.type !== 'marker' && y.value.type !== 'blank' && sameText(m.raw, plainValue(y.value));
};

/** An answer the source does not let anyone read (判読不能, 原文欠落). Between two such versions
 * only the transcription's reading of what is left changed: nobody knows the report changed. */
const notKnown = (n: Node) => {
  // (a group marked as a whole may still have an answer of its own that can be read)
  const m = n.value ? (n.value.type === 'marker' ? n.value.marker : undefined) : n.marker;
  return m?.state === '判読不能' || m?.state === '原文欠落';
};

const own = (n: Node | undefined) => (n ? plainValue(n.value ?? (n.marker ? { type: 'marker', marker: n.marker } : undefined)) : undefined);
// Equal signatures ⇔ equal value, marker, label and children (recursively). Computed once per node. A
// signature is a small number standing for its node's own content and its children's signatures, so
// a node's key stays short however large its subtree (whole subtrees as text made this quadratic).
const signatureIds = new Map<string, number>();
const signatures = new WeakMap<Node, number>();
const signature = (n: Node): number => {
  let id = signatures.get(n);
  if (id === undefined) {
    let key = JSON.stringify([n.value ?? null, n.marker ?? null, n.label, n.nameValue ?? null]);
    for (const c of n.children) key += `|${signature(c)}`;
    id = signatureIds.get(key);
    if (id === undefined) signatureIds.set(key, (id = signatureIds.size));
    signatures.set(n, id);
  }
  return id;
};

function diffNode(a: Node | undefined, b: Node, ancestors: Node[], out: ItemChange[]) {
  if (!a) { out.push({ node: b, ancestors, before: '(空白)', after: plainNode(b) || own(b)!, kind: 'added' }); return; }
  // The same node: the same data at the same place (report-tree.ts memo), so nothing changed under it.
  if (a === b) return;
  // An item marked (原文欠落, 判読不能) in one version and written out in the other: one row, from the
  // marker to what is written (or back), not a row saying it became blank and one per sub-row.
  if (a.marker && !b.marker && !b.value && b.children.length) { out.push({ node: b, ancestors, before: own(a)!, after: plainNode(b), kind: 'changed', whole: true }); return; }
  if (b.marker && !a.marker && !a.value && a.children.length) { out.push({ node: b, ancestors, before: plainNode(a), after: own(b)!, kind: 'changed', whole: true }); return; }
  // The item's own answer (a leaf, or an item that also has sub-rows).
  if (b.value || a.value || b.marker || a.marker || (b.children.length === 0 && a.children.length === 0)) {
    const before = own(a)!;
    const after = own(b)!;
    if (!sameText(before, after) && !onlyCertainty(a, b) && !onlyCertainty(b, a) && !(notKnown(a) && notKnown(b))) out.push({ node: b, ancestors, before, after, kind: 'changed' });
  }
  const isRepeat = b.children.some((c) => c.kind === 'entry') || a.children.some((c) => c.kind === 'entry');
  if (isRepeat) diffEntries(a.children, b.children, [...ancestors, b], out);
  else {
    const old = new Map(a.children.map((c) => [String(c.key), c]));
    for (const c of b.children) diffNode(old.get(String(c.key)), c, [...ancestors, b], out);
  }
}

/**
 * Aligns two lists of entries by identity, not position: first identical entries, then entries with
 * the same name, then entries that share most of their items (a renamed 移転先 keeps its other items),
 * then what is left at the same place. A pure reorder pairs every entry and gives no content row;
 * an entry whose place among the others changed gets one row saying where it moved (「移転先4 … → 移転先5 …」).
 */
function diffEntries(a: Node[], b: Node[], ancestors: Node[], out: ItemChange[]) {
  const pairs = matchEntries(a, b);
  const moved = movedEntries(pairs);
  const used = new Set(pairs.values());
  for (let i = 0; i < a.length; i++) if (!used.has(i)) out.push({ node: a[i], ancestors, before: plainNode(a[i]), after: EMPTY, kind: 'removed' });
  for (let j = 0; j < b.length; j++) {
    const i = pairs.get(j);
    if (i === undefined) { out.push({ node: b[j], ancestors, before: EMPTY, after: plainNode(b[j]), kind: 'added' }); continue; }
    // The name printed in the heading cell (委託事項n, 提供先n, 移転先n) is the heading's own value.
    const [was, now] = [headingName(a[i]), headingName(b[j])];
    // (a heading that reads the same at both places, as a file named with its own number does, says
    // the places: 「(3)送付先情報ファイル（2番目）」 → 「…（3番目）」, never the same text twice)
    // (one that kept its place while others moved round it says nothing: theirs say the reorder)
    if (moved.has(j)) {
      const [from, to] = [headingText(a[i]), headingText(b[j])];
      if (from !== to) out.push({ node: b[j], ancestors, before: from, after: to, kind: 'moved' });
      else if (i !== j) out.push({ node: b[j], ancestors, before: `${from}（${i + 1}番目）`, after: `${to}（${j + 1}番目）`, kind: 'moved' });
    }
    // (an entry marked as a whole on one side has no name there: its one row, from or to the marker, is diffNode's)
    else if ((was === undefined || now === undefined ? was !== now : !sameText(was, now)) && !a[i].marker && !b[j].marker) out.push({ node: b[j], ancestors, before: was ?? EMPTY, after: now ?? EMPTY, kind: 'changed' });
    diffNode(a[i], b[j], ancestors, out);
  }
}

/** The name of an entry whose name is printed in its heading cell (not a row of its own), as plain text. */
const headingName = (n: Node) => (n.nameAnchor ? plainValue(n.nameValue) : undefined);
/** 「移転先4 市民課」: the number the form prints and the entry's name. */
const headingText = (n: Node) => (n.nameAnchor ? `${n.number} ${plainValue(n.nameValue)}` : headingOf(n));

/** New index → old index of the entries that are the same entry. */
function matchEntries(a: Node[], b: Node[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const usedOld = new Set<number>();
  const pair = (j: number, i: number) => { pairs.set(j, i); usedOld.add(i); };
  // Same key: the k-th old entry with a key pairs with the k-th new one (duplicates keep their order).
  const byKey = (keyOf: (n: Node) => string | number | undefined) => {
    const pool = new Map<string | number, number[]>();
    a.forEach((n, i) => { const k = usedOld.has(i) ? undefined : keyOf(n); if (k !== undefined) pool.set(k, [...(pool.get(k) ?? []), i]); });
    b.forEach((n, j) => { const k = pairs.has(j) ? undefined : keyOf(n); const q = k === undefined ? undefined : pool.get(k); if (q?.length) pair(j, q.shift()!); });
  };
  byKey(signature);
  byKey((n) => { const name = headingName(n) ?? n.label; return name && name !== EMPTY ? linesTrimmed(name) : undefined; });
  const restOld = () => a.map((_, i) => i).filter((i) => !usedOld.has(i));
  const restNew = () => b.map((_, j) => j).filter((j) => !pairs.has(j));
  if (restOld().length && restNew().length) {
    const candidates: [number, number, number][] = [];
    for (const i of restOld()) for (const j of restNew()) { const s = similarity(a[i], b[j]); if (s >= 0.5) candidates.push([s, i, j]); }
    candidates.sort((x, y) => y[0] - x[0] || Math.abs(x[1] - x[2]) - Math.abs(y[1] - y[2]) || x[2] - y[2]);
    for (const [, i, j] of candidates) if (!usedOld.has(i) && !pairs.has(j)) pair(j, i);
    // Rewritten in place: an entry changed throughout is still the entry at its place among the entries
    // paired so far (an entry inserted before it does not shift it onto the next one's place).
    inGaps(a.length, b.length, pairs).forEach(([j, i]) => pair(j, i));
    // (entries left where the pairs cross, after a move: the one at the same place)
    for (const j of restNew()) if (j < a.length && !usedOld.has(j)) pair(j, j);
  }
  return pairs;
}

/** The unpaired old and new entries that sit between the same paired neighbours, paired in order
 * (old entries i between paired olds p < i < q, with new entries between pairs(p) and pairs(q)). */
export function inGaps(oldCount: number, newCount: number, pairs: Map<number, number>): [number, number][] {
  const newOf = new Map([...pairs].map(([j, i]) => [i, j]));
  const out: [number, number][] = [];
  const given = new Set<number>();
  let i = 0;
  while (i < oldCount) {
    if (newOf.has(i)) { i++; continue; }
    const start = i;
    while (i < oldCount && !newOf.has(i)) i++;
    // The gap: olds start…i-1; news after the new of the paired old before it, before the new of the next.
    const from = start > 0 ? newOf.get(start - 1)! + 1 : 0;
    const to = i < oldCount ? newOf.get(i)! : newCount;
    const news: number[] = [];
    // (where pairs cross, after a move, gaps can overlap: a new entry is given once)
    for (let j = from; j < to; j++) if (!pairs.has(j) && !given.has(j)) news.push(j);
    news.slice(0, i - start).forEach((j, k) => { given.add(j); out.push([j, start + k]); });
  }
  return out;
}

/** Share of an entry's items (by key) that are unchanged. */
function similarity(x: Node, y: Node): number {
  const n = Math.max(x.children.length, y.children.length);
  if (!n) return 0;
  const old = new Map(x.children.map((c) => [String(c.key), signature(c)]));
  return y.children.filter((c) => old.get(String(c.key)) === signature(c)).length / n;
}

/** Entries whose order relative to the other paired entries changed: all but a longest run kept in order. */
function movedEntries(pairs: Map<number, number>): Set<number> {
  const js = [...pairs.keys()].sort((x, y) => x - y);
  const is = js.map((j) => pairs.get(j)!);
  const tails: number[] = []; // tails[k]: index in js of the smallest end of an increasing run of length k + 1
  const prev = new Array<number>(js.length).fill(-1);
  for (let k = 0; k < is.length; k++) {
    let lo = 0, hi = tails.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (is[tails[mid]] < is[k]) lo = mid + 1; else hi = mid; }
    if (lo > 0) prev[k] = tails[lo - 1];
    tails[lo] = k;
  }
  const kept = new Set<number>();
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) kept.add(js[k]);
  return new Set(js.filter((j) => !kept.has(j)));
}

/**
 * How much of two versions' text is the same: the share of their texts (string answers of 8 characters
 * or more, not choices, dates or numbers) that stand at the same place with the same words, of the
 * larger version's. Near 1 for a version re-indented, requoted or renumbered; low for another report
 * of the same form, which shares its choices but not its texts.
 */
export function sharedText(a: unknown, b: unknown): number {
  const texts = (data: unknown) => {
    const out = new Map<string, string>();
    const walk = (v: unknown, at: string) => {
      if (typeof v === 'string') { if (v.trim().length >= 8) out.set(at, v.trim()); }
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}\0${i}`));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${at}\0${k}`);
    };
    walk(data, '');
    return out;
  };
  const [x, y] = [texts(a), texts(b)];
  let same = 0;
  for (const [at, t] of x) if (y.get(at) === t) same++;
  const most = Math.max(x.size, y.size);
  return most ? same / most : 0;
}
