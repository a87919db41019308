// Turns a report's data into the tree the page renders: every item of the form, in the schema's
// order, with its official number, label, anchor and a typed value. Pure: no I/O, no HTML.
import { anchorOf, checkDetails, checkLabels, childSchema, choiceOptions, isRoman, itemKeys, printToken, resolve, type SchemaNode } from '../form/form-schema.ts';
import { toWareki } from '../form/wareki.ts';

export type State = '原文欠落' | '判読不能' | '不確実';
export interface Marker { state: State; note?: string; raw?: string }

export type Value =
  | { type: 'blank' }
  | { type: 'marker'; marker: Marker }
  | { type: 'text'; text: string; links?: TermLink[] }
  | { type: 'choice'; selected: string; options: string[]; marks?: string[] }
  | { type: 'checks'; groups: { title?: string; boxes: Box[] }[] }
  | { type: 'date'; iso: string; wareki: string }
  | { type: 'printed-date'; text: string; iso?: string }
  | { type: 'count'; count: number }
  | { type: 'switch'; checked: boolean; label: string };
/** A glossary term inside a text value: text.slice(start, end) links to the term's definition. */
export interface TermLink { start: number; end: number; anchor: string }
export interface Box { label: string; checked: boolean; detail?: string; count?: boolean }

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

const isMarker = (v: unknown): v is Record<string, string> => !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as any)['記載状態'] === 'string';
const markerOf = (v: Record<string, string>): Marker => ({ state: v['記載状態'] as State, note: v['注記'], raw: v['原文'] });

export interface TreeContext { schema: SchemaNode; formVersion?: string }

/** The value of one answer, read through its schema kind. */
export function valueOf(node: SchemaNode, v: unknown, ctx: TreeContext, label = ''): Value {
  const r = resolve(node)!;
  if (v === null || v === undefined || v === '') return { type: 'blank' };
  if (isMarker(v) && r['x-kind'] !== 'flexdate') return { type: 'marker', marker: markerOf(v) };
  switch (r['x-kind']) {
    case 'choice': return { type: 'choice', selected: String(v), options: choiceOptions(r), marks: r['x-rating'] };
    case 'checks': return { type: 'checks', groups: checkGroups(r, Array.isArray(v) ? v : [], ctx) };
    case 'date': return { type: 'date', iso: String(v), wareki: toWareki(String(v)) };
    case 'flexdate': {
      if (typeof v === 'string') return { type: 'date', iso: v, wareki: toWareki(v) };
      const o = v as Record<string, string>;
      if (o['記載状態']) return { type: 'marker', marker: markerOf(o) };
      return { type: 'printed-date', text: o['表記'] ?? toWareki(o['日付'] ?? ''), iso: o['日付'] };
    }
    case 'count': return { type: 'count', count: Number(v) };
    case 'switch': return { type: 'switch', checked: v === true, label };
    default: return { type: 'text', text: String(v) };
  }
}

/** Every official box of a checkbox item, checked or not, grouped as printed. */
function checkGroups(r: SchemaNode, picked: unknown[], ctx: TreeContext) {
  const labels = checkLabels(r);
  const countable = new Set(Object.entries(checkDetails(r)).filter(([, s]) => String(s.type).includes('integer')).map(([k]) => k));
  const checked = new Map<string, string | undefined>();
  for (const p of picked) {
    if (typeof p === 'string') checked.set(p, undefined);
    else if (p && typeof p === 'object') for (const [k, d] of Object.entries(p)) checked.set(k, d == null ? undefined : String(d));
  }
  // Boxes that replaced each other between form versions (4情報 → 5情報): show the one this report uses.
  const hidden = new Set<string>();
  for (const alts of (r['x-alternatives'] ?? []) as string[][]) {
    const used = alts.find((a) => checked.has(a)) ?? (ctx.formVersion && /令和[７7]年[５5]月/.test(ctx.formVersion) ? alts[alts.length - 1] : alts[0]);
    for (const a of alts) if (a !== used) hidden.add(a);
  }
  const box = (label: string): Box => ({ label, checked: checked.has(label), detail: checked.get(label), count: countable.has(label) });
  const groups: { title?: string; options: string[] }[] = r['x-groups'] ?? [{ options: labels }];
  return groups.map((g) => ({ title: g.title, boxes: g.options.filter((l) => !hidden.has(l)).map(box) }));
}

