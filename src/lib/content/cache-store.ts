// Where the project's caches live and how their entries are kept: one folder per kind of cache and
// code version (a digest of everything the cached results depend on), entries sealed with a digest of
// their key and payload so that a damaged, truncated or misplaced entry is refused, never trusted.
// Kept apart from content-cache.ts so that a reader of another cache (変更箇所) does not load the
// validator. Does I/O (the cache folder).
//
// CONTENT_CACHE=0 turns caching off; CONTENT_CACHE_DIR moves it (default node_modules/.cache/tokutei-hyoka).
// CONTENT_CACHE_VERSION is set by scripts/build.ts for the Astro build, whose bundled code cannot
// read the project's source files to compute the version itself.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { cacheHome, projectRoot } from './compile-cache.js';

/** What validation depends on, besides the file itself (relative to the project root): all of src/lib,
 * not only the validator's modules, so that a new import can never leave a stale entry in use. */
const INPUTS = ['schemas', 'src/lib', 'package-lock.json'];


/** A digest of the validator's inputs, or undefined when they cannot be read (bundled code). Read
 * again only when a file's stat changed since the last call of this process (a command asks for it
 * once per cache it opens; a dev server outlives edits) or of an earlier command (versionMemo). As git does with its index, a file changed
 * in the last seconds is never taken on its stat: file times are coarse, and a second edit of the
 * same size within one tick would keep them. */
let lastVersion: { stamp: string; version: string } | undefined;
const SETTLED_MS = 2000;
export function validatorVersion(root = projectRoot()): string | undefined {
  const files: string[] = [];
  const stamps: string[] = [root];
  let newest = 0;
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) { for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e)); return; }
    files.push(p);
    stamps.push(`${p}\0${st.ino}\0${st.size}\0${st.mtimeMs}\0${st.ctimeMs}`);
    newest = Math.max(newest, st.mtimeMs, st.ctimeMs);
  };
  const startedAt = Date.now();
  try { for (const p of INPUTS) walk(path.join(root, p)); } catch { return undefined; }
  const stamp = stamps.join('\n');
  if (lastVersion?.stamp === stamp) return lastVersion.version;
  const settled = newest < startedAt - SETTLED_MS;
  // The previous command's answer for the same stamps, kept on disk (reading and hashing the 4 MB of
  // inputs was 0.06–0.1 s of a 0.5 s warm command).
  const memo = settled ? versionMemo(stamp) : undefined;
  const remembered = memo?.get();
  if (remembered) { lastVersion = { stamp, version: remembered }; return remembered; }
  const hash = crypto.createHash('sha256').update(process.version);
  try { for (const f of files) hash.update(path.relative(root, f)).update('\0').update(fs.readFileSync(f)).update('\0'); } catch { return undefined; }
  const version = hash.digest('hex');
  lastVersion = settled ? { stamp, version } : undefined;
  memo?.put(version);
  return version;
}

/** The version kept for these stamps (and this Node) in the cache folder: one small file, replaced
 * whole, holding a digest of the stamps it was computed for; anything else in it is ignored. */
function versionMemo(stamp: string): { get(): string | undefined; put(version: string): void } | undefined {
  if (process.env.CONTENT_CACHE === '0') return undefined;
  const file = path.join(cacheHome(), 'code-version.json');
  const key = crypto.createHash('sha256').update(process.version).update('\0').update(stamp).digest('hex');
  return {
    get() {
      try {
        const m = JSON.parse(fs.readFileSync(file, 'utf8')) as { key?: unknown; version?: unknown };
        return m.key === key && typeof m.version === 'string' && /^[0-9a-f]{64}$/.test(m.version) ? m.version : undefined;
      } catch { return undefined; }
    },
    put(version) {
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify({ key, version }));
        fs.renameSync(tmp, file);
      } catch { /* only slower */ }
    },
  };
}

/** Entries in `dir` by a hex key, each sealed with a digest of its key and payload: `get` gives back
 * only a payload that was `put` under that very key, and undefined for anything missing or damaged. */
