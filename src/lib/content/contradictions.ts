// Answers of one report that contradict each other, found through the schema's annotations
// (x-only-when, x-not-when, x-count-of, x-none): 委託事項 listed under 「委託しない」, 委託の件数 2 with three
// 委託事項, 「行っていない」 ticked with 「提供を行っている」. These are notes, not errors: a report is
// transcribed as printed, and a printed report can contradict itself. A clerk is told, so that a slip
// (an entry copied from last year, a choice not updated) is not published unseen. An answer that is not
// known (blank, 原文欠落, 判読不能, 不確実) contradicts nothing. Pure.
import { answerBranch, childSchema, groupItems, resolve, type SchemaNode } from '../form/form-schema.ts';
import { isMarker, statesAnything, statesKnownAnswer } from '../form/answer-kinds.ts';
import { dateWithin } from '../form/wareki.ts';

export interface Contradiction {
  /** Data path of the item the note is about (the later of the two). */
  path: (string | number)[];
  message: string;
}

const KEEP = '原本のとおりなら、このままでかまいません（転記の誤りなら、どちらかを直してください）';

/** The boxes a check-box answer ticks (「- 提供を行っている: 3」 ticks 提供を行っている), or undefined. */
const ticked = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.flatMap((x) => (typeof x === 'string' ? [x] : x && typeof x === 'object' && !Array.isArray(x) ? Object.keys(x) : [])) : undefined;

/** A known answer as text (a choice), or its ticked boxes; undefined when it is not known or blank. */
function knownAnswer(v: unknown): string | string[] | undefined {
  if (v === null || v === undefined || v === '' || isMarker(v)) return undefined;
  if (typeof v === 'string') return v;
  const boxes = ticked(v);
  return boxes?.length ? boxes : undefined;
}

/** The number written with a ticked box (「- 提供を行っている: 3」), if that box is ticked with one. */
function boxCount(v: unknown, box: string): number | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const x of v) {
    if (!x || typeof x !== 'object' || Array.isArray(x) || !(box in x)) continue;
    const n = (x as Record<string, unknown>)[box];
    if (typeof n === 'number' && Number.isInteger(n)) return n;
    if (typeof n === 'string' && /^[0-9]+$/.test(n)) return Number(n);
  }
  return undefined;
}

/** How much of an item is written: the entries of a list that state anything (an entry left as the
 * template prints it is none, and one marked as a whole, 原文欠落, is not known), 1 for a text or
 * answer, 0 for a blank. */
function written(v: unknown): number {
  if (Array.isArray(v)) return v.filter((x) => statesAnything(x) && !isMarker(x)).length;
  if (v === null || v === undefined || isMarker(v)) return 0;
  return typeof v === 'string' ? (v.trim() ? 1 : 0) : 1;
}

/** Whether an item written only when a sibling answer is given (x-only-when: 提供先 when 提供を行っている)
 * has that sibling answered, and otherwise (「行っていない」): the report states there is none. */
export function answeredOtherwise(node: SchemaNode | undefined, group: unknown): boolean {
  const only = resolve(node)?.['x-only-when'];
  if (!only || !group || typeof group !== 'object' || Array.isArray(group)) return false;
  return Object.entries(only).some(([other, yes]) => {
    const answer = knownAnswer((group as Record<string, unknown>)[other]);
    return answer !== undefined && !(Array.isArray(answer) ? answer.includes(yes) : answer === yes);
  });
}

const titleOf = (node: SchemaNode | undefined, key: string) => resolve(node)?.title ?? key;
const shownAnswer = (a: string | string[]) => (Array.isArray(a) ? a.map((x) => `「${x}」`).join('') + 'に印' : `「${a}」`);

/** Every contradiction in a report's data, in the order of the form. Only the parts of the form that
 * hold an item the schema annotates are walked (a few groups of a report of thousands of items). */
export function contradictions(data: unknown, root: SchemaNode): Contradiction[] {
  const out: Contradiction[] = [];
  const path: (string | number)[] = [];
  const walk = (value: unknown, node: SchemaNode | undefined) => {
    if (Array.isArray(value)) {
      const items = childSchema(node, 0);
      if (!holdsAnnotation(items)) return;
      value.forEach((v, i) => { path.push(i); walk(v, items); path.pop(); });
      return;
    }
    if (!value || typeof value !== 'object' || isMarker(value)) return;
    const props = groupItems(node);
    if (!props) return;
    const group = value as Record<string, unknown>;
    for (const [key, v] of Object.entries(group)) {
      const child = resolve(props[key]);
      if (!child || !holdsAnnotation(child)) continue;
      path.push(key);
      checkItem(group, props, key, child, v, [...path], out);
      walk(v, child);
      path.pop();
    }
  };
  walk(data, root);
  return out;
}

