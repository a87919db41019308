// The dependency key of a report's pages (its page, history pages and downloads below
// /reports/<id>/): one digest of everything they are made from. Two builds that give a report the same
// key write the same bytes for it (apart from the print stamp's date), so the later build can hard-link
// the earlier one's files. Pure.
import crypto from 'node:crypto';

/** Inputs shared by every report page. */
export interface SiteInputs {
  /** Digest of the code and schemas (build-inputs.ts codeVersion). */
  code: string;
  siteUrl: string;
  basePath: string;
  /** Digest of every content file that is neither a report nor an organisation (glossary, guides,
   * notices, history imports): report pages link the glossary and show their notice. */
  shared: string;
  /** The content folder (absolute) and the settings pages read from the environment (GLOSSARY_LINKS). */
  contentDir: string;
  glossaryLinks: string;
}

export interface ReportInputs {
  id: string;
  /** Digest of the report file's bytes. */
  file: string;
  /** Digest of its notice (<name>.notice.md beside the report file), or '' when there is none. */
  notice: string;
  /** Digest of its organisation's file (name, 都道府県 in the page), or '' when there is none. */
  organisation: string;
  /** The commits that touched the file, renames followed (versions, 変更箇所, 新旧対照 come from them). */
  commits: string[];
  /** The comment-period state on the build's day (SITE_TODAY or today in Japan), as JSON. */
  dateState: string;
}

export function reportKey(site: SiteInputs, report: ReportInputs): string {
  return crypto.createHash('sha256').update(JSON.stringify([1, site, report])).digest('hex');
}
