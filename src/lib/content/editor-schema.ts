// The editor's schemas (schemas/editor/*.schema.json), generated from the form schemas so that VS Code's
// YAML extension (yaml-language-server) says what the CLI validator says: every node carries a Japanese
// `errorMessage` in the validator's wording (validate.ts) prefixed with the official item number and label
// (describe()), and a `markdownDescription` with the same number, label and choices. They accept exactly
// what the validator's schemas accept; only the way 「empty is allowed」 is written differs: the empty
// value is a branch of its own that names no type or value, so the editor never offers `null` as a
// completion. Written by scripts/generate-editor-schemas.ts; a test keeps the files current. Pure.
import { COMMON_SCHEMA, FORM_NAMES, FORM_SCHEMAS, ORGANISATION_SCHEMA, childSchema, describe, entrySchema, itemKeys, resolve, type SchemaNode } from '../form/form-schema.ts';
import { acceptsEmpty, optionsNote } from '../form/scaffold.ts';
import { parseJapaneseDate } from '../form/wareki.ts';
import {
  DETAIL_MESSAGE, MARKER_HINT, URL_MESSAGE, constMessage, dateMessage, emailMessage, keyPatternMessage, markerShapeMessage,
  missingDashMessage, missingItemMessage, monthDateMessage, notAChoiceMessage, typeMessage, unknownHeadingMessage, isRequiredText, requiredTextMessage,
} from './validate.ts';

export const EDITOR_SCHEMA_DIR = 'schemas/editor';
type Json = Record<string, unknown>;
type Path = (string | number)[];

/**
 * Accepts only an empty value (YAML null). Written without `type: null`, `const` or `enum`, each of which
 * yaml-language-server turns into a 「null」 completion.
 */
const EMPTY: Json = { $ref: '#/definitions/空欄' };
const shared = (n: SchemaNode, at: At): Json => ({ ...(n.title ? { title: n.title } : {}), ...(n.description ? { markdownDescription: markdown(n.description) } : {}), ...convert(n, at) });
/** Bookkeeping keys, the same everywhere: each editor schema defines them once. */
const SHARED = ['記載状態の値', '注記'];
const COMMON_REF = 'common.schema.json#/definitions/';
function definitions(): Json {
  const at: At = { root: COMMON_SCHEMA, path: [], item: '', inAnswer: true };
  return {
    空欄: { not: { type: ['string', 'number', 'boolean', 'array', 'object'] } },
    ...Object.fromEntries(SHARED.map((name) => [name, shared(COMMON_SCHEMA.definitions![name], { ...at, path: [name === '記載状態の値' ? '記載状態' : name] })])),
    原文: shared(COMMON_ORIGINAL, at),
  };
}

const COMMON_ORIGINAL = resolve(COMMON_SCHEMA.definitions!['記載状態'])!.properties!['原文'];
const WAREKI_EXAMPLE = '令和7年4月1日';
/** A fixed message cannot quote the value: it shows how a 和暦 date is written instead. */
const WAREKI_HINT = `（和暦は西暦に直します。例: 「${WAREKI_EXAMPLE}」なら ${parseJapaneseDate(WAREKI_EXAMPLE)}）`;

interface At {
  root: SchemaNode;
  path: Path;
  /** Official number and label of the item the node belongs to (「Ⅰ 2. システムn ① システムの名称」). */
  item: string;
  /** Answer kind (x-kind) of the enclosing answer, if any. */
  kind?: string;
  /** Inside an answer: nested nodes (a 記載状態 object, a checkbox's detail) are still that item. */
  inAnswer: boolean;
}

/** describe(), with a repeating group's entry number written as 「システムn」「(n)」: any entry. */
function itemLabel(root: SchemaNode, path: Path): string {
  const words = describe(root, path).split(' ');
  let node: SchemaNode | undefined = resolve(root);
  for (const seg of path) {
    const r = resolve(node);
    if (typeof seg === 'number' && r?.['x-repeat']) {
      const template = r['x-number'] ?? `${r['x-repeat']}{n}`;
      const first = template.replace('{n}', '1');
      const i = words.indexOf(first);
      if (i >= 0) words[i] = template.replace('{n}', 'n');
    }
    node = typeof seg === 'number' ? entrySchema(r!) ?? resolve(r?.items) : resolve(r?.properties?.[seg]);
  }
  return words.join(' ');
}