const annotated = new WeakMap<SchemaNode, boolean>();
/** Whether an item of the form, or one below it, carries an annotation read here. */
function holdsAnnotation(node: SchemaNode | undefined): boolean {
  const n = resolve(node);
  if (!n) return false;
  const known = annotated.get(n);
  if (known !== undefined) return known;
  annotated.set(n, false); // (the forms are trees: this only stops a schema that refers to itself)
  const branch = answerBranch(n);
  const below = [...Object.values(groupItems(n) ?? {}), childSchema(n, 0)];
  const holds = Boolean(n['x-only-when'] || n['x-not-when'] || n['x-count-of'] || n['x-none'] || branch?.['x-none'] || n['x-kind'] === 'flexdate') || below.some((c) => holdsAnnotation(c));
  annotated.set(n, holds);
  return holds;
}

function checkItem(group: Record<string, unknown>, props: Record<string, SchemaNode>, key: string, node: SchemaNode, v: unknown, path: (string | number)[], out: Contradiction[]) {
  const title = titleOf(node, key);
  for (const [other, yes] of Object.entries(node['x-only-when'] ?? {})) {
    const answer = knownAnswer(group[other]);
    const n = written(v);
    if (answer === undefined || !n || (Array.isArray(answer) ? answer.includes(yes) : answer === yes)) continue;
    const what = Array.isArray(v) ? `${title}が ${n} 件書かれています` : `「${title}」に記載があります`;
    out.push({ path, message: `「${titleOf(props[other], other)}」は${shownAnswer(answer)}ですが、${what}（${title}は「${yes}」のときに書く項目です）。${KEEP}` });
  }
  // (the box the list belongs to, ticked with its number, and more entries than it: 「- 移転を行っている:
  // 5」 and six 移転先, one pasted twice. Fewer is how reports print a long list: the main ones, 「別紙」)
  for (const [other, yes] of Object.entries(node['x-only-when'] ?? {})) {
    const count = boxCount(group[other], yes);
    if (count === undefined || !Array.isArray(v) || written(v) <= count) continue;
    out.push({ path, message: `「${titleOf(props[other], other)}」の「${yes}」は ${count} 件ですが、${title}は ${written(v)} 件書かれています。${KEEP}` });
  }
  // (a section's switch ticked, 「委託しない」, and one of the items the form then does not ask answered)
  for (const [other, value] of Object.entries(node['x-not-when'] ?? {})) {
    // (a dash alone says none, and an answer not known contradicts nothing)
    if (group[other] !== value || !statesKnownAnswer(v)) continue;
    out.push({ path, message: `「${titleOf(props[other], other)}」に印がありますが、「${title}」に記載があります（印があるときは答えない項目です）。${KEEP}` });
  }
  const counted = node['x-count-of'];
  if (counted && typeof v === 'number' && Array.isArray(group[counted]) && written(group[counted]) !== v) {
    out.push({ path, message: `${title}は ${v} 件ですが、${titleOf(props[counted], counted)}は ${written(group[counted])} 件書かれています。${KEEP}` });
  }
  // (a date kept with its printed words: the words and the date say the same day)
  if (node['x-kind'] === 'flexdate' && v && typeof v === 'object' && !isMarker(v)) {
    const { 表記: shown, 日付: date } = v as Record<string, unknown>;
    const read = typeof shown === 'string' ? dateWithin(shown) : null;
    if (read && typeof date === 'string' && !date.startsWith(read) && !read.startsWith(date)) {
      out.push({ path, message: `表記「${shown}」は ${read} と読めますが、日付は ${date} です。${KEEP}` });
    }
  }
  const none = answerBranch(node)?.['x-none'] ?? node['x-none'];
  const boxes = none ? ticked(v) : undefined;
  if (none && boxes?.includes(none) && boxes.length > 1) {
    out.push({ path, message: `「${none}」と${boxes.filter((b) => b !== none).map((b) => `「${b}」`).join('')}の両方に印があります。${KEEP}` });
  }
}
