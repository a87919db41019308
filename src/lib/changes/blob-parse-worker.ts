// The worker thread of BlobVersions.parseInWorker (blob-changes.ts): reads the versions (git blobs)
// it is asked for with one `git cat-file --batch`, parses them, and posts back each one's data in V8's
// serialisation (or its first YAML problem), in the order asked. Does I/O (git).
import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { enableCompileCache } from '../content/cache-store.ts';

enableCompileCache();
const { BlobReader } = await import('./git-history.ts');
const { parseVersion } = await import('./blob-changes.ts');
const blobs = new BlobReader((workerData as { cwd: string }).cwd);
let queue = Promise.resolve();
parentPort!.on('message', (sha: string) => {
  const buf = blobs.read(sha);
  // Results go back in the order asked, whatever the order the parsing ends in.
  queue = queue.then(async () => {
    const b = await buf;
    if (!b) { parentPort!.postMessage({ sha, missing: true }); return; }
    const r = parseVersion(b);
    parentPort!.postMessage('error' in r ? { sha, error: r.error } : { sha, data: v8.serialize(r.data) });
  });
});
