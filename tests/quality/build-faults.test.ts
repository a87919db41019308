// Faults during `npm run build`: it is killed (SIGKILL to its process group, as a terminal's Ctrl-\ or a
// CI runner cancelling a job does) at 20 seeded random moments, and after each kill dist/ is the whole
// previous site or the whole new one, byte for byte; no process of the killed build survives; the next
// build removes what the killed ones left. A parent folder that cannot be written (chattr +i, which
// binds root too) makes one Japanese line and keeps the previous site; an old site that cannot be
// removed does not undo the new one. The site is the small fixture content, so each build takes seconds.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../support/global-setup.ts';
import { seeded } from '../support/seeded.ts';

const TODAY = '2025-06-01';
let root: string;
const content = { a: '', b: '' };
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-faults-'));
  for (const v of ['a', 'b'] as const) {
    content[v] = path.join(root, `content-${v}`);
    fs.cpSync('tests/fixtures/content', content[v], { recursive: true });
    // A small site: one report (a notice beside a removed report would be refused, so it goes too).
    for (const n of ['3', '4']) for (const ext of ['yaml', 'notice.md']) fs.rmSync(path.join(content[v], `reports/test-shi/${n}.${ext}`), { force: true });
  }
  const file = path.join(content.b, 'reports/test-shi/2.yaml');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('評価書名: テスト事務', '評価書名: 新しい版のテスト事務'));
});
afterAll(() => { if (root) fs.rmSync(root, { recursive: true, force: true }); });

/** Every file of a site (through the dist link) with the digest of its bytes (the print stamp's date,
 * the day a page was made, left out: the test may run across midnight in Japan). */
function siteFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = crypto.createHash('sha256').update(fs.readFileSync(p, 'latin1').replace(/(<span class="print-date">)[^<]*(<\/span>)/g, '$1$2')).digest('hex');
    }
  };
  walk(dir);
  return out;
}
const env = (v: 'a' | 'b', out: string) => ({ SITE_TODAY: TODAY, CONTENT_DIR: content[v], OUT_DIR: out });
/** The processes (not zombies) of a process group. */
function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') out.push(Number(pid));
    } catch { /* gone */ }
  }
  return out;
}
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('a build killed at random moments', () => {
  it('leaves dist/ the whole old site or the whole new one, every time, and the next build cleans up', async () => {
    const out = path.join(root, 'kill', 'dist');
    fs.mkdirSync(path.dirname(out));
    const reference: Record<'a' | 'b', Record<string, string>> = { a: {}, b: {} };
    const started = performance.now();
    for (const v of ['b', 'a'] as const) {
      const r = buildSite(content[v], out, { SITE_TODAY: TODAY });
      expect(r.status, r.output).toBe(0);
      reference[v] = siteFiles(out);
    }
    const duration = (performance.now() - started) / 2;
    expect(Object.keys(reference.a).length).toBeGreaterThan(10);
    expect(JSON.stringify(reference.a)).not.toBe(JSON.stringify(reference.b));

    const r = seeded(20251);
    let current: 'a' | 'b' = 'a';
    const seen = { old: 0, new: 0, mixed: 0 };
    for (let i = 0; i < 20; i++) {
      const target: 'a' | 'b' = current === 'a' ? 'b' : 'a';
      const delay = Math.floor(r.next() * duration * 1.1);
      const child = spawn('npm', ['run', '--silent', 'build'], { detached: true, stdio: 'ignore', env: { ...process.env, ...env(target, out), ASTRO_TELEMETRY_DISABLED: '1' } });
      const closed = new Promise((ok) => child.on('close', ok));
      const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already done */ } }, delay);
      await closed;
      clearTimeout(timer);
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* the group is gone */ }
      // a process in the middle of a disk write dies when the write returns: wait for that (up to 10 s)
      for (let t = 0; t < 100 && groupMembers(child.pid!).length; t++) await new Promise((ok) => setTimeout(ok, 100));
      expect(groupMembers(child.pid!), `processes of the build killed after ${delay} ms`).toEqual([]);
      const now = siteFiles(out);
      const whole = JSON.stringify(now) === JSON.stringify(reference[current]) ? 'old' : JSON.stringify(now) === JSON.stringify(reference[target]) ? 'new' : 'mixed';
      const differing = (ref: Record<string, string>) => [...new Set([...Object.keys(now), ...Object.keys(ref)])].filter((f) => now[f] !== ref[f]).sort();
      expect(whole, `after a kill at ${delay} ms (run ${i}): differs from the old site in ${differing(reference[current]).slice(0, 6).join(', ')}; from the new in ${differing(reference[target]).slice(0, 6).join(', ')}`).not.toBe('mixed');
      seen[whole]++;
      if (whole === 'new') current = target;
    }
    expect(seen.old, 'some kills came before the switch').toBeGreaterThan(0);

    // the next build finishes, and nothing of the killed builds is left
    const next: 'a' | 'b' = current === 'a' ? 'b' : 'a';
    const previous = path.resolve(path.dirname(out), fs.readlinkSync(out));
    const last = buildSite(content[next], out, { SITE_TODAY: TODAY });
    expect(last.status, last.output).toBe(0);
    expect(siteFiles(out)).toEqual(reference[next]);
    const sites = path.join(path.dirname(out), '.dist.sites');
    // The published site and the one it replaced (kept until the next build), each with its build
    // manifest (scripts/build.ts, incremental builds), nothing else.
    const live = path.resolve(path.dirname(out), fs.readlinkSync(out));
    expect(fs.readdirSync(sites).map((n) => path.join(sites, n)).sort()).toEqual([live, `${live}.manifest.json`, previous, `${previous}.manifest.json`].sort());
    expect(fs.readdirSync(path.dirname(out)).sort()).toEqual(['.dist.sites', 'dist']);
    const leftovers = fs.existsSync('.build') ? fs.readdirSync('.build').filter((n) => !alive(Number(n.split('-')[0]))) : [];
    expect(leftovers, last.output).toEqual([]);
  }, 600_000);
});