const prefixed = (item: string, message: string) => (item ? `${item}: ${message}` : message);
const markdown = (s: string) => s.replace(/[\\`*_{}[\]<>#|]/g, '\\$&');
const typesOf = (n: SchemaNode): string[] => (n.type === undefined ? [] : [n.type].flat());
const acceptsNull = (n: SchemaNode) => typesOf(n).includes('null') || (Array.isArray(n.enum) && n.enum.includes(null));
function withoutNull(n: SchemaNode): SchemaNode {
  const out = { ...n };
  if (n.type !== undefined) out.type = typesOf(n).filter((t) => t !== 'null') as SchemaNode['type'];
  if (n.enum) out.enum = n.enum.filter((e) => e !== null);
  return out;
}

function annotations(n: SchemaNode, at: At, answerNode?: SchemaNode): Json {
  const out: Json = {};
  if (n.title) out.title = n.title;
  const parts = [at.item ? `**${markdown(at.item)}**` : '', n.description ? markdown(n.description) : '', answerNode ? markdown(optionsNote(answerNode).trim()) : ''].filter(Boolean);
  if (parts.length) out.markdownDescription = parts.join('\n\n');
  return out;
}

function child(at: At, key: string | number): At {
  if (at.inAnswer) return at;
  const path = [...at.path, key];
  return { ...at, path, item: itemLabel(at.root, path) };
}

/** A node of the form, with its alternatives and its empty value written the editor's way. */
function convert(raw: SchemaNode, at: At): Json {
  const sharedName = SHARED.find((name) => raw.$ref === COMMON_REF + name || raw.$ref === `#/definitions/${name}`);
  if (sharedName && at.path.length) return { $ref: `#/definitions/${sharedName}` };
  if (at.inAnswer && at.path.length && raw.type === 'string' && raw.description === COMMON_ORIGINAL.description) return { $ref: '#/definitions/原文' };
  const n = resolve(raw)!;
  const ownKind = n['x-kind'] && n['x-kind'] !== 'marker' ? n['x-kind'] : undefined;
  const here: At = { ...at, kind: ownKind ?? at.kind, inAnswer: at.inAnswer || !!n['x-kind'] };
  // Nodes inside an answer are that answer: its number, label and choices are said once, on it.
  const top = at.inAnswer ? {} : annotations(n, at, ownKind ? n : undefined);
  if (n.anyOf) {
    const alts = n.anyOf.map((a) => resolve(a)!);
    const branches = alts.map((a) => body(withoutNull(a), here));
    return { ...top, anyOf: alts.some(acceptsNull) ? [...branches, EMPTY] : branches };
  }
  if (acceptsNull(n)) return { ...top, anyOf: [body(withoutNull(n), here), EMPTY] };
  return { ...top, ...body(n, here) };
}

const COPIED = ['enum', 'const', 'pattern', 'format', 'minimum', 'minLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'uniqueItems'] as const;

function body(raw: SchemaNode, at: At): Json {
  const n = resolve(raw)!;
  if (n.anyOf || acceptsNull(n)) return convert(n, at);
  const isGroup = !at.inAnswer && !n['x-repeat'] && !!n.properties;
  const out: Json = {};
  // A group keeps `type: "object"` (the editor then indents what it inserts); every other type is a
  // list, because yaml-language-server replaces the errorMessage of a lone-type mismatch by its own
  // English text when it compares the alternatives of an answer.
  if (n.type !== undefined) out.type = isGroup ? n.type : typesOf(n);
  for (const k of COPIED) if (n[k] !== undefined) out[k] = n[k];
  if (n.properties) {
    out.properties = Object.fromEntries(Object.entries(n.properties).map(([k, c]) => [k, convert(c, child(at, k))]));
  }
  if (n.additionalProperties !== undefined && n.additionalProperties !== false) throw new Error(`additionalProperties ${JSON.stringify(n.additionalProperties)} at ${at.path.join('/')}`);
  if (n.additionalProperties === false) {
    // A group says so at the unknown heading itself; an answer's object or a repeating group written
    // without 「- 」 says what the whole value should look like (its errorMessage).
    if (isGroup) {
      const keys = Object.keys(n.properties ?? {});
      out.propertyNames = { enum: keys, doNotSuggest: true, errorMessage: prefixed(at.item, `${unknownHeadingMessage(undefined)}。この下の見出しは ${itemKeys(n).map((k) => `「${k}」`).join(' ')}（綴りと字下げを確かめてください）`) };
    } else out.additionalProperties = false;
  }
  if (n.items) out.items = convert(n.items, child(at, 0));
  if (n.required) {
    if (isGroup) out.allOf = requiredEach(n.required, at, n);
    else out.required = n.required;
  }
  if (n.if) out.if = n.if;
  if (n.then) out.then = branchRequired(n.then, at, n);
  if (n.else) out.else = branchRequired(n.else, at, n);
  out.errorMessage = prefixed(at.item, messageFor(n, at));
  return out;
}

/** One `required` per item, each with the validator's 「必須の項目「…」がありません」 and the item's number. */
function requiredEach(keys: string[], at: At, parent: SchemaNode): Json[] {
  return keys.map((k) => { const c = childSchema(parent, k); return { required: [k], errorMessage: prefixed(itemLabel(at.root, [...at.path, k]), missingItemMessage(k, '', !c || acceptsEmpty(c))) }; });
}
function branchRequired(branch: SchemaNode, at: At, parent: SchemaNode): Json {
  const extra = Object.keys(branch).filter((k) => k !== 'required');
  if (extra.length) throw new Error(`then/else with ${extra.join(', ')} at ${at.path.join('/')}`);
  return { allOf: requiredEach(branch.required ?? [], at, parent) };
}

/** The validator's sentence for a value that does not fit `n`, without the value itself. */
function messageFor(n: SchemaNode, at: At): string {
  const last = at.path[at.path.length - 1];
  const types = typesOf(n);
  if (n.const !== undefined) return constMessage(n.const);
  if (n['x-repeat']) return missingDashMessage(at.item, itemKeys(entrySchema(n))[0] ?? '');
  if (Array.isArray(n.enum) && (last === '記載状態' || n.title === '記載状態')) return MARKER_HINT;
  if (Array.isArray(n.enum)) return notAChoiceMessage(undefined, n.enum);
  if (at.inAnswer && types.includes('object')) return at.kind === 'checks' ? DETAIL_MESSAGE : markerShapeMessage(at.kind);
  if (n.format === 'date') return dateMessage(undefined, WAREKI_HINT);
  if (n.format === 'iso-date-or-month' || (at.kind === 'flexdate' && n.pattern)) return monthDateMessage(undefined) + WAREKI_HINT;
  if (n.format === 'uri') return URL_MESSAGE(undefined);
  if (n.format === 'email') return emailMessage(undefined);
  if (n.pattern && !at.inAnswer) return keyPatternMessage(last, undefined) ?? typeMessage(at.kind, types.join(','));
  if (!at.inAnswer && !at.kind && isRequiredText(n)) return requiredTextMessage(n);
  return typeMessage(at.kind, types.join(','));
}

/** The editor schema of a form (or of organisation files). */
function editorSchema(root: SchemaNode): Json {
  const at: At = { root, path: [], item: '', inAnswer: false };
  return { $schema: root.$schema, title: root.title, ...(root.description ? { description: root.description } : {}), ...body(root, at), definitions: definitions() };
}

/** Every editor schema by file name (the same names as the validator's schemas, in schemas/editor/). */
export function editorSchemas(): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const form of FORM_NAMES) out[FORM_SCHEMAS[form].file] = editorSchema(FORM_SCHEMAS[form].schema);
  out['organisation.schema.json'] = editorSchema(ORGANISATION_SCHEMA);
  return out;
}

/** The text of an editor schema file, as written and as the test compares it. */
export const editorSchemaText = (schema: Json) => JSON.stringify(schema, null, 1) + '\n';
