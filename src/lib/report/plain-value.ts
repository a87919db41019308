// A node of the render tree as plain text (a value alone: plainValue in form/answer-kinds.ts).
import type { Node } from './report-tree.ts';
import { plainValue } from '../form/answer-kinds.ts';

export { EMPTY, plainValue } from '../form/answer-kinds.ts';
import { headingOf, printedLabel } from './report-tree.ts';

/** An entry's name as the report gives it: as written, or as marked (［不確実］…, ［原文欠落］); empty
 * when nothing is written. */
export const entryName = (n: Node): string => n.label || (n.nameValue && n.nameValue.type !== 'blank' ? plainValue(n.nameValue) : '');
/** entryName, or for an entry marked as a whole (「- 記載状態: 原文欠落」) its marker: its name is not
 * known, not left blank. */
export const entryNameOrMarker = (n: Node): string => entryName(n) || (n.marker ? plainValue({ type: 'marker', marker: n.marker }) : '');

/** An entry named for a reader who cannot see where it stands (a comment about 「委託事項2」 must still
 * name it when the entries move): its number and its name, 「委託事項2「封入・発送」」; undefined when
 * the report gives it no name. */
export const entryMention = (n: Node): string | undefined => {
  // (one line, as a mail subject must be; a long name is cut: the number and its start identify it)
  const name = entryNameOrMarker(n).replace(/\s+/g, ' ').trim();
  if (!name || name === n.number) return undefined;
  const chars = [...name];
  return `${n.number}「${chars.length > MENTION_CHARS ? `${chars.slice(0, MENTION_CHARS).join('')}…` : name}」`;
};
const MENTION_CHARS = 40;

/** A whole group (an inserted or removed システム, 委託事項, 提供先 …) as readable lines. */
export function plainNode(n: Node): string {
  const lines: string[] = [];
  const visit = (x: Node, depth: number) => {
    const label = printedLabel(x);
    if (x.value || x.children.length === 0) lines.push(`${'　'.repeat(depth)}${label}: ${plainValue(x.value ?? (x.marker ? { type: 'marker', marker: x.marker } : undefined))}`);
    else lines.push(`${'　'.repeat(depth)}${label}`);
    for (const c of x.children) visit(c, depth + 1);
  };
  // An entry's heading: its number and name, the name as written when it is marked (［不確実］…), and the
  // entry's own marker when it is marked as a whole (「委託事項2 ［判読不能］」).
  if (n.kind === 'entry') {
    const name = entryName(n);
    const own = n.marker ? plainValue({ type: 'marker', marker: n.marker }) : '';
    const head = [name ? headingOf({ ...n, label: name }) : n.number, own].filter(Boolean).join(' ');
    if (head && (name || own)) lines.push(head);
  }
  for (const c of n.children) visit(c, 0);
  return lines.join('\n');
}
