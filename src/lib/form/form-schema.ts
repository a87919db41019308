// The JSON Schemas in schemas/ are the single source of truth for the forms: item numbers (x-item),
// labels (title), answer kinds (x-kind), choice lists, checkbox sets and structure. This module loads
// them and answers, for every reader (validator, renderer, scaffold, comparison, 変更箇所, benchmark):
// "what kind of node is this?" (classify), "what are its children?" (formChildren, walkForm) and
// "what official item is at this data path?" (describe, anchorOf). Pure.
import common from '../../../schemas/common.schema.json' with { type: 'json' };
import juten from '../../../schemas/juten.schema.json' with { type: 'json' };
import zenkomoku from '../../../schemas/zenkomoku.schema.json' with { type: 'json' };
import kiso from '../../../schemas/kiso.schema.json' with { type: 'json' };
import organisation from '../../../schemas/organisation.schema.json' with { type: 'json' };
import type { SchemaNode } from './schema-node.ts';

export type { SchemaNode } from './schema-node.ts';
export type FormName = '基礎項目評価書' | '重点項目評価書' | '全項目評価書';

// JSON imports are typed by their literal content; they are schema nodes.
const asSchema = (json: unknown) => json as SchemaNode;
const FILES: Record<string, SchemaNode> = { 'kiso.schema.json': asSchema(kiso), 'juten.schema.json': asSchema(juten), 'zenkomoku.schema.json': asSchema(zenkomoku) };

/** The form schemas by form name, the name read from each schema's own x-form. */
export const FORM_SCHEMAS = Object.fromEntries(Object.entries(FILES).map(([file, schema]) => [schema['x-form'], { file, schema }])) as Record<FormName, { file: string; schema: SchemaNode }>;
export const COMMON_SCHEMA: SchemaNode = asSchema(common);
export const ORGANISATION_SCHEMA: SchemaNode = asSchema(organisation);
export const FORM_NAMES = ['基礎項目評価書', '重点項目評価書', '全項目評価書'] as FormName[];

/** The columns of a 変更箇所 row as the form prints them (its row definition in common.schema.json). */
export type ChangeColumn = '変更日' | '項目' | '変更前の記載' | '変更後の記載' | '提出時期' | '提出時期に係る説明';
export const CHANGE_COLUMNS = Object.keys(COMMON_SCHEMA.definitions?.['変更箇所の行']?.properties ?? {}).filter((k) => k !== '注記') as ChangeColumn[];

const COMMON_PREFIX = 'common.schema.json#/definitions/';
const resolvedCache = new WeakMap<SchemaNode, SchemaNode>();

/** Follows $ref (into common.schema.json) and merges the referring node's own annotations over it. */
export function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node || typeof node !== 'object' || !node.$ref) return node;
  const hit = resolvedCache.get(node);
  if (hit) return hit;
  const ref: string = node.$ref;
  const name = ref.startsWith(COMMON_PREFIX) ? ref.slice(COMMON_PREFIX.length) : ref.startsWith('#/definitions/') ? ref.slice(14) : undefined;
  const target = name ? COMMON_SCHEMA.definitions?.[name] : undefined;
  if (!target) throw new Error(`schema $ref not found: ${ref}`);
  const { $ref: _, ...own } = node;
  const out = { ...resolve(target), ...own };
  resolvedCache.set(node, out);
  return out;
}

/**
 * Answers are `anyOf: [the answer, a 記載状態 object]` (editors complete choices and show labels from
 * that shape). The answer branch of such a node:
 */
export function answerBranch(node: SchemaNode | undefined): SchemaNode | undefined {
  const n = resolve(node);
  return n?.anyOf ? resolve(n.anyOf[0]) : n;
}
/** Official options of a single choice, in form order. */
export const choiceOptions = (node: SchemaNode): string[] => (answerBranch(node)?.enum ?? []).filter((o): o is string => typeof o === 'string');
/** Official boxes of a checkbox item, in form order. */
export const checkLabels = (node: SchemaNode): string[] => (answerBranch(node)?.items?.anyOf?.[0].enum ?? []).map(String);
/** Boxes that take a parenthetical text or a count, and the schema of that detail. */
export const checkDetails = (node: SchemaNode): Record<string, SchemaNode> => answerBranch(node)?.items?.anyOf?.[1]?.properties ?? {};

/** The items of a group: its own properties, or those of its answer's branch (a group that may also be
 * marked as a whole). */
