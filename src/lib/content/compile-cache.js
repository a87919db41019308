// Where the project's caches live, and Node's compile cache in it. Plain JavaScript (with JSDoc types)
// so that scripts/start.mjs can turn the compile cache on before any TypeScript is loaded: a warm
// command then never loads Node's type stripper (about 0.1 s of a start-up). Does I/O (the cache folder).
import module from 'node:module';
import path from 'node:path';

/** The project folder (this file is in src/lib/content/). */
export const projectRoot = () => path.resolve(import.meta.dirname ?? '.', '..', '..', '..');

/** Where Node's compile cache of a checkout's code is kept (`root`: the checkout's folder). */
export const compileCacheDir = (root = projectRoot()) => path.join(root, 'node_modules', '.cache', 'tokutei-hyoka', 'node-compile');

/** Where the cache lives (scripts/build.ts hands it to the Astro build as CONTENT_CACHE_DIR). */
export const cacheHome = () => path.resolve(process.env.CONTENT_CACHE_DIR ?? path.join(projectRoot(), 'node_modules', '.cache', 'tokutei-hyoka'));

/**
 * Turns on Node's compile cache for the modules imported after this call: a CLI run otherwise spends
 * most of a warm run stripping types from and compiling the same modules again. Node checks each
 * cached module against its source, so an edited module is compiled afresh. It caches this install's
 * code, not content, so it stays in node_modules/.cache whatever CONTENT_CACHE_DIR says: a run with a
 * fresh content cache (a cold validation) still starts from compiled code.
 */
export function enableCompileCache() {
  if (process.env.CONTENT_CACHE === '0') return;
  const dir = compileCacheDir();
  let result;
  try { result = module.enableCompileCache?.(dir); } catch { return; /* only slower */ }
  const { ENABLED, ALREADY_ENABLED } = module.constants.compileCacheStatus;
  if (result?.status !== ENABLED && result?.status !== ALREADY_ENABLED) return;
  // Worker threads and processes started from here (they copy the environment) start with it too,
  // their first module included (a validation thread starts 0.1–0.2 s sooner).
  process.env.NODE_COMPILE_CACHE = dir;
}

/** Writes what the compile cache holds so far, for threads started next (a no-op when it is off). */
export function flushCompileCache() {
  try { module.flushCompileCache?.(); } catch { /* only slower */ }
}
