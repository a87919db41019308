// The site's own scripts, minified in the built site (minify-scripts.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { minifyScripts } from './minify-scripts.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minify-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('minifying the site\'s scripts', () => {
  it('writes each public script smaller, without comments, doing the same, as a new file (a link to the previous site stays as it was)', async () => {
    const pub = path.join(dir, 'public');
    const site = path.join(dir, 'site');
    const previous = path.join(dir, 'previous.js');
    fs.mkdirSync(pub);
    fs.mkdirSync(site);
    const source = `// 説明のコメント\n(function () {\n  'use strict';\n  var longName = '「評価書」';\n  globalThis.result = longName + ' ' + [1, 2, 3].map(function (n) { return n * 2; }).join(',');\n})();\n`;
    fs.writeFileSync(path.join(pub, 'a.js'), source);
    fs.writeFileSync(path.join(pub, 'style.css'), 'a { color: red }');
    fs.writeFileSync(previous, source);
    fs.linkSync(previous, path.join(site, 'a.js'));
    fs.writeFileSync(path.join(site, 'style.css'), 'a { color: red }');
    await minifyScripts(site, pub);
    const out = fs.readFileSync(path.join(site, 'a.js'), 'utf8');
    expect(out.length).toBeLessThan(source.length * 0.8);
    expect(out).not.toContain('説明のコメント');
    const run = (code: string) => { const ctx: { result?: string } = {}; vm.runInNewContext(code, { globalThis: ctx }); return ctx.result; };
    expect(run(out)).toBe(run(source));
    expect(run(out)).toBe('「評価書」 2,4,6');
    expect(fs.readFileSync(previous, 'utf8')).toBe(source);
    expect(fs.readFileSync(path.join(site, 'style.css'), 'utf8')).toBe('a { color: red }');
    expect(fs.readdirSync(site).sort()).toEqual(['a.js', 'style.css']);
  });
});