export interface SealedStore {
  get(key: string): Buffer | undefined;
  put(key: string, payload: Buffer): void;
  remove(key: string): void;
  /** The keys of the entries there are (whether they prove themselves or not). */
  keys(): string[];
}
export function sealedStore(dir: string): SealedStore {
  const fileOf = (key: string) => path.join(dir, key.slice(0, 2), key.slice(2));
  // Folders made by this store (a thousand entries share 256 folders: one mkdir each is enough).
  const made = new Set<string>();
  return {
    get(key) {
      const file = fileOf(key);
      let entry: Buffer;
      try { entry = fs.readFileSync(file); } catch { return undefined; }
      return provenPayload(entry, file);
    },
    put(key, payload) {
      const entry = fileOf(key);
      try {
        const folder = path.dirname(entry);
        if (!made.has(folder)) { fs.mkdirSync(folder, { recursive: true }); made.add(folder); }
        const tmp = `${entry}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, sealed(payload, entry));
        fs.renameSync(tmp, entry); // readers never see half an entry
      } catch { /* a cache that cannot be written is only slower */ }
    },
    remove(key) {
      try { fs.rmSync(fileOf(key), { force: true }); } catch { /* only dead weight */ }
    },
    keys() {
      let names: string[] = [];
      try { names = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }); } catch { /* none yet */ }
      // 「ab/cdef…」: a folder of the key's first two digits, then the rest (temporary files have a dot).
      return names.map((n) => n.split(path.sep).join('')).filter((k) => /^[0-9a-f]{3,}$/.test(k));
    },
  };
}

/**
 * Payloads kept in `dir` as a few sealed files (segments), each written whole by one writer: a cache
 * that learns a little at a time adds a segment with what is new instead of rewriting all it holds
 * (rewriting 6 MB of 変更箇所 for one new commit), or instead of one file per entry (the passed-files
 * set of 1,000 reports is 2 files, not 1,200, for a CI runner to save and restore). `read` gives the payloads of the segments that prove themselves (a damaged
 * one is left out: only slower). `write` adds a segment; with `replacing`, one that holds everything
 * read, which then replaces the segments read (compaction): a writer working at the same time loses
 * nothing, since only segments whose content the new one holds are removed.
 */
export interface SealedSegments {
  read(): Buffer[];
  write(payload: Buffer, replacing?: boolean): void;
  /** Segments read (that proved themselves). */
  readonly count: number;
  /** Segments there are, without reading them. */
  listed(): number;
}
export function sealedSegments(dir: string): SealedSegments {
  const NAME = /^[0-9a-f]{32}$/;
  let files: string[] = [];
  // What a compaction also removes: segments that did not prove themselves, and temporary files a
  // writer that died between writing and renaming left behind (older than an hour: not being written).
  let litter: string[] = [];
  const remove = (f: string) => { try { fs.rmSync(f, { force: true }); } catch { /* removed by a later compaction */ } };
  return {
    get count() { return files.length; },
    listed() {
      try { return fs.readdirSync(dir).filter((n) => NAME.test(n)).length; } catch { return 0; }
    },
    read() {
      files = [];
      litter = [];
      const payloads: Buffer[] = [];
      let names: string[] = [];
      try { names = fs.readdirSync(dir).sort(); } catch { /* none yet */ }
      for (const name of names) {
        const file = path.join(dir, name);
        if (!NAME.test(name)) {
          if (name.endsWith('.tmp')) { try { if (Date.now() - fs.statSync(file).mtimeMs > 3_600_000) litter.push(file); } catch { /* gone */ } }
          continue;
        }
        let entry: Buffer;
        try { entry = fs.readFileSync(file); } catch { continue; }
        const payload = provenPayload(entry, file);
        if (payload) { payloads.push(payload); files.push(file); } else litter.push(file);
      }
      return payloads;
    },
    write(payload, replacing = false) {
      // Named by time first, so that segments read back in the order they were written.
      const file = path.join(dir, Date.now().toString(16).padStart(12, '0') + crypto.randomBytes(10).toString('hex'));
      try {
        fs.mkdirSync(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, sealed(payload, file));
        fs.renameSync(tmp, file);
      } catch { return; /* a cache that cannot be written is only slower */ }
      if (replacing) { for (const f of [...files, ...litter]) remove(f); files = []; litter = []; }
      files.push(file);
    },
  };
}

/** A set of hex keys (SHA-256) kept in `dir` as segments (sealedSegments): the keys added since the
 * last flush are one segment; a flush that finds more than `compactAfter` segments writes them all as
 * one. The segments are read once, on the first `has`. Worker threads never compact (by default):
 * validation threads flush together, and one full copy of the set from the main thread is enough. */
export interface SealedKeySet { has(key: string): boolean; add(key: string): void; flush(): void }
export function sealedKeySet(dir: string, { compactAfter = isMainThread ? 8 : Infinity } = {}): SealedKeySet {
  const KEY = /^[0-9a-f]{64}$/;
  const segments = sealedSegments(dir);
  let known: Set<string> | undefined;
  const pending = new Set<string>();
  const load = () => {
    known = new Set();
    for (const payload of segments.read()) {
      if (payload.length % 32) continue;
      for (let at = 0; at < payload.length; at += 32) known.add(payload.toString('hex', at, at + 32));
    }
  };
  return {
    has(key) {
      if (!known) load();
      return known!.has(key) || pending.has(key);
    },
    add(key) {
      if (KEY.test(key) && !this.has(key)) pending.add(key);
    },
    flush() {
      if (!pending.size) return;
      const compact = segments.count > compactAfter;
      segments.write(Buffer.from([...(compact ? known! : []), ...pending].join(''), 'hex'), compact);
      for (const k of pending) known!.add(k);
      pending.clear();
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

export { cacheHome, enableCompileCache, flushCompileCache } from './compile-cache.js';

/** The folder for the current code version's entries of one kind of cache (`validated`, `changes`),
 * or undefined when caching is off or the version cannot be known. Entries of an older version can
 * never be used again: each version has its own folder, and opening one removes the others, so that
 * the cache holds at most one copy of what it remembers. */
export function versionedDir(kind: string): { dir: string; version: string } | undefined {
  if (process.env.CONTENT_CACHE === '0') return undefined;
  const version = process.env.CONTENT_CACHE_VERSION || validatorVersion();
  if (!version) return undefined;
  const root = path.join(cacheHome(), kind);
  removeOtherVersions(root, version.slice(0, 16));
  return { dir: path.join(root, version.slice(0, 16)), version };
}

function removeOtherVersions(root: string, current: string) {
  let names: string[];
  try { names = fs.readdirSync(root); } catch { return; }
  for (const name of names) if (name !== current) fs.rmSync(path.join(root, name), { recursive: true, force: true });
}
