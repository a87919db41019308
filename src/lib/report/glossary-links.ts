// Marks glossary terms in a report's free text: the first occurrence of each term in each section
// (a chapter's direct parts, such as Ⅱ (1) or Ⅲ 2.) becomes a link to the term's definition.
// The text itself never changes: a link is only a range [start, end) of a text value. Pure.
import type { Node, TermLink, Value } from './report-tree.ts';

export interface Term { term: string; anchor: string }

/** Longer words that contain a term but mean something else; they are skipped, never linked. */
const COMPOUNDS = ['特定個人情報保護評価', '個人情報保護委員会'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for the terms; at each position the longest term (or compound) wins. */
export function termMatcher(terms: Term[]) {
  const words = [...new Set([...terms.map((t) => t.term), ...COMPOUNDS])].filter(Boolean).sort((a, b) => b.length - a.length);
  const anchors = new Map(terms.map((t) => [t.term, t.anchor]));
  const re = words.length ? new RegExp(words.map(escape).join('|'), 'g') : undefined;
  /** Ranges of the first occurrence of each term not yet in `seen` (which it updates). */
  return (text: string, seen: Set<string>): TermLink[] => {
    if (!re) return [];
    const out: TermLink[] = [];
    for (const m of text.matchAll(re)) {
      const anchor = anchors.get(m[0]);
      if (!anchor || seen.has(anchor)) continue;
      seen.add(anchor);
      out.push({ start: m.index, end: m.index + m[0].length, anchor });
    }
    return out;
  };
}

/** A copy of the tree whose text values carry their term links; the input is not changed. */
export function linkGlossary(tree: Node[], terms: Term[]): Node[] {
  if (!terms.length) return tree;
  const match = termMatcher(terms);
  const value = (v: Value | undefined, seen: Set<string>): Value | undefined => {
    if (v?.type !== 'text') return v;
    const links = match(v.text, seen);
    return links.length ? { ...v, links } : v;
  };
  const walk = (n: Node, seen: Set<string>, depth: number): Node => {
    // A chapter's parts each start afresh, so a long chapter links a term again in each part.
    const scope = depth === 1 && n.kind !== 'item' ? new Set<string>() : seen;
    const own = value(n.value, scope);
    return { ...n, value: own, children: n.children.map((c) => walk(c, scope, depth + 1)) };
  };
  return tree.map((chapter) => (chapter.columns ? chapter : walk(chapter, new Set(), 0)));
}
