// A value as one line of plain text, as the page shows it: for 変更箇所 cells, CSV and comparisons.
import type { Node, Value } from './report-tree.ts';
import { headingOf, printedLabel } from './report-tree.ts';

export const EMPTY = '(空白)';

export function plainValue(v: Value | undefined): string {
  if (!v) return EMPTY;
  switch (v.type) {
    case 'blank': return EMPTY;
    case 'marker': return `［${v.marker.state}］${v.marker.raw ?? ''}`.trim();
    case 'text': return v.text;
    case 'choice': return v.selected;
    case 'checks': {
      const on = v.groups.flatMap((g) => g.boxes).filter((b) => b.checked)
        .map((b) => b.detail === undefined ? b.label : b.count ? `${b.label}（${b.detail}）件` : `${b.label}（${b.detail}）`);
      return on.length ? on.join('、') : 'チェックなし';
    }
    case 'date': return v.wareki;
    case 'printed-date': return v.text;
    case 'count': return `${v.count}件`;
    case 'switch': return v.checked ? `［チェックあり］${v.label}` : `［チェックなし］${v.label}`;
  }
}

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
