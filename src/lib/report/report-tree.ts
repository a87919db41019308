// Turns a report's data into the tree the page renders: every item of the form, in the schema's
// order, with its official number, label, anchor and a typed value. Pure: no I/O, no HTML.
import { anchorOf, classify, entryNumber, entrySchema, formChildren, isRoman, itemKeys, leftOutByEdition, printToken, resolve, type SchemaNode } from '../form/form-schema.ts';
import type { SummaryFacts } from '../form/schema-node.ts';
import { isMarker, markerOf, valueOf, type Marker, type Value } from '../form/answer-kinds.ts';
import { editionLabel } from '../form/editions.ts';

export type { Box, Marker, State, TermLink, Value } from '../form/answer-kinds.ts';

/** The label an item prints: its edition's (x-edition-labels of the item, or of its definition), else its
 * title. A check list's x-edition-labels name which of its x-alternatives boxes an edition prints (its
 * boxes' labels, answer-kinds.ts), not the item's label. */
const itemLabel = (schemaNode: SchemaNode, r: SchemaNode, edition: string | undefined) =>
  (r['x-alternatives'] ? undefined : editionLabel(schemaNode, edition) ?? editionLabel(r, edition)) ?? r.title;
export { valueOf } from '../form/answer-kinds.ts';

export interface Node {
  kind: 'section' | 'group' | 'entry' | 'item';
  key: string | number;
  path: (string | number)[];
  anchor: string;
  /** Printed number: 'Ⅱ', '3.', '④', 'リスク2', '(1)', 'システム2'; empty for unnumbered sub-rows. */
  number: string;
  label: string;
  /** ※ printed on this item: a change here is a 重要な変更. */
  important: boolean;
  /** Whether a change to this item is a 重要な変更, inherited from the nearest ※ (Ⅲ ※（7. ②を除く。）). */
  significant: boolean;
  /** The item's own answer (items with sub-rows carry it beside their children). */
  value?: Value;
  /** A whole group marked 原文欠落 etc. */
  marker?: Marker;
  note?: string;
  description?: string;
  /** Name of a repeating entry as its own value (it may be blank or marked 原文欠落). */
  nameValue?: Value;
  /** Facts of the summary card this item is the source of (x-summary). */
  facts?: SummaryFacts;
  /** The label this item is compared under across forms (x-compare-as; 「…担保」 and 「…確保」 are one question). */
  compareAs?: string;
  /** Anchor of a name printed in the heading cell (委託事項n, 提供先n, 移転先n). */
  nameAnchor?: string;
  /** Repeating rows shown as one table (変更箇所): the columns, from the row schema. */
  columns?: { key: string; label: string }[];
  /** Fixed headings printed in the form (Ⅲ 4 全項目's list of 委託 risks). */
  headings?: string[];
  children: Node[];
}

export interface TreeContext {
  schema: SchemaNode;
  formVersion?: string;
  /** Nodes kept by the data they show, for a caller that builds the trees of many versions whose
   * unchanged parts are the same objects (report-diff.ts): such a part's nodes are built once. One
   * memo serves one form schema. */
  memo?: TreeMemo;
}
/** Nodes by the part of the data (an object) they show, then by 様式版 (and its type), kind and path. */
export type TreeMemo = WeakMap<object, Map<string, Node>>;

/** The render tree of a whole report (form items only; meta keys and 転記注記 are rendered apart). */
export function reportTree(data: object, ctx: TreeContext): Node[] {
  // (a section only some reports have, 別紙, is no blank section in the others)
  const root = resolve(ctx.schema)!;
  const written = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
  return sectionKeys(ctx.schema).filter((k) => !resolve(root.properties![k])!['x-only-if-written'] || written(asData(data)?.[k])).map((k) => sectionTree(data, ctx, k));
}

/** The keys of a form's sections (Ⅰ, Ⅱ, …, 別添, 変更箇所), in form order. */
export function sectionKeys(schema: SchemaNode): string[] {
  const root = resolve(schema)!;
  return itemKeys(root).filter((k) => resolve(root.properties![k])!['x-item']);
}

