// The worker thread of BlobVersions.parseInWorker (blob-changes.ts): reads the versions (git blobs)
// it is asked for with one `git cat-file --batch`, parses them, and posts back each one's data in V8's
// serialisation item by item (or its first YAML problem), in the order asked. Does I/O (git).
import crypto from 'node:crypto';
import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { enableCompileCache } from '../content/cache-store.ts';

enableCompileCache();
const { BlobReader } = await import('./git-history.ts');
const { parseVersion } = await import('./blob-changes.ts');
const { blockItem, fastYamlSections } = await import('../content/yaml-fast.ts');
const { normaliseLineEnds } = await import('../content/yaml-source.ts');

type Section = [key: string, bytes: Uint8Array, digest: string];
const sha256 = (x: string | Uint8Array) => crypto.createHash('sha256').update(x).digest('hex');
/** A top-level item, serialised, with the digest of its serialisation: most items of a version are
 * those of the version before, and the main thread keeps them once (blob-changes.ts ParseWorker). */
const sectionOf = (key: string, value: unknown): Section => { const bytes = v8.serialize(value); return [key, bytes, sha256(bytes)]; };
const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

// The items read lately, by their text: a version is read block by block (yaml-fast.ts
// fastYamlSections) and a block seen before is neither parsed nor serialised again. Bounded by the
// characters kept, oldest first out: a report's items are met again at its next version.
const read = new Map<string, Section>();
const KEEP_CHARS = 32 * 1024 * 1024;
let kept = 0;
function blockSection(block: string): [string, Section] | undefined {
  let s = read.get(block);
  if (s) { read.delete(block); read.set(block, s); return [s[0], s]; }
  const item = blockItem(block);
  if (!item) return undefined;
  read.set(block, (s = sectionOf(item[0], item[1])));
  for (kept += block.length; kept > KEEP_CHARS;) { const oldest = read.keys().next().value!; read.delete(oldest); kept -= oldest.length; }
  return [s[0], s];
}
/** Posts a version's sections, their buffers handed over rather than copied: those of the blocks kept
 * above are copies (new Uint8Array copies; Buffer#slice would share the memory handed over). */
function post(sha: string, sections: Section[], own: boolean) {
  const sent: Section[] = sections.map(([key, bytes, digest]) => [key, own ? bytes : new Uint8Array(bytes), digest]);
  parentPort!.postMessage({ sha, sections: sent }, sent.map(([, bytes]) => bytes.buffer as ArrayBuffer));
}

const blobs = new BlobReader((workerData as { cwd: string }).cwd);
let queue = Promise.resolve();
parentPort!.on('message', (sha: string) => {
  const buf = blobs.read(sha);
  // Results go back in the order asked, whatever the order the parsing ends in.
  queue = queue.then(async () => {
    const b = await buf;
    if (!b) { parentPort!.postMessage({ sha, missing: true }); return; }
    // The same text as parseVersion reads; the sections kept for later are sent as copies.
    const blocks = fastYamlSections(normaliseLineEnds(b.toString('utf8').replace(/^\uFEFF/, '')), blockSection);
    if (blocks) { post(sha, blocks.map(([, s]) => s), false); return; }
    const r = parseVersion(b);
    if ('error' in r) parentPort!.postMessage({ sha, error: r.error });
    else if (isPlainObject(r.data)) post(sha, Object.entries(r.data).map(([key, value]) => sectionOf(key, value)), true);
    else parentPort!.postMessage({ sha, data: v8.serialize(r.data) });
  });
});
