// A heading indented into the 「|」 text above it is read as a line of that text: YAML accepts it,
// the page would print 「注記: …」 inside the other item, and the heading itself would be missing (a
// required one got a 「missing」 message that pointed at a line the clerk had written). Found here from
// the data and the schema: a line of a text that begins 「見出し:」 with a heading of the same group (or
// of the group around it, one level up) that the group does not have. A real text may well hold such a line, but not
// with a heading of its own form that is absent where the text stands. Pure.
import { childSchema, groupItems, resolve, type SchemaNode } from '../form/form-schema.ts';

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
