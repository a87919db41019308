// Remembers what 変更箇所 needs from git objects, so that `npm run changes` and a build read and diff
// only the versions they have not seen: for a report version (a blob), whether it reads as YAML,
// which report it is (機関・様式・評価書番号) and the 変更箇所 it records (transcribed); for a pair of
// versions, the item rows between them.
// Git objects never change, so a blob hash, together with the code version (content-cache.ts
// validatorVersion: schemas, all of src/lib, the lockfile, Node), is a perfect key: a rewritten
// history (force-push) reuses what its versions share and computes the rest; new code starts afresh.
// Entries are sealed (cache-store.ts sealedSegments): a damaged or tampered entry is refused and
// computed again, never trusted. Does I/O (the cache folder). CONTENT_CACHE=0 turns it off.
import crypto from 'node:crypto';
import path from 'node:path';
import v8 from 'node:v8';
import { sealedSegments, sealedStore, versionedDir, type SealedSegments } from '../content/cache-store.ts';
import { firstCommit, type HistoryMemory } from './git-history.ts';
import type { WalkMemory } from './history-walk.ts';
import type { JsonParts } from './change-format.ts';
import type { Recorded } from './change-merge.ts';

/** What a version's rows need to know about it without reading it again. */
export interface BlobFacts {
  /** printedIdentity of the data (undefined: none printed), when the version reads as YAML. */
  identity?: string;
  /** The 様式 (undefined: not a known form). */
  form?: string;
  /** Why the version cannot be read as YAML (first problem), when it cannot. */
  error?: { line: number; message: string };
  /** The version was not in force (version-state.ts notInForce: no 公表日, or under public comment). */
  draft?: true;
}

/** One changed official item between two versions, as the rows print it. */
export interface CachedChange {
  item: string;
  anchor: string;
  before: string;
  after: string;
  kind: 'changed' | 'added' | 'removed' | 'moved';
  /** The item is one of the form's 重要な変更 items (※). */
  significant: boolean;
}

export interface ChangeCache {
  facts(blob: string): BlobFacts | undefined;
  rememberFacts(blob: string, facts: BlobFacts): void;
  changes(before: string, after: string): CachedChange[] | undefined;
  rememberChanges(before: string, after: string, changes: CachedChange[]): void;
  /** What the 変更箇所 of a report version records (transcribed rows, as change-merge.ts compares them). */
  recorded?(blob: string): Recorded[] | undefined;
  rememberRecorded?(blob: string, recorded: Recorded[]): void;
  /** Writes what was learnt since the cache was opened (also done when the process exits). */
  flush(): void;
  /** Reads the cache now (else on first use), while git reads the history. */
  warm?(): void;
  /** The same cache that looks nothing up (each version is read and diffed) and remembers as usual. */
  learning?(): ChangeCache;
}

const isString = (v: unknown) => typeof v === 'string';
const validFacts = (f: unknown): f is BlobFacts => {
  if (!f || typeof f !== 'object' || Array.isArray(f)) return false;
  const x = f as Record<string, unknown>;
  for (const k in x) if (k !== 'identity' && k !== 'form' && k !== 'error' && k !== 'draft') return false;
  if (x.draft !== undefined && x.draft !== true) return false;
  if (x.identity !== undefined && !isString(x.identity)) return false;
  if (x.form !== undefined && !isString(x.form)) return false;
  if (x.error === undefined) return true;
  const e = x.error as Record<string, unknown> | null;
  return !!e && typeof e === 'object' && Number.isInteger(e.line) && isString(e.message) && x.identity === undefined && x.form === undefined && x.draft === undefined;
};
const KINDS = new Set(['changed', 'added', 'removed', 'moved']);
const validChanges = (c: unknown): c is CachedChange[] => Array.isArray(c) && c.every((x) =>
  !!x && typeof x === 'object' && isString(x.item) && isString(x.anchor) && isString(x.before) && isString(x.after) && KINDS.has(x.kind) && typeof x.significant === 'boolean' && Object.keys(x).length === 6);

