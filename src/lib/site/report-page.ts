// What a page that shows a whole report is made of, whichever version it shows (the report's page, the
// in-force page): its organisation, render tree, summary, chapters with glossary links, and the site's
// notes on the transcription. Reads content (loadContent, the report's data).
import { loadContent, type Report } from '../content/content-store.ts';
import { summarise } from '../report/report-summary.ts';
import { treeOf } from '../report/tree-of.ts';
import { linkGlossary } from '../report/glossary-links.ts';
import { siteGlossary } from './guides.ts';

export function reportPageParts(report: Report) {
  const tree = treeOf(report);
  const glossary = siteGlossary();
  return {
    organisation: loadContent().organisations.get(report.org),
    tree,
    summary: summarise(report, tree),
    // Glossary terms in the text link to their definitions; the text itself is unchanged.
    chapters: linkGlossary(tree, glossary),
    glossaryAnchors: new Set(glossary.map((t) => t.anchor)),
    notes: (report.data['転記注記'] ?? []) as { 項目: string; 内容: string }[],
    original: report.data['原本'] as { URL?: string; 掲載場所?: string } | undefined,
  };
}
