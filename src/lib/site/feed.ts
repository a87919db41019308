// The Atom feed: new reports (公表), new versions (change sets from git history) and comment periods.
// Every text and attribute goes through one escaper that also replaces any character XML 1.0 cannot
// hold, so the feed is well-formed whatever a report says (tests/quality/feed-xml.test.ts reads 300
// generated feeds with Chromium's XML parser). xmlbuilder2 was tried and does not fit: it writes text
// such as 「&amp;」 or 「&#0;」 through unescaped, which changes the text or breaks the document.
import type { Organisation } from '../content/content-store.ts';
import type { SiteSummary } from './site-summary.ts';
import type { GeneratedRow } from '../changes/change-rows.ts';
import { commentState } from './comment-period.ts';
import { notInForce } from '../report/version-state.ts';
import { headline } from '../report/report-head.ts';
import { toWareki } from '../form/wareki.ts';
import { organisationName } from './names.ts';

export interface FeedEntry { id: string; title: string; updated: string; link: string; summary: string }

const stamp = (date: string) => (date.length === 10 ? `${date}T00:00:00+09:00` : date);

/** The entries from the reports' summaries (never the reports) and the rows generated from git. */
export function feedEntries(summaries: Pick<SiteSummary, 'id' | 'org' | 'file' | 'head' | 'form' | 'number'>[], organisations: Map<string, Pick<Organisation, '名称'>>, generated: Map<string, GeneratedRow[]>, abs: (p: string) => string, fileKey: (file: string) => string): FeedEntry[] {
  const entries: FeedEntry[] = [];
  const host = new URL(abs('/')).hostname;
  for (const report of summaries) {
    const s = headline(report);
    const name = organisationName(organisations.get(report.org), report.org);
    const link = abs(`reports/${report.id}/`);
    // (a publication is named with its day: a report published again, re-evaluated or a new report
    // under a withdrawn one's number, is a new entry, not an edit of the old one)
    // (a draft put to comment may keep the 公表日 of the report in force on its cover: its page shows the
    // draft, which nobody published; its period is an entry of its own below)
    const proposal = notInForce(report.head);
    if (!proposal && s.published) entries.push({ id: `tag:${host},2025:${report.id}:published:${s.published.iso}`, title: `公表: ${s.displayTitle}（${name}）`, updated: stamp(s.published.iso), link, summary: `${name}が${s.form}を${s.published.wareki}に公表しました。` });
    else if (!proposal && s.publishedReading) entries.push({ id: `tag:${host},2025:${report.id}:published:${s.publishedReading.iso}`, title: `公表: ${s.displayTitle}（${name}）`, updated: stamp(s.publishedReading.iso), link, summary: `${name}が${s.form}を${s.publishedReading.wareki}に公表しました（公表日は転記元の読みで、不確実です）。` });
    const byCommit = new Map<string, GeneratedRow[]>();
    for (const r of generated.get(fileKey(report.file)) ?? []) byCommit.set(r.commit, [...(byCommit.get(r.commit) ?? []), r]);
    for (const [commit, rows] of byCommit) {
      // (a change set whose 変更日 is not known, a trailer error its rows show as 要確認, has no day to
      // stand at: an entry dated nothing is no valid Atom, and any other day would be invented)
      const date = rows.map((r) => r.変更日).find((d) => d && /^\d{4}-\d{2}-\d{2}$/.test(d));
      if (!date) continue;
      entries.push({ id: `tag:${host},2025:${report.id}:${commit}`, title: `更新: ${s.displayTitle}（${rows.length}項目）`, updated: stamp(date), link, summary: `${toWareki(date)}の変更: ${rows.map((r) => r.項目).slice(0, 5).join('、')}${rows.length > 5 ? ' ほか' : ''}` });
    }
    const c = commentState(report);
    if (c.period) entries.push({ id: `tag:${host},2025:${report.id}:comment:${c.period.start}`, title: `意見募集: ${s.displayTitle}（${c.period.startWareki}～${c.period.endWareki}）`, updated: stamp(c.period.start), link, summary: `${name}が評価書の案について意見を募集${c.open ? 'しています' : c.status === '意見募集予定' ? 'します（予定）' : 'しました'}。期間は${c.period.startWareki}から${c.period.endWareki}まで。` });
  }
  return entries.sort((a, b) => b.updated.localeCompare(a.updated));
}

/** Text or an attribute value as XML: markup escaped, characters outside XML 1.0's Char replaced. */
const xml = (s: string) => s
  .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
  .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  .replace(/\r/g, '&#13;');

export function atom(title: string, selfUrl: string, homeUrl: string, entries: FeedEntry[]): string {
  const updated = entries[0]?.updated ?? '2025-01-01T00:00:00+09:00';
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">
  <title>${xml(title)}</title>
  <id>${xml(homeUrl)}</id>
  <link rel="self" type="application/atom+xml" href="${xml(selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${xml(homeUrl)}"/>
  <updated>${xml(updated)}</updated>
  <author><name>${xml(title)}</name></author>
${entries.map((e) => `  <entry>
    <id>${xml(e.id)}</id>
    <title>${xml(e.title)}</title>
    <updated>${xml(e.updated)}</updated>
    <link rel="alternate" type="text/html" href="${xml(e.link)}"/>
    <summary>${xml(e.summary)}</summary>
  </entry>`).join('\n')}
</feed>
`;
}
