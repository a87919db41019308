// Report versions as git blobs: what each one is (readable? which report? which form?) and the item
// rows between two of them, from the 変更箇所 cache when it knows them, else by reading the blobs
// (one `git cat-file --batch`) and diffing them, and remembering the result. Shared by `npm run
// changes`, the report pages' 変更箇所 and the version-history pages. Does I/O (git, the cache).
import { BlobReader } from './git-history.ts';
import type { BlobFacts, CachedChange, ChangeCache } from './change-cache.ts';
import { diffReports } from './report-diff.ts';
import { itemPath } from './change-rows.ts';
import { FORM_SCHEMAS, formOf } from '../form/form-schema.ts';
import { readYaml } from '../content/yaml-source.ts';
import { printedIdentity } from '../content/report-identity.ts';

type Data = Record<string, unknown>;
type Read = { data: Data } | { error: { line: number; message: string } } | undefined;

export class BlobVersions {
  private parsed = new Map<string, Read>();
  /** Data kept whatever the order (see pin); a value of undefined: pinned, not read yet. */
  private pinned = new Map<string, Read>();
  private pending = new Map<string, Promise<Buffer | undefined>>();
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
    const buf = await this.fetch(sha);
    const r = buf ? readYaml(buf.toString('utf8').replace(/^\uFEFF/, '')) : undefined;
    const p = r?.problems[0];
    const read: Read = !r ? undefined : p ? { error: { line: p.line, message: p.message } } : { data: r.data as Data };
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

  /** Asks git for versions that will be needed soon, so that git reads them while this process parses. */
  prefetch(shas: string[]) {
    for (const sha of shas) if (!this.pinned.has(sha) && !this.parsed.has(sha) && !this.pending.has(sha)) this.pending.set(sha, this.blobs.read(sha));
  }

  private fetch(sha: string): Promise<Buffer | undefined> {
    const p = this.pending.get(sha);
    if (p) { this.pending.delete(sha); return p; }
    return this.blobs.read(sha);
  }

  /** What the version is; undefined when git does not have it. */
  async facts(sha: string): Promise<BlobFacts | undefined> {
    const known = this.cache?.facts(sha);
    if (known) return known;
    const r = await this.read(sha);
    if (!r) return undefined;
    const facts: BlobFacts = 'error' in r ? { error: r.error } : { identity: printedIdentity(r.data), form: formOf(r.data) };
    for (const k of ['identity', 'form'] as const) if (facts[k] === undefined) delete facts[k];
    this.cache?.rememberFacts(sha, facts);
    return facts;
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
      item: itemPath(c.ancestors, c.node), anchor: c.node.anchor, before: c.before, after: c.after, kind: c.kind, significant: !!c.node.significant,
    }));
    this.cache?.rememberChanges(before, after, changes);
    return changes;
  }
}