export const groupItems = (node: SchemaNode | undefined): Record<string, SchemaNode> | undefined =>
  resolve(node)?.properties ?? answerBranch(node)?.properties;

/** The schema of a child: a property of a group, or the item schema of a repeating group. */
export function childSchema(node: SchemaNode | undefined, seg: string | number): SchemaNode | undefined {
  const n = resolve(node);
  if (!n) return undefined;
  if (typeof seg === 'number') return resolve(n.items ?? answerBranch(n)?.items);
  return resolve(n.properties?.[seg]);
}

/**
 * The same schema for the validator: `anyOf: [answer, object]` becomes `if not object then answer
 * else object`, so that a wrong answer is reported once, against the right alternative.
 */
export function forValidator(schema: SchemaNode): SchemaNode {
  return convert(schema) as SchemaNode;
}
function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = convert(v);
  const alt = out.anyOf as SchemaNode[] | undefined;
  if (Array.isArray(alt) && alt.length === 2 && (alt[1].type === 'object' || String(alt[1].$ref ?? '').endsWith('/記載状態'))) {
    delete out.anyOf;
    Object.assign(out, { if: { not: { type: 'object' } }, then: alt[0], else: alt[1] });
  }
  return out;
}

/** Properties that are form items (not the 記載状態/注記 bookkeeping keys every group carries). */
export function itemKeys(node: SchemaNode | undefined): string[] {
  const n = resolve(node);
  return Object.keys(n?.properties ?? {}).filter((k) => !isStateKey(n!, k));
}
export function isStateKey(group: SchemaNode, key: string): boolean {
  return (key === '記載状態' || key === '注記') && group.type === 'object' && !!group.if;
}

/**
 * What a node of a form is. One definition, used by every reader of the schemas:
 * - answer: an item's answer (x-kind: text, choice, checks, date, …);
 * - repeat: a repeating group of the form (x-repeat: システム1, 委託事項2, (1), 行3);
 * - group: a heading with items below it (a section, an item with sub-rows);
 * - other: anything else (the 様式 constant, site-only keys).
 */
export type NodeClass = 'answer' | 'repeat' | 'group' | 'other';
export function classify(node: SchemaNode | undefined): NodeClass {
  const r = resolve(node);
  if (!r) return 'other';
  if (r['x-repeat']) return 'repeat';
  if (r['x-kind']) return 'answer';
  if (r.properties && [r.type].flat().includes('object')) return 'group';
  return 'other';
}
export const isRepeat = (node: SchemaNode | undefined) => classify(node) === 'repeat';

/** The schema of one entry of a repeating group. */
export const entrySchema = (repeat: SchemaNode): SchemaNode | undefined => childSchema(repeat, 0);

/** The printed number of entry `index` (0-based) of a repeating group: 「システム2」, 「(1)」, 「行3」. */
export function entryNumber(repeat: SchemaNode, index: number): string {
  const r = resolve(repeat)!;
  const template = r['x-number'] ?? `${r['x-repeat'] ?? ''}{n}`;
  return template.replace('{n}', String(index + 1));
}

/** A child of a group as the form has it: its key, schema, class and whether it is the parent's own answer. */
export interface FormChild { key: string; node: SchemaNode; class: NodeClass; self: boolean }
/** The form items directly below a group, in form order (bookkeeping keys left out). */
export function formChildren(group: SchemaNode | undefined): FormChild[] {
  const r = resolve(group);
  if (!r?.properties) return [];
  return itemKeys(r).map((key) => {
    const node = resolve(r.properties![key])!;
    return { key, node, class: classify(node), self: !!node['x-self'] };
  });
}

/**
 * Visits every node of a form schema in form order (pre-order), with its data path (a repeating group's
 * entry is visited once, at index 0) and its ancestors' titles. Return false from `visit` to skip a
 * node's children.
 */
export interface FormVisit { node: SchemaNode; key: string | number; path: (string | number)[]; class: NodeClass; self: boolean; depth: number }
export function walkForm(schema: SchemaNode, visit: (v: FormVisit) => boolean | void): void {
  const go = (node: SchemaNode, path: (string | number)[], depth: number) => {
    const cls = classify(node);
    if (cls === 'repeat') {
      const entry = entrySchema(node);
      if (!entry) return;
      const p = [...path, 0];
      if (visit({ node: resolve(entry)!, key: 0, path: p, class: classify(entry), self: false, depth: depth + 1 }) !== false) go(entry, p, depth + 1);
      return;
    }
    for (const c of formChildren(node)) {
      const p = [...path, c.key];
      if (visit({ node: c.node, key: c.key, path: p, class: c.class, self: c.self, depth: depth + 1 }) !== false) go(c.node, p, depth + 1);
    }
  };
  go(resolve(schema)!, [], 0);
}