const validRecorded = (r: unknown): r is Recorded[] => Array.isArray(r) && r.every((x) => !!x && typeof x === 'object' && isString(x.day) && isString(x.key) && Object.keys(x).length === 2);

// What a process learnt is written when it ends, if nobody flushed it before (an Astro build's pages).
const unflushed = new Set<() => void>();
process.once('exit', () => unflushed.forEach((f) => f()));

/**
 * The cache in `dir` for code `version` and one history (`scope`: its first commit and reports
 * folder). It is a few sealed segments (cache-store.ts sealedSegments), read whole on first use (one
 * read instead of one per version: a history of 1,000 commits is a few MB); what a run learns is
 * written as one new segment, so a run that adds one commit writes that commit's entries, not the
 * whole cache again; a run that finds more than COMPACT_AFTER segments writes everything as one.
 * Its entries are keyed by blobs, so they stay right whatever happens to the history; entries of
 * versions no longer in it are only dead weight until the code version changes. Segments are in V8's
 * serialisation, not JSON: its texts need no UTF-8 decoding (the cache of 1,000 commits: decoding and
 * JSON.parse 90 ms, deserialising 15–27 ms, in a micro-benchmark). What the work tree's versions
 * record is in segments of its own (`recorded/`), read apart: a run that goes on from a kept walk
 * needs that and nothing else.
 */
const COMPACT_AFTER = 8;
export function openChangeCache(dir: string, version: string, scope: string): ChangeCache {
  const key = crypto.createHash('sha256').update(version).update('\0').update(scope).digest('hex');
  // What versions are and the rows between them (most of it: the rows' texts), and, apart, what the
  // work tree's versions record: a run that goes on from a kept walk (change-rows.ts) needs only the latter.
  const blobSegments = sealedSegments(path.join(dir, key));
  const recordedSegments = sealedSegments(path.join(dir, key, 'recorded'));
  let facts: Map<string, BlobFacts> | undefined;
  let changes: Map<string, CachedChange[]> | undefined;
  let recorded: Map<string, Recorded[]> | undefined;
  // What this run learnt and has not written yet.
  let newFacts = new Map<string, BlobFacts>();
  let newChanges = new Map<string, CachedChange[]>();
  let newRecorded = new Map<string, Recorded[]>();
  const packs = (segments: SealedSegments) => segments.read().flatMap((payload) => {
    try {
      const pack: unknown = v8.deserialize(payload);
      return pack && typeof pack === 'object' ? [pack as { facts?: unknown; changes?: unknown; recorded?: unknown }] : [];
    } catch { return []; /* a segment that does not read is left out: its entries are computed again */ }
  });
  // Each entry is checked for its shape as well: a sealed file holds what this code wrote, but a
  // wrong entry must never become a row.
  const load = () => {
    if (facts) return;
    facts = new Map();
    changes = new Map();
    for (const p of packs(blobSegments)) {
      if (!Array.isArray(p.facts) || !Array.isArray(p.changes)) continue;
      for (const e of p.facts) if (Array.isArray(e) && e.length === 2 && isString(e[0]) && validFacts(e[1])) facts.set(e[0], e[1]);
      for (const e of p.changes) if (Array.isArray(e) && e.length === 2 && isString(e[0]) && validChanges(e[1])) changes.set(e[0], e[1]);
    }
    // What was learnt before the cache was read (a learning run) stays.
    for (const [k, v] of newFacts) facts.set(k, v);
    for (const [k, v] of newChanges) changes.set(k, v);
  };
  const loadRecorded = () => {
    if (recorded) return;
    recorded = new Map();
    for (const p of packs(recordedSegments)) for (const e of Array.isArray(p.recorded) ? p.recorded : []) if (Array.isArray(e) && e.length === 2 && isString(e[0]) && validRecorded(e[1])) recorded.set(e[0], e[1]);
  };
  const flush = () => {
    // (segments not read, as in a learning run, are never compacted: that needs all they hold)
    if (newFacts.size || newChanges.size) {
      // (a learning run never read the segments: when they have grown many, it reads them, to compact)
      if (!facts && blobSegments.listed() > 4 * COMPACT_AFTER) load();
      const compact = !!facts && blobSegments.count > COMPACT_AFTER;
      const [f, c] = compact ? [facts!, changes!] : [newFacts, newChanges];
      blobSegments.write(v8.serialize({ facts: [...f], changes: [...c] }), compact);
    }
    if (newRecorded.size) {
      const compact = recordedSegments.count > COMPACT_AFTER;
      recordedSegments.write(v8.serialize({ recorded: [...(compact ? recorded! : newRecorded)] }), compact);
    }
    newFacts = new Map();
    newChanges = new Map();
    newRecorded = new Map();
  };
  unflushed.add(flush);
  const pair = (before: string, after: string) => `${before} ${after}`;
  const cache: ChangeCache = {
    facts: (blob) => { load(); return facts!.get(blob); },
    rememberFacts: (blob, f) => { facts?.set(blob, f); newFacts.set(blob, f); },
    changes: (before, after) => { load(); return changes!.get(pair(before, after)); },
    rememberChanges: (before, after, c) => { changes?.set(pair(before, after), c); newChanges.set(pair(before, after), c); },
    recorded: (blob) => { loadRecorded(); return recorded!.get(blob); },
    rememberRecorded: (blob, r) => { loadRecorded(); recorded!.set(blob, r); newRecorded.set(blob, r); },
    flush,
    warm: load,
    // Looking up costs reading the whole cache (a few MB for 1,000 commits): a run with a few new
    // versions to read reads them from git instead, and writes what it learnt as usual.
    learning: () => ({ ...cache, facts: () => undefined, changes: () => undefined, warm: undefined }),
  };
  return cache;
}

