// Report versions as git blobs: what each one is (readable? which report? which form?) and the item
// rows between two of them, from the 変更箇所 cache when it knows them, else by reading the blobs
// (one `git cat-file --batch`) and diffing them, and remembering the result. Shared by `npm run
// changes`, the report pages' 変更箇所 and the version-history pages. Does I/O (git, the cache).
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { BlobReader } from './git-history.ts';
import type { BlobFacts, CachedChange, ChangeCache } from './change-cache.ts';
import { diffReports, sharedText, type ItemChange } from './report-diff.ts';
import type { Node } from '../report/report-tree.ts';
import { itemPath } from './change-rows.ts';
import { FORM_SCHEMAS, formOf } from '../form/form-schema.ts';
import { notInForce } from '../report/version-state.ts';
import { readYaml } from '../content/yaml-source.ts';
import { printedIdentity } from '../content/report-identity.ts';

type Data = Record<string, unknown>;
type Read = { data: Data } | { error: { line: number; message: string } } | undefined;

/** A version's text as data, or its first YAML problem (read as YAML reads it: a published version
 * is what it was, even if today's validation would ask for its text to be written otherwise). */
export function parseVersion(buf: Buffer): NonNullable<Read> {
  const r = readYaml(buf.toString('utf8').replace(/^\uFEFF/, ''), { strict: false });
  const p = r.problems[0];
  return p ? { error: { line: p.line, message: p.message } } : { data: r.data as Data };
}

/**
 * A piece of a version's data as blob-parse-worker.ts sends it, with a digest that stands for its
 * value: a value read whole (where its V8 serialisation sits in the version's buffer), a mapping or
 * sequence made of pieces (yaml-fast.ts readBlock), or the digest alone of a piece sent lately.
 */
export type SentPiece = [digest: string] | [digest: string, offset: number, length: number] | [digest: string, kind: 'map', entries: [string, SentPiece][]] | [digest: string, kind: 'seq', items: SentPiece[]];

/** A piece sent as its digest alone whose value is no longer held here. */
class MissingPiece extends Error {}

/**
 * Values by the digest of their piece, while some version still holds them: a part a version shares
 * with an earlier one (a top-level item, an entry of a list, a group of items) is the very same object
 * (read-only, like all parsed data), so it is neither deserialised again nor compared or turned into a
 * tree again (report-diff.ts keeps trees by the data they show).
 */
export class LiveValues {
  private live = new Map<string, WeakRef<object>>();
  private gone = new FinalizationRegistry<string>((digest) => { if (!this.live.get(digest)?.deref()) this.live.delete(digest); });
  /** The value of a digest, while it is held. */
  protected held(digest: string): object | undefined { return this.live.get(digest)?.deref(); }
  assemble(p: SentPiece, bytes: Uint8Array): unknown {
    const kept = this.held(p[0]);
    if (kept) return kept;
    if (p.length === 1) throw new MissingPiece(p[0]);
    const value: unknown = p.length === 3 && typeof p[1] === 'number' ? v8.deserialize(bytes.subarray(p[1], p[1] + p[2]))
      : p[1] === 'map' ? Object.fromEntries((p[2] as [string, SentPiece][]).map(([key, c]) => [key, this.assemble(c, bytes)])) : (p[2] as SentPiece[]).map((c) => this.assemble(c, bytes));
    if (value && typeof value === 'object') { this.live.set(p[0], new WeakRef(value)); this.gone.register(value, p[0]); }
    return value;
  }
}

/** A parsing thread of BlobVersions.parseInWorker: blob-parse-worker.ts reads and parses the versions
 * asked for, in order, and posts back their data in pieces. */
class ParseWorker {
  private worker: Worker;
  private waiting = new Map<string, { resolve: (r: Read) => void; reject: (e: Error) => void }[]>();
  constructor(cwd: string, values: LiveValues) {
    this.worker = new Worker(new URL('./blob-parse-worker.ts', import.meta.url), { workerData: { cwd } });
    this.worker.on('message', (m: { sha: string; missing?: boolean; error?: { line: number; message: string }; data?: Uint8Array; sections?: [string, SentPiece][]; bytes?: Uint8Array }) => {
      let read: Read;
      try {
        read = m.missing ? undefined : m.error ? { error: m.error } : { data: m.sections ? Object.fromEntries(m.sections.map(([key, p]) => [key, values.assemble(p, m.bytes!)])) : v8.deserialize(m.data!) as Data };
      } catch (e) {
        if (!(e instanceof MissingPiece)) throw e;
        // A piece sent as its digest whose value is gone: the same version again, every piece in full.
        this.worker.postMessage({ sha: m.sha, full: true });
        return;
      }
      const w = this.waiting.get(m.sha)?.shift();
      w?.resolve(read);
    });
    this.worker.on('error', (e) => { for (const ws of this.waiting.values()) ws.splice(0).forEach((w) => w.reject(e)); });
  }
  parse(sha: string): Promise<Read> {
    return new Promise((resolve, reject) => {
      this.waiting.set(sha, [...(this.waiting.get(sha) ?? []), { resolve, reject }]);
      this.worker.postMessage(sha);
    });
  }
  close() { void this.worker.terminate(); }
}

