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

/** What validation depends on, besides the file itself (relative to the project root): all of src/lib,
 * not only the validator's modules, so that a new import can never leave a stale entry in use. */
const INPUTS = ['schemas', 'src/lib', 'package-lock.json'];

const projectRoot = () => path.resolve(import.meta.dirname ?? '.', '..', '..', '..');

/** A digest of the validator's inputs, or undefined when they cannot be read (bundled code). */
export function validatorVersion(root = projectRoot()): string | undefined {
  const hash = crypto.createHash('sha256').update(process.version);
  const add = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p).sort()) add(path.join(p, e));
    else hash.update(path.relative(root, p)).update('\0').update(fs.readFileSync(p)).update('\0');
  };
  try { for (const p of INPUTS) add(path.join(root, p)); } catch { return undefined; }
  return hash.digest('hex');
}

export interface ContentCache {
  dir: string;
  version: string;
  /** Undefined: not known to pass. Null: passed (data not kept). Else the data it was read to. */
  lookup(kind: string, bytes: Uint8Array): unknown | null | undefined;
  remember(kind: string, bytes: Uint8Array, data?: unknown): void;
}

/** The cache in `dir` for validator `version`. */
export function openCache(dir: string, version: string): ContentCache {
  const entryOf = (kind: string, bytes: Uint8Array) => {
    const key = crypto.createHash('sha256').update(version).update('\0').update(kind).update('\0').update(bytes).digest('hex');
    return path.join(dir, key.slice(0, 2), key.slice(2));
  };
  return {
    dir, version,
    lookup(kind, bytes) {
      const file = entryOf(kind, bytes);
      let entry: Buffer;
      try { entry = fs.readFileSync(file); } catch { return undefined; }
      const payload = provenPayload(entry, file);
      if (!payload) return undefined;
      if (!payload.length) return null;
      let data: unknown;
      try { data = v8.deserialize(payload); } catch { return undefined; }
      return hasShapeOf(kind, data) ? data : undefined;
    },
    remember(kind, bytes, data) {
      const entry = entryOf(kind, bytes);
      try {
        fs.mkdirSync(path.dirname(entry), { recursive: true });
        const tmp = `${entry}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, sealed(data === undefined ? Buffer.alloc(0) : v8.serialize(data), entry));
        fs.renameSync(tmp, entry); // readers never see half an entry
      } catch { /* a cache that cannot be written is only slower */ }
    },
  };
}

// An entry: a magic string, the SHA-256 of (its own path, the payload), the payload. The path binds
// the entry to its key, so a valid entry copied over another one is refused as well.
const MAGIC = Buffer.from('tokutei-hyoka cache 2\n');
const digestOf = (payload: Uint8Array, file: string) => crypto.createHash('sha256').update(path.basename(path.dirname(file)) + path.basename(file)).update('\0').update(payload).digest();
const sealed = (payload: Buffer, file: string) => Buffer.concat([MAGIC, digestOf(payload, file), payload]);
function provenPayload(entry: Buffer, file: string): Buffer | undefined {
  const head = MAGIC.length + 32;
  if (entry.length < head || !entry.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const payload = entry.subarray(head);
  return crypto.timingSafeEqual(entry.subarray(MAGIC.length, head), digestOf(payload, file)) ? payload : undefined;
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

/** Where the cache lives (scripts/build.ts hands it to the Astro build as CONTENT_CACHE_DIR). */
export const cacheHome = () => path.resolve(process.env.CONTENT_CACHE_DIR ?? path.join(projectRoot(), 'node_modules', '.cache', 'tokutei-hyoka'));

let opened: ContentCache | null | undefined;
/** The project's cache, or undefined when it is turned off or its version cannot be known. */
export function contentCache(): ContentCache | undefined {
  if (opened !== undefined) return opened ?? undefined;
  opened = null;
  if (process.env.CONTENT_CACHE === '0') return undefined;
  const version = process.env.CONTENT_CACHE_VERSION || validatorVersion();
  if (!version) return undefined;
  const root = path.join(cacheHome(), 'validated');
  opened = openCache(path.join(root, version.slice(0, 16)), version);
  removeOtherVersions(root, version.slice(0, 16));
  return opened;
}

/** Entries of an older validator can never be used again: each version has its own folder, and
 * opening the cache removes the others, so that it holds at most one copy of the content. */
function removeOtherVersions(root: string, current: string) {
  let names: string[];
  try { names = fs.readdirSync(root); } catch { return; }
  for (const name of names) if (name !== current) fs.rmSync(path.join(root, name), { recursive: true, force: true });
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
