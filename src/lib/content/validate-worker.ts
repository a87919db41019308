// A worker thread of validateFilesInParallel (validate-content.ts): checks files (their own checks:
// YAML and schema), taking the next one from the counter shared with the other threads until none is
// left, and posts back each outcome with the file's index. Does I/O.
import { parentPort, workerData } from 'node:worker_threads';
import { enableCompileCache } from './cache-store.ts';
import type { FileFacts } from './content-cache.ts';

enableCompileCache();
const { checkFile } = await import('./validate-content.ts');
const { flushContentCache } = await import('./content-cache.ts');
const { jobs, next, keepData } = workerData as { jobs: { file: string; known?: { digest: string; facts: FileFacts } }[]; next: Int32Array; keepData: boolean };
// Positions (locate) are functions and stay here: the main thread reads a file again if it needs them.
const outcomes: [number, Omit<ReturnType<typeof checkFile>, 'locate'>][] = [];
for (let i = Atomics.add(next, 0, 1); i < jobs.length; i = Atomics.add(next, 0, 1)) {
  const { locate: _, ...outcome } = checkFile(jobs[i].file, { known: jobs[i].known, keepData });
  outcomes.push([i, outcome]);
}
flushContentCache();
parentPort!.postMessage(outcomes);
