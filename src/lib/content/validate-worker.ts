// A worker thread of validateFilesInParallel (validate-content.ts): checks its share of the files
// (their own checks: YAML and schema) and posts back the outcomes in the same order. Does I/O.
import { parentPort, workerData } from 'node:worker_threads';
import { enableCompileCache } from './cache-store.ts';
import type { FileFacts } from './content-cache.ts';

enableCompileCache();
const { checkFile } = await import('./validate-content.ts');
const share = workerData as { file: string; known?: { digest: string; facts: FileFacts } }[];
// Positions (locate) are functions and stay here: the main thread reads a file again if it needs them.
parentPort!.postMessage(share.map(({ file, known }) => { const { locate: _, ...outcome } = checkFile(file, { known }); return outcome; }));
