// Validates report and organisation YAML against the JSON Schemas and turns every problem into one
// Japanese line that names the file, the line and the official item (「Ⅱ (1) 3. ④ 入手に係る妥当性」).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv, { _, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { COMMON_SCHEMA, FORM_NAMES, FORM_SCHEMAS, ORGANISATION_SCHEMA, answerBranch, chain, groupItems, checkDetails, checkLabels, childSchema, classify, describe, formOf, forValidator, itemKeys, resolve, type FormName, type SchemaNode, isRepeat, walkForm } from '../form/form-schema.ts';
import { dateWithin, isIsoDateOrMonth, japaneseDateProblem, parseJapaneseDate, toHalfWidthDigits } from '../form/wareki.ts';
import { decodeUtf8, readYaml, type ParsedYaml } from './yaml-source.ts';
import { acceptedSlips, flowValueMessage, LIST_MARKS, MARKER_IN_BRACES_MESSAGE, markerInBraces, printedBox, printedBoxMessage } from './yaml-messages.ts';
import { swallowedHeadings, swallowedLists } from './swallowed-headings.ts';
import { lostHeadings } from './lost-headings.ts';
import { pathAtLine } from './line-path.ts';
import { closest, hasWord } from './suggest.ts';
import { ANNOTATIONS } from '../form/schema-node.ts';
import { isCorporateNumber } from './corporate-number.ts';
import { acceptsEmpty, scaffoldNote } from '../form/scaffold.ts';
import { isMarker, kindTypeMessage, valueAt } from '../form/answer-kinds.ts';
import { forbiddenCharacter, forbiddenCharacterMessage, holdsForbiddenCharacter, isPlainEmail, isWebUrl, shown, UNSEEN, visible, withoutUnseen } from './value-rules.ts';

export interface Problem { file: string; line: number; col: number; item: string; message: string; /** found before the form's checks, which did not run on the file (a line YAML cannot read, a character no text may hold) */ early?: true }
export type FileKind = 'report' | 'organisation';


/** 全国地方公共団体コード: five digits plus a check digit (総務省の検査数字). */
export function isLgCode(code: string): boolean {
  return /^\d{6}$/.test(code) && lgCheckDigit(code.slice(0, 5)) === Number(code[5]);
}
/** The 検査数字: the ones digit of 11 − (the weighted sum mod 11), weights 6 5 4 3 2. */
export function lgCheckDigit(five: string): number {
  const d = [...five].map(Number);
  return (11 - ((d[0] * 6 + d[1] * 5 + d[2] * 4 + d[3] * 3 + d[4] * 2) % 11)) % 10;
}

/** The options every validator is compiled with (part of the precompiled validators' key). */
const AJV_OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true } as const;

/** An ajv with the formats the schemas use (shared with the test that compares the editor schemas). */
export function schemaAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...options });
  addFormats(ajv, ['date']);
  // The same rules as every consumer of these values (value-rules.ts), not ajv-formats' looser ones.
  ajv.addFormat('uri', { type: 'string', validate: isWebUrl });
  ajv.addFormat('email', { type: 'string', validate: isPlainEmail });
  ajv.addFormat('iso-date-or-month', { type: 'string', validate: isIsoDateOrMonth });
  ajv.addFormat('lg-code', { type: 'string', validate: isLgCode });
  ajv.addFormat('corporate-number', { type: 'string', validate: isCorporateNumber });
  return ajv;
}

type Validators = Record<FormName | 'organisation', ValidateFunction>;
/** The schemas compiled into validators, by the name each validator is known by. */
function validatorSchemas(): Record<keyof Validators, SchemaNode> {
  const out = {} as Record<keyof Validators, SchemaNode>;
  for (const name of FORM_NAMES) out[name] = { ...forValidator(FORM_SCHEMAS[name].schema), $id: FORM_SCHEMAS[name].file };
  out.organisation = { ...ORGANISATION_SCHEMA, $id: 'organisation.schema.json' };
  return out;
}
/** An ajv that knows the annotation keywords and the common schema, ready to compile the forms. */
function validatorAjv(options: Options = {}): Ajv {
  const ajv = schemaAjv(options);
  for (const k of Object.keys(ANNOTATIONS)) ajv.addKeyword({ keyword: k });
  ajv.addSchema(forValidator(COMMON_SCHEMA), 'common.schema.json');
  return ajv;
}

/** What the code of the validators depends on: the schemas, ajv's version and options, the keywords
 * and the kinds of formats (their rules are looked up when validating, not written into the code). */
export function validatorsKey(schemas = validatorSchemas()): string {
  const formats = Object.entries(schemaAjv().formats).map(([name, f]) => [name, typeof f, f instanceof RegExp, typeof f === 'object' && !(f instanceof RegExp) ? f.type ?? null : null]);
  return crypto.createHash('sha256').update(JSON.stringify([AJV_VERSION, AJV_OPTIONS, Object.keys(ANNOTATIONS), formats, forValidator(COMMON_SCHEMA), schemas])).digest('hex');
}
const AJV_VERSION = (() => { try { return (createRequire(import.meta.url)('ajv/package.json') as { version: string }).version; } catch { return 'unknown'; } })();

/**
 * The code of all validators as one script (ajv's standalone code), headed by the key it was made
 * for: scripts/generate-validators.ts writes it to schemas/compiled/, so that a run does not spend
 * most of its first second compiling the schemas in every thread.
 */
export function validatorsCode(): string {
  const schemas = validatorSchemas();
  const ajv = validatorAjv({ code: { source: true, lines: true, formats: _`formats` } });
  for (const s of Object.values(schemas)) ajv.addSchema(s);
  // Only the generator needs ajv's standalone writer.
  const standaloneCode = (createRequire(import.meta.url)('ajv/dist/standalone') as { default: (ajv: Ajv, refs: Record<string, string>) => string }).default;
  const code = standaloneCode(ajv, Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, s.$id as string])));
  return `// key ${validatorsKey(schemas)}\n// Written by \`npm run validators\` from schemas/*.schema.json (ajv's standalone code): do not edit.\n${code}\n`;
}
export const COMPILED_VALIDATORS = 'schemas/compiled/validators.js';

/** The validators of schemas/compiled/ when they were made from the current schemas, else undefined
 * (an edited schema, or bundled code that cannot read the file): then they are compiled. */
export function precompiledValidators(schemas = validatorSchemas()): Validators | undefined {
  try {
    const file = path.resolve(import.meta.dirname, '..', '..', '..', COMPILED_VALIDATORS);
    const text = fs.readFileSync(file, 'utf8');
    if (!text.startsWith(`// key ${validatorsKey(schemas)}\n`)) return undefined;
    const exports: Partial<Validators> = {};
    // The script refers to the formats and to two helpers of ajv's runtime (ucs2length, equal).
    new Function('exports', 'formats', 'require', text)(exports, schemaAjv().formats, createRequire(import.meta.url));
    return Object.keys(schemas).every((k) => typeof exports[k as keyof Validators] === 'function') ? exports as Validators : undefined;
  } catch {
    return undefined;
  }
}

let compiled: { forms: Record<FormName, ValidateFunction>; organisation: ValidateFunction } | undefined;
/** The validators: precompiled when current (src/lib/content/compiled-validators.test.ts holds them to
 * the same errors as compiled ones), else compiled here. `fresh` always compiles (for that test). */
export function validators({ fresh = false } = {}) {
  if (compiled && !fresh) return compiled;
  const schemas = validatorSchemas();
  let all = fresh ? undefined : precompiledValidators(schemas);
  if (!all) {
    const ajv = validatorAjv();
    all = {} as Validators;
    for (const [name, schema] of Object.entries(schemas)) all[name as keyof Validators] = ajv.compile(schema);
  }
  const result = { forms: Object.fromEntries(FORM_NAMES.map((n) => [n, all[n]])) as Record<FormName, ValidateFunction>, organisation: all.organisation };
  if (!fresh) compiled = result;
  return result;
}

/** The largest content file accepted: ten times the largest real report (0.23 MB), far below what would slow the build. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export function sizeProblem(file: string, size: number): Problem | undefined {
  if (size <= MAX_FILE_BYTES) return undefined;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return { file, line: 1, col: 1, item: '', message: `ファイルが大きすぎます（${mb(size)} MB）。1 ファイル ${mb(MAX_FILE_BYTES)} MB までです。評価書 1 件を 1 ファイルにしているか確認してください` };
}

/**
 * The official item a line of a file that could not be read is in (「Ⅲ 2. リスク1 リスクの内容」), from
 * the lines' indentation and headings: '' unless every step of that path is an item of the form (a
 * line indented wrongly would otherwise name the item above it).
 */
