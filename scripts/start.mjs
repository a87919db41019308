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
// The processes this one starts (the build's data step, Astro, shards) get the young generation the npm
// script gave this one (--max-semi-space-size): parsing YAML makes many short-lived objects, and a larger
// nursery collects them in fewer pauses (about a tenth of a cold validation or 変更箇所 run, and a
// quarter less memory; measured in docs/benchmarks.md).
const semi = process.execArgv.find((a) => a.startsWith('--max-semi-space-size='));
if (semi && !/--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? '')) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} ${semi}`.trim();
await import(`./${command}.ts`);
