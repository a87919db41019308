// The build manifest kept beside a published site (.dist.sites/<site>.manifest.json): for each report,
// its dependency key and the files it produced; for the global pages, their key and their files (every
// file of the site outside the reports' folders and the search index's), those of each unit
// (global-units.ts) apart. The next build reuses a report, the global pages, or a unit, whose key is
// unchanged and whose files the previous site still has; the rest is rendered. Pure.
import { unitOfFile } from './global-units.ts';
import { parseLayout, type SearchLayout } from '../site/search-overlay.ts';

/** summary: the report's summaryKey (page-keys.ts), from which the global pages' key is made; search:
 * its page's prepared hash for the search index (search-index.ts), valid for the manifest's
 * searchSignature; assets: the files outside its folder its pages name (images of its notice, in
 * _astro/), which a build that links its pages must carry over too. */
export interface ReportEntry { key: string; files: string[]; summary?: string; search?: string; assets?: string[] }
/** A unit of the global pages (global-units.ts): its key, its files (all in its folder) and the files
 * of the other global pages its pages need (images of a notice, in _astro/), which a build that takes
 * the unit from the previous site without rendering it must carry over. */
export interface UnitEntry { key: string; files: string[]; assets: string[] }
/** global: the other global pages (every file outside the reports' and the units' folders); units: by
 * unit; searchLayout: the search index's parts and overlay (search-overlay.ts). */
export interface Manifest { format: 1; reports: Record<string, ReportEntry>; global?: { key: string; files: string[] }; units?: Record<string, UnitEntry>; searchSignature?: string; searchLayout?: SearchLayout }

export const emptyManifest = (): Manifest => ({ format: 1, reports: {} });

/** A manifest read back from JSON; anything that is not one (damaged, older format) is an empty one,
 * which only means that every report is rendered. */
export function parseManifest(text: string | undefined): Manifest {
  if (!text) return emptyManifest();
  try {
    const m = JSON.parse(text) as Partial<Manifest>;
    if (m.format !== 1 || !m.reports || typeof m.reports !== 'object') return emptyManifest();
    const reports: Record<string, ReportEntry> = {};
    for (const [id, e] of Object.entries(m.reports)) {
      if (e && typeof e.key === 'string' && Array.isArray(e.files) && e.files.every((f) => typeof f === 'string' && isReportFile(id, f))) {
        if (e.assets !== undefined && !(Array.isArray(e.assets) && e.assets.every(isAsset))) continue;
        reports[id] = { key: e.key, files: e.files, ...(typeof e.summary === 'string' ? { summary: e.summary } : {}), ...(typeof e.search === 'string' ? { search: e.search } : {}), ...(e.assets?.length ? { assets: e.assets } : {}) };
      }
    }
    const g = m.global;
    const global = g && typeof g.key === 'string' && Array.isArray(g.files) && g.files.every((f) => typeof f === 'string' && isGlobalFile(f)) ? { key: g.key, files: g.files } : undefined;
    const units: Record<string, UnitEntry> = {};
    for (const [unit, u] of Object.entries(m.units && typeof m.units === 'object' ? m.units : {})) {
      if (u && typeof u.key === 'string' && Array.isArray(u.files) && u.files.every((f) => typeof f === 'string' && isGlobalFile(f) && unitOfFile(f) === unit)
        && Array.isArray(u.assets) && u.assets.every(isAsset)) units[unit] = { key: u.key, files: u.files, assets: u.assets };
    }
    const searchLayout = parseLayout(m.searchLayout);
    return { format: 1, reports, ...(global ? { global } : {}), ...(Object.keys(units).length ? { units } : {}), ...(typeof m.searchSignature === 'string' ? { searchSignature: m.searchSignature } : {}), ...(searchLayout ? { searchLayout } : {}) };
  } catch { return emptyManifest(); }
}

/** The manifest as JSON, reports in id order (the same site gives the same bytes, however built). */
export function serialiseManifest(m: Manifest): string {
  const units = m.units && Object.keys(m.units).length ? { units: Object.fromEntries(Object.keys(m.units).sort().map((u) => [u, m.units![u]])) } : {};
  return JSON.stringify({ format: 1, reports: Object.fromEntries(Object.keys(m.reports).sort().map((id) => [id, m.reports[id]])), ...(m.global ? { global: m.global } : {}), ...units, ...(m.searchSignature ? { searchSignature: m.searchSignature } : {}), ...(m.searchLayout ? { searchLayout: m.searchLayout } : {}) });
}

/** Whether `file` (relative to the site) lies in report `id`'s folder (never outside it: no `..`). */
export function isReportFile(id: string, file: string): boolean {
  return file.startsWith(`${reportDir(id)}/`) && !file.split('/').some((p) => p === '..' || p === '.' || p === '');
}

export const reportDir = (id: string) => `reports/${id}`;

/** Files of the site that every build writes anew: the search page (it names this build's search
 * bundles), the search bundles and their lists, the sitemap and robots.txt. */
const PER_BUILD = /^(?:search\/index\.html|search\/filters\.[^/]*|pagefind[^/]*(?:\/.*)?|sitemap\.xml|robots\.txt)$/;

/** Whether `file` (relative to the site) can be a global pages' file: outside reports/ and the files
 * every build writes anew, and never outside the site. */
export function isGlobalFile(file: string): boolean {
  return !file.startsWith('reports/') && !PER_BUILD.test(file) && !file.split('/').some((p) => p === '..' || p === '.' || p === '');
}

/** Whether `file` can be an asset a report's or a unit's pages name: a global file outside every unit. */
export function isAsset(file: unknown): file is string {
  return typeof file === 'string' && isGlobalFile(file) && unitOfFile(file) === undefined;
}

export interface ReusePlan {
  /** Reports whose files are taken from the previous site. */
  reuse: string[];
  /** Reports Astro renders. */
  render: string[];
}

/** Which reports keep their previous files: same key, and every file still there (`has`). */
export function planReuse(previous: Manifest, keys: Map<string, string>, has: (file: string) => boolean): ReusePlan {
  const reuse: string[] = [];
  const render: string[] = [];
  for (const [id, key] of keys) {
    const before = previous.reports[id];
    if (before && before.key === key && before.files.length > 0 && before.files.every(has) && (before.assets ?? []).every(has)) reuse.push(id);
    else render.push(id);
  }
  return { reuse, render };
}
