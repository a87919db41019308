// Remembers which exact files passed validation, so that an unchanged report is not checked against
// its schema again: by the next `npm run validate`, by the next build, and by the Astro build right
// after scripts/build.ts validated everything. A file is known by a digest of its bytes and of
// everything validation depends on (the schemas, the validator's source, the Node version). What is
// kept is the key in a set of keys that passed (a few files for all of them, cache-store.ts
// sealedKeySet), or, when the build asks for it, the file's data in V8's serialisation, one entry per
// file, which the Astro build reads back ten times faster than it could parse the YAML.
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
import { validateBytes, type FileKind, type Problem } from './validate.ts';
import { formOf } from '../form/form-schema.ts';
import { decodeUtf8, readYaml, type ParsedYaml } from './yaml-source.ts';
import { cacheHome, sealedKeySet, sealedStore, versionedDir } from './cache-store.ts';

export { cacheHome, validatorVersion } from './cache-store.ts';

export interface ContentCache {
  dir: string;
  version: string;
  /** Undefined: not known to pass. Null: passed (data not kept). Else the data it was read to. */
  lookup(kind: string, bytes: Uint8Array): unknown | null | undefined;
  remember(kind: string, bytes: Uint8Array, data?: unknown): void;
  /** Writes the files remembered without data (they are kept together, see sealedKeySet). */
  flush(): void;
}

const digests = new WeakMap<Uint8Array, string>();
/** The SHA-256 of a file's bytes (hex), computed once per buffer: the file check, the cache lookup and
 * the entry written all need it, and hashing a report is a good part of checking a known one. */
export function digestOf(bytes: Uint8Array): string {
  let d = digests.get(bytes);
  if (d === undefined) digests.set(bytes, (d = crypto.createHash('sha256').update(bytes).digest('hex')));
  return d;
}

