// How a free-text value is laid out: paragraphs split at blank lines (line breaks and indentation
// kept), each a run of pieces that are plain text or a glossary link. TextBlock.astro renders exactly
// this, so a test over these pieces is a test of the page's text. Pure.
import type { TermLink } from './report-tree.ts';

/** A glossary link (anchor) or a changed part (mark) over text.slice(start, end). */
export interface Range { start: number; end: number; anchor?: string; mark?: boolean }
export interface Piece { text: string; anchor?: string; mark?: boolean }

const BLANK_LINE = /\n[ \t　]*\n/g;

/** The paragraphs of a text as pieces; joined, a paragraph's pieces are its text. */
/** The changed runs of a segment diff as ranges to mark. */
export function markRanges(runs: readonly { text: string; changed: boolean }[]): Range[] {
  const out: Range[] = [];
  let at = 0;
  for (const r of runs) { if (r.changed && /\S/.test(r.text)) out.push({ start: at, end: at + r.text.length, mark: true }); at += r.text.length; }
  return out;
}

export function textPieces(text: string, links: readonly (TermLink | Range)[] = []): Piece[][] {
  const bounds: [number, number][] = [];
  let from = 0;
  for (const m of text.matchAll(BLANK_LINE)) { bounds.push([from, m.index]); from = m.index + m[0].length; }
  bounds.push([from, text.length]);
  return bounds.map(([s, e]) => {
    // Line breaks at a paragraph's edges are not shown.
    while (s < e && text[s] === '\n') s++;
    while (e > s && text[e - 1] === '\n') e--;
    const pieces: Piece[] = [];
    let at = s;
    for (const l of links) {
      // A range over a blank line is cut at the paragraphs' edges (a term never is: it has no line break).
      const from = Math.max(l.start, s, at);
      const to = Math.min(l.end, e);
      if (from >= to) continue;
      if (from > at) pieces.push({ text: text.slice(at, from) });
      const piece = text.slice(from, to);
      // A mark cut down to blank space marks nothing.
      const mark = 'mark' in l && l.mark && /\S/.test(piece);
      pieces.push({ text: piece, ...(l.anchor ? { anchor: l.anchor } : {}), ...(mark ? { mark: true } : {}) });
      at = to;
    }
    if (at < e || !pieces.length) pieces.push({ text: text.slice(at, e) });
    return pieces;
  });
}