/** The render tree of a whole report (form items only; meta keys and 転記注記 are rendered apart). */
export function reportTree(data: Record<string, any>, ctx: TreeContext): Node[] {
  return sectionKeys(ctx.schema).map((k) => sectionTree(data, ctx, k));
}

/** The keys of a form's sections (Ⅰ, Ⅱ, …, 別添, 変更箇所), in form order. */
export function sectionKeys(schema: SchemaNode): string[] {
  const root = resolve(schema)!;
  return itemKeys(root).filter((k) => resolve(root.properties[k])!['x-item']);
}

/** One section of the render tree: it depends only on data[key] and the context. */
export function sectionTree(data: Record<string, any>, ctx: TreeContext, key: string): Node {
  return build(resolve(ctx.schema)!.properties[key], data?.[key], [key], ctx, 'section', false);
}

function build(schemaNode: SchemaNode, v: any, path: (string | number)[], ctx: TreeContext, kind: Node['kind'] | undefined, inherited: boolean): Node {
  const r = resolve(schemaNode)!;
  const significant = typeof r['x-important'] === 'boolean' ? r['x-important'] : inherited;
  const key = path[path.length - 1];
  const token: string | undefined = r['x-item'];
  const base: Node = {
    kind: kind ?? 'item', key, path, anchor: anchorOf(ctx.schema, path),
    number: token ? (isRoman(token) ? token : printToken(token)) : '',
    label: r.title ?? String(key), important: r['x-important'] === true, significant, description: r.description, children: [],
  };
  if (r['x-risks']) base.headings = r['x-risks'];
  if (r['x-compare-as']) base.compareAs = r['x-compare-as'];
  // Repeating groups: one entry per element, numbered as the form numbers them.
  if (r['x-repeat'] || (r.type === 'array' && r.items)) {
    base.kind = kind ?? 'group';
    if (r['x-layout'] === 'table') {
      const row = resolve(childSchema(r, 0))!;
      base.columns = Object.keys(row.properties).filter((k) => k !== '注記').map((k) => ({ key: k, label: resolve(row.properties[k])!.title ?? k }));
    }
    if (isMarker(v)) { base.marker = markerOf(v); return base; }
    const list: any[] = Array.isArray(v) ? v : [];
    base.children = list.map((el, i) => {
      const item = childSchema(r, i)!;
      const entryPath = [...path, i];
      const e = build(item, el, entryPath, ctx, 'entry', significant);
      const nameKey: string | undefined = resolve(item)!['x-name'];
      const name = nameKey && el && typeof el === 'object' ? el[nameKey] : undefined;
      e.number = r['x-repeat'] === '特定個人情報ファイル' ? `(${i + 1})` : `${r['x-repeat'] ?? ''}${i + 1}`;
      e.label = typeof name === 'string' ? name : '';
      if (nameKey) e.nameValue = valueOf(resolve(item)!.properties[nameKey], name, ctx);
      // 「委託事項n」「提供先n」 carry their name in the heading cell itself: not a row of its own.
      if (nameKey === '名称') {
        e.children = e.children.filter((c) => c.key !== '名称');
        e.nameAnchor = anchorOf(ctx.schema, [...entryPath, nameKey]);
      }
      return e;
    });
    return base;
  }
  if (r.type === 'object' && r.properties) {
    base.kind = kind ?? 'group';
    if (v && typeof v === 'object' && v['記載状態']) { base.marker = markerOf(v); base.note = v['注記']; }
    for (const k of itemKeys(r)) {
      const child = resolve(r.properties[k])!;
      if (child['x-self']) { base.value = valueOf(child, v?.[k], ctx, base.label); continue; }
      if (base.marker && (v?.[k] === undefined)) continue;
      base.children.push(build(r.properties[k], v?.[k], [...path, k], ctx, undefined, significant));
    }
    if (base.value && base.kind === 'group') base.kind = 'item';
    return base;
  }
  base.value = valueOf(r, v, ctx, base.label);
  return base;
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

/** The heading as the form prints it: 「Ⅱ 特定個人情報ファイルの概要」「（別添1）事務の内容」「リスク2：…」. */
export function headingOf(n: Node): string {
  if (!n.number || n.number === n.label || (n.kind === 'entry' && n.label.startsWith(n.number))) return n.label;
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
