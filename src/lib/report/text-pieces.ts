// How a free-text value is laid out: paragraphs split at blank lines (line breaks and indentation
// kept), each a run of pieces that are plain text or a glossary link. TextBlock.astro renders exactly
// this, so a test over these pieces is a test of the page's text. Pure.
import type { TermLink } from './report-tree.ts';

export interface Piece { text: string; anchor?: string }

const BLANK_LINE = /\n[ \t　]*\n/g;

/** The paragraphs of a text as pieces; joined, a paragraph's pieces are its text. */
export function textPieces(text: string, links: readonly TermLink[] = []): Piece[][] {
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
      if (l.start < s || l.end > e) continue;
      if (l.start > at) pieces.push({ text: text.slice(at, l.start) });
      pieces.push({ text: text.slice(l.start, l.end), anchor: l.anchor });
      at = l.end;
    }
    if (at < e || !pieces.length) pieces.push({ text: text.slice(at, e) });
    return pieces;
  });
}