/** A cell's text without the line breaks at its end (「|」 keeps one, which a pasted cell shows as a blank line). */
const cell = (text: string) => text.replace(/(?<!\n)\n+$/, '');

/** Whether a row changes a 重要な変更 item (様式の ※): its item is one, or the row adds, removes or
 * writes out a whole group (an entry of 委託事項, a group marked 原文欠落) that holds one. */
function isSignificant(c: ItemChange): boolean {
  if (c.node.significant) return true;
  if (c.kind !== 'added' && c.kind !== 'removed' && !c.whole) return false;
  const holds = (n: Node): boolean => !!n.significant || n.children.some(holds);
  return holds(c.node);
}

export class BlobVersions {
  private parsed = new Map<string, Read>();
  /** Data kept whatever the order (see pin); a value of undefined: pinned, not read yet. */
  private pinned = new Map<string, Read>();
  private pending = new Map<string, Promise<Read>>();
  private worker: ParseWorker | undefined;
  private readonly blobs: BlobReader;
  private readonly cache: ChangeCache | undefined;

  constructor(blobs: BlobReader, cache: ChangeCache | undefined) {
    this.blobs = blobs;
    this.cache = cache;
  }

  /** The version's data or its first YAML problem; undefined when git does not have it. */
  async read(sha: string): Promise<Read> {
    const kept = this.pinned.get(sha) ?? this.parsed.get(sha);
    if (kept !== undefined || this.parsed.has(sha)) return kept;
    const read = await (this.pending.get(sha) ?? this.load(sha));
    this.pending.delete(sha);
    if (this.pinned.has(sha)) this.pinned.set(sha, read);
    else {
      this.parsed.set(sha, read);
      // Versions are mostly read one after the other: a short memory is enough besides the pinned ones.
      if (this.parsed.size > 16) this.parsed.delete(this.parsed.keys().next().value!);
    }
    return read;
  }

  /** Keeps `sha`'s data while it is the latest version of a report (the "before" of its next change),
   * and lets `previous` go: a history touches its reports in any order. */
  pin(sha: string, previous?: string) {
    if (previous === sha) return;
    if (previous && this.pinned.has(previous)) { const d = this.pinned.get(previous); this.pinned.delete(previous); if (d !== undefined) this.parsed.set(previous, d); }
    if (!this.pinned.has(sha)) { this.pinned.set(sha, this.parsed.get(sha)); this.parsed.delete(sha); }
  }

  /** Starts reading versions that will be needed soon: git (and the parser, when it is a worker)
   * work on them while this thread diffs the current ones. */
  prefetch(shas: string[]) {
    for (const sha of shas) if (!this.pinned.has(sha) && !this.parsed.has(sha) && !this.pending.has(sha)) this.pending.set(sha, this.load(sha));
  }

  /**
   * Parses versions in a worker thread from now on (a history with many versions not in the cache):
   * this thread only diffs, and reads the worker's data back (V8's serialisation), which is many
   * times faster than parsing YAML. Only for code run from its source (the CLI), not bundled code.
   * (A second parsing thread measured no faster on two cores: this thread is busy diffing.)
   */
  parseInWorker(cwd: string, values = new LiveValues()) {
    this.worker ??= new ParseWorker(cwd, values);
  }

  close() { this.worker?.close(); }

  private load(sha: string): Promise<Read> {
    if (this.worker) return this.worker.parse(sha);
    return this.blobs.read(sha).then((buf) => buf && parseVersion(buf));
  }

  /** What the version is; undefined when git does not have it. */
  async facts(sha: string): Promise<BlobFacts | undefined> {
    const known = this.cache?.facts(sha);
    if (known) return known;
    const r = await this.read(sha);
    if (!r) return undefined;
    const facts: BlobFacts = 'error' in r ? { error: r.error } : { identity: printedIdentity(r.data), form: formOf(r.data), ...(notInForce(r.data) ? { draft: true as const } : {}) };
    for (const k of ['identity', 'form'] as const) if (facts[k] === undefined) delete facts[k];
    this.cache?.rememberFacts(sha, facts);
    return facts;
  }

  /** How much of two readable versions' text is the same (report-diff.ts sharedText); 0 when either cannot be read. */
  async likeness(a: string, b: string): Promise<number> {
    const [x, y] = [await this.read(a), await this.read(b)];
    return x && y && !('error' in x) && !('error' in y) ? sharedText(x.data, y.data) : 0;
  }

  /** The item rows from version `before` to version `after` (both readable, `after` of a known form). */
  async changes(before: string, after: string): Promise<CachedChange[]> {
    const known = this.cache?.changes(before, after);
    if (known) return known;
    const [a, b] = [await this.read(before), await this.read(after)];
    if (!a || !b || 'error' in a || 'error' in b) throw new Error(`版 ${before} と ${after} を比べられません（読めない版です）`);
    const form = formOf(b.data);
    if (!form) throw new Error(`版 ${after} の様式が分かりません`);
    const changes = diffReports(a.data, b.data, FORM_SCHEMAS[form].schema).map((c) => ({
      item: itemPath(c.ancestors, c.node), anchor: c.node.anchor, before: cell(c.before), after: cell(c.after), kind: c.kind, significant: isSignificant(c),
    }));
    this.cache?.rememberChanges(before, after, changes);
    return changes;
  }
}