export interface ChainLink {
  key: string | number;
  node: SchemaNode;
  /** Official number token of this step: 'Ⅱ', '3', '④', 'リスク2', '(1)', 'システム2'. */
  token?: string;
  title?: string;
  /** The item's own answer inside an item that also has sub-rows (keys 選択/内容). */
  self: boolean;
}

/** Walks a data path through the form schema, one link per path segment. */
export function chain(formSchema: SchemaNode, path: readonly (string | number)[]): ChainLink[] {
  const out: ChainLink[] = [];
  let node: SchemaNode | undefined = resolve(formSchema);
  for (const seg of path) {
    const parent = node;
    node = childSchema(node, seg);
    if (!node) break;
    if (typeof seg === 'number') {
      // Only repeating groups of the form are numbered (システム2, (1)); a checkbox list's entries are not items.
      const token = isRepeat(parent) ? entryNumber(parent!, seg) : undefined;
      out.push({ key: seg, node, token, title: undefined, self: false });
    } else {
      out.push({ key: seg, node, token: node['x-item'], title: node.title ?? seg, self: !!node['x-self'] });
    }
  }
  return out;
}

const ROMAN = /^[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]$/;
/** 'Ⅱ' stays, '3' → '3.', '④' stays: the way reports print item numbers. */
export function printToken(token: string): string {
  return /^\d+$/.test(token) ? `${token}.` : token;
}

/** 「Ⅱ (1) 3. ④ 入手に係る妥当性」: official number and label of the item at a data path. */
/** With the report's data, the numbers are those its edition prints: an item some editions lack
 * (x-not-in-every-edition) that the report leaves out moves the numbers after it up by one, as the
 * page shows them (report-tree.ts). */
export function describe(formSchema: SchemaNode, path: readonly (string | number)[], data?: unknown): string {
  const all = chain(formSchema, path);
  const shifts = data === undefined ? undefined : editionShifts(formSchema, path, data);
  const links = all.map((l, i) => (shifts?.[i] && l.token && /^\d+$/.test(l.token) ? { ...l, token: String(+l.token - shifts[i]) } : l)).filter((l) => !l.self);
  if (!links.length) return '';
  let lastNumbered = -1;
  links.forEach((l, i) => { if (l.token && typeof l.key === 'string') lastNumbered = i; });
  const numbers = links.filter((l) => l.token).map((l) => printToken(l.token!));
  const labelLinks = links.slice(Math.max(lastNumbered, 0)).filter((l) => typeof l.key === 'string');
  const label = labelLinks.filter((l) => l.title !== l.token).map((l) => l.title).join(' ');
  return [...numbers, label].filter(Boolean).join(' ');
}

/** An item some editions of the form do not print (x-not-in-every-edition) that the report's group
 * `data` leaves out entirely: that edition's form has no such item. The one rule the page, the
 * messages and the comparison read. A group marked as a whole with none of its items written
 * (記載状態: 原文欠落) says nothing of which items its edition printed: its items are not known, not
 * absent from the form; a group marked but written out (不確実) shows its edition as any other. */
export const leftOutByEdition = (node: SchemaNode | undefined, data: unknown, key: string | number): boolean =>
  !!resolve(node)?.['x-not-in-every-edition'] && !!data && typeof data === 'object' && !Array.isArray(data) && !Object.hasOwn(data, key) && !markedOnly(data);
/** The switch whose value in the report means the form does not ask the item at `path`, or a group it is
 * in (x-not-when: 「委託しない」 ticked, and the 委託 section's risk items are not filled in): the switch's
 * label, with `known: false` when the switch itself is marked (原文欠落, 判読不能, 不確実: whether the form
 * asks the item is not known); undefined when the item is asked. */