/** The name of the history of `reportsDir` in the repository at `repo`: its first commit, so that a
 * clone elsewhere (another CI runner's checkout) finds the same cache. Asked of git once, unless the
 * caller knows it (readHistoryRemembered gives it without git). */
const scopes = new Map<string, string>();
function scopeOf(repo: string, reportsDir: string, root?: string): string {
  const where = `${repo}\0${reportsDir}`;
  if (root) scopes.set(where, `${root}\0${reportsDir}`);
  if (!scopes.has(where)) scopes.set(where, `${firstCommit(repo) ?? repo}\0${reportsDir}`);
  return scopes.get(where)!;
}

const opened = new Map<string, ChangeCache | null>();
/** The project's 変更箇所 cache for the history of `reportsDir` in the repository at `repo` (in
 * cacheHome()/changes), or undefined when caching is off. `root`: the first commit of HEAD's
 * first-parent line, when the caller knows it. */
export function changeCache(repo: string, reportsDir: string, root?: string): ChangeCache | undefined {
  const scope = scopeOf(repo, reportsDir, root);
  if (!opened.has(scope)) {
    const at = versionedDir('changes');
    opened.set(scope, at ? openChangeCache(at.dir, at.version, scope) : null);
  }
  return opened.get(scope) ?? undefined;
}

/** Where the history of `reportsDir` is kept between runs (git-history.ts readHistoryRemembered), beside
 * its 変更箇所 cache; undefined when caching is off. Not named by the repository: what is kept is used
 * only when its head is on HEAD's first-parent line, so another repository's entry is read again. */
export function historyMemory(reportsDir: string): HistoryMemory | undefined {
  const at = versionedDir('changes');
  if (!at) return undefined;
  const key = crypto.createHash('sha256').update(at.version).update('\0history\0').update(reportsDir).digest('hex');
  const store = sealedStore(path.join(at.dir, 'history'));
  return { get: () => store.get(key), put: (payload) => store.put(key, payload) };
}

/** Where the 変更箇所 walk of `reportsDir` is kept between runs (change-rows.ts, history-walk.ts), one
 * for the newest head a run walked to; undefined when caching is off. Not named by the repository:
 * a kept walk is gone on from only when its head is on HEAD's first-parent line. */