/** One section of the render tree: it depends only on data[key] and the context. */
export function sectionTree(data: object, ctx: TreeContext, key: string): Node {
  return build(resolve(ctx.schema)!.properties![key], asData(data)?.[key], [key], ctx, 'section', false);
}

type Data = Record<string, unknown>;
const asData = (v: unknown): Data | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : undefined);

/** A node of `v` at `path`: the one built before for this very object when the context keeps a memo.
 * A node depends only on the data, the schema, the 様式版 and the path (its anchor and number). */
function remembered(v: unknown, path: (string | number)[], kind: string, ctx: TreeContext, make: () => Node): Node {
  if (!ctx.memo || !v || typeof v !== 'object') return make();
  let kept = ctx.memo.get(v);
  if (!kept) ctx.memo.set(v, (kept = new Map()));
  // A path's keys are the schema's (strings) and a list's indexes (numbers), never both at one place:
  // joined, they name the place.
  const key = `${typeof ctx.formVersion}\u0001${ctx.formVersion ?? ''}\u0001${kind}\u0001${path.join('\u0001')}`;
  let node = kept.get(key);
  if (!node) kept.set(key, (node = make()));
  return node;
}

function build(schemaNode: SchemaNode, v: unknown, path: (string | number)[], ctx: TreeContext, kind: Node['kind'] | undefined, inherited: boolean): Node {
  return remembered(v, path, kind ?? '', ctx, () => make(schemaNode, v, path, ctx, kind, inherited));
}

function make(schemaNode: SchemaNode, v: unknown, path: (string | number)[], ctx: TreeContext, kind: Node['kind'] | undefined, inherited: boolean): Node {
  const r = resolve(schemaNode)!;
  const significant = typeof r['x-important'] === 'boolean' ? r['x-important'] : r['x-significant'] === true || inherited;
  const key = path[path.length - 1];
  const token = r['x-item'];
  const base: Node = {
    kind: kind ?? 'item', key, path, anchor: anchorOf(ctx.schema, path),
    number: token ? (isRoman(token) ? token : printToken(token)) : '',
    label: itemLabel(schemaNode, r, ctx.formVersion) ?? String(key), important: r['x-important'] === true, significant, description: r.description, children: [],
  };
  if (r['x-risks']) base.headings = r['x-risks'];
  if (r['x-compare-as']) base.compareAs = r['x-compare-as'];
  if (r['x-summary']) base.facts = r['x-summary'];
  const cls = classify(r);
  // Repeating groups: one entry per element, numbered as the form numbers them.
  if (cls === 'repeat') {
    base.kind = kind ?? 'group';
    const item = entrySchema(r)!;
    const row = resolve(item)!;
    if (r['x-layout'] === 'table') {
      base.columns = itemKeys(row).filter((k) => k !== '注記').map((k) => ({ key: k, label: resolve(row.properties![k])!.title ?? k }));
    }
    if (isMarker(v)) { base.marker = markerOf(v); return base; }
    const list: unknown[] = Array.isArray(v) ? v : [];
    const nameKey = row['x-name'];
    base.children = list.map((el, i) => remembered(el, [...path, i], 'entry', ctx, () => {
      const entryPath = [...path, i];
      // made here, not taken from the memo: the entry's number and name are set on it below
      const e = make(item, el, entryPath, ctx, 'entry', significant);
      const name = nameKey ? asData(el)?.[nameKey] : undefined;
      e.number = entryNumber(r, i);
      e.label = typeof name === 'string' ? name : '';
      if (nameKey) e.nameValue = valueOf(row.properties![nameKey], name, ctx);
      // 「委託事項n」「提供先n」 carry their name in the heading cell itself: not a row of its own.
      if (nameKey === '名称') {
        e.children = e.children.filter((c) => c.key !== '名称');
        e.nameAnchor = anchorOf(ctx.schema, [...entryPath, nameKey]);
      }
      return e;
    }));
    return base;
  }
  if (cls === 'group') {
    base.kind = kind ?? 'group';
    const data = asData(v);
    if (data && data['記載状態']) { base.marker = markerOf(data); base.note = data['注記'] as string | undefined; }
    // An item an older edition does not print, whose heading the report leaves out: not shown, and the
    // numbered items after it printed with that edition's numbers (Ⅳ 9. 監査 is 8. there).
    let notPrinted = 0;
    for (const c of formChildren(r)) {
      // (an item with an answer of its own and sub-rows, marked as a whole: its answer is not known, as
      // the group's is, never blank)
      if (c.self) { base.value = base.marker && data?.[c.key] === undefined ? { type: 'marker', marker: base.marker } : valueOf(c.node, data?.[c.key], ctx, base.label); if (c.node['x-summary']) base.facts = c.node['x-summary']; continue; }
      if (base.marker && data?.[c.key] === undefined) continue;
      if (leftOutByEdition(c.node, data, c.key)) { notPrinted++; continue; }
      const child = build(c.node, data?.[c.key], [...path, c.key], ctx, undefined, significant);
      const t = resolve(c.node)?.['x-item'];
      base.children.push(notPrinted && t && /^[0-9]+$/.test(t) ? renumbered(child, printToken(String(+t - notPrinted)), String(+t - notPrinted)) : child);
    }
    if (base.value && base.kind === 'group') base.kind = 'item';
    return base;
  }
  base.value = valueOf(r, v, ctx, base.label);
  return base;
}

