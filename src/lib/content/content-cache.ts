// Remembers which exact files passed validation, so that an unchanged report is not checked against
// its schema again: by the next `npm run validate`, by the next build, and by the Astro build right
// after scripts/build.ts validated everything. A file is known by a digest of its bytes and of
// everything validation depends on (the schemas, the validator's source, the Node version). An entry
// is an empty marker ("these bytes passed"), or, when the build asks for it, the file's data in V8's
// serialisation, which the Astro build reads back ten times faster than it could parse the YAML.
// Only files without problems are remembered, so every message still comes from a full validation.
// Every entry proves itself: it holds a digest of its key and its stored value, checked on every read,
// and data read back must have the shape of a valid file; a damaged, truncated, empty or misplaced
// entry is ignored (the file is validated in full, and the entry written again).
//
// CONTENT_CACHE=0 turns it off; CONTENT_CACHE_DIR moves it (default node_modules/.cache/tokutei-hyoka);
// only the current validator's entries are kept there.
// CONTENT_CACHE_VERSION is set by scripts/build.ts for the Astro build, whose bundled code cannot
// read the validator's source files to compute the version itself.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { validateBytes, type FileKind } from './validate.ts';
import { formOf } from '../form/form-schema.ts';
import { decodeUtf8, readYaml, type ParsedYaml } from './yaml-source.ts';
import { sealedStore, versionedDir } from './cache-store.ts';

export { cacheHome, validatorVersion } from './cache-store.ts';

export interface ContentCache {
  dir: string;
  version: string;
  /** Undefined: not known to pass. Null: passed (data not kept). Else the data it was read to. */
  lookup(kind: string, bytes: Uint8Array): unknown | null | undefined;
  remember(kind: string, bytes: Uint8Array, data?: unknown): void;
}

/** The cache in `dir` for validator `version`. */
export function openCache(dir: string, version: string): ContentCache {
  const store = sealedStore(dir);
  const keyOf = (kind: string, bytes: Uint8Array) => crypto.createHash('sha256').update(version).update('\0').update(kind).update('\0').update(bytes).digest('hex');
  return {
    dir, version,
    lookup(kind, bytes) {
      const payload = store.get(keyOf(kind, bytes));
      if (!payload) return undefined;
      if (!payload.length) return null;
      let data: unknown;
      try { data = v8.deserialize(payload); } catch { return undefined; }
      return hasShapeOf(kind, data) ? data : undefined;
    },
    remember(kind, bytes, data) {
      store.put(keyOf(kind, bytes), data === undefined ? Buffer.alloc(0) : v8.serialize(data));
    },
  };
}

/** Data of the shape validation gives: plain JSON-like values, and for a report a known 様式 and its
 * identity (機関, 表紙), so that a stale or foreign entry can never reach a page. */
function hasShapeOf(kind: string, data: unknown): boolean {
  const plain = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return true;
    if (depth > 300 || typeof v !== 'object') return false;
    if (Array.isArray(v)) return v.every((x) => plain(x, depth + 1));
    return Object.getPrototypeOf(v) === Object.prototype && Object.values(v as object).every((x) => plain(x, depth + 1));
  };
  if (!data || typeof data !== 'object' || Array.isArray(data) || !plain(data, 0)) return false;
  if (kind !== 'report') return true;
  const d = data as Record<string, unknown>;
  return typeof d['評価実施機関'] === 'string' && !!d['表紙'] && typeof d['表紙'] === 'object' && formOf(d) !== undefined;
}

let opened: ContentCache | null | undefined;
/** The project's cache, or undefined when it is turned off or its version cannot be known. */
export function contentCache(): ContentCache | undefined {
  if (opened !== undefined) return opened ?? undefined;
  opened = null;
  const at = versionedDir('validated');
  if (at) opened = openCache(at.dir, at.version);
  return opened ?? undefined;
}

/**
 * validateBytes, without the schema check when these exact bytes passed it before. `keepData` also
 * stores the data, for a reader that comes soon after (the Astro build after scripts/build.ts).
 */
export function validateCached(file: string, bytes: Uint8Array, kind: FileKind, { cache = contentCache(), keepData = false }: { cache?: ContentCache; keepData?: boolean } = {}): ReturnType<typeof validateBytes> {
  const known = cache?.lookup(kind, bytes);
  if (known !== undefined && known !== null) {
    // Positions are only needed for a problem found across files (an unknown 機関, a duplicate 番号).
    let parsed: ParsedYaml | undefined;
    const text = () => { const d = decodeUtf8(bytes); return 'text' in d ? d.text : ''; };
    return { problems: [], data: known, locate: (p) => (parsed ??= readYaml(text())).locate(p) };
  }
  if (known === null) {
    const decoded = decodeUtf8(bytes);
    const parsed = 'text' in decoded ? readYaml(decoded.text) : undefined;
    if (parsed && !parsed.problems.length) {
      if (keepData) cache!.remember(kind, bytes, parsed.data);
      return { problems: [], data: parsed.data, locate: parsed.locate };
    }
  }
  const result = validateBytes(file, bytes, kind);
  if (cache && result.data !== undefined && !result.problems.length) cache.remember(kind, bytes, keepData ? result.data : undefined);
  return result;
}
