// A quiet first run: the README explains the one warning npm install prints (and only for a machine Node
// older than it says), the project's scripts never send Astro telemetry, and the README names no file
// that a clone of the repository does not have.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// semver (npm's own version rules) comes with the installed tools; only the two functions used are typed.
const semver = createRequire(import.meta.url)('semver') as { satisfies(v: string, range: string, o?: object): boolean; coerce(v?: string): { version: string } | null };
const readme = fs.readFileSync('README.md', 'utf8');
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));

describe('first run', () => {
  it('the README explains EBADENGINE, and the Node version it names silences it for every installed package', () => {
    expect(readme).toContain('EBADENGINE');
    const named = /マシンの Node が\s*([\d.]+) 以上なら表示されません/.exec(readme.replace(/\n/g, ''))?.[1];
    expect(named).toBeDefined();
    const version = semver.coerce(named)!.version;
    // Optional packages (another platform's binaries) are skipped by npm without a warning.
    const wanting = Object.entries(lock.packages as Record<string, { engines?: { node?: string }; optional?: boolean }>)
      .filter(([, p]) => !p.optional && typeof p.engines?.node === 'string' && !semver.satisfies(version, p.engines.node, { includePrerelease: true }))
      .map(([name]) => name);
    expect(wanting).toEqual([]);
  });
  it('every npm script that starts Astro turns its telemetry off', () => {
    const astro = Object.entries(pkg.scripts as Record<string, string>).filter(([, s]) => /\bastro (dev|preview|build)/.test(s));
    expect(astro.length).toBeGreaterThan(0);
    for (const [name, script] of astro) expect(script, name).toMatch(/ASTRO_TELEMETRY_DISABLED=1 astro/);
    expect(fs.readFileSync('scripts/build.ts', 'utf8')).toContain("ASTRO_TELEMETRY_DISABLED: '1'");
  });
  it('the README names no path outside the repository', () => {
    expect(readme).not.toMatch(/\.\.\/shared|\.\.\//);
  });
});
