// The guide pages the site has (content/guides/*.md(x)) and the glossary terms report pages link.
// Reads the content folder (once per build).
import path from 'node:path';
import { contentDir } from '../content/content-store.ts';
import { GUIDES_DIR, listMarkdown, checkMarkdownFile } from '../content/markdown-sources.ts';
import { glossaryTerms, type GlossaryTerm } from '../content/glossary.ts';
import { guideUrl } from './site.ts';

export interface GuideLink { slug: string; title: string; href: string; order: number }

let guides: GuideLink[] | undefined;
/** Every guide, ordered by its `order:` then slug (header, footer and home list them). */
export function siteGuides(): GuideLink[] {
  guides ??= listMarkdown(contentDir())
    .filter((f) => f.split(/[\\/]/).includes(GUIDES_DIR))
    .map((f) => {
      const { frontmatter } = checkMarkdownFile(f);
      const slug = path.basename(f).replace(/\.mdx?$/, '');
      return { slug, title: String(frontmatter['title'] ?? slug), href: guideUrl(slug), order: Number(frontmatter['order'] ?? 99) };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
  return guides;
}

let terms: GlossaryTerm[] | undefined;
/** The glossary's terms. GLOSSARY_LINKS=off builds without term links (tests compare the two builds). */
export function siteGlossary(): GlossaryTerm[] {
  if (process.env.GLOSSARY_LINKS === 'off') return [];
  terms ??= glossaryTerms(contentDir());
  return terms;
}
