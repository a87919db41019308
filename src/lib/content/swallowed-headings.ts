// A heading indented into the 「|」 text above it is read as a line of that text: YAML accepts it,
// the page would print 「注記: …」 inside the other item, and the heading itself would be missing (a
// required one got a 「missing」 message that pointed at a line the clerk had written). Found here from
// the data and the schema: a line of a text that begins 「見出し:」 with a heading of the same group (or
// of the group around it, one level up) that the group does not have. A real text may well hold such a line, but not
// with a heading of its own form that is absent where the text stands. Pure.
import { childSchema, classify, groupItems, resolve, type SchemaNode } from '../form/form-schema.ts';

export interface SwallowedHeading {
  /** Data path of the text that holds the line. */
  text: (string | number)[];
  /** Data path of the group the heading belongs to, and the heading. */
  group: (string | number)[];
  heading: string;
  /** 0-based line of the text where it stands, and what the line holds. */
  lineInText: number;
  line: string;
}

// (「見出し:」 as YAML writes it, half-width 「:」 then a blank or the line's end: a text copied from a
// PDF writes 「見出し：」)
const HEADING_LINE = /^[ \u3000]*([^\s:：#\-|>][^:\n]*?):(?:[ \t]|$)/u;
/** Bookkeeping keys every group may carry (記載状態, 注記): a text may well begin a line 「注記:」. */
const NOT_HEADINGS = new Set(['記載状態', '注記']);


/** A group around a text: its data and schema, and (worked out only for a text that may hold such a
 * line) where it is and the headings it lacks. */
interface Frame { value: object; props: Record<string, SchemaNode>; /** how many segments of the walk's path are the group's */ depth: number; lacking?: Set<string> }
const lackingOf = (f: Frame) => (f.lacking ??= new Set(Object.keys(f.props).filter((k) => !NOT_HEADINGS.has(k) && !Object.hasOwn(f.value, k))));

/** Every line of a multi-line text that is a heading missing from its group or a group around it. */
export function swallowedHeadings(data: unknown, root: SchemaNode): SwallowedHeading[] {
  const out: SwallowedHeading[] = [];
  const path: (string | number)[] = [];
  const frames: Frame[] = [];
  const walk = (value: unknown, node: SchemaNode | undefined) => {
    if (Array.isArray(value)) {
      const items = childSchema(node, 0);
      value.forEach((v, i) => { path.push(i); walk(v, items); path.pop(); });
      return;
    }
    if (!value || typeof value !== 'object') return;
    // (a mapping the form does not describe item by item, such as a 記載状態 object, lacks nothing
    // itself; its texts are still looked at for the groups around it)
    // (a group marked as a whole, 記載状態: 原文欠落, may lack any of its items: it lacks nothing here)
    const props = Object.hasOwn(value, '記載状態') ? undefined : groupItems(node);
    if (props) frames.push({ value, props, depth: path.length });
    for (const [key, v] of Object.entries(value)) {
      path.push(key);
      // (only a text with a line break and a half-width 「:」 can hold such a line: most have neither; a
      // heading further out than the group around the text's own is no slip of one indentation)
      if (typeof v === 'string') {
        if (v.includes('\n') && v.includes(':')) findIn(v, path, frames.slice(-2), out);
      } else walk(v, props ? resolve(props[key]) : undefined);
      path.pop();
    }
    if (props) frames.pop();
  };
  walk(data, root);
  return out;
}

function findIn(text: string, at: readonly (string | number)[], around: Frame[], out: SwallowedHeading[]) {
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = HEADING_LINE.exec(line);
    if (!m) return;
    // (the innermost group that lacks it: a heading of this group before one of a group around it)
    for (let g = around.length - 1; g >= 0; g--) {
      if (!lackingOf(around[g]).has(m[1])) continue;
      out.push({ text: [...at], group: at.slice(0, around[g].depth), heading: m[1], lineInText: i, line });
      return;
    }
  });
}

/** A list item whose heading line was deleted below a 「|」 text: its 「- 」 lines read as the text's last lines. */
export interface SwallowedList {
  /** Data path of the text that holds the lines. */
  text: (string | number)[];
  /** The group, and the list item it lacks (a check-box list or a repeating group). */
  group: (string | number)[];
  heading: string;
  /** How many of the text's lines (its last ones, blank ones included) are the list's. */
  lines: number;
}

/**
 * Every text that ends in 「- 」 lines (a line 「- …」 and only such lines, or lines deeper than it,
 * after it) where the item after it in the form, a list, is missing from its group: its heading
 * line was deleted, and its entries were read as lines of the text above (「システムの機能: |-」
 * followed by 「- 情報提供ネットワークシステム」). A text may well end in 「- 」 lines; not with the list
 * after it missing. Pure.
 */
export function swallowedLists(data: unknown, root: SchemaNode): SwallowedList[] {
  const out: SwallowedList[] = [];
  const walk = (value: unknown, node: SchemaNode | undefined, path: (string | number)[]) => {
    if (Array.isArray(value)) { value.forEach((v, i) => walk(v, childSchema(node, i), [...path, i])); return; }
    if (!value || typeof value !== 'object') return;
    const props = Object.hasOwn(value, '記載状態') ? undefined : groupItems(node);
    const keys = props ? Object.keys(props) : [];
    for (const [i, key] of keys.entries()) {
      const text = (value as Record<string, unknown>)[key];
      const next = keys[i + 1];
      if (typeof text !== 'string' || next === undefined || Object.hasOwn(value, next) || NOT_HEADINGS.has(next)) continue;
      const cls = classify(props![next]);
      if (cls !== 'repeat' && resolve(props![next])?.['x-kind'] !== 'checks') continue;
      const lines = listAtEnd(text);
      if (lines) out.push({ text: [...path, key], group: path, heading: next, lines });
    }
    for (const [key, v] of Object.entries(value)) if (typeof v === 'object') walk(v, props ? resolve(props[key]) : undefined, [...path, key]);
  };
  walk(data, root, []);
  return out;
}

/** How many of a text's last lines are a 「- 」 list: a line 「- …」 and, after it, only blank lines,
 * lines 「- …」 at its indentation, and lines deeper than it (an entry's other keys). */
function listAtEnd(text: string): number {
  const lines = text.replace(/\n+$/, '').split('\n');
  const indent = (l: string) => /^ */.exec(l)![0].length;
  let start = -1;
  for (const [i, line] of lines.entries()) {
    const dash = /^ *- \S/.test(line);
    if (start >= 0 && (!line.trim() || indent(line) > indent(lines[start]) || (dash && indent(line) === indent(lines[start])))) continue;
    start = dash ? i : -1;
  }
  return start < 0 ? 0 : lines.length - start;
}
