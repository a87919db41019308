// node scripts/start.mjs <command> [arguments…]: runs scripts/<command>.ts with Node's compile cache on
// from its first module (the npm scripts of the quick commands use it). Plain JavaScript, so that a
// warm run loads no type stripper at all: every module comes from the compile cache already stripped
// and compiled (about 0.1 s of a 0.5 s run of npm run changes).
import { enableCompileCache } from '../src/lib/content/compile-cache.js';

const [command] = process.argv.splice(2, 1);
if (!command || !/^[a-z][a-z-]*$/.test(command)) {
  console.error('使い方: node scripts/start.mjs <コマンド> [引数…]（scripts/<コマンド>.ts を実行します）');
  process.exit(2);
}
enableCompileCache();
await import(`./${command}.ts`);
