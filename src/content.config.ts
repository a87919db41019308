// The Markdown sources of the content layer: guides, organisation notices and report notices, read
// from CONTENT_DIR (content/ by default). The loader refuses to load anything until every Markdown
// source passes markdown-check.ts (the same check as npm run validate).
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import path from 'node:path';
import { checkMarkdownFiles, listMarkdown } from './lib/content/markdown-sources.ts';
import { formatProblem } from './lib/content/validate.ts';

const dir = process.env.CONTENT_DIR ?? 'content';

type GlobLoader = ReturnType<typeof glob>;
function checked(loader: GlobLoader): GlobLoader {
  return {
    ...loader,
    async load(context) {
      const problems = checkMarkdownFiles(listMarkdown(dir));
      if (problems.length) throw new Error(`Markdown に ${problems.length} 件の問題があります:\n${problems.map(formatProblem).join('\n')}`);
      return loader.load(context);
    },
  };
}
const idOf = (suffix: RegExp) => ({ entry }: { entry: string }) => entry.replace(suffix, '');

const guides = defineCollection({
  loader: checked(glob({ pattern: '*.{md,mdx}', base: path.join(dir, 'guides'), generateId: idOf(/\.mdx?$/) })),
  schema: z.object({ title: z.string(), description: z.string().optional(), order: z.number().optional() }),
});
const organisationNotices = defineCollection({
  loader: checked(glob({ pattern: '*.md', base: path.join(dir, 'organisations'), generateId: idOf(/\.md$/) })),
  schema: z.object({ title: z.string().optional() }),
});
const reportNotices = defineCollection({
  loader: checked(glob({ pattern: '*/*.notice.md', base: path.join(dir, 'reports'), generateId: idOf(/\.notice\.md$/) })),
  schema: z.object({ title: z.string().optional() }),
});

export const collections = { guides, organisationNotices, reportNotices };
