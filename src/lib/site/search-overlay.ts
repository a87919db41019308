// Which pages of a rebuild go to the search index's overlay instead of their part being indexed again.
// Pure.
//
// A search part holds hundreds of pages (search-index.ts PART_PAGES, more as the site grows), and
// indexing one again for one changed page took 7 s at 5,000 reports: most of a rebuild. So when a part
// differs from the part the previous site published (its base) in a few pages only, the base's bundle
// stays, the new versions of those pages are indexed in one small bundle for the whole site (the
// overlay), and the base's versions of them are hidden: the search page is told their ids
// (data-hidden) and drops them from every search, and the filter counts leave them out. A search then
// finds the same pages as in a site indexed from scratch; only the scores of the overlay's pages are
// reckoned among fewer pages, which moves them in the order of results. The overlay grows with every
// rebuild until a part's changes pass OVERLAY_SHARE of its pages: that part is then indexed again whole
// and leaves the overlay. A small part (under OVERLAY_MIN_PART pages) is always indexed again whole, as
// is every part of a cold build or `npm run build -- --full`, so small sites stay byte for byte equal
// to a cold build.

/** A page of a part: its path in the site and its prepared hash (search-index.ts preparePageFile). */
export interface PartPage { rel: string; hash: string }

/** What the site's search index is made of, kept in the build manifest for the next build: the number
 * of parts, how the bundles were made, and for each part, the bundle it publishes (its key) and the pages that bundle was made of
 * (path → prepared hash, the first HASH_CHARS characters); the overlay bundle's key, if any, and the ids
 * of the base pages it hides. */
export interface SearchLayout {
  count: number;
  /** What made the bundles besides their pages (Pagefind's version and arguments, the indexing code): an
   * overlay is put only on bases made the same way. */
  made: string;
  parts: Record<string, { key: string; pages: Record<string, string> }>;
  overlay?: string;
  hidden?: string[];
}

/** Parts smaller than this are indexed again whole: they take about a second. */
export const OVERLAY_MIN_PART = 128;
/** A part whose changed pages (added, changed or removed since its base) pass this share of its pages
 * is indexed again whole. */
export const OVERLAY_SHARE = 1 / 16;
/** Prepared hashes are kept this long in the layout (enough to tell two versions of a page apart). */
export const HASH_CHARS = 16;

const short = (hash: string) => hash.slice(0, HASH_CHARS);

/** The overlay of one part: the pages of `current` that its base (`base`: path → short hash) lacks or
 * holds in another version, and the base's pages that must be hidden (changed or gone); undefined when
 * the part is to be indexed again whole (too small, too changed, or unchanged). */
export function overlayDelta(current: PartPage[], base: Record<string, string>, minPart = OVERLAY_MIN_PART): { delta: PartPage[]; hidden: string[] } | undefined {
  const baseSize = Object.keys(base).length;
  // (written so that a minPart that is no number overlays nothing)
  if (!(current.length >= minPart && baseSize >= minPart)) return undefined;
  const now = new Map(current.map((p) => [p.rel, short(p.hash)]));
  const delta = current.filter((p) => !Object.hasOwn(base, p.rel) || base[p.rel] !== short(p.hash));
  const hidden = Object.keys(base).filter((rel) => now.get(rel) !== base[rel]).sort();
  if (!delta.length && !hidden.length) return undefined;
  const changed = new Set([...delta.map((p) => p.rel), ...hidden]).size;
  if (changed > Math.floor(Math.max(current.length, baseSize) * OVERLAY_SHARE)) return undefined;
  return { delta, hidden };
}

/** A part's page map for the layout. */
export const layoutPages = (pages: PartPage[]): Record<string, string> => Object.fromEntries(pages.map((p) => [p.rel, short(p.hash)]));

/** A layout read back from a manifest, or undefined for anything that is not one (the next build then
 * indexes every changed part whole). */
export function parseLayout(value: unknown): SearchLayout | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Partial<SearchLayout>;
  if (!Number.isInteger(v.count) || v.count! < 1 || typeof v.made !== 'string' || !/^[0-9a-f]+$/.test(v.made) || !v.parts || typeof v.parts !== 'object') return undefined;
  const key = /^[0-9a-f]{64}$/;
  const parts: SearchLayout['parts'] = {};
  for (const [k, p] of Object.entries(v.parts)) {
    if (!/^\d+$/.test(k) || Number(k) >= v.count! || !p || typeof p.key !== 'string' || !key.test(p.key) || !p.pages || typeof p.pages !== 'object') return undefined;
    if (!Object.entries(p.pages).every(([rel, h]) => typeof h === 'string' && /^[0-9a-f]+$/.test(h) && !rel.split('/').includes('..'))) return undefined;
    parts[k] = { key: p.key, pages: { ...p.pages } };
  }
  if (v.overlay !== undefined && (typeof v.overlay !== 'string' || !key.test(v.overlay))) return undefined;
  if (v.hidden !== undefined && !(Array.isArray(v.hidden) && v.hidden.every((id) => typeof id === 'string' && /^[\w-]+$/.test(id)))) return undefined;
  return { count: v.count!, made: v.made, parts, ...(v.overlay ? { overlay: v.overlay } : {}), ...(v.hidden?.length ? { hidden: [...v.hidden] } : {}) };
}

/** The layout of a site whose parts several shards indexed (each shard's layout names its own parts):
 * undefined unless they agree on the count and the making and no part is in two of them. */
export function mergeLayouts(layouts: SearchLayout[]): SearchLayout | undefined {
  if (!layouts.length || layouts.some((l) => l.count !== layouts[0].count || l.made !== layouts[0].made || l.overlay || l.hidden)) return undefined;
  const parts: SearchLayout['parts'] = {};
  for (const l of layouts) {
    for (const [k, p] of Object.entries(l.parts)) {
      if (Object.hasOwn(parts, k)) return undefined;
      parts[k] = p;
    }
  }
  return { count: layouts[0].count, made: layouts[0].made, parts };
}
