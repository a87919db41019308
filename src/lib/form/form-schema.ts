// The JSON Schemas in schemas/ are the single source of truth for the forms: item numbers (x-item),
// labels (title), answer kinds (x-kind), choice lists and checkbox sets. This module loads them and
// answers "what official item is at this data path?" for the validator, the renderer and the
// 変更箇所 generator alike.
import common from '../../../schemas/common.schema.json' with { type: 'json' };
import juten from '../../../schemas/juten.schema.json' with { type: 'json' };
import zenkomoku from '../../../schemas/zenkomoku.schema.json' with { type: 'json' };
import kiso from '../../../schemas/kiso.schema.json' with { type: 'json' };
import organisation from '../../../schemas/organisation.schema.json' with { type: 'json' };

export type SchemaNode = Record<string, any>;
export type FormName = '基礎項目評価書' | '重点項目評価書' | '全項目評価書';

export const FORM_SCHEMAS: Record<FormName, { file: string; schema: SchemaNode }> = {
  基礎項目評価書: { file: 'kiso.schema.json', schema: kiso },
  重点項目評価書: { file: 'juten.schema.json', schema: juten },
  全項目評価書: { file: 'zenkomoku.schema.json', schema: zenkomoku },
};
export const COMMON_SCHEMA: SchemaNode = common;
export const ORGANISATION_SCHEMA: SchemaNode = organisation;
export const FORM_NAMES = Object.keys(FORM_SCHEMAS) as FormName[];

const COMMON_PREFIX = 'common.schema.json#/definitions/';
const resolvedCache = new WeakMap<SchemaNode, SchemaNode>();

/** Follows $ref (into common.schema.json) and merges the referring node's own annotations over it. */
export function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node || typeof node !== 'object' || !node.$ref) return node;
  const hit = resolvedCache.get(node);
  if (hit) return hit;
  const ref: string = node.$ref;
  const name = ref.startsWith(COMMON_PREFIX) ? ref.slice(COMMON_PREFIX.length) : ref.startsWith('#/definitions/') ? ref.slice(14) : undefined;
  const target = name ? (common as SchemaNode).definitions[name] : undefined;
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
export const choiceOptions = (node: SchemaNode): string[] => (answerBranch(node)!.enum as unknown[]).filter((o): o is string => typeof o === 'string');
/** Official boxes of a checkbox item, in form order. */
export const checkLabels = (node: SchemaNode): string[] => answerBranch(node)!.items.anyOf[0].enum;
/** Boxes that take a parenthetical text or a count, and the schema of that detail. */
export const checkDetails = (node: SchemaNode): Record<string, SchemaNode> => answerBranch(node)!.items.anyOf[1].properties ?? {};

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
  if (Array.isArray(schema)) return schema.map(forValidator) as unknown as SchemaNode;
  if (!schema || typeof schema !== 'object') return schema;
  const out: SchemaNode = {};
  for (const [k, v] of Object.entries(schema)) out[k] = v && typeof v === 'object' ? forValidator(v) : v;
  const alt = out.anyOf;
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
      const repeat: string | undefined = resolve(parent)?.['x-repeat'];
      // Only repeating groups of the form are numbered (システム2, (1)); a checkbox list's entries are not items.
      const token = repeat === '特定個人情報ファイル' ? `(${seg + 1})` : repeat ? `${repeat}${seg + 1}` : undefined;
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
export function describe(formSchema: SchemaNode, path: readonly (string | number)[]): string {
  const links = chain(formSchema, path).filter((l) => !l.self);
  if (!links.length) return '';
  let lastNumbered = -1;
  links.forEach((l, i) => { if (l.token && typeof l.key === 'string') lastNumbered = i; });
  const numbers = links.filter((l) => l.token).map((l) => printToken(l.token!));
  const labelLinks = links.slice(Math.max(lastNumbered, 0)).filter((l) => typeof l.key === 'string');
  const label = labelLinks.filter((l) => l.title !== l.token).map((l) => l.title).join(' ');
  return [...numbers, label].filter(Boolean).join(' ');
}

/**
 * Stable anchor of the item at a data path, built from official numbers only, so it survives edits
 * elsewhere in the report: 「Ⅱ(1)-3-④」, 「Ⅰ-2-システム2-③」, 「Ⅲ(1)-3-リスク2-ユーザ認証の管理-具体的な管理方法」.
 * Unnumbered keys are kept only below the last official number (they are what tells siblings apart).
 */
const anchors = new WeakMap<SchemaNode, Map<string, string>>();
export function anchorOf(formSchema: SchemaNode, path: readonly (string | number)[]): string {
  // The same paths recur in every report of a form: each is worked out once (schemas never change).
  let known = anchors.get(formSchema);
  if (!known) anchors.set(formSchema, (known = new Map()));
  const key = JSON.stringify(path);
  let anchor = known.get(key);
  if (anchor === undefined) known.set(key, (anchor = findAnchor(formSchema, path)));
  return anchor;
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
  const f = (data as any)?.['様式'];
  return FORM_NAMES.includes(f) ? f : undefined;
}