export function itemAtLine(text: string, line: number, kind: FileKind): string {
  const form = kind === 'organisation' ? undefined : /^様式:[ \t]*([^\s#]+)/m.exec(text)?.[1];
  const schema = kind === 'organisation' ? ORGANISATION_SCHEMA : form && (FORM_NAMES as readonly string[]).includes(form) ? FORM_SCHEMAS[form as FormName].schema : undefined;
  const path = schema && pathAtLine(text, line);
  if (!schema || !path?.length || chain(schema, path).length !== path.length) return '';
  return describe(schema, path);
}

/** Validates one file's bytes. `kind` follows the folder: content/organisations/ holds organisations. */
export function validateBytes(file: string, bytes: Uint8Array, kind: FileKind): { problems: Problem[]; data?: unknown; text?: string; locate?: ParsedYaml['locate'] } {
  const tooLarge = sizeProblem(file, bytes.length);
  if (tooLarge) return { problems: [tooLarge] };
  const decoded = decodeUtf8(bytes);
  if ('problem' in decoded) return { problems: [{ file, item: '', ...decoded.problem }] };
  return { ...validateText(file, decoded.text, kind), text: decoded.text };
}

export function validateText(file: string, text: string, kind: FileKind): { problems: Problem[]; data?: unknown; locate?: ParsedYaml['locate'] } {
  const parsed = readYaml(text);
  if (parsed.problems.length) return { problems: parsed.problems.map((p) => ({ file, item: itemAtLine(text, p.line, kind), ...p, early: true as const })) };
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { problems: [{ file, line: 1, col: 1, item: '', message: '見出しと値の組（「見出し: 値」）の形で書いてください' }] };
  }
  const badText = forbiddenText(file, text, data, kind === 'organisation' ? ORGANISATION_SCHEMA : FORM_SCHEMAS[formOf(data) ?? FORM_NAMES[0]].schema, parsed);
  if (badText.length) return { problems: badText.map((p) => ({ ...p, early: true as const })) };
  if (kind === 'organisation') {
    const v = validators().organisation;
    v(data);
    const problems = withLost(file, text, data, ORGANISATION_SCHEMA, parsed, withSwallowed(file, text, data, ORGANISATION_SCHEMA, parsed, withSlips(file, text, explain(file, v.errors ?? [], data, ORGANISATION_SCHEMA, parsed, text))));
    if (!problems.length) problems.push(...codeAgainstPrefecture(file, data as Record<string, unknown>, parsed));
    return { problems, data, locate: parsed.locate };
  }
  const form = formOf(data);
  if (!form) {
    const given = (data as Record<string, unknown>)['様式'];
    const at = parsed.locate(['様式']);
    const hint = typeof given === 'string' ? closest(given, FORM_NAMES) : undefined;
    const message = given === undefined
      ? `「様式」がありません。${FORM_NAMES.join('・')} のいずれかを書いてください`
      : `様式「${shown(given)}」はありません。${FORM_NAMES.join('・')} のいずれかを書いてください` + (hint ? `（もしかして「${hint}」？）` : '');
    return { problems: [{ file, ...at, item: '様式', message }], data };
  }
  const problems = againstForm(file, text, data, form, parsed);
  // A report whose 様式 line names another form than its headings are (copied from a report of
  // another form, or the line mistyped) gets one message for each heading the named form lacks or
  // does not know: it is told which form its headings are, and what is wrong against that form.
  if (problems.length >= WRONG_FORM_AT_LEAST) {
    const fits = FORM_NAMES.filter((f) => f !== form).map((f) => ({ f, problems: againstForm(file, text, data, f, parsed).filter((p) => p.item !== '様式') })).sort((a, b) => a.problems.length - b.problems.length)[0];
    // (the other form must fit all but a slip or two: a report of this form with many slips of its own
    // fits a form with fewer sections better by count, one message for each whole section it lacks)
    if (fits.problems.length <= WRONG_FORM_LEFT_AT_MOST) {
      const at = parsed.locate(['様式']);
      const message = `様式「${form}」の見出しと合いません（${form}としては ${problems.length} 件の問題）。書かれている見出しは${fits.f}のものです（${fits.f}としては ${fits.problems.length} 件）。「様式: ${fits.f}」の誤りではありませんか。${fits.problems.length ? '様式を直すと、残りの問題は次のとおりです' : '様式を直せば、ほかに問題はありません'}`;
      return { problems: [{ file, ...at, item: '様式', message }, ...fits.problems], data, locate: parsed.locate };
    }
  }
  const category = (data as Record<string, unknown>)['事務分類'];
  if (typeof category === 'string' && !problems.some((p) => p.item === '事務分類') && !isUrlSegment(category)) {
    problems.push({ file, ...parsed.locate(['事務分類']), item: '事務分類', message: `「${shown(category, 40)}」は使えません。事務分類は比較ページの URL（/compare/事務分類/）になるため、「/ \\ ? # %」、制御文字、「.」「..」だけの名前は書けません` });
  }
  if (!problems.length) problems.push(...periodInOrder(file, data as Record<string, unknown>, FORM_SCHEMAS[form].schema, parsed), ...markerBelowBlankItem(file, text, data, FORM_SCHEMAS[form].schema, parsed));
  // (whatever else is wrong: the note is a slip of its own, at its own line)
  problems.push(...scaffoldNoteInText(file, text, data, FORM_SCHEMAS[form].schema, parsed));
  return { problems, data, locate: parsed.locate };
}

/** The keys of a 記載状態 (記載状態, 注記, 原文), from the common schema's definition. */
const MARKER_KEYS = new Set(Object.keys(resolve(COMMON_SCHEMA.definitions?.['記載状態'])?.properties ?? {}));
/** The form whose schema `root` is (none for the organisation schema). */
const formOfRoot = (root: SchemaNode) => FORM_NAMES.find((f) => FORM_SCHEMAS[f].schema === root);

/** Problems against a form before a report is compared with the other forms: one or two are slips;
 * a report written for another form has dozens. */
const WRONG_FORM_AT_LEAST = 5;
const WRONG_FORM_LEFT_AT_MOST = 2;

/** The schema's problems for a report read as `form`. */
function againstForm(file: string, text: string, data: unknown, form: FormName, parsed: ParsedYaml): Problem[] {
  const v = validators().forms[form];
  v(data);
  const schema = FORM_SCHEMAS[form].schema;
  return withLost(file, text, data, schema, parsed, withSwallowed(file, text, data, schema, parsed, withSlips(file, text, explain(file, v.errors ?? [], data, schema, parsed, text))));
}

/** An organisation's 全国地方公共団体コード begins with its prefecture's code: the place of its 都道府県
 * in the schema's list, which is in the order of the codes (北海道 01 … 沖縄県 47). */
function codeAgainstPrefecture(file: string, data: Record<string, unknown>, parsed: ParsedYaml): Problem[] {
  const prefectures = (resolve(childSchema(ORGANISATION_SCHEMA, '都道府県')!)?.enum ?? []) as string[];
  const [name, code] = [data['都道府県'], data['全国地方公共団体コード']];
  if (typeof name !== 'string' || typeof code !== 'string' || !/^\d{6}$/.test(code) || !prefectures.includes(name)) return [];
  const wanted = String(prefectures.indexOf(name) + 1).padStart(2, '0');
  // (a code that begins outside 01–47 names no prefecture to compare with)
  const owner = prefectures[Number(code.slice(0, 2)) - 1];
  if (code.startsWith(wanted) || !owner) return [];
  return [{ file, ...parsed.locate(['全国地方公共団体コード']), item: '全国地方公共団体コード', message: `全国地方公共団体コード「${code}」は${owner}のコード（${code.slice(0, 2)}）で始まっています。都道府県「${name}」の団体のコードは ${wanted} で始まります。どちらかを直してください` }];
}

/**
 * A 記載状態 written at the indentation of the blank item above it (「特記事項:」 then 「記載状態: 判読不能」
 * at the same column): YAML reads it as the marker of the whole group, which the page then shows as
 * unreadable, item by item, with the item itself blank. A group marked as a whole writes its marker
 * before its items, or has none of them.
 */
function markerBelowBlankItem(file: string, text: string, data: unknown, root: SchemaNode, parsed: ParsedYaml): Problem[] {
  const out: Problem[] = [];
  // (most reports have no 「記載状態:」 line right below a blank item's line: they are not walked)
  if (!markerLineBelowBlank(text)) return out;
  const walk = (value: unknown, node: SchemaNode | undefined, path: (string | number)[]) => {
    if (Array.isArray(value)) { value.forEach((v, i) => walk(v, childSchema(node, i), [...path, i])); return; }
    if (!value || typeof value !== 'object') return;
    const keys = Object.keys(value);
    const at = keys.indexOf('記載状態');
    const props = groupItems(node);
    const above = at > 0 ? keys[at - 1] : undefined;
    const blank = (v: unknown) => v === null || (typeof v === 'string' && !v.trim());
    if (above !== undefined && props && Object.hasOwn(props, above) && classify(props[above]) === 'answer' && blank((value as Record<string, unknown>)[above])) {
      const group = path.length ? String(path.findLast((p) => typeof p === 'string')) : '評価書';
      const item = parsed.locate([...path, above]);
      // (a blank written out, 「""」 「~」 「null」, goes too: lines under it would be a YAML error)
      const line = text.split('\n', item.line)[item.line - 1] ?? '';
      const written = line.slice(line.indexOf(':', item.col - 1) + 1).trim();
      out.push({ file, ...parsed.locate([...path, '記載状態']), item: itemName(root, [...path, above]), message: `「記載状態:」が、空欄の「${above}:」の下に同じ字下げで書かれているため、「${group}」全体の記載状態として読まれています（「${group}」のすべての項目がその記載状態で公開されます）。「${above}」の記載状態なら、${written ? `「${above}:」の後の「${written}」を消し、` : ''}この行と下の「注記:」「原文:」の行を空白 ${item.col + 1} 個に字下げしてください。「${group}」全体なら、「記載状態:」を「${group}:」のすぐ下に書いてください` });
    }
    for (const [k, v] of Object.entries(value)) if (v && typeof v === 'object') walk(v, props ? resolve(props[k]) : undefined, [...path, k]);
  };
  walk(data, root, []);
  return out;
}

/**
 * A text whose line ends with the note `npm run new` wrote after the item's key (「… # Ⅰ 1. ② 事務の
 * 内容」): pasting a 「|」 text after 「事務の内容: 」 pushes the note to the end of its last line, inside
 * the text, where YAML reads it as words of the report and the page publishes them.
 */
function scaffoldNoteInText(file: string, text: string, data: unknown, root: SchemaNode, parsed: ParsedYaml): Problem[] {
  const out: Problem[] = [];
  // (most reports have no 「 #」 inside a value: their strings are not looked at)
  if (!/[ \t\u3000]#/.test(text)) return out;
  const lines = text.split('\n');
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') {
      v.split('\n').forEach((line) => {
        const m = /[ \t\u3000]#[ \t]*([^#]*)$/.exec(line);
        const note = m?.[1].trimEnd();
        const kind = note ? scaffoldNote(note) : undefined;
        if (!kind || kind === 'label+text') return;
        const from = parsed.locate(path).line;
        const at = lines.findIndex((l, i) => i >= from - 1 && l.trimEnd().endsWith(line.trimEnd()));
        out.push({ file, line: at >= 0 ? at + 1 : from, col: at >= 0 ? lines[at].lastIndexOf('#', lines[at].length - m![1].length) + 1 : 1, item: itemName(root, path), message: `行末の「${m![0].trim()}」は雛形（npm run new）の項目名のコメントですが、文章の中にあるため、評価書の記載として公開されます。この「#」から行末までを消してください` });
      });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(data, []);
  return out;
}

/** Whether a 「記載状態:」 line stands right below a blank item's line (「特記事項:」) at its key's column. */
function markerLineBelowBlank(text: string): boolean {
  for (let at = text.indexOf('記載状態:'); at >= 0; at = text.indexOf('記載状態:', at + 1)) {
    const start = text.lastIndexOf('\n', at - 1) + 1;
    if (text.slice(start, at).trim()) continue;
    const above = text.slice(text.lastIndexOf('\n', start - 2) + 1, Math.max(start - 1, 0));
    const m = /^( *)(- )?[^\s#:][^:]*:[ \t]*(?:(?:""|''|~|null)[ \t]*)?$/.exec(above);
    if (m && m[1].length + (m[2]?.length ?? 0) === at - start) return true;
  }
  return false;
}

/** A comment period (公開状態 → 意見募集) ends on or after the day it starts. */
function periodInOrder(file: string, data: Record<string, unknown>, schema: SchemaNode, parsed: ParsedYaml): Problem[] {
  const period = (data['公開状態'] as Record<string, unknown> | undefined)?.['意見募集'] as Record<string, unknown> | undefined;
  const [start, end] = [period?.['開始日'], period?.['終了日']];
  if (typeof start !== 'string' || typeof end !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || end >= start) return [];
  const path = ['公開状態', '意見募集', '終了日'];
  return [{ file, ...parsed.locate(path), item: describe(schema, path), message: `終了日 ${end} が開始日 ${start} より前です。意見募集の期間を確かめて直してください` }];
}

/**
 * A slip the YAML parser accepted (「表紙:」 then 「  評価書名：…」 reads as a text value) shows up as a
 * schema problem at the slipped key's line: that problem is replaced by what the clerk actually did.
 */
function withSlips(file: string, text: string, problems: Problem[]): Problem[] {
  if (!problems.length) return problems;
  const slips = acceptedSlips(text);
  if (!slips.length) return problems;
  // (a heading written as the form prints it, 「リスク1：…」, is told as that, not as a full-width colon)
  const told = slips.filter((s) => !problems.some((p) => p.line === s.owner && p.message.includes(PRINTED_HEADING_NOTE)));
  const out = problems.filter((p) => !told.some((s) => s.owner === p.line));
  for (const s of told) if (problems.some((p) => p.line === s.owner)) out.push({ file, line: s.line, col: s.col, item: problems.find((p) => p.line === s.owner)!.item, message: s.message });
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

/**
 * A heading indented into the 「|」 text above it (swallowed-headings.ts) is a problem where the clerk
 * wrote it, and replaces the 「missing」 message a required heading got (the line is there).
 */
function withSwallowed(file: string, text: string, data: unknown, root: SchemaNode, parsed: ParsedYaml, problems: Problem[]): Problem[] {
  const found = swallowedHeadings(data, root);
  const lists = problems.length ? swallowedLists(data, root) : [];
  if (!found.length && !lists.length) return problems;
  const lines = text.split('\n');
  const out = [...problems];
  // A list whose heading line was deleted below a 「|」 text (its 「- 」 lines read as the text's last
  // lines): told at its first line, in place of the list's 「missing」, which asked for the heading
  // after those lines and so would have left them in the text.
  for (const l of lists) {
    const item = itemName(root, [...l.group, l.heading]);
    const missing = out.findIndex((p) => p.item === item && p.message.startsWith(`必須の項目「${l.heading}」`));
    if (missing < 0) continue;
    const key = parsed.locate(l.text);
    const keyIndent = key.col - 1;
    let end = key.line;
    for (let i = key.line; i < lines.length && (!lines[i].trim() || /^ */.exec(lines[i])![0].length > keyIndent); i++) if (lines[i].trim()) end = i + 1;
    const first = end - l.lines + 1;
    if (first <= key.line || !/^ *- /.test(lines[first - 1] ?? '')) continue;
    const textKey = String(l.text[l.text.length - 1]);
    out.splice(missing, 1, { file, line: first, col: /^ */.exec(lines[first - 1])![0].length + 1, item, message: `「${l.heading}:」の見出しの行がないため、この行から下の ${l.lines} 行が、上の「${textKey}」の文章として読まれています（このままでは「${l.heading}」の一覧はなく、この行が文章として公開されます）。この行の前に「${l.heading}:」の行を、「${textKey}:」と同じ字下げ（空白 ${keyIndent} 個）で書いてください` });
  }
  for (const s of found) {
    const item = itemName(root, [...s.group, s.heading]);
    const missing = out.findIndex((p) => p.item === item && p.message.startsWith(`必須の項目「${s.heading}」`));
    if (missing >= 0) out.splice(missing, 1);
    // The text's first line follows its key's line (「…: |」); a line break written as 「\n」 in quotes
    // has no line of its own, so the line is looked for from there on.
    const keyLine = parsed.locate(s.text).line;
    let line = keyLine + 1 + s.lineInText;
    if (lines[line - 1]?.trim() !== s.line.trim()) line = lines.findIndex((l, i) => i >= keyLine && l.trim() === s.line.trim()) + 1 || keyLine;
    const textKey = String(s.text[s.text.length - 1]);
    const group = valueAt(data, s.group) as Record<string, unknown>;
    const sibling = Object.keys(group)[0];
    const indent = sibling === undefined ? undefined : parsed.locate([...s.group, sibling]).col - 1;
    const where = indent === undefined ? '' : `「${sibling}:」と同じ空白 ${indent} 個に`;
    out.push({ file, line, col: (/^ */.exec(lines[line - 1] ?? '')?.[0].length ?? 0) + 1, item, message: `「${s.heading}:」の行が、上の「${textKey}」の文章の一行として読まれています（このままでは「${s.heading}」の見出しはなく、この行が文章として公開されます）。「${s.heading}」は見出しなので、字下げを${where}戻してください` });
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

/**
 * A heading line deleted on its own: its entries were read into the item above it (lost-headings.ts).
 * One message at the first of them replaces what they were told as that item's entries, and the
 * heading's 「missing」.
 */
function withLost(file: string, text: string, data: unknown, root: SchemaNode, parsed: ParsedYaml, problems: Problem[]): Problem[] {
  // (entries read into an item they do not belong to are always a problem of that item: a report
  // without problems has none, and is not walked again)
  if (!problems.length) return problems;
  const found = lostHeadings(data, root);
  if (!found.length) return problems;
  const lines = text.split('\n');
  let out = [...problems];
  for (const l of found) {
    const start = parsed.locate([...l.group, l.into, l.from]).line;
    // (to the last line written of them: blank and comment lines after them are where a later
    // missing item is told to go)
    let end = Math.min(nextSiblingLine(data, [...l.group, l.into], parsed) - 1, lines.length);
    while (end > start && (!lines[end - 1].trim() || lines[end - 1].trimStart().startsWith('#'))) end--;
    const item = itemName(root, [...l.group, l.heading]);
    // What the stray lines were told as the item's entries goes; a missing item of the group or of a
    // group around it (told to go after the item's last line) stays.
    const around = new Set(Array.from({ length: l.group.length + 1 }, (_, d) => d)
      .flatMap((d) => Object.keys(propertiesAt(root, l.group.slice(0, d)) ?? {}).map((k) => itemName(root, [...l.group.slice(0, d), k]))));
    const told = (p: Problem) => p.line >= start && p.line <= end && !(p.message.startsWith('必須の項目') && around.has(p.item));
    out = out.filter((p) => !told(p) && !(p.item === item && p.message.startsWith(`必須の項目「${l.heading}」`)));
    const what = typeof l.from === 'number' ? ` ${l.count} 件が、上の「${l.into}」の ${l.count > 1 ? `${l.from + 1}〜${l.from + l.count}` : l.from + 1} 件目` : ` ${l.count} 項目（「${l.from}」から）が、上の「${l.into}」の中の項目`;
    const indent = parsed.locate([...l.group, l.into]).col - 1;
    out.push({ file, line: start, col: (/^ */.exec(lines[start - 1] ?? '')?.[0].length ?? 0) + 1, item, message: `「${l.heading}:」の見出しの行がないため、この行から下の${what}として読まれています。この行の前に「${l.heading}:」の行を、「${l.into}:」と同じ字下げ（空白 ${indent} 個）で書いてください` });
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** The items of the group at a data path, from the schema. */
function propertiesAt(root: SchemaNode, path: (string | number)[]): Record<string, SchemaNode> | undefined {
  let node: SchemaNode | undefined = root;
  for (const seg of path) node = childSchema(node, seg);
  return groupItems(node);
}

/** The line where what follows an item begins: its next sibling's, or that of the nearest group
 * around it that has one; past the last line when nothing follows. */
function nextSiblingLine(data: unknown, path: (string | number)[], parsed: ParsedYaml): number {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = valueAt(data, path.slice(0, depth - 1));
    const seg = path[depth - 1];
    const siblings = Array.isArray(parent) ? parent.map((_, i) => i) : parent && typeof parent === 'object' ? Object.keys(parent) : [];
    const next = siblings[siblings.indexOf(seg as never) + 1];
    if (siblings.indexOf(seg as never) >= 0 && next !== undefined) return parsed.locate([...path.slice(0, depth - 1), next]).line;
  }
  return Infinity;
}

/** A 事務分類 becomes one path segment of a URL (/compare/<事務分類>/): nothing that would split or escape it. */
function isUrlSegment(s: string): boolean {
  return !/[\/\\?#%\p{Cc}\p{Cf}]/u.test(s) && s.trim() !== '.' && s.trim() !== '..';
}

/** One problem for each string (value or key) holding a control character, NUL or noncharacter. */
function forbiddenText(file: string, text: string, data: unknown, root: SchemaNode, parsed: ParsedYaml): Problem[] {
  // Every key and value is a piece of the text, cut at ASCII characters and joined with line breaks
  // or spaces, unless a double-quoted 「\」 escape makes a character: a text without a forbidden
  // character and without a backslash holds no such key or value (a third of the cost of looking at each).
  if (!text.includes('\\') && !holdsForbiddenCharacter(text)) return [];
  const out: Problem[] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') {
      const found = forbiddenCharacter(v);
      if (found) out.push({ file, ...parsed.locate(path), item: itemName(root, path), message: forbiddenCharacterMessage(found) });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const found = forbiddenCharacter(k);
        if (found) out.push({ file, ...parsed.locate([...path, k]), item: itemName(root, path), message: forbiddenCharacterMessage(found, '見出し') });
        else walk(x, [...path, k]);
      }
    }
  };
  walk(data, []);
  return out;
}
const itemName = (root: SchemaNode, path: (string | number)[]) => { try { return describe(root, path); } catch { return path.join(' '); } };

function pathOf(pointer: string, data: unknown): (string | number)[] {
  if (!pointer) return [];
  const out: (string | number)[] = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key: string | number = Array.isArray(cur) && /^\d+$/.test(seg) ? Number(seg) : seg;
    out.push(key);
    cur = child(cur, key);
  }
  return out;
}
const child = (v: unknown, k: string | number): unknown => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined);

/** The parameters ajv reports for the keywords explained below. */
interface ErrorParams { additionalProperty?: string; missingProperty?: string; allowedValues?: unknown[]; allowedValue?: unknown; type?: string; format?: string; pattern?: string; limit?: number }
const params = (e: ErrorObject) => e.params as ErrorParams;

// The wording of schema problems, shared with the editor schemas (editor-schema.ts), which say the same
// without the value (an editor schema's message is fixed): `value` undefined leaves the 「…」 part out.
export const MARKER_HINT = '記載状態は「原文欠落」「判読不能」「不確実」のいずれかです';
const quoted = (value: unknown, then: string) => (value === undefined ? '' : `「${shown(value)}」${then}`);
export const missingItemMessage = (missing: string, place = '', canBeEmpty = true) => `必須の項目「${missing}」がありません。${place}「${missing}:」の行を書いてください${canBeEmpty ? '（記載がない場合も行を書き、値を空にします）' : '（空欄にはできません。値も書いてください）'}`;
/** missingItemMessage for an item with items under it (a heading, or a repeating group): its items are written too. */
export const missingGroupMessage = (missing: string, place = '', repeat = false) => `必須の項目「${missing}」がありません。${place}「${missing}:」の行と、その下に${repeat ? '「- 」で始まるまとまりを 1 つ以上' : '字下げして、その中の項目を'}書いてください（${repeat ? `1 件もなければ「${missing}: []」。` : ''}雛形は npm run new で作れます）`;
/** A count written with what is not a number of it (「1件」「１」「"1"」「1,000」): the number to write. */
function countMessage(kind: string | undefined, value: unknown): string | undefined {
  if (kind !== 'count' || typeof value !== 'string') return undefined;
  const digits = toHalfWidthDigits(value).replace(/[\s,，件人]/g, '');
  return /^[0-9]+$/.test(digits) ? `件数「${shown(value)}」は ${Number(digits)} と書いてください（半角の数字だけを、引用符「"」も「件」も付けずに）` : undefined;
}
/** A list (繰り返し項目) left empty: how to say there is none. */
const emptyListMessage = (kind: string | undefined, value: unknown, expected: string, key: string | number | undefined) =>
  (value === null && !kind && expected.includes('array') && typeof key === 'string' ? `「- 」で始まる行の一覧で書いてください。1 件もなければ「${key}: []」と書きます` : undefined);
/**
 * The form's heading that a heading written as the form prints it stands for: with its number
 * (「①事務の名称」, 「1. 特定個人情報ファイルを取り扱う事務」, 「リスク1：目的外の入手が行われるリスク」), its
 * 「※」, or brackets and letters of the other width (「接続しない(入手)」).
 */
export function printedHeading(extra: string, headings: string[]): string | undefined {
  const bare = (k: string) => k.normalize('NFKC').replace(/\s/g, '');
  const written = bare(extra.replace(/^[\s\u3000]*(?:リスク[0-9０-９]+[\s\u3000]*[:：]|[①-⑳]|[0-9０-９]+[\s\u3000]*[.．、]|[(（][0-9０-９]+[)）]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+(?=[\s\u3000.．])[.．]?|※)?/u, ''));
  return headings.find((k) => k !== extra && bare(k) === written);
}
const PRINTED_HEADING_NOTE = '見出しには様式の番号や「※」を書かず、かっこや英数字の全角・半角は様式の見出しのとおりにします';
const PRINTED_HEADING = (extra: string, heading: string) => `見出しは「${shown(extra)}」ではなく「${heading}:」と書いてください（${PRINTED_HEADING_NOTE}）`;

/** A heading without blanks and characters nobody sees (「評価書名　」, 「事務の\u{200B}名称」). */
const looseKey = (key: string) => withoutUnseen(key).replace(/[\s\u3000]/g, '');
export const unknownHeadingMessage = (extra: string | undefined, hint?: string) => (extra !== undefined && hint !== undefined && extra !== hint && looseKey(extra) === hint
  ? `見出し「${shown(extra)}」には${UNSEEN.test(extra) ? '目に見えない文字（\\u{…} の所）' : '空白'}が入っています。それを消して「${hint}」と書いてください`
  : (extra === undefined ? 'この様式にない見出しです' : `「${shown(extra)}」はこの様式にない見出しです`) + (hint ? `。もしかして「${hint}」？` : ''));
/** null in a schema's list means 「空欄」 (an empty value), not a choice to write. */
export const notAChoiceMessage = (value: unknown, allowed: unknown[], hint?: string) => {
  // (a choice that differs only by characters nobody sees, pasted with it: they are the mistake)
  if (typeof value === 'string' && UNSEEN.test(value) && allowed.includes(withoutUnseen(value))) return `「${shown(value)}」には目に見えない文字（\\u{…} の所）が入っています。それを消して「${withoutUnseen(value)}」と書いてください`;
  // (a dash or a mark copied from a cell printed blank is no answer: it is left blank where the item may be)
  const mark = typeof value === 'string' && value.trim() !== '' && !hasWord(value);
  const blankHint = mark ? `。原本で印のある選択肢を、その文字のまま書いてください${allowed.includes(null) ? '（原本のこの欄が「－」などで答えがないときは、値を書かずに空欄のままにします）' : ''}。` : undefined;
  return (value === undefined ? '選択肢にない値です' : `「${shown(value)}」は選択肢にありません`) + (blankHint ?? (hint ? `。もしかして「${hint}」？` : '。')) + ` 選択肢: ${allowed.filter((a) => a !== null).map((a) => `「${a}」`).join(' ')}`;
};
/** A date written in 和暦 or as 年月日 that names no day (「令和元年4月30日」, 「令和7年2月30日」): why, instead of 「読めません」. */
const noSuchDate = (value: unknown) => { const why = typeof value === 'string' ? japaneseDateProblem(value) : undefined; return why && `${why}。日付を確かめてください（YYYY-MM-DD の形式で書きます）`; };
export const dateMessage = (value: unknown, example: string) => noSuchDate(value) ?? `${quoted(value, 'は')}日付として読めません。YYYY-MM-DD の形式で書いてください${example}`;
export const monthDateMessage = (value: unknown, example = '') => noSuchDate(value) ?? `${quoted(value, 'は')}日付として読めません。YYYY-MM-DD か YYYY-MM で書いてください${example}`;
/** A text item of the site's own (no answer kind) that may not be blank, as 事務分類. */
export const isRequiredText = (node: SchemaNode | undefined) => { const r = resolve(node); return !!r && r.type === 'string' && (r.minLength ?? 0) >= 1 && !r.pattern && !r['x-kind']; };
/** What such an item is told when it is blank or not text (the editor says the same). */
export const requiredTextMessage = (node: SchemaNode | undefined) => `空欄にはできません。テキスト（文字列）で記入してください${resolve(node)?.description ? `（${resolve(node)!.description}）` : ''}`;

/** A date item that may keep its printed words (日付表記): a date with words around it (「予定」「年度中」)
 * is told how to keep them, with the date it reads when it can. */
function flexDateMessage(value: unknown): string {
  if (typeof value !== 'string' || dateExample(value) || noSuchDate(value)) return monthDateMessage(value, dateExample(value));
  const text = value.trim();
  const iso = dateWithin(text);
  return `${monthDateMessage(value)}。原本の書き方（「予定」「年度中」など）を残すときは {表記: ${shown(text)}${iso ? `, 日付: ${iso}` : ''}} と書きます${iso ? '' : '（日付が決まらないときは「日付」を書きません）'}`;
}

/** 「（「令和7年4月25日」なら 2025-04-25）」 for a date written another way, else `otherwise`. */
const dateExample = (value: unknown, otherwise = '') => { const iso = typeof value === 'string' ? parseJapaneseDate(value) : null; return iso ? `（「${shown(value)}」なら ${iso}）` : otherwise; };
/** dateExample for an item that takes a whole date: a month is told that the day is needed too. */
const dayExample = (value: unknown) => {
  const iso = typeof value === 'string' ? (/^\d{4}-\d{2}$/.test(value) ? value : parseJapaneseDate(value)) : null;
  if (iso && /^\d{4}-\d{2}$/.test(iso)) return `（この項目は日まで書きます。${iso}-DD の形で、例: ${iso}-01）`;
  if (iso) return dateExample(value);
  // (a date with words around it, 「平成27年3月1日 時点」 copied with the word the form prints after it)
  const within = typeof value === 'string' ? dateWithin(value) : null;
  return within && /^\d{4}-\d{2}-\d{2}$/.test(within) ? `（「${shown(value)}」なら ${within}。${DATE_ONLY}）` : '（例: 2025-04-25）';
};
/** What a date item that keeps no printed words is told of the words. */
const DATE_ONLY = 'この項目は日付だけを書きます。様式が印字している言葉（「時点」など）は書かず、原本にほかの言葉があれば転記注記に残してください';
/** A date item that keeps no printed words written as one that does ({表記: …, 日付: …}): said once. */
const dateOnlyObjectMessage = (value: Record<string, unknown>) => {
  const shownText = typeof value['表記'] === 'string' ? value['表記'] : undefined;
  const iso = typeof value['日付'] === 'string' ? value['日付'] : shownText ? dateWithin(shownText) : null;
  return `「表記:」「日付:」の形は使えません。${DATE_ONLY}${iso ? `（「${iso}」と書きます）` : '（YYYY-MM-DD の形式で。例: 2025-04-25）'}`;
};
/** What to write for a line of a check-box list the schema refused, when it is one of the slips a
 * clerk makes there (else undefined: the schema's own message). */
function boxMessage(boxes: SchemaNode, value: unknown, e: ErrorObject): string | undefined {
  const labels = checkLabels(boxes);
  const details = Object.keys(checkDetails(boxes));
  const withDetail = details.length ? `記入欄があるのは ${details.map((d) => `「${d}」`).join('')}だけで、「- ${details[0]}: 内容」と書きます` : 'この項目のチェック欄には記入欄がありません';
  if (value === null) return '中身のない「-」の行があります。この行を消してください（チェックした欄だけを「- 欄の名前」の行で並べます）';
  // (one tick that cannot be read: a 記載状態 belongs to the whole list, or to a 転記注記)
  if (isMarker(value)) return '記載状態はチェック欄の 1 つには書けません。読めた印の欄だけを「- 欄の名前」で並べ、読めない印のことは「転記注記」に項目と内容を書いてください。一覧の全体が読めないときは、一覧の代わりに {記載状態: 判読不能, 注記: …} と書きます';
  if (value && typeof value === 'object' && !Array.isArray(value) && e.keyword === 'additionalProperties') {
    const key = String(params(e).additionalProperty);
    if (labels.includes(key) && !details.includes(key)) return `「${key}」には記入欄がありません。「- ${key}」とだけ書いてください（${withDetail}）`;
  }
  if (typeof value === 'string' && e.keyword === 'enum') {
    // (「［〇］自己点検」, 「□内部監査」: a box as printed; a blank one is no answer, not its label)
    const box = printedBox(value);
    if (box && (labels.includes(box.label) || (!box.checked && labels.some((l) => box.label.startsWith(l))))) return printedBoxMessage(value.trim(), box);
    // (「その他（内容）」, 「提供を行っている（1）件」: the printed form of a box with its detail)
    const m = /^(.*?[^ \u3000\n\r\u2028\u2029])[ \u3000]*[（(](.*)[)）][ \u3000]*(件)?$/u.exec((box?.label ?? value).trim());
    if (m && details.includes(m[1])) return `記入欄のある欄は「- ${m[1]}: ${toHalfWidthDigits(m[2]).trim() || '内容'}」の形で書きます（「${m[1]}」と記入した内容を「: 」で区切ります）`;
    if (m && labels.includes(m[1])) return `「${m[1]}」には記入欄がありません。「- ${m[1]}」とだけ書いてください（${withDetail}）`;
    // (「提供を行っている：1」, 「その他:国民健康保険システム」: a box's space after a full-width 「：」, or
    // after a 「:」 without its blank, is read as part of the box's name)
    // (cut at the first such colon, found by one pattern without a choice of where blanks end)
    const trimmed = value.trim();
    const cut = trimmed.search(/：|:(?=[^ \t])/);
    const [box0, detail] = cut > 0 ? [trimmed.slice(0, cut).trimEnd(), trimmed.slice(cut + 1).trim()] : [undefined, ''];
    if (box0 && details.includes(box0)) return `「${box0}」と記入欄の間は、半角の「:」と半角空白で区切ります（「- ${box0}: ${toHalfWidthDigits(detail) || '内容'}」）`;
    // (「個人番号、その他識別情報（内部番号）」: boxes written on one line; a 「もしかして」 of one of them drops the others)
    for (const between of [/[、，,\u3000]+/u, /[、，,・\u3000]+/u]) {
      const parts = value.split(between).map((p) => p.trim()).filter(Boolean);
      if (parts.length > 1 && parts.every((p) => labels.includes(p))) return `1 行に ${parts.length} つの欄が書かれています。チェックした欄は 1 行に 1 つずつ書きます（${parts.map((p) => `「- ${p}」`).join('')}）`;
    }
  }
  return undefined;
}

/** A date written in the right form whose day the month does not have (2025-02-30). */
const noSuchDayMessage = (value: unknown) => {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m || +m[2] < 1 || +m[2] > 12 || +m[3] < 1) return undefined;
  const last = new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
  return +m[3] > last ? `「${value}」の日はありません（${+m[1]} 年 ${+m[2]} 月は ${last} 日までです）。日付を確かめてください` : undefined;
};
export const constMessage = (allowed: unknown) => `「${String(allowed)}」と書いてください`;
export const markerShapeMessage = (kind: string | undefined, extra = '') => `${kindTypeMessage(kind)}。原文に欠落などがある場合は「記載状態:」を書きます${extra}。${MARKER_HINT}`;
export const missingDashMessage = (item: string, first: string) => `行頭の「- 」が抜けています。「${item}」は繰り返し項目なので、まとまりごとに最初の見出しの前に「- 」を書きます（例: 「- ${first}: …」。2 つ目以降も同じ字下げで「- 」から始めます）`;
/** What a value of the wrong JSON type is told: its answer kind's message, else by the expected type. */
export function typeMessage(kind: string | undefined, expected: string): string {
  return kindTypeMessage(kind) ?? (expected.includes('array') ? '「- 」で始まる行の一覧で書いてください'
    : expected.includes('object') ? 'この項目は下に見出しを持つ項目です。字下げして各項目を書いてください'
    : expected.includes('integer') ? '整数で書いてください' : expected.includes('string') ? 'テキスト（文字列）で書いてください' : `型が違います（${expected}）`);
}
export const DETAIL_MESSAGE = '「その他（…）」などの記入欄は「- その他: 内容」の形で 1 行に 1 つ書いてください';
/** Why a value is no web address a link can open, the usual slip said first (an address copied from
 * the paper form in full-width letters, an upper-case scheme, a missing https://, a space inside). */
export const URL_MESSAGE = (value: unknown) => `${quoted(value, 'は')}ウェブのアドレスとして読めません。${urlSlip(value)}`;
function urlSlip(value: unknown): string {
  const general = '「https://」で始まり、ブラウザーで開けるアドレスを、空白を入れずに半角で書いてください';
  if (typeof value !== 'string') return general;
  const wide = /[\uFF01-\uFF5E\u3000]/u.exec(value)?.[0];
  if (wide) return `全角の「${wide}」があります。アドレスはすべて半角で書いてください`;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1];
  if (scheme && /^https?$/i.test(scheme) && scheme !== scheme.toLowerCase()) return `先頭の「${scheme}://」は小文字で「${scheme.toLowerCase()}://」と書いてください`;
  if (!scheme && /^(?:www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/|$))/i.test(value.trim())) return '先頭に「https://」を付けてください';
  if (/\s/u.test(value.trim())) return 'アドレスの途中に空白や改行があります。空白を入れずに 1 行で書いてください';
  if (value.trim() !== value) return '前後の空白を消してください';
  return general;
}
export const emailMessage = (value: unknown) => {
  const wide = typeof value === 'string' ? /[\uFF01-\uFF5E]/u.exec(value)?.[0] : undefined;
  return `${quoted(value, 'は')}メールアドレスとして読めません。${wide ? `全角の「${wide}」を半角の「${wide.normalize('NFKC')}」にしてください（メールアドレスは半角で書きます）` : '「iken@city.example.jp」のような宛先 1 つだけを書いてください'}`;
};
/** The sentence for a key whose pattern is its own rule (a regular expression means nothing to staff). */
export function keyPatternMessage(key: string | number | undefined, value: unknown, form?: FormName): string | undefined {
  if (key === '評価実施機関') return `${quoted(value, ': ')}機関ファイル名は半角英小文字・数字・ハイフンで書いてください（例: kumamoto-shi）`;
  // (full-width digits look right on paper and are the usual slip: said first)
  const wide = typeof value === 'string' && /[０-９]/.test(value) ? `「${shown(value)}」は全角の数字です。` : '';
  if (key === '全国地方公共団体コード') return `${wide}${fiveDigitCode(value) ?? '全国地方公共団体コードは 6 桁の半角数字を引用符「"」で囲んで書いてください（例: "431001"）'}`;
  if (key === '法人番号') return `${wide}法人番号は 13 桁の半角数字を引用符「"」で囲んで書いてください（例: "7123456789012"）`;
  if (key === '評価書番号') return NUMBER_MESSAGE(value);
  if (key === '様式版') return editionMessage(value, form);
  return undefined;
}

