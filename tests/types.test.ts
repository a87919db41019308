// The site code's types come from the schemas (src/generated/schema-types.ts), and the whole project
// type-checks under strict TypeScript.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { generateTypes } from '../src/lib/form/schema-types.ts';

describe('types', () => {
  it('are generated from the current schemas (run `node scripts/generate-types.ts` after a schema change)', async () => {
    expect(fs.readFileSync('src/generated/schema-types.ts', 'utf8')).toBe(await generateTypes());
  });
  it('check: tsc --noEmit passes', () => {
    const r = spawnSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.'], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
