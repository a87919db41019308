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
/** A top-level item, serialised, with the digest of its serialisation: most items of a version are
 * those of the version before, and the main thread keeps them once (blob-changes.ts ParseWorker). */
const sectionOf = (key: string, value: unknown): [string, Uint8Array, string] => {
  const bytes = v8.serialize(value);
  return [key, bytes, crypto.createHash('sha256').update(bytes).digest('hex')];
};
const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const blobs = new BlobReader((workerData as { cwd: string }).cwd);
let queue = Promise.resolve();
parentPort!.on('message', (sha: string) => {
  const buf = blobs.read(sha);
  // Results go back in the order asked, whatever the order the parsing ends in.
  queue = queue.then(async () => {
    const b = await buf;
    if (!b) { parentPort!.postMessage({ sha, missing: true }); return; }
    const r = parseVersion(b);
    if ('error' in r) parentPort!.postMessage({ sha, error: r.error });
    else if (isPlainObject(r.data)) {
      const sections = Object.entries(r.data).map(([key, value]) => sectionOf(key, value));
      // Each serialisation owns its memory: handed over, not copied.
      parentPort!.postMessage({ sha, sections }, sections.map(([, bytes]) => bytes.buffer).filter((b, i) => b.byteLength === sections[i][1].byteLength && sections[i][1].byteOffset === 0) as ArrayBuffer[]);
    }
    else parentPort!.postMessage({ sha, data: v8.serialize(r.data) });
  });
});