/** 様式版: what the cover prints in its brackets, 「令和７年５月　様式３」, whose 様式 number is the form's. */
function editionMessage(value: unknown, form?: FormName): string {
  const v = String(value).normalize('NFKC');
  const numberOf = (f: FormName) => String(FORM_SCHEMAS[f].schema['x-form-number'] ?? '');
  // (as covers print it: 様式２)
  const wide = (n: string) => n.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  const own = wide(numberOf(form ?? '重点項目評価書'));
  const example = `（例: 令和７年５月　様式${own}）`;
  if (/^\s*[［[【〔(（]|[］\]】〕)）]\s*$/.test(v)) return `様式版は表紙の［ ］の中の記載を、［ ］を付けずに書いてください${example}`;
  const number = /様式\s*([0-9]+)\s*$/.exec(v)?.[1];
  const forms: Record<string, string> = Object.fromEntries(FORM_NAMES.map((f) => [numberOf(f), f]));
  if (number && number !== numberOf(form ?? '重点項目評価書') && /^\s*(令和|平成)\s*([0-9]{1,2}|元)\s*年\s*[0-9]{1,2}\s*月/.test(v)) return `${forms[number] ? `「様式${number}」は${forms[number]}の様式です` : `「様式${number}」という様式はありません`}${form ? `。この評価書（${form}）は様式${own}です` : ''}（${FORM_NAMES.map((f) => `${f}は様式${wide(numberOf(f))}`).join('、')}）。表紙の記載と「様式:」を確かめてください`;
  return `様式版は表紙の［ ］の中のとおり「元号・年・月・様式番号」で書いてください${example}`;
}
/** The sentence for a key whose type is its own rule (codes are text: written without quotes, the
 * digits are read as a number). A code beginning with 0 stays text without quotes (yaml-fast.ts INT),
 * so a number here never lost a leading 0. */