/** The cache in `dir` for validator `version`. */
export function openCache(dir: string, version: string): ContentCache {
  const store = sealedStore(dir);
  // Files that passed, without their data: one set for all of them (a file per run, not per file).
  const passed = sealedKeySet(path.join(dir, 'passed'));
  // By the bytes' digest, which the file check has usually computed already (one pass over the bytes).
  const keyOf = (kind: string, bytes: Uint8Array) => crypto.createHash('sha256').update(version).update('\0').update(kind).update('\0').update(digestOf(bytes)).digest('hex');
  return {
    dir, version,
    lookup(kind, bytes) {
      const key = keyOf(kind, bytes);
      const payload = store.get(key);
      if (!payload?.length) return passed.has(key) ? null : undefined;
      let data: unknown;
      try { data = v8.deserialize(payload); } catch { return undefined; }
      return hasShapeOf(kind, data) ? data : undefined;
    },
    remember(kind, bytes, data) {
      if (data === undefined) passed.add(keyOf(kind, bytes));
      else store.put(keyOf(kind, bytes), v8.serialize(data));
    },
    flush: () => passed.flush(),
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
  if (at) {
    opened = openCache(at.dir, at.version);
    // Callers flush when they are done (validate-content.ts); this is for any other reader.
    process.once('exit', () => opened?.flush());
  }
  return opened ?? undefined;
}

/** Writes what the project's cache was told to remember so far (see ContentCache.flush). */
export function flushContentCache() {
  if (opened) opened.flush();
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

/**
 * What a later run needs to know about a file that passed validation, without reading it again: for a
 * report, its head (validate-content.ts headOf: what the checks across files and the build's lists
 * use), whether it is an untouched scaffold, and its notes (kept so that a run that does not read the
 * file still tells them).
 */
export interface FileFacts { head: Record<string, unknown>; unfilled: boolean; /** answers that contradict each other (contradictions.ts): told on every run, not errors */ notes?: Omit<Problem, 'file'>[] }

/**
 * Files known unchanged since they passed, by their metadata (stat-index): a file is taken as
 * unchanged without being read only when its device, inode, size, modification time and change time
 * (nanoseconds) all equal those seen when it was last read, and it had not changed for 2 seconds
 * before that read. Every write to a file and every change of its times (touch, a checkout, an editor
 * that restores the modification time) sets its change time to the current time, which only the
 * kernel can set, so a changed file is always read again; the 2 seconds cover file systems with coarse
 * times and an edit made in the same tick as the read. What stays possible: changing the bytes under
 * the file system (a raw disk write) or setting the system clock back. When the metadata differ, the
 * file is read and its SHA-256 compared with the one recorded, so a checkout of the same bytes is not
 * validated again either. The index is one sealed file per content folder; CONTENT_CACHE=0 turns it off.
 */
export interface StatIndex {
  /** The digest and facts of `file` when its metadata say it is unchanged, else undefined. */
  unchanged(file: string): { digest: string; facts: FileFacts } | undefined;
  /** The digest (SHA-256) of the bytes that passed and their facts, to compare with the file's bytes. */
  known(file: string): { digest: string; facts: FileFacts } | undefined;
  /** Remembers that the bytes with this digest passed, and the metadata `seen` before they were read. */
  record(file: string, digest: string, seen: Seen, facts: FileFacts): void;
  /** Metadata of `file` and when it was taken, before the file is read. */
  look(file: string): Seen | undefined;
  save(): void;
}
export interface Seen { meta: string; at: number; changed: number }
type IndexEntry = { meta: string; digest: string; facts: FileFacts };

/** How long a file must have been left alone before it was read for its metadata to be trusted. */
export const RACY_MS = 2000;
const metaOf = (st: fs.BigIntStats) => [st.dev, st.ino, st.size, st.mtimeNs, st.ctimeNs].join(':');

export function openStatIndex(dir: string, version: string, contentDir: string, racyMs = RACY_MS): StatIndex {
  const store = sealedStore(dir);
  const key = crypto.createHash('sha256').update(version).update('\0stat-index\0').update(path.resolve(contentDir)).digest('hex');
  const entries = new Map<string, IndexEntry>();
  let dirty = false;
  try {
    const payload = store.get(key);
    const parsed: unknown = payload ? JSON.parse(payload.toString('utf8')) : undefined;
    if (Array.isArray(parsed)) for (const e of parsed) if (Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && validEntry(e[1])) entries.set(e[0], e[1]);
  } catch { entries.clear(); }
  const abs = (file: string) => path.resolve(file);
  return {
    look(file) {
      const at = Date.now();
      try {
        const st = fs.lstatSync(file, { bigint: true });
        return st.isFile() ? { meta: metaOf(st), at, changed: Number(st.ctimeNs > st.mtimeNs ? st.ctimeNs : st.mtimeNs) / 1e6 } : undefined;
      } catch { return undefined; }
    },
    unchanged(file) {
      const e = entries.get(abs(file));
      if (!e) return undefined;
      const seen = this.look(file);
      return seen && seen.meta === e.meta ? { digest: e.digest, facts: e.facts } : undefined;
    },
    known(file) {
      const e = entries.get(abs(file));
      return e && { digest: e.digest, facts: e.facts };
    },
    record(file, digest, seen, facts) {
      // A file changed shortly before it was read may change again within the same time tick: its
      // metadata are not kept, so that the next run reads it (and compares its digest) again.
      const meta = seen.changed < seen.at - racyMs ? seen.meta : '';
      const old = entries.get(abs(file));
      if (old && old.meta === meta && old.digest === digest) return;
      entries.set(abs(file), { meta, digest, facts });
      dirty = true;
    },
    save() {
      if (dirty) store.put(key, Buffer.from(JSON.stringify([...entries])));
      dirty = false;
    },
  };
}

function validEntry(e: unknown): e is IndexEntry {
  if (!e || typeof e !== 'object') return false;
  const x = e as Record<string, unknown>;
  const f = x.facts as Record<string, unknown> | undefined;
  return typeof x.meta === 'string' && typeof x.digest === 'string' && /^[0-9a-f]{64}$/.test(x.digest) && !!f && typeof f === 'object'
    && typeof f.unfilled === 'boolean' && !!f.head && typeof f.head === 'object' && !Array.isArray(f.head) && (f.notes === undefined || Array.isArray(f.notes));
}

let index: Map<string, StatIndex | null> | undefined;
/** The project's stat-index for `contentDir`, or undefined when caching is off. */
export function statIndex(contentDir: string): StatIndex | undefined {
  index ??= new Map();
  const k = `${process.env.CONTENT_CACHE}\0${cacheHome()}\0${path.resolve(contentDir)}`;
  if (!index.has(k)) {
    const at = versionedDir('validated');
    index.set(k, at ? openStatIndex(path.join(at.dir, 'stat'), at.version, path.resolve(contentDir)) : null);
  }
  return index.get(k) ?? undefined;
}
