// Builds the site once for all test files: from the fictional fixture content and from content/.
// Each build goes through scripts/build.ts, the same path as `npm run build`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { today } from '../../src/lib/site/comment-period.ts';

export function buildSite(contentDir: string, outDir: string, env: Record<string, string> = {}, args: string[] = []): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, ['scripts/build.ts', ...args], {
    encoding: 'utf8', env: { ...process.env, CONTENT_DIR: contentDir, OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: '1', ...env },
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

export default function setup(project: TestProject) {
  // Every build in the tests (here and in the test files, which inherit this) is a local one.
  process.env.SITE_URL ??= 'http://127.0.0.1:4321';
  // One day for the whole test run: builds compared with each other (the sharded build with the one made
  // here) must not straddle midnight in Japan, where comment-period states change.
  process.env.SITE_TODAY ??= today();
  // Every temporary folder of the run (test repositories, caches, sites: os.tmpdir() in the test files,
  // git and Chromium) goes in one folder, removed at the end: a run leaves nothing behind in /tmp.
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'tokutei-tests-'));
  process.env.TMPDIR = run;
  const root = fs.mkdtempSync(path.join(run, 'site-'));
  const sites = { fixture: path.join(root, 'fixture'), content: path.join(root, 'content') };
  for (const [name, content] of [['fixture', 'tests/fixtures/content'], ['content', 'content']] as const) {
    const r = buildSite(content, sites[name]);
    if (r.status !== 0) throw new Error(`building the ${name} site failed:\n${r.output}`);
  }
  project.provide('sites', sites);
  return () => fs.rmSync(run, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext { sites: { fixture: string; content: string } }
}
