// The Atom feed: new reports (公表), new versions (change sets from git history) and comment periods.
// Written with xmlbuilder2, which escapes text and attributes and replaces any character XML cannot
// hold, so the feed is well-formed whatever a report says.
import { create } from 'xmlbuilder2';
import type { Content } from '../content/content-store.ts';
import type { GeneratedRow } from '../changes/change-rows.ts';
import { commentState } from './comment-period.ts';
import { summarise } from '../report/report-summary.ts';
import { toWareki } from '../form/wareki.ts';

export interface FeedEntry { id: string; title: string; updated: string; link: string; summary: string }

const stamp = (date: string) => (date.length === 10 ? `${date}T00:00:00+09:00` : date);

export function feedEntries(content: Content, generated: Map<string, GeneratedRow[]>, abs: (p: string) => string, fileKey: (file: string) => string): FeedEntry[] {
  const entries: FeedEntry[] = [];
  const host = new URL(abs('/')).hostname;
  for (const report of content.reports) {
    const s = summarise(report);
    const name = content.organisations.get(report.org)?.名称 ?? report.org;
    const link = abs(`reports/${report.id}/`);
    if (s.published) entries.push({ id: `tag:${host},2025:${report.id}:published`, title: `公表: ${s.title}（${name}）`, updated: stamp(s.published.iso), link, summary: `${name}が${s.form}を${s.published.wareki}に公表しました。` });
    const byCommit = new Map<string, GeneratedRow[]>();
    for (const r of generated.get(fileKey(report.file)) ?? []) byCommit.set(r.commit, [...(byCommit.get(r.commit) ?? []), r]);
    for (const [commit, rows] of byCommit) {
      const date = rows[0].変更日 ?? '';
      entries.push({ id: `tag:${host},2025:${report.id}:${commit}`, title: `更新: ${s.title}（${rows.length}項目）`, updated: stamp(date), link, summary: `${toWareki(date)}の変更: ${rows.map((r) => r.項目).slice(0, 5).join('、')}${rows.length > 5 ? ' ほか' : ''}` });
    }
    const c = commentState(report);
    if (c.period) entries.push({ id: `tag:${host},2025:${report.id}:comment:${c.period.start}`, title: `意見募集: ${s.title}（${c.period.startWareki}～${c.period.endWareki}）`, updated: stamp(c.period.start), link, summary: `${name}が評価書の案について意見を募集${c.open ? 'しています' : 'しました'}。期間は${c.period.startWareki}から${c.period.endWareki}まで。` });
  }
  return entries.sort((a, b) => b.updated.localeCompare(a.updated));
}

export function atom(title: string, selfUrl: string, homeUrl: string, entries: FeedEntry[]): string {
  const updated = entries[0]?.updated ?? '2025-01-01T00:00:00+09:00';
  const feed = create({ version: '1.0', encoding: 'utf-8', invalidCharReplacement: '\uFFFD' })
    .ele('http://www.w3.org/2005/Atom', 'feed', { 'xml:lang': 'ja' });
  feed.ele('title').txt(title);
  feed.ele('id').txt(homeUrl);
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: selfUrl });
  feed.ele('link', { rel: 'alternate', type: 'text/html', href: homeUrl });
  feed.ele('updated').txt(updated);
  feed.ele('author').ele('name').txt(title);
  for (const e of entries) {
    const entry = feed.ele('entry');
    entry.ele('id').txt(e.id);
    entry.ele('title').txt(e.title);
    entry.ele('updated').txt(e.updated);
    entry.ele('link', { rel: 'alternate', type: 'text/html', href: e.link });
    entry.ele('summary').txt(e.summary);
  }
  return feed.end({ prettyPrint: true }) + '\n';
}