/** A node printed with another number by its edition (監査, Ⅳ 9. in the form, is 8. where Ⅳ 8. is not
 * printed), with its anchor and its items' anchors following the printed number (「Ⅳ-8」, 「Ⅳ-8-…」): a
 * link made from the printed number reaches it. A copy: the node may be shared with a version that
 * prints every item (TreeContext.memo). */
function renumbered(node: Node, number: string, token: string): Node {
  const from = node.anchor;
  const to = from.replace(/[0-9]+$/, token);
  const move = (a: string) => (a === from || a.startsWith(`${from}-`) || a.startsWith(`${from}(`) ? to + a.slice(from.length) : a);
  const copy = (n: Node): Node => ({ ...n, anchor: move(n.anchor), ...(n.nameAnchor ? { nameAnchor: move(n.nameAnchor) } : {}), children: n.children.map(copy) });
  return { ...copy(node), number };
}

/** Flattens a tree (pre-order), e.g. to list every anchor of a page. Computed once per tree (trees are not changed after they are built). */
const flat = new WeakMap<Node[], Node[]>();
export function walk(nodes: Node[]): readonly Node[] {
  let out = flat.get(nodes);
  if (!out) {
    const list: Node[] = [];
    const visit = (ns: Node[]) => { for (const n of ns) { list.push(n); visit(n.children); } };
    visit(nodes);
    flat.set(nodes, (out = list));
  }
  return out;
}

/** An entry whose name is written with a number of its own, as reports print their files
 * (「(1) 住民基本台帳ファイル」, 「（２）送付先情報ファイル」): the name alone names it, even where the
 * number is not its place (a file removed above it and the names left as they were). */
export const numberedByName = (n: Node) => n.kind === 'entry' && (n.label.startsWith(n.number) || (n.number.startsWith('(') && /^[(（][0-9０-９]+[)）]/.test(n.label)));

/** The heading as the form prints it: 「Ⅱ 特定個人情報ファイルの概要」「（別添1）事務の内容」「リスク2：…」. */
export function headingOf(n: Node): string {
  if (!n.number || n.number === n.label || numberedByName(n)) return n.label;
  if (n.number.startsWith('別添')) return `（${n.number}）${n.label}`;
  if (n.number.startsWith('リスク')) return `${n.number}：${n.label}`;
  return n.label ? `${n.number} ${n.label}` : n.number;
}

/** An item's label as 変更箇所 rows print it: 「⑦使用の主体」「3. 特定個人情報の入手・使用」「リスク1: …」. */
export function printedLabel(n: Node): string {
  if (/^[①-⑳]$/.test(n.number)) return `${n.number}${n.label}`;
  if (n.number.startsWith('リスク')) return `${n.number}: ${n.label}`;
  return headingOf(n);
}
