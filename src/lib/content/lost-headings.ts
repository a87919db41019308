// A heading line deleted on its own (「特定個人情報ファイル記録項目:」) leaves its entries at the
// indentation of the item above it, and YAML reads them as more entries of that item: Ⅱ got three
// more 特定個人情報ファイル, each told of six missing items, and the heading was reported missing.
// Found here from the data and the schema: a group lacks a heading, and the item written before it
// ends with entries (or keys) that are the missing heading's and not its own. Pure.
import { childSchema, groupItems, type SchemaNode } from '../form/form-schema.ts';

export interface LostHeading {
  /** Data path of the group, the missing heading, and the item its entries were read into. */
  group: (string | number)[];
  heading: string;
  into: string;
  /** The first entry (a list's index) or key (a group's) that belongs to the heading. */
  from: number | string;
  /** How many entries or keys were read into `into`. */
  count: number;
}

const isGroup = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
/** Whether an entry is the heading's, not the item's own: it has an item only the heading has and
 * none that only the item has (a key of neither, a slip of its own, does not decide). */
const strayEntry = (entry: unknown, mine: Record<string, SchemaNode> | undefined, theirs: Record<string, SchemaNode> | undefined) => {
  if (!isGroup(entry) || !theirs) return false;
  const only = (k: string, a: Record<string, SchemaNode> | undefined, b: Record<string, SchemaNode> | undefined) => !!a && Object.hasOwn(a, k) && !(b && Object.hasOwn(b, k));
  const keys = Object.keys(entry);
  return keys.some((k) => only(k, theirs, mine)) && !keys.some((k) => only(k, mine, theirs));
};

/** Every heading missing from its group whose entries were read into the item written before it. */
export function lostHeadings(data: unknown, root: SchemaNode): LostHeading[] {
  const out: LostHeading[] = [];
  const path: (string | number)[] = [];
  const walk = (value: unknown, node: SchemaNode | undefined) => {
    if (Array.isArray(value)) {
      const items = childSchema(node, 0);
      value.forEach((v, i) => { path.push(i); walk(v, items); path.pop(); });
      return;
    }
    if (!isGroup(value)) return;
    const props = groupItems(node);
    if (!props) return;
    const order = Object.keys(props);
    for (const [i, heading] of order.entries()) {
      if (Object.hasOwn(value, heading) || i === 0) continue;
      // (the item written just before it, in the form's order: where its lines were read)
      const into = order.slice(0, i).reverse().find((k) => Object.hasOwn(value, k));
      const found = into && strayEnd(value[into], props[into], props[heading]);
      if (found) out.push({ group: [...path], heading, into, ...found });
    }
    for (const [key, v] of Object.entries(value)) { path.push(key); walk(v, props[key]); path.pop(); }
  };
  walk(data, root);
  return out;
}

/** The entries (or keys) at the end of `value` that are the heading's and not the item's own. */
function strayEnd(value: unknown, own: SchemaNode | undefined, heading: SchemaNode | undefined): { from: number | string; count: number } | undefined {
  if (Array.isArray(value)) {
    const mine = groupItems(childSchema(own, 0));
    const theirs = groupItems(childSchema(heading, 0));
    let from = value.length;
    while (from > 0 && strayEntry(value[from - 1], mine, theirs)) from--;
    return from < value.length ? { from, count: value.length - from } : undefined;
  }
  if (!isGroup(value)) return undefined;
  const mine = groupItems(own);
  const theirs = groupItems(heading);
  if (!mine || !theirs) return undefined;
  const keys = Object.keys(value);
  let from = keys.length;
  while (from > 0 && Object.hasOwn(theirs, keys[from - 1]) && !Object.hasOwn(mine, keys[from - 1])) from--;
  return from < keys.length ? { from: keys[from], count: keys.length - from } : undefined;
}