const chattr = (flag: string, p: string) => spawnSync('chattr', [flag, p]).status === 0;
const canFreeze = (() => {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'chattr-'));
  const ok = chattr('+i', probe);
  if (ok) chattr('-i', probe);
  fs.rmSync(probe, { recursive: true, force: true });
  return ok;
})();

describe.runIf(canFreeze)('a build that cannot write', () => {
  it('a parent folder that cannot be written: one Japanese line, exit 1, the previous site byte-identical, nothing left behind', () => {
    const out = path.join(root, 'frozen', 'dist');
    fs.mkdirSync(path.dirname(out));
    expect(buildSite(content.a, out, { SITE_TODAY: TODAY }).status).toBe(0);
    const before = siteFiles(out);
    const link = fs.readlinkSync(out);
    expect(chattr('+i', path.dirname(out))).toBe(true);
    let r: ReturnType<typeof buildSite>;
    try { r = buildSite(content.b, out, { SITE_TODAY: TODAY }); } finally { chattr('-i', path.dirname(out)); }
    expect(r.status).toBe(1);
    expect(r.output).not.toMatch(/^\s+at |Error:|node:internal/m);
    expect(r.output).toMatch(/切り替えることができません: 書き込みが許されていません（EPERM/);
    expect(r.output).toContain('以前の');
    expect(fs.readlinkSync(out)).toBe(link);
    expect(siteFiles(out)).toEqual(before);
    expect(fs.readdirSync(path.join(path.dirname(out), '.dist.sites')).sort()).toEqual([path.basename(link), `${path.basename(link)}.manifest.json`]);
  }, 120_000);

  it('an old site with a folder that cannot be removed: the new site is published, the build after says so, and the one after that removes it', () => {
    const out = path.join(root, 'stuck', 'dist');
    fs.mkdirSync(path.dirname(out));
    expect(buildSite(content.a, out, { SITE_TODAY: TODAY }).status).toBe(0);
    const old = path.resolve(path.dirname(out), fs.readlinkSync(out));
    const stuck = path.join(old, 'reports');
    expect(chattr('+i', stuck)).toBe(true);
    let r: ReturnType<typeof buildSite>;
    let again: ReturnType<typeof buildSite>;
    // (the replaced site stays until the next build, which removes it while it works)
    try { r = buildSite(content.b, out, { SITE_TODAY: TODAY }); again = buildSite(content.b, out, { SITE_TODAY: TODAY }); } finally { chattr('-i', stuck); }
    for (const x of [r, again]) {
      expect(x.status, x.output).toBe(0);
      expect(x.output).not.toMatch(/^\s+at |Error:|node:internal/m);
    }
    expect(r.output).not.toMatch(/消せませんでした/);
    expect(again.output).toMatch(/以前のサイト .* を消せませんでした/);
    expect(fs.readFileSync(path.join(out, 'reports/test-shi/2/index.html'), 'utf8')).toContain('新しい版のテスト事務');
    expect(fs.existsSync(old)).toBe(true);
    expect(buildSite(content.b, out, { SITE_TODAY: TODAY }).status).toBe(0);
    expect(fs.existsSync(old)).toBe(false);
  }, 180_000);
});

describe('a dist/ from before the links', () => {
  it('is replaced by the link on the next build and removed', () => {
    const out = path.join(root, 'legacy', 'dist');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'index.html'), 'old');
    const r = buildSite(content.a, out, { SITE_TODAY: TODAY });
    expect(r.status, r.output).toBe(0);
    expect(fs.lstatSync(out).isSymbolicLink()).toBe(true);
    // (kept as the site replaced, until the next build)
    const folders = () => fs.readdirSync(path.join(path.dirname(out), '.dist.sites')).filter((n) => !n.endsWith('.manifest.json'));
    expect(folders()).toHaveLength(2);
    const legacy = folders().find((n) => n !== path.basename(fs.readlinkSync(out)))!;
    expect(fs.readFileSync(path.join(path.dirname(out), '.dist.sites', legacy, 'index.html'), 'utf8')).toBe('old');
    expect(buildSite(content.a, out, { SITE_TODAY: TODAY }).status).toBe(0);
    expect(folders()).not.toContain(legacy);
  }, 120_000);
});
