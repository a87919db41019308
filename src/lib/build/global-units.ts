// The global pages made per organisation (organisations/<id>/) and per 事務 (compare/<事務>/: its
// comparison, its prefectures' comparisons, its CSV) show that organisation's or that 事務's reports
// only. Each such folder is a unit with a key of its own, so that an edit re-renders the units its
// report is in while the others are taken from the previous site (at 5,000 reports the comparison
// pages alone are 170 MB). The other global pages (home, lists, comments, feed, guides) are made from
// every report and keep the global key (page-keys.ts). A unit is named by its folder. Pure.
import crypto from 'node:crypto';
import { jimuGroups } from '../site/compare-groups.ts';
import type { SiteInputs } from './page-keys.ts';

/** The unit a file of the site belongs to (its folder below organisations/ or compare/), or undefined
 * for a file of the other global pages (organisations/index.html, compare/index.html are not in one). */
export function unitOfFile(file: string): string | undefined {
  const parts = file.split('/');
  return parts.length >= 3 && (parts[0] === 'organisations' || parts[0] === 'compare') ? `${parts[0]}/${parts[1]}` : undefined;
}
export const organisationUnit = (org: string) => `organisations/${org}`;
export const compareUnit = (category: string) => `compare/${category}`;

/** What every unit's pages are made from besides their reports: the site's inputs (code, settings,
 * guides and glossary), every organisation (names and prefectures appear in the comparisons) and the
 * build's day (comment periods). */
export function unitSalt(site: SiteInputs, organisations: string, today: string): string {
  return crypto.createHash('sha256').update(JSON.stringify([1, 'unit', site, organisations, today])).digest('hex');
}

/** A unit's key: the salt, the unit, and each of its reports with the summaryKey (page-keys.ts) of what
 * its summary shows. A unit with no report (an organisation without one) has a key too. */
export function unitKey(salt: string, unit: string, members: Iterable<[id: string, summary: string]>): string {
  const sorted = [...members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return crypto.createHash('sha256').update(JSON.stringify([salt, unit, sorted])).digest('hex');
}

/** A report as the units need it (a summary, or a report's head). */
interface Member { id: string; org: string; head: { 事務分類?: unknown } }

/** The reports of every unit that has some: each organisation's, and each 事務's (as the comparison
 * pages group them, compare-groups.ts jimuGroups). */
export function unitMembers<S extends Member>(summaries: S[]): Map<string, S[]> {
  const out = new Map<string, S[]>();
  for (const s of summaries) {
    const unit = organisationUnit(s.org);
    const list = out.get(unit);
    if (list) list.push(s); else out.set(unit, [s]);
  }
  for (const [category, reports] of jimuGroups(summaries)) out.set(compareUnit(category), reports);
  return out;
}

/** Every unit's key now, for the units that have reports and for `others` (units without reports now,
 * such as an organisation without any or a 事務 no report names any more). */
export function unitKeys<S extends Member>(salt: string, summaries: S[], summaryKeyOf: (s: S) => string, others: Iterable<string> = []): Map<string, string> {
  const members = unitMembers(summaries);
  const keys = new Map<string, string>();
  for (const [unit, reports] of members) keys.set(unit, unitKey(salt, unit, reports.map((s) => [s.id, summaryKeyOf(s)])));
  for (const unit of others) if (!keys.has(unit)) keys.set(unit, unitKey(salt, unit, []));
  return keys;
}
