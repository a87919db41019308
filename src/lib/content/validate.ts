// Validates report and organisation YAML against the JSON Schemas and turns every problem into one
// Japanese line that names the file, the line and the official item (「Ⅱ (1) 3. ④ 入手に係る妥当性」).
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { COMMON_SCHEMA, FORM_NAMES, FORM_SCHEMAS, ORGANISATION_SCHEMA, answerBranch, childSchema, describe, formOf, forValidator, itemKeys, resolve, type FormName, type SchemaNode } from '../form/form-schema.ts';
import { isIsoDateOrMonth, parseJapaneseDate } from '../form/wareki.ts';
import { decodeUtf8, readYaml, type ParsedYaml } from './yaml-source.ts';
import { closest } from './suggest.ts';
import { ANNOTATIONS } from '../form/schema-node.ts';
import { kindTypeMessage } from '../form/answer-kinds.ts';
import { forbiddenCharacter, forbiddenCharacterMessage, isPlainEmail, isWebUrl, shown, visible } from './value-rules.ts';

export interface Problem { file: string; line: number; col: number; item: string; message: string }
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

let compiled: { forms: Record<FormName, ValidateFunction>; organisation: ValidateFunction } | undefined;
function validators() {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  addFormats(ajv, ['date']);
  // The same rules as every consumer of these values (value-rules.ts), not ajv-formats' looser ones.
  ajv.addFormat('uri', { type: 'string', validate: isWebUrl });
  ajv.addFormat('email', { type: 'string', validate: isPlainEmail });
  ajv.addFormat('iso-date-or-month', { type: 'string', validate: isIsoDateOrMonth });
  ajv.addFormat('lg-code', { type: 'string', validate: isLgCode });
  for (const k of Object.keys(ANNOTATIONS)) ajv.addKeyword({ keyword: k });
  ajv.addSchema(forValidator(COMMON_SCHEMA), 'common.schema.json');
  const forms = {} as Record<FormName, ValidateFunction>;
  for (const name of FORM_NAMES) {
    const { file, schema } = FORM_SCHEMAS[name];
    forms[name] = ajv.compile({ ...forValidator(schema), $id: file });
  }
  compiled = { forms, organisation: ajv.compile({ ...ORGANISATION_SCHEMA, $id: 'organisation.schema.json' }) };
  return compiled;
}