export function keptWalks(reportsDir: string): WalkMemory | undefined {
  const at = versionedDir('changes');
  if (!at) return undefined;
  const key = crypto.createHash('sha256').update(at.version).update('\0walk\0').update(reportsDir).digest('hex');
  return walkStore(path.join(at.dir, 'walk', key.slice(0, 16)), key);
}

/** A kept walk in a folder of its own, `dir`: a sealed index entry (`key`) holds its state and names
 * each report's rows, entries of their own named by their digest. */
export function walkStore(dir: string, key: string): WalkMemory {
  const store = sealedStore(dir);
  const isKey = (p: unknown): p is string => typeof p === 'string' && /^[0-9a-f]{64}$/.test(p) && p !== key;
  const index = (): { state: Buffer; parts: Map<string, string> } | undefined => {
    try {
      const x: unknown = v8.deserialize(store.get(key) ?? Buffer.alloc(0));
      const i = x as { state: unknown; parts: unknown };
      return x && typeof x === 'object' && i.state instanceof Uint8Array && Array.isArray(i.parts) && i.parts.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && isKey(p[1]))
        ? { state: Buffer.from(i.state.buffer, i.state.byteOffset, i.state.byteLength), parts: new Map(i.parts) } : undefined;
    } catch { return undefined; }
  };
  // The parts the walk being kept was read from: a report's rows replace its own entry there, never
  // one of an index another run wrote meanwhile (whose rows would not be this walk's; if that run
  // removed what this one read, the next run finds rows missing and walks the whole history).
  let readParts = new Map<string, string>();
  return {
    get() {
      const i = index();
      if (!i) return undefined;
      readParts = i.parts;
      return { state: i.state, rows: (report) => { const part = i.parts.get(report); return part ? store.get(part) : undefined; } };
    },
    put(state, rows, replacing) {
      const parts = new Map(replacing ? [] : readParts);
      const replaced: string[] = [];
      for (const [report, buf] of rows) {
        const part = crypto.createHash('sha256').update(buf).digest('hex');
        store.put(part, buf);
        const was = parts.get(report);
        if (was && was !== part) replaced.push(was);
        parts.set(report, part);
      }
      store.put(key, v8.serialize({ state, parts: [...parts] }));
      readParts = parts;
      // What the index no longer names is removed: a report's rows before this run's, and, when all
      // are written again, whatever else is there (from a damaged index, or another run's).
      const named = new Set(parts.values());
      if (replacing) { for (const p of store.keys()) if (p !== key && !named.has(p)) store.remove(p); }
      else for (const p of replaced) if (!named.has(p)) store.remove(p);
    },
  };
}

/** Where `npm run changes --format json` keeps each report file's part of its output (change-format.ts
 * jsonByFile), by the digest of what it is made of; undefined when caching is off. What a run did not
 * use of what the run before it used is removed when it is done, so the folder holds about one output. */
export function keptJson(reportsDir: string): JsonParts | undefined {
  const at = versionedDir('changes');
  if (!at) return undefined;
  const store = sealedStore(path.join(at.dir, 'json'));
  const listKey = crypto.createHash('sha256').update(at.version).update('\0json\0').update(reportsDir).digest('hex');
  const used = new Set<string>();
  return {
    get: (key) => { used.add(key); return store.get(key); },
    put: (key, json) => { used.add(key); store.put(key, json); },
    done() {
      let before: unknown;
      try { before = v8.deserialize(store.get(listKey) ?? Buffer.alloc(0)); } catch { before = undefined; }
      const list = [...used].sort();
      if (Array.isArray(before) && before.length === list.length && before.every((k, i) => k === list[i])) return;
      store.put(listKey, v8.serialize(list));
      if (Array.isArray(before)) for (const k of before) if (typeof k === 'string' && /^[0-9a-f]{64}$/.test(k) && !used.has(k)) store.remove(k);
    },
  };
}
