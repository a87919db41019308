// Editor support (VS Code + redhat.vscode-yaml): every report names its form's schema on its first line,
// organisation files are mapped to their schema by the workspace settings, and the settings keep
// Japanese text and line endings as they are.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listYaml } from '../src/lib/content/content-files.ts';
import { FORM_SCHEMAS, formOf } from '../src/lib/form/form-schema.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';

/** VS Code's settings files are JSON with comments: drop the whole-line // comments. */
const jsonc = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8').split('\n').filter((l) => !/^\s*\/\//.test(l)).join('\n'));
const SCHEMA_LINE = /^# yaml-language-server: \$schema=(\S+)$/;

describe('the schema line', () => {
  const reports = [...listYaml('content/reports'), ...listYaml('tests/fixtures/content/reports')];
  it('there are reports to check', () => expect(reports.length).toBeGreaterThan(3));
  it.each(reports)('%s starts with the schema line of its form', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const m = SCHEMA_LINE.exec(text.split('\n')[0]);
    expect(m, 'first line').not.toBeNull();
    const form = formOf(parseYaml(text).data);
    expect(form).toBeDefined();
    expect(path.resolve(path.dirname(file), m![1])).toBe(path.resolve('schemas', FORM_SCHEMAS[form!].file));
  });
});

describe('.vscode', () => {
  const settings = jsonc('.vscode/settings.json');
  it('maps organisation files to their schema, which exists', () => {
    const entries = Object.entries(settings['yaml.schemas'] as Record<string, string | string[]>);
    const org = entries.find(([schema]) => path.resolve(schema) === path.resolve('schemas/organisation.schema.json'));
    expect(org).toBeDefined();
    expect([org![1]].flat()).toContain('content/organisations/*.yaml');
    expect(fs.existsSync(org![0])).toBe(true);
    expect(listYaml('content/organisations').length).toBeGreaterThan(0);
  });
  it('validates, completes and hovers from the local schemas only', () => {
    expect(settings).toMatchObject({ 'yaml.validate': true, 'yaml.hover': true, 'yaml.completion': true, 'yaml.schemaStore.enable': false });
  });
  it('keeps Japanese text as written: UTF-8, LF, no re-wrapping, no trailing-space trimming in YAML', () => {
    expect(settings).toMatchObject({ 'files.encoding': 'utf8', 'files.autoGuessEncoding': false, 'files.eol': '\n', 'yaml.format.proseWrap': 'preserve' });
    expect(settings['[yaml]']).toMatchObject({ 'editor.insertSpaces': true, 'editor.tabSize': 2, 'files.trimTrailingWhitespace': false });
  });
  it('recommends the YAML extension', () => {
    expect(jsonc('.vscode/extensions.json').recommendations).toContain('redhat.vscode-yaml');
  });
});
