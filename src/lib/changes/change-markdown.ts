// 変更箇所 rows as a Markdown table (GFM) for the pull-request preview.
import { unified } from 'unified';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import type { List, Paragraph, PhrasingContent, Root, RootContent, Strong, TableCell, TableRow } from 'mdast';
import type { ChangeRow, TrailerProblem } from './change-rows.ts';
import { segmentDiff, SPACING_ONLY_NOTE, spacingOnly, type Run } from './segment-diff.ts';
import { cell, COLUMNS, FLAGGED_NOTE, trailerMessages } from './change-format.ts';

/** Where a cell's line breaks are: a Markdown table cell is one line, so breaks are written <br>. */
export const CELL_BREAK = '<br>';
/** Text as table-cell content: line breaks become <br> (the only HTML the preview writes). */
function cellText(text: string): PhrasingContent[] {
  return text.split(/\r?\n/).flatMap((line, i): PhrasingContent[] => [...(i ? [{ type: 'html', value: CELL_BREAK } as const] : []), ...(line ? [{ type: 'text', value: line } as const] : [])]);
}
/** 変更前/変更後 with the words that changed in bold (only when some words stayed the same). */
function diffCell(runs: Run[]): PhrasingContent[] {
  return runs.flatMap((r) => {
    if (!r.changed || !/\S/.test(r.text)) return cellText(r.text);
    // Punctuation (and blanks) at either end stays outside the bold: 「**…、**その他」 is no closing
    // 「**」 in Markdown, and remark wrote the next letter as a character reference (&#x305D;) to make
    // it one, which a terminal shows as such.
    const m = /^([\p{P}\s]*)([\s\S]*?)([\p{P}\s]*)$/u.exec(r.text)!;
    if (!m[2]) return cellText(r.text);
    return [...(m[1] ? cellText(m[1]) : []), { type: 'strong', children: cellText(m[2]) } as Strong, ...(m[3] ? cellText(m[3]) : [])];
  });
}

/**
 * A Markdown table (GFM) for a pull-request preview; 要確認 rows first. Built as an mdast tree and
 * written by remark-stringify, so escaping a report's |, *, <, ` and the like is the library's job.
 * Inside long 変更前/変更後 texts the words that changed are bold.
 */
export function toMarkdown(rows: ChangeRow[], problems: TrailerProblem[] = []): string {
  const errors = trailerMessages(problems);
  const top: RootContent[] = errors.length ? [
    { type: 'paragraph', children: [
      { type: 'strong', children: [{ type: 'text', value: `トレーラーの誤り ${errors.length} 件` }] },
      { type: 'text', value: ': 変更日・提出時期を決められないため、その列を空欄にしました。説明欄の最後の行を直してください。' },
    ] } as Paragraph,
    { type: 'list', ordered: false, spread: false, children: errors.map((e) => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [{ type: 'text', value: e }] }] })) } as List,
  ] : [];
  const write = (tree: Root) => unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify).stringify(tree);
  if (!rows.length) return errors.length ? write({ type: 'root', children: [...top, { type: 'paragraph', children: [{ type: 'text', value: '変更箇所はありません。' }] }] }) : '変更箇所はありません。\n';
  const sorted = [...rows.filter((r) => r.要確認), ...rows.filter((r) => !r.要確認)];
  const flagged = rows.filter((r) => r.要確認).length;
  const reports = [...new Set(rows.map((r) => r.report))];
  const cellOf = (children: PhrasingContent[]): TableCell => ({ type: 'tableCell', children });
  const header: TableRow = { type: 'tableRow', children: ['要確認', '評価書', ...COLUMNS].map((c) => cellOf([{ type: 'text', value: c }])) };
  const body: TableRow[] = sorted.map((r) => {
    const before = cell(r, '変更前の記載');
    const after = cell(r, '変更後の記載');
    const diff = before && after && before !== after ? segmentDiff(before, after) : undefined;
    const highlight = diff?.partial ? diff : undefined;
    return {
      type: 'tableRow',
      children: [
        cellOf(r.要確認 ? [{ type: 'text', value: '⚠ 要確認' }] : []),
        cellOf(cellText(r.report)),
        ...COLUMNS.map((c) => cellOf(
          highlight && c === '変更前の記載' ? diffCell(highlight.before)
            : highlight && c === '変更後の記載' ? diffCell(highlight.after)
              : c === '項目' && before && after && spacingOnly(before, after) ? cellText(`${cell(r, c)}（${SPACING_ONLY_NOTE}）`)
                : cellText(cell(r, c)))),
      ],
    };
  });
  const tree: Root = {
    type: 'root',
    children: [
      ...top,
      ...(flagged ? [{ type: 'paragraph', children: [
        { type: 'strong', children: [{ type: 'text', value: `要確認 ${flagged} 件` }] },
        { type: 'text', value: `: ${FLAGGED_NOTE}` },
      ] } as Paragraph] : []),
      { type: 'paragraph', children: [{ type: 'text', value: `${rows.length} 行（${reports.length} 件の評価書）` }] },
      { type: 'table', align: [], children: [header, ...body] },
    ],
  };
  return write(tree);
}
