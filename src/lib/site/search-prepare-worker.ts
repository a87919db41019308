// The preparing thread of SearchIndexer (search-index.ts): prepares each page it is sent (preparePageFile:
// segmenting every word, the half of the search work that is not Pagefind's) and answers with the hash
// of the prepared page, so that the build's own thread stays free to watch Astro and start Pagefind.
// Does file I/O.
import { parentPort } from 'node:worker_threads';
import { preparePageFile, type PrepareAnswer, type PrepareRequest } from './search-index.ts';

parentPort!.on('message', ({ rel, file, to, wordsDir, cacheDir, options, known }: PrepareRequest) => {
  let answer: PrepareAnswer;
  try { answer = { rel, hash: preparePageFile(file, to, wordsDir, cacheDir, options, known) }; } catch (e) { answer = { rel, error: String((e as Error).message ?? e) }; }
  parentPort!.postMessage(answer);
});
