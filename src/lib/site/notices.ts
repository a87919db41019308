// Markdown entries of the content layer (src/content.config.ts) made ready to render. Every entry is
// checked again here against markdown-check.ts, whatever loaded it (the dev server reloads files
// without the loader's check), so no Markdown reaches a page unchecked.
import fs from 'node:fs';
import path from 'node:path';
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { checkMarkdown } from '../content/markdown-check.ts';
import { formatProblem } from '../content/validate.ts';

type Entry = CollectionEntry<'guides'> | CollectionEntry<'organisationNotices'> | CollectionEntry<'reportNotices'>;

/** The entry's rendered content, after the check; throws the Japanese problems otherwise. */
export async function renderChecked(entry: Entry) {
  // The file as written (entry.body lacks the front matter, which is checked too).
  if (!entry.filePath) throw new Error(`Markdown の項目 ${entry.id} の元のファイルが分かりません`);
  const file = entry.filePath;
  const { problems } = checkMarkdown(file, fs.readFileSync(file, 'utf8'), { kind: entry.collection === 'guides' ? 'guide' : 'notice' });
  if (problems.length) throw new Error(`Markdown に ${problems.length} 件の問題があります:\n${problems.map(formatProblem).join('\n')}`);
  return render(entry);
}

const same = (a: string, b: string) => path.resolve(a) === path.resolve(b);

/** The 意見募集 notice beside a report file (<file>.notice.md), if any. */
export async function reportNoticeOf(reportFile: string) {
  const notices = await getCollection('reportNotices');
  return notices.find((n) => n.filePath && same(n.filePath, reportFile.replace(/\.ya?ml$/, '.notice.md')));
}
/** An organisation's notice (organisations/<id>.md), if any. */
export async function organisationNoticeOf(id: string) {
  const notices = await getCollection('organisationNotices');
  return notices.find((n) => n.id === id);
}
/** Rendered notice or undefined. */
export async function renderNotice(entry: Entry | undefined) {
  return entry ? renderChecked(entry) : undefined;
}
