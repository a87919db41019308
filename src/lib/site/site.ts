// Site-wide names and URL helpers, so pages never hand-build paths.
export const SITE_NAME = '特定個人情報保護評価書 公開サイト';

const base = (import.meta.env?.BASE_URL ?? '/').replace(/\/?$/, '/');
/** A URL inside the site, respecting the configured base path. */
export const url = (p: string) => base + p.replace(/^\//, '');

export const reportUrl = (id: string) => url(`reports/${id}/`);
export const organisationUrl = (org: string) => url(`organisations/${org}/`);
/** Link to one item of a report (anchors are official numbers, see form-schema.ts anchorOf). */
export const itemUrl = (reportId: string, anchor: string) => `${reportUrl(reportId)}#${encodeURIComponent(anchor)}`;

/** A guide page (content/guides/<slug>.md(x)). */
export const guideUrl = (slug: string) => url(`guides/${slug}/`);
/** A glossary entry (anchors are the glossary's heading ids, see content/glossary.ts). */
export const glossaryUrl = (anchor: string) => `${guideUrl('glossary')}#${encodeURIComponent(anchor)}`;

/** The file name a download is saved under (the URL's own names, report.json and comparison.csv,
 * would be the same for every report and 事務): the report's id, or the 事務, in it. */
export const downloadName = (...parts: string[]) => parts.join('-').replaceAll('/', '-').replace(/[\\/:*?"<>|\s]+/g, '_');