/** The largest content file accepted: ten times the largest real report (0.23 MB), far below what would slow the build. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export function sizeProblem(file: string, size: number): Problem | undefined {
  if (size <= MAX_FILE_BYTES) return undefined;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return { file, line: 1, col: 1, item: '', message: `ファイルが大きすぎます（${mb(size)} MB）。1 ファイル ${mb(MAX_FILE_BYTES)} MB までです。評価書 1 件を 1 ファイルにしているか確認してください` };
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
  if (parsed.problems.length) return { problems: parsed.problems.map((p) => ({ file, item: '', ...p })) };
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { problems: [{ file, line: 1, col: 1, item: '', message: '見出しと値の組（「見出し: 値」）の形で書いてください' }] };
  }
  const badText = forbiddenText(file, data, kind === 'organisation' ? ORGANISATION_SCHEMA : FORM_SCHEMAS[formOf(data) ?? FORM_NAMES[0]].schema, parsed);
  if (badText.length) return { problems: badText };
  if (kind === 'organisation') {
    const v = validators().organisation;
    v(data);
    return { problems: explain(file, v.errors ?? [], data, ORGANISATION_SCHEMA, parsed), data, locate: parsed.locate };
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
  const v = validators().forms[form];
  v(data);
  const problems = explain(file, v.errors ?? [], data, FORM_SCHEMAS[form].schema, parsed);
  const category = (data as Record<string, unknown>)['事務分類'];
  if (typeof category === 'string' && !problems.some((p) => p.item === '事務分類') && !isUrlSegment(category)) {
    problems.push({ file, ...parsed.locate(['事務分類']), item: '事務分類', message: `「${shown(category, 40)}」は使えません。事務分類は比較ページの URL（/compare/事務分類/）になるため、「/ \\ ? # %」、制御文字、「.」「..」だけの名前は書けません` });
  }
  return { problems, data, locate: parsed.locate };
}

/** A 事務分類 becomes one path segment of a URL (/compare/<事務分類>/): nothing that would split or escape it. */
function isUrlSegment(s: string): boolean {
  return !/[\/\\?#%\p{Cc}\p{Cf}]/u.test(s) && s.trim() !== '.' && s.trim() !== '..';
}

/** One problem for each string (value or key) holding a control character, NUL or noncharacter. */
function forbiddenText(file: string, data: unknown, root: SchemaNode, parsed: ParsedYaml): Problem[] {
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
const valueAt = (data: unknown, path: (string | number)[]) => path.reduce<unknown>(child, data);

/** The parameters ajv reports for the keywords explained below. */
interface ErrorParams { additionalProperty?: string; missingProperty?: string; allowedValues?: unknown[]; allowedValue?: unknown; type?: string; format?: string; pattern?: string; limit?: number }
const params = (e: ErrorObject) => e.params as ErrorParams;
const MARKER_HINT = '記載状態は「原文欠落」「判読不能」「不確実」のいずれかです';

function explain(file: string, errors: ErrorObject[], data: unknown, root: SchemaNode, parsed: ParsedYaml): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const schemaAt = (path: (string | number)[]) => path.reduce<SchemaNode | undefined>((s, k) => childSchema(s, k), resolve(root));
  const push = (path: (string | number)[], message: string, itemPath = path) => {
    const at = parsed.locate(path);
    const item = describe(root, itemPath);
    const key = `${at.line}:${at.col}:${item}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ file, line: at.line, col: at.col, item, message });
  };
  // Errors from inside a leaf's 記載状態 branch say nothing useful on their own: report the leaf once.
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'else' || e.keyword === 'then') continue;
    const path = pathOf(e.instancePath, data);
    const value = valueAt(data, path);
    const node = schemaAt(path);
    const kind: string | undefined = node?.['x-kind'];
    if (kindTypeMessage(kind) && value && typeof value === 'object' && !Array.isArray(value) && (e.keyword === 'required' || e.keyword === 'additionalProperties' || e.keyword === 'minProperties')) {
      const extra = e.keyword === 'additionalProperties' ? `（「${shown(params(e).additionalProperty)}」は使えません）` : '';
      push(path, `${kindTypeMessage(kind)}。原文に欠落などがある場合は「記載状態:」を書きます${extra}。${MARKER_HINT}`);
      continue;
    }
    switch (e.keyword) {
      case 'required': {
        const missing = params(e).missingProperty as string;
        if (missing === '記載状態' && Array.isArray(value)) continue; // arrays: the object branch only
        push(path, `必須の項目「${missing}」がありません。記載がない場合も「${missing}:」の行を書き、値を空にしてください`, [...path, missing]);
        break;
      }
      case 'additionalProperties': {
        const extra = params(e).additionalProperty as string;
        if (Array.isArray(value)) continue;
        const r = resolve(node);
        const allowed = [r, answerBranch(r), ...(r?.anyOf ?? []).map(resolve)].flatMap((n) => Object.keys(n?.properties ?? {}));
        const hint = closest(extra, allowed.length ? allowed : itemKeys(node));
        push([...path, extra], `「${shown(extra)}」はこの様式にない見出しです` + (hint ? `。もしかして「${hint}」？` : ''), path);
        break;
      }
      case 'enum': {
        const allowed = params(e).allowedValues as unknown[];
        const hint = typeof value === 'string' ? closest(value, allowed.map(String)) : undefined;
        push(path, `「${shown(value)}」は選択肢にありません` + (hint ? `。もしかして「${hint}」？` : '') + ` 選択肢: ${allowed.map((a) => `「${a}」`).join(' ')}`);
        break;
      }
      case 'const':
        push(path, `「${String(params(e).allowedValue)}」と書いてください`);
        break;
      case 'type': {
        if (Array.isArray(value) && node && resolve(node)?.items === undefined) { push(path, kindTypeMessage(kind) ?? '一覧（- で始まる行）ではなく、見出しと値で書いてください'); break; }
        const expected = String(params(e).type);
        let message = kindTypeMessage(kind);
        if (!message) message = expected.includes('array') ? '「- 」で始まる行の一覧で書いてください'
          : expected.includes('object') ? 'この項目は下に見出しを持つ項目です。字下げして各項目を書いてください'
          : expected.includes('integer') ? '整数で書いてください' : expected.includes('string') ? 'テキスト（文字列）で書いてください' : `型が違います（${expected}）`;
        push(path, message);
        break;
      }
      case 'format': {
        const fmt = params(e).format as string;
        if (fmt === 'date' || fmt === 'iso-date-or-month') {
          const iso = typeof value === 'string' ? parseJapaneseDate(value) : null;
          push(path, `「${shown(value)}」は日付として読めません。YYYY-MM-DD の形式で書いてください` + (iso ? `（「${shown(value)}」なら ${iso}）` : '（例: 2025-04-25）'));
        } else if (fmt === 'lg-code') push(path, `全国地方公共団体コード「${shown(value)}」の検査数字（6 桁目）が合いません`);
        else if (fmt === 'uri') push(path, URL_MESSAGE(value));
        else if (fmt === 'email') push(path, `「${shown(value)}」はメールアドレスとして読めません。「iken@city.example.jp」のような宛先 1 つだけを書いてください`);
        else push(path, `形式が違います（${fmt}）`);
        break;
      }
      case 'pattern':
        // A regular expression means nothing to staff: each pattern gets a sentence (a URL's pattern
        // gives the same message as its format, so the two errors make one line).
        if (node?.format === 'iso-date-or-month' || kind === 'flexdate') push(path, `「${shown(value)}」は日付として読めません。YYYY-MM-DD か YYYY-MM で書いてください`);
        else if (node?.format === 'uri') push(path, URL_MESSAGE(value));
        else if (path[path.length - 1] === '評価実施機関') push(path, `「${shown(value)}」: 機関ファイル名は半角英小文字・数字・ハイフンで書いてください（例: kumamoto-shi）`);
        else if (path[path.length - 1] === '全国地方公共団体コード') push(path, '全国地方公共団体コードは 6 桁の数字を引用符「"」で囲んで書いてください（例: "431001"）');
        else if (path[path.length - 1] === '評価書番号') push(path, `評価書番号「${shown(value)}」には半角英数字とハイフンだけが使えます`);
        else if (/^\^\[0-9\]\+\$$/.test(String(params(e).pattern))) push(path, `「${shown(value)}」: 半角数字だけで書いてください`);
        else push(path, `「${shown(value)}」は書き方が違います`);
        break;
      case 'maxItems': push(path, `様式の欄は ${params(e).limit} 件までです`); break;
      case 'minItems': push(path, `少なくとも ${params(e).limit} 件書いてください`); break;
      case 'uniqueItems': push(path, '同じ項目が 2 回書かれています'); break;
      case 'minProperties': case 'maxProperties':
        push(path, '「その他（…）」などの記入欄は「- その他: 内容」の形で 1 行に 1 つ書いてください'); break;
      case 'minimum': push(path, `${params(e).limit} 以上の数を書いてください`); break;
      case 'minLength': push(path, '空にできません'); break;
      default: push(path, e.message ?? '不正な値です');
    }
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

const URL_MESSAGE = (value: unknown) => `「${shown(value)}」は URL として読めません（https:// で始まる、ブラウザーで開ける URL を書いてください）`;

/** The one-line form printed by the CLI: `path:LINE:COL  Ⅱ 3. ④ 入手に係る妥当性: message`. A line
 * break or control character in a file name or value is shown escaped, so one problem is one line. */
export function formatProblem(p: Problem): string {
  return visible(`${p.file}:${p.line}:${p.col}  ${p.item ? `${p.item}: ` : ''}${p.message}`);
}