export function notAskedBy(formSchema: SchemaNode, data: unknown, path: readonly (string | number)[]): { by: string; known: boolean } | undefined {
  let node: SchemaNode | undefined = formSchema;
  let group: unknown = data;
  for (const seg of path) {
    const child = resolve(childSchema(node, seg));
    if (!child) return undefined;
    if (group && typeof group === 'object' && !Array.isArray(group)) {
      for (const [key, value] of Object.entries(child['x-not-when'] ?? {})) {
        const at = (group as Record<string, unknown>)[key];
        const by = () => resolve(groupItems(node)?.[key])?.title ?? key;
        if (at === value) return { by: by(), known: true };
        if (at && typeof at === 'object' && !Array.isArray(at) && '記載状態' in at) return { by: by(), known: false };
      }
    }
    node = child;
    group = group && typeof group === 'object' ? (group as Record<string | number, unknown>)[seg] : undefined;
  }
  return undefined;
}

const gaps = new WeakMap<SchemaNode, boolean>();
/** Whether a form has items some editions do not print (x-not-in-every-edition): in its reports, an item's
 * number, and so its anchor, can depend on the edition (report-tree.ts renumbered). */
export function hasEditionGaps(formSchema: SchemaNode): boolean {
  let hit = gaps.get(formSchema);
  if (hit === undefined) {
    hit = false;
    walkForm(formSchema, (v) => { if (resolve(v.node)?.['x-not-in-every-edition']) hit = true; return !hit; });
    gaps.set(formSchema, hit);
  }
  return hit;
}

/** A group written as its 記載状態 alone (with its 注記 and 原文), none of its items. */
const markedOnly = (data: object) => Object.hasOwn(data, '記載状態') && Object.keys(data).every((k) => k === '記載状態' || k === '注記' || k === '原文');

/** For each step of a path, how many items before it in its group the report leaves out that some
 * editions do not print (x-not-in-every-edition). */
function editionShifts(formSchema: SchemaNode, path: readonly (string | number)[], data: unknown): number[] {
  const out: number[] = [];
  let node: SchemaNode | undefined = resolve(formSchema);
  let at: unknown = data;
  for (const seg of path) {
    let shift = 0;
    if (typeof seg === 'string') {
      for (const c of formChildren(node)) {
        if (c.key === seg) break;
        if (leftOutByEdition(c.node, at, c.key)) shift++;
      }
    }
    out.push(shift);
    node = childSchema(node, seg);
    if (!node) break;
    at = at && typeof at === 'object' ? (at as Record<string | number, unknown>)[seg] : undefined;
  }
  return out;
}

/**
 * Stable anchor of the item at a data path, built from official numbers only, so it survives edits
 * elsewhere in the report: 「Ⅱ(1)-3-④」, 「Ⅰ-2-システム2-③」, 「Ⅲ(1)-3-リスク2-ユーザ認証の管理-具体的な管理方法」.
 * Unnumbered keys are kept only below the last official number (they are what tells siblings apart).
 */
// The same paths recur in every report of a form: each is worked out once (schemas never change),
// and kept in a tree of the path's keys (a key made of the whole path cost more than finding it).
type AnchorTrie = { anchor?: string; next?: Map<string | number, AnchorTrie> };
const anchors = new WeakMap<SchemaNode, AnchorTrie>();
export function anchorOf(formSchema: SchemaNode, path: readonly (string | number)[]): string {
  let at = anchors.get(formSchema);
  if (!at) anchors.set(formSchema, (at = {}));
  for (const key of path) {
    at.next ??= new Map();
    let step = at.next.get(key);
    if (!step) at.next.set(key, (step = {}));
    at = step;
  }
  return (at.anchor ??= findAnchor(formSchema, path));
}
function findAnchor(formSchema: SchemaNode, path: readonly (string | number)[]): string {
  const links = chain(formSchema, path).filter((l) => !l.self);
  let lastNumbered = -1;
  links.forEach((l, i) => { if (l.token) lastNumbered = i; });
  const parts: string[] = [];
  links.forEach((l, i) => {
    if (l.token) {
      if (l.token.startsWith('(') && parts.length) parts[parts.length - 1] += l.token;
      else parts.push(l.token);
    } else if (i > lastNumbered) parts.push(String(l.key));
  });
  return parts.join('-');
}

export function isRoman(token: string | undefined): boolean { return !!token && ROMAN.test(token); }

/** Which form schema a report declares (its 様式 key). */
export function formOf(data: unknown): FormName | undefined {
  const f = data && typeof data === 'object' ? (data as Record<string, unknown>)['様式'] : undefined;
  return FORM_NAMES.find((n) => n === f);
}
