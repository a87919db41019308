// A node of the render tree as plain text (a value alone: plainValue in form/answer-kinds.ts).
import type { Node } from './report-tree.ts';
import { plainValue } from '../form/answer-kinds.ts';

export { EMPTY, plainValue } from '../form/answer-kinds.ts';
import { headingOf, printedLabel } from './report-tree.ts';

/** A whole group (an inserted or removed システム, 委託事項, 提供先 …) as readable lines. */
export function plainNode(n: Node): string {
  const lines: string[] = [];
  const visit = (x: Node, depth: number) => {
    const label = printedLabel(x);
    if (x.value || x.children.length === 0) lines.push(`${'　'.repeat(depth)}${label}: ${plainValue(x.value ?? (x.marker ? { type: 'marker', marker: x.marker } : undefined))}`);
    else lines.push(`${'　'.repeat(depth)}${label}`);
    for (const c of x.children) visit(c, depth + 1);
  };
  if (n.kind === 'entry' && n.label) lines.push(headingOf(n));
  for (const c of n.children) visit(c, 0);
  return lines.join('\n');
}
