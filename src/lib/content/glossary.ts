// The glossary's terms, read from its Markdown source (content/guides/glossary.md): every level-2
// heading is one term, and its anchor is the id the rendered page gives that heading (github-slugger,
// as Astro's heading ids). Report pages link terms to these anchors. glossaryTerms() reads the file.
import fs from 'node:fs';
import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import GithubSlugger from 'github-slugger';
import type { Root, Nodes } from 'mdast';
import { GUIDES_DIR } from './markdown-sources.ts';

export const GLOSSARY_SLUG = 'glossary';
export interface GlossaryTerm { term: string; anchor: string }

const plain = (n: Nodes): string => ('value' in n && typeof n.value === 'string' ? n.value : 'children' in n ? n.children.map((c) => plain(c as Nodes)).join('') : '');

/** The terms of a glossary text, in order. Headings of every level share one slugger, as on the page. */
export function termsOf(markdown: string): GlossaryTerm[] {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).parse(markdown) as Root;
  const slugger = new GithubSlugger();
  const out: GlossaryTerm[] = [];
  for (const n of tree.children) {
    if (n.type !== 'heading') continue;
    const text = plain(n);
    const anchor = slugger.slug(text);
    if (n.depth === 2) out.push({ term: text.trim(), anchor });
  }
  return out;
}

/** The glossary of a content folder; none when it has no glossary. */
export function glossaryTerms(contentDir: string): GlossaryTerm[] {
  const file = path.join(contentDir, GUIDES_DIR, `${GLOSSARY_SLUG}.md`);
  if (!fs.existsSync(file)) return [];
  return termsOf(fs.readFileSync(file, 'utf8'));
}
