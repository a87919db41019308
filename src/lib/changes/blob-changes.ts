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
  private readonly blobs: BlobReader;
  private readonly cache: ChangeCache | undefined;

  constructor(blobs: BlobReader, cache: ChangeCache | undefined) {
    this.blobs = blobs;
    this.cache = cache;
  }

  /** The version's data or its first YAML problem; undefined when git does not have it. */
  async read(sha: string): Promise<Read> {
    if (!this.parsed.has(sha)) {
      const buf = await this.blobs.read(sha);
      const r = buf ? readYaml(buf.toString('utf8').replace(/^\uFEFF/, '')) : undefined;
      const p = r?.problems[0];
      this.parsed.set(sha, !r ? undefined : p ? { error: { line: p.line, message: p.message } } : { data: r.data as Data });
      // Consecutive versions are read one after the other: a short memory is enough.
      if (this.parsed.size > 64) this.parsed.delete(this.parsed.keys().next().value!);
    }
    return this.parsed.get(sha);
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
