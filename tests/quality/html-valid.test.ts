// Every built page of both sites is valid HTML by html-validate's recommended rules, configured in
// .htmlvalidate.json (the README's 品質ゲート section says why the two adjusted rules are adjusted).
import fs from 'node:fs';
import path from 'node:path';
import { HtmlValidate, type Message } from 'html-validate';
import { describe, expect, inject, it } from 'vitest';
import { htmlFiles } from '../support/site-pages.ts';

const sites = inject('sites');
const config = JSON.parse(fs.readFileSync('.htmlvalidate.json', 'utf8'));
// The configuration is given explicitly: html-validate would otherwise look for it beside each file,
// and the sites are built in a temporary folder.
const validator = new HtmlValidate(config);

const format = (file: string, messages: Message[]) => messages.map((m) => `${file}:${m.line}:${m.column} [${m.ruleId}] ${m.message}`);
async function validate(file: string, html: string): Promise<string[]> {
  const report = await validator.validateString(html, file);
  return report.results.flatMap((r) => format(file, r.messages));
}

describe.each(Object.entries(sites))('the %s site', (_name, root) => {
  it('has only valid HTML pages', async () => {
    const files = htmlFiles(root);
    expect(files.length).toBeGreaterThanOrEqual(7);
    const errors: string[] = [];
    for (const f of files) errors.push(...(await validate(f, fs.readFileSync(path.join(root, f), 'utf8'))));
    expect(errors).toEqual([]);
  });
});

describe('the HTML gate', () => {
  it('extends the recommended rules and relaxes only the documented ones', () => {
    expect(config.extends).toEqual(['html-validate:recommended']);
    expect(Object.keys(config.rules ?? {}).sort()).toEqual(['long-title', 'prefer-native-element', 'valid-id']);
    const readme = fs.readFileSync('README.md', 'utf8');
    for (const rule of Object.keys(config.rules)) expect(readme, `README explains ${rule}`).toContain(rule);
  });

  it('fails a built page with planted errors', async () => {
    const page = fs.readFileSync(path.join(sites.fixture, 'reports/test-shi/2/index.html'), 'utf8');
    expect(await validate('clean.html', page)).toEqual([]);
    const planted = page
      .replace('<main id="main"', '<main id="main"><p><div>block in a paragraph</div></p><img src="/x.png"><a href="/">ホーム</a><span id="h-summary"></span><span id="h-summary"></span')
      .replace('</footer>', '</footer></div>');
    const errors = await validate('planted.html', planted);
    const rules = new Set(errors.map((e) => /\[(.+?)\]/.exec(e)![1]));
    for (const rule of ['no-dup-id', 'wcag/h37', 'close-order']) expect(rules, errors.join('\n')).toContain(rule);
  });
});