export function keyTypeMessage(key: string | number | undefined, value: unknown): string | undefined {
  if (key === '評価書番号') return NUMBER_MESSAGE(value);
  if (key !== '法人番号' && key !== '全国地方公共団体コード') return undefined;
  const digits = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  const length = key === '法人番号' ? 13 : 6;
  if (key === '全国地方公共団体コード' && digits && fiveDigitCode(digits)) return fiveDigitCode(digits);
  if (digits?.length === length) return `${key}は引用符「"」で囲んで「"${digits}"」と書いてください（囲まないと数として読まれます）`;
  return keyPatternMessage(key, value);
}
/** For a 全国地方公共団体コード of five digits (the code without its 検査数字, as some lists print it):
 * the six-digit code to write. */
function fiveDigitCode(value: unknown): string | undefined {
  const five = String(value);
  return /^[0-9]{5}$/.test(five) ? `「${five}」は 5 桁です。全国地方公共団体コードは 6 桁目に検査数字の付いた 6 桁で、「${five}」なら引用符「"」で囲んで「"${five}${lgCheckDigit(five)}"」と書きます` : undefined;
}

function explain(file: string, errors: ErrorObject[], data: unknown, root: SchemaNode, parsed: ParsedYaml, text: string): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const schemaAt = (path: (string | number)[]) => path.reduce<SchemaNode | undefined>((s, k) => childSchema(s, k), resolve(root));
  const push = (path: (string | number)[], message: string, itemPath = path, where?: { line: number; col: number }) => {
    const at = where ?? parsed.locate(path);
    const item = describe(root, itemPath, data);
    const key = `${at.line}:${at.col}:${item}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ file, line: at.line, col: at.col, item, message });
  };
  // Errors from inside a leaf's 記載状態 branch say nothing useful on their own: report the leaf once.
  // The text's lines, for a missing item's place: split only when an item is missing.
  let split: string[] | undefined;
  const lines = () => (split ??= text.split(/\r?\n|\r/));
  // A key written one level too deep or too shallow is one mistake, not a missing item plus an
  // unknown one: found first, so that the 「missing」 half is not reported.
  const misplaced = new Map<string, { message: string; item: (string | number)[] }>();
  const foundElsewhere = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const path = pathOf(e.instancePath, data);
    const extra = params(e).additionalProperty as string;
    // (the keys of a 記載状態 may stand under any group that can be marked: another place that has one
    // as an item, a 変更箇所 row's 注記, is no place it was meant for)
    if (MARKER_KEYS.has(extra)) continue;
    const home = homeOf(root, data, path, extra);
    if (!home) {
      // A heading of another part of the form (特記事項 moved under Ⅱ): where it belongs.
      const places = placesOf(root, extra).filter((p) => !p.slice(0, -1).every((x, i) => x === path[i] || (typeof x === 'number' && typeof path[i] === 'number')) || p.length - 1 !== path.length);
      if (places.length) {
        misplaced.set(JSON.stringify([...path, extra]), { message: movedMessage(root, extra, places), item: places[0] });
        for (const p of places) foundElsewhere.add(JSON.stringify(p));
      }
      continue;
    }
    misplaced.set(JSON.stringify([...path, extra]), { message: levelMessage(root, extra, home.path, home.deeper), item: [...home.path, extra] });
    foundElsewhere.add(JSON.stringify([...home.path, extra]));
  }
  // A repeating group (委託事項, システム…) written without 「- 」 reads as one mapping: said once.
  const listed = new Set<string>();
  const toldDateOnly = new Set<string>();
  const underListed = (path: (string | number)[]) => [...listed].some((p) => JSON.stringify(path).startsWith(p.slice(0, -1)));
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'else' || e.keyword === 'then') continue;
    const path = pathOf(e.instancePath, data);
    const value = valueAt(data, path);
    const node = schemaAt(path);
    const kind: string | undefined = node?.['x-kind'];
    if (underListed(path)) continue;
    // (a text written 「{…}」 or 「[…]」 on its key's line, read as a mapping or a list: what YAML did; a
    // 記載状態 written so, 「{記載状態: 原文欠落}」, is meant as a mapping, as is a date 「{表記: …}」)
    // (a check box written as printed, 「[○]」 or 「[ ]」, on an item answered true or false)
    if (kind === 'switch' && Array.isArray(value)) {
      const on = value.some((x) => x !== null && String(x).trim() !== '');
      push(path, `チェック欄は「[…]」で書かず、チェックありは「true」、なしは「false」と書きます（「${String(path.at(-1))}: ${on}」）`);
      continue;
    }
    // (a 記載状態 in braces with a full-width 「：」 or without 記載状態: the marker's shape)
    if (kindTypeMessage(kind) && value && typeof value === 'object' && !Array.isArray(value) && !Object.hasOwn(value, '記載状態') && Object.keys(value).some((k) => MARKER_KEYS.has(k.normalize('NFKC').split(':')[0].trim()))) {
      const line = parsed.locate(path).line;
      if (markerInBraces(lines()[line - 1] ?? '')) { push(path, MARKER_IN_BRACES_MESSAGE, path, { line, col: (lines()[line - 1] ?? '').search(/[{｛]/) + 1 }); continue; }
    }
    // (a choice written as a list has its own message, which shows the line to write)
    // (様式版 copied with the cover's brackets: quoting it would only lead to the next message)
    if (path.length === 1 && path[0] === '様式版' && Array.isArray(value)) { push(path, editionMessage('[', formOfRoot(root))); continue; }
    // (a date item that keeps no printed words, written {表記: …, 日付: …} as one that does: said once,
    // on the one line or the block)
    if (kind === 'date' && value && typeof value === 'object' && !Array.isArray(value) && !Object.hasOwn(value, '記載状態') && Object.keys(value).length && Object.keys(value).every((k) => k === '表記' || k === '日付')) {
      if (!toldDateOnly.has(JSON.stringify(path))) push(path, dateOnlyObjectMessage(value as Record<string, unknown>));
      toldDateOnly.add(JSON.stringify(path));
      continue;
    }
    // (a plain text of the file's own too)
    if (kind !== 'checks' && kind !== 'flexdate' && !(kind === 'choice' && Array.isArray(value)) && (kindTypeMessage(kind) || resolve(node)?.type === 'string') && value && typeof value === 'object' && !Object.hasOwn(value, '記載状態')) {
      const line = parsed.locate(path).line;
      const flow = flowValueMessage(lines()[line - 1] ?? '');
      if (flow) { push(path, flow.message, path, { line, col: flow.col }); continue; }
    }
    // A line of a check-box list: an empty 「-」, a box given a text it has no space for, a box written
    // as printed (「その他（…）」, 「提供を行っている（1）件」): said as what to write.
    const boxes = typeof path[path.length - 1] === 'number' ? schemaAt(path.slice(0, -1)) : undefined;
    if (boxes && resolve(boxes)?.['x-kind'] === 'checks') {
      const told = boxMessage(boxes, value, e);
      if (told) { push(path, told); continue; }
    }
    const item = repeatItemWithoutDash(node, value);
    if (item) {
      listed.add(JSON.stringify(path));
      const first = Object.keys(value as object)[0];
      push(path, missingDashMessage(describe(root, path), first), path, parsed.locate([...path, first]));
      continue;
    }
    if (kindTypeMessage(kind) && value && typeof value === 'object' && !Array.isArray(value) && (e.keyword === 'required' || e.keyword === 'additionalProperties' || e.keyword === 'minProperties')) {
      const extra = e.keyword === 'additionalProperties' ? `（「${shown(params(e).additionalProperty)}」は使えません）` : '';
      push(path, markerShapeMessage(kind, extra));
      continue;
    }
    switch (e.keyword) {
      case 'required': {
        const missing = params(e).missingProperty as string;
        if (missing === '記載状態' && Array.isArray(value)) continue; // arrays: the object branch only
        if (foundElsewhere.has(JSON.stringify([...path, missing]))) continue;
        // (written under another form's name for it, 取扱者数 for 使用者数: said once, at that heading)
        if (value && typeof value === 'object' && Object.keys(value).some((k) => otherFormsWith(root, k).length && closest(k, itemKeys(node)) === missing)) continue;
        // (the name of an entry written under its number, 「- 提供先1: …」: said once, at that heading)
        if (missing === resolve(node)?.['x-name'] && value && typeof value === 'object' && Object.keys(value).some((k) => /^(.+?)(?<![0-9０-９])[0-9０-９]+$/.exec(k)?.[1] === resolve(schemaAt(path.slice(0, -1)))?.['x-repeat'])) continue;
        // (the name written under another heading in its place, 「- 委託事項名:」: said once, at that heading)
        if (missing === resolve(node)?.['x-name'] && value && typeof value === 'object' && Object.keys(value).length && !itemKeys(node).includes(Object.keys(value)[0])) continue;
        // (written with a blank or a character nobody sees in its name: said once, at that heading)
        if (value && typeof value === 'object' && Object.keys(value).some((k) => k !== missing && (looseKey(k) === missing || printedHeading(k, [missing]) === missing))) continue;
        const place = whereMissing(node, value, path, missing, parsed, lines());
        const cls = classify(childSchema(node, missing));
        const child = childSchema(node, missing);
        push(path, cls === 'group' || cls === 'repeat' ? missingGroupMessage(missing, place?.hint, cls === 'repeat') : missingItemMessage(missing, place?.hint, !child || acceptsEmpty(child)), [...path, missing], place);
        break;
      }
      case 'additionalProperties': {
        const extra = params(e).additionalProperty as string;
        if (Array.isArray(value)) continue;
        const level = misplaced.get(JSON.stringify([...path, extra]));
        if (level) { push([...path, extra], level.message, level.item); break; }
        const r = resolve(node);
        const allowed = [r, answerBranch(r), ...(r?.anyOf ?? []).map(resolve)].flatMap((n) => Object.keys(n?.properties ?? {}));
        const printed = printedHeading(extra, allowed.length ? allowed : itemKeys(node));
        // (a heading that differs only by blanks or characters nobody sees has its own message, below)
        if (printed && looseKey(extra) !== printed && !(value && typeof value === 'object' && Object.hasOwn(value, printed))) { push([...path, extra], PRINTED_HEADING(extra, printed), path); break; }
        // An item of another form (「保管期間」 copied from a 全項目評価書 into a 重点項目評価書): no 「もしかして」
        // that would make a second item of this form out of it.
        const form = FORM_NAMES.find((f) => FORM_SCHEMAS[f].schema === root);
        const elsewhere = otherFormsWith(root, extra);
        // (this form's heading it may stand for, when the group lacks it: a heading written twice is no rename)
        const near = [closest(extra, allowed.length ? allowed : itemKeys(node))].find((k) => k !== undefined && !(value && typeof value === 'object' && Object.hasOwn(value, k)));
        if (elsewhere.length) {
          // (another form's name for an item this form has, 取扱者数 for 使用者数: the item's answer is kept
          // under this form's name; only a heading this form has nothing like is to be deleted)
          push([...path, extra], near ? `「${extra}」は${elsewhere.join('・')}の見出しです。${form}では「${near}」ではありませんか（値はそのままで、見出しを「${near}」に直してください）`
            : `「${extra}」は${elsewhere.join('・')}の項目で、${form}にはありません。別の様式の評価書から写した行なら、この行（と下の行）を消してください`, path);
          break;
        }
        // The number of an entry written as a heading (「提供先1:」): the form numbers entries itself.
        const numbered = /^(.+?)(?<![0-9０-９])[0-9０-９]+$/.exec(extra);
        const repeatWord = numbered && [...path].reverse().map((_, k) => schemaAt(path.slice(0, path.length - k))).find((n) => resolve(n)?.['x-repeat'] === numbered[1]);
        if (repeatWord) { push([...path, extra], `「${extra}」は見出しに書きません。${numbered![1]}の番号はまとまりの順に付きます（まとまりは「- 」で始め、名称は「${String(resolve(repeatWord)?.['x-name'] ?? '名称')}:」に書きます）`, path); break; }
        // (a heading the group already has is no 「もしかして」: following it writes the heading twice)
        const has = (k: string) => !!value && typeof value === 'object' && Object.hasOwn(value, k);
        // An entry's first heading where its name goes (「- 委託事項名:」 for 「- 名称:」), the name missing.
        const nameKey = resolve(node)?.['x-name'] as string | undefined;
        // (only when it is like no heading the entry lacks: 「委託内用」 is 委託内容 mistyped, not the name)
        if (nameKey && !has(nameKey) && value && typeof value === 'object' && Object.keys(value)[0] === extra && !closest(extra, (allowed.length ? allowed : itemKeys(node)).filter((k) => k !== nameKey && !has(k) && !MARKER_KEYS.has(k)))) {
          push([...path, extra], `「${shown(extra)}」はこの様式にない見出しです。${String(resolve(node)?.title ?? '')}の名前は「${nameKey}:」に書きます（「${shown(extra)}:」を「${nameKey}:」に直してください）`, path);
          break;
        }
        const hint = closest(extra, (allowed.length ? allowed : itemKeys(node)).filter((k) => !has(k)));
        // (a small group says what it takes: 「原本」 has URL and 掲載場所, and no 注記)
        const takes = [...new Set(allowed.length ? allowed : itemKeys(node))].filter((k) => !MARKER_KEYS.has(k));
        const group = path.length ? String(resolve(node)?.title ?? path.at(-1)) : '';
        push([...path, extra], unknownHeadingMessage(extra, hint) + (!hint && group && takes.length && takes.length <= 4 ? `。「${group}」に書ける見出しは ${takes.map((k) => `「${k}」`).join('・')} です${MARKER_KEYS.has(extra) && !groupItems(node)?.['記載状態'] ? '（転記についての説明は「転記注記」に書きます）' : ''}` : ''), path);
        break;
      }
      case 'enum': {
        const listed = params(e).allowedValues as unknown[];
        const allowed = listed.filter((a) => a !== null);
        const hint = typeof value === 'string' ? closest(value, allowed.map(String)) : undefined;
        // (a list is said by its type error, 「- 」 before a choice, when the item has a type)
        if (Array.isArray(value) && errors.some((x) => x.keyword === 'type' && x.instancePath === e.instancePath)) break;
        if (value === '') { push(path, `値が空の文字列です。空欄なら値を書かずに「${String(path[path.length - 1])}:」だけにし、そうでなければ選択肢から 1 つ書いてください。選択肢: ${allowed.map((a) => `「${a}」`).join(' ')}`); break; }
        push(path, notAChoiceMessage(value, listed.includes(null) ? [...allowed, null] : allowed, hint));
        break;
      }
      case 'const':
        push(path, constMessage(params(e).allowedValue));
        break;
      case 'type': {
        // (a check box written with another mark, or without the blank: 「－ 自己点検」「-自己点検」)
        const mark = kind === 'checks' && typeof value === 'string' ? new RegExp(`^([-${LIST_MARKS}])[ \u3000]*(.+)$`, 'su').exec(value.trim()) : null;
        if (mark && checkLabels(node!).includes(mark[2])) { push(path, `一覧の行は半角の「-」と半角空白で始めます（「- ${mark[2]}」）${mark[1] === '-' ? '。「-」の後に空白がないと一覧になりません' : `。「${mark[1]}」は一覧の印になりません`}`); break; }
        if (Array.isArray(value) && node && resolve(node)?.items === undefined) {
          // A choice written as a list of one: the choice is right, the 「- 」 is not.
          const options = (errors.find((x) => x.keyword === 'enum' && x.instancePath === e.instancePath)?.params as { allowedValues?: unknown[] } | undefined)?.allowedValues ?? [];
          const one = value.length === 1 && options.includes(value[0]) ? value[0] : undefined;
          push(path, one !== undefined ? `選択肢は「- 」を付けずに、見出しの後に 1 つだけ書きます（「${String(path[path.length - 1])}: ${String(one)}」）` : path[path.length - 1] === '評価書番号' ? NUMBER_MESSAGE(value) : kindTypeMessage(kind) ?? '一覧（- で始まる行）ではなく、見出しと値で書いてください');
          break;
        }
        // (an item that may not be blank, left blank: 「事務分類:」 as npm run new leaves it)
        const blank = (value === null || typeof value !== 'object') && !kind && isRequiredText(node) ? requiredTextMessage(node) : undefined;
        push(path, keyTypeMessage(path[path.length - 1], value) ?? countMessage(kind, value) ?? emptyListMessage(kind, value, String(params(e).type), path[path.length - 1]) ?? blank ?? typeMessage(kind, String(params(e).type)));
        break;
      }
      case 'format': {
        const fmt = params(e).format as string;
        // (a date that may be a month says so once, whether its format or its pattern failed)
        if (noSuchDayMessage(value) && (fmt === 'iso-date-or-month' || fmt === 'date')) push(path, noSuchDayMessage(value)!);
        else if (fmt === 'iso-date-or-month') push(path, kind === 'flexdate' ? flexDateMessage(value) : monthDateMessage(value, dateExample(value)));
        else if (fmt === 'date') push(path, dateMessage(value, dayExample(value)));
        // (a check digit is checked only on digits written right: otherwise the pattern says what is wrong)
        else if (fmt === 'lg-code') { if (/^[0-9]{6}$/.test(String(value))) push(path, `全国地方公共団体コード「${shown(value)}」の検査数字（6 桁目）が合いません`); }
        else if (fmt === 'corporate-number') { if (/^[0-9]{13}$/.test(String(value))) push(path, `法人番号「${shown(value)}」の検査用数字（先頭の 1 桁）が合いません。国税庁の法人番号公表サイトで確かめてください`); }
        else if (fmt === 'uri') push(path, URL_MESSAGE(value));
        else if (fmt === 'email') push(path, emailMessage(value));
        else push(path, `形式が違います（${fmt}）`);
        break;
      }
      case 'pattern':
        // A regular expression means nothing to staff: each pattern gets a sentence (a URL's pattern
        // gives the same message as its format, so the two errors make one line).
        if ((node?.format === 'iso-date-or-month' || kind === 'flexdate') && noSuchDayMessage(value)) push(path, noSuchDayMessage(value)!);
        else if (kind === 'flexdate') push(path, flexDateMessage(value));
        else if (node?.format === 'iso-date-or-month') push(path, monthDateMessage(value, dateExample(value)));
        else if (node?.format === 'uri') push(path, URL_MESSAGE(value));
        else if (keyPatternMessage(path[path.length - 1], value, formOfRoot(root))) push(path, keyPatternMessage(path[path.length - 1], value, formOfRoot(root))!);
        else if (/^\^\[0-9\]\+\$$/.test(String(params(e).pattern))) push(path, `「${shown(value)}」: 半角数字だけで書いてください`);
        else push(path, `「${shown(value)}」は書き方が違います`);
        break;
      case 'maxItems': push(path, `様式の欄は ${params(e).limit} 件までです`); break;
      case 'minItems': push(path, `少なくとも ${params(e).limit} 件書いてください`); break;
      case 'uniqueItems': push(path, '同じ項目が 2 回書かれています'); break;
      case 'minProperties': case 'maxProperties':
        push(path, DETAIL_MESSAGE); break;
      case 'minimum': if (path[path.length - 1] === '評価書番号') { push(path, NUMBER_MESSAGE(value)); break; } push(path, `${params(e).limit} 以上の数を書いてください`); break;
      case 'minLength': push(path, '空にできません'); break;
      // (事務分類 names a page and its folder: a name of 90 kanji stopped the build with ENAMETOOLONG)
      case 'maxLength': push(path, `${params(e).limit} 文字までです（${[...String(value)].length} 文字あります）${path.at(-1) === '事務分類' ? '。事務分類は比較ページのアドレスとフォルダの名前になります。事務の短い名前（例: 国民年金）にしてください' : ''}`); break;
      default: push(path, e.message ?? '不正な値です');
    }
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

// 評価書番号: the printed number, or blank while a draft has none (never a regular expression).
const NUMBER_MESSAGE = (value: unknown) => typeof value === 'string' && /^draft-/i.test(value) ? `「${shown(value)}」はファイルの名前で、評価書番号ではありません（ページに評価書番号として出ます）。番号がまだ印字されていない案なら評価書番号は空欄にします（ファイルの名前は draft- で始めたままで構いません）` : `評価書番号${value === undefined ? 'の書き方が違います' : `${quoted(value && typeof value === 'object' ? JSON.stringify(value) : value, 'は')}使えません`}。表紙に印字された番号を半角英数字とハイフンで書いてください（例: 13、13-2。先頭はハイフン以外）。案で番号が印字されていないときは空欄にします`;

/** The repeating group's item schema when `value` is one of its entries written without 「- 」. */
function repeatItemWithoutDash(node: SchemaNode | undefined, value: unknown): SchemaNode | undefined {
  const r = resolve(node);
  if (!isRepeat(r) || !value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const item = childSchema(r, 0);
  const keys = Object.keys(value).filter((k) => k !== '記載状態' && k !== '注記');
  return keys.length && itemKeys(item).some((k) => keys.includes(k)) ? item : undefined;
}

/**
 * Where the form has `extra` when it is not allowed at `path`: one level deeper (under a child group
 * of `path`) or one level shallower (beside `path`'s group), and not written there already.
 */
function homeOf(root: SchemaNode, data: unknown, path: (string | number)[], extra: string): { path: (string | number)[]; deeper: boolean } | undefined {
  const schemaAt = (p: (string | number)[]) => p.reduce<SchemaNode | undefined>((s, k) => childSchema(s, k), resolve(root));
  const has = (p: (string | number)[]) => { const v = valueAt(data, p); return !!v && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, extra); };
  const holds = (p: (string | number)[]) => itemKeys(schemaAt(p)).includes(extra) && !has(p);
  let up = path.slice(0, -1);
  if (typeof path[path.length - 1] === 'number') up = path.slice(0, -2);
  if (path.length && holds(up)) return { path: up, deeper: false };
  for (const key of itemKeys(schemaAt(path))) {
    const child = [...path, key];
    const v = valueAt(data, child);
    if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) if (holds([...child, i])) return { path: [...child, i], deeper: true }; }
    else if (holds(child) && resolve(schemaAt(child))?.properties) return { path: child, deeper: true };
  }
  return undefined;
}

/** Every place of the form where a heading is an item (entries of a list as their first, 0). */
const places = new WeakMap<SchemaNode, Map<string, (string | number)[][]>>();
/** The other forms that have a heading `key` the form `root` has nowhere (none for the organisation schema). */
function otherFormsWith(root: SchemaNode, key: string): FormName[] {
  const form = FORM_NAMES.find((f) => FORM_SCHEMAS[f].schema === root);
  if (!form || placesOf(root, key).length) return [];
  return FORM_NAMES.filter((f) => f !== form && placesOf(FORM_SCHEMAS[f].schema, key).length);
}
function placesOf(root: SchemaNode, key: string): (string | number)[][] {
  let byKey = places.get(root);
  if (!byKey) {
    byKey = new Map();
    const found = byKey;
    walkForm(root, (v) => { if (typeof v.key === 'string' && !v.self) found.set(v.key, [...(found.get(v.key) ?? []), v.path]); });
    places.set(root, byKey);
  }
  return byKey.get(key) ?? [];
}
function movedMessage(root: SchemaNode, extra: string, at: (string | number)[][]): string {
  const parents = [...new Set(at.slice(0, 3).map((p) => (p.length > 1 ? `「${describe(root, p.slice(0, -1))}」の下` : '最上位（字下げなし）')))];
  return `「${extra}」はここの見出しではありません。${parents.join('、または ')}の見出しです。そこに移してください`;
}

function levelMessage(root: SchemaNode, extra: string, home: (string | number)[], deeper: boolean): string {
  const item = describe(root, [...home, extra]);
  const parent = home.length ? describe(root, home) : '';
  const where = parent ? `「${parent}」の下` : '最上位（字下げなし）';
  return `字下げが違います。「${extra}」${item && item !== extra ? `（${item}）` : ''}は${where}の見出しです。${deeper ? '1 段（空白 2 個）深く' : '1 段（空白 2 個）浅く'}字下げしてください`;
}

/** The line where a missing item belongs: after the nearest item before it that is there. */
function whereMissing(node: SchemaNode | undefined, value: unknown, path: (string | number)[], missing: string, parsed: ParsedYaml, lines: string[]): { line: number; col: number; hint: string } | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = itemKeys(node);
  const before = keys.slice(0, keys.indexOf(missing)).filter((k) => Object.hasOwn(value, k)).pop();
  if (before === undefined) {
    const after = keys.slice(keys.indexOf(missing) + 1).find((k) => Object.hasOwn(value, k));
    if (after === undefined) return undefined;
    return { ...parsed.locate([...path, after]), hint: `「${after}」の前（${parsed.locate([...path, after]).line} 行目）に` };
  }
  const at = parsed.locate([...path, before]);
  // The sibling's block ends before the next line indented no deeper than its key.
  let line = at.line + 1;
  while (line <= lines.length && (!lines[line - 1].trim() || /^\s*#/.test(lines[line - 1]) || /^ */.exec(lines[line - 1])![0].length >= at.col)) line++;
  // Blank lines and comments at the end of the block belong to what follows.
  while (line - 1 > at.line && (!lines[line - 2].trim() || /^\s*#/.test(lines[line - 2]))) line--;
  line = Math.min(line, lines.length);
  return { line, col: at.col, hint: `「${before}」の後（${line} 行目）に` };
}

/** A note (answers that contradict each other: told, not an error) as the CLI prints it: the problem's
 * form with 「[注意]」 before the item, so that a reader and the pull-request check tell it apart. */
export const formatNote = (p: Problem): string => formatProblem({ ...p, item: `[注意] ${p.item}` });

/** The one-line form printed by the CLI: `path:LINE:COL  Ⅱ 3. ④ 入手に係る妥当性: message`. A line
 * break or control character in a file name or value is shown escaped, so one problem is one line. */
export function formatProblem(p: Problem): string {
  return visible(`${p.file}:${p.line}:${p.col}  ${p.item ? `${p.item}: ` : ''}${p.message}`);
}
