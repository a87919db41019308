// The yaml package (the reader that keeps positions, its lexer and its messages), loaded when first
// needed: most reads take the fast path (js-yaml, yaml-fast.ts), and loading it was a tenth of a quick
// command's time (npm run changes with one new commit). Loaded with require, which is synchronous,
// from wherever this module is (its source, or the build's chunks under the project).
import { createRequire } from 'node:module';

let lib: typeof import('yaml') | undefined;
export const yamlLibrary = (): typeof import('yaml') => (lib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
