// Glossary links never change the text: for generated texts and for every text of every bundled
// report, the pieces a page shows, joined, are the paragraphs shown without links.
import { describe, expect, it } from 'vitest';
import { linkGlossary, termMatcher } from './glossary-links.ts';
import { textPieces } from './text-pieces.ts';
import { walk, type Node } from './report-tree.ts';
import { glossaryTerms } from '../content/glossary.ts';
import { loadContent } from '../content/content-store.ts';
import { treeOf } from './tree-of.ts';

const terms = glossaryTerms('content');
const joined = (text: string, links?: Parameters<typeof textPieces>[1]) => textPieces(text, links).map((p) => p.map((x) => x.text).join(''));
/** What the page showed before links existed: paragraphs split at blank lines, edges' line breaks trimmed. */
const unlinked = (text: string) => text.split(/\n[ \t　]*\n/).map((p) => p.replace(/^\n+|\n+$/g, ''));

describe('the glossary of content/', () => {
  it('has every required term, each with its own anchor', () => {
    const required = ['特定個人情報', '提供', '移転', '委託', '再委託', '情報提供ネットワークシステム', '中間サーバー', '団体内統合宛名システム', 'しきい値判断', '重要な変更', '事前', '事後', '第三者点検', '意見聴取'];
    expect(terms.map((t) => t.term)).toEqual(expect.arrayContaining(required));
    expect(new Set(terms.map((t) => t.anchor)).size).toBe(terms.length);
  });
});

describe('term links', () => {
  it('link the longest term and only the first occurrence of each', () => {
    const match = termMatcher(terms);
    const text = '情報提供ネットワークシステムを通じた提供と、提供と、再委託と委託。特定個人情報保護評価は特定個人情報';
    const links = match(text, new Set());
    expect(links.map((l) => text.slice(l.start, l.end))).toEqual(['情報提供ネットワークシステム', '提供', '再委託', '委託', '特定個人情報']);
    expect(links.at(-1)!.start).toBe(text.lastIndexOf('特定個人情報'));
  });

  it('keep the text of generated texts (seeded), however terms, line breaks and blank lines fall', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const parts = [...terms.map((t) => t.term), 'の', 'を', '\n', '\n\n', '\n　\n', ' ', '特定個人情報保護評価', 'あ', '提', '供'];
    const match = termMatcher(terms);
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: Math.floor(rnd() * 30) }, () => parts[Math.floor(rnd() * parts.length)]).join('');
      const links = match(text, new Set());
      expect(joined(text, links)).toEqual(unlinked(text));
      for (const l of links) expect(terms.find((t) => t.anchor === l.anchor)!.term).toBe(text.slice(l.start, l.end));
      expect(new Set(links.map((l) => l.anchor)).size).toBe(links.length);
    }
  });

  it('keep every text of every bundled report, and link a term at most once per section', () => {
    const { reports } = loadContent('content');
    let linked = 0;
    for (const report of reports) {
      const tree = treeOf(report);
      const before = JSON.stringify(tree);
      const after = linkGlossary(tree, terms);
      expect(JSON.stringify(tree)).toBe(before); // the input is not changed
      const texts = (nodes: Node[]) => walk(nodes).map((n) => n.value).filter((v) => v?.type === 'text');
      const a = texts(after);
      texts(tree).forEach((v, i) => {
        const w = a[i]!;
        if (v!.type !== 'text' || w.type !== 'text') throw new Error('not text');
        expect(w.text).toBe(v.text);
        expect(joined(w.text, w.links)).toEqual(unlinked(v.text));
        linked += w.links?.length ?? 0;
      });
      for (const chapter of after) for (const part of chapter.children) {
        const anchors = walk([part]).flatMap((n) => (n.value?.type === 'text' ? n.value.links ?? [] : [])).map((l) => l.anchor);
        expect(new Set(anchors).size, `${report.id} ${part.anchor}`).toBe(anchors.length);
      }
    }
    expect(linked).toBeGreaterThan(20);
  });
});
