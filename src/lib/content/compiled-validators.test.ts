// The validators written to schemas/compiled/ (ajv's standalone code) are current, and give exactly the
// errors the validators compiled from the schemas give, on the bundled reports and on seeded damaged
// copies of them, so that every message stays the same whichever the validator used.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILED_VALIDATORS, precompiledValidators, validators, validatorsCode } from './validate.ts';
import { readYaml } from './yaml-source.ts';
import { formOf } from '../form/form-schema.ts';
import { seeded, type Random } from '../../../tests/support/seeded.ts';

const files = ['content', 'tests/fixtures/content'].flatMap((dir) => fs.readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.yaml')).map((e) => path.join(e.parentPath, e.name)));
const documents = files.map((file) => ({ file, data: readYaml(fs.readFileSync(file, 'utf8')).data as Record<string, unknown> }));

/** A copy of `data` with a few random edits: a key removed, a value replaced by one of another kind
 * or by a near miss (an unknown choice, a bad date, a bad URL), a key added where none belongs. */
function damaged(data: unknown, r: Random): unknown {
  const copy = structuredClone(data);
  const odd = [null, '', 'x', 12, -1, 1.5, true, [], {}, ['a'], { 記載状態: '原文欠落' }, { 記載状態: '不明' }, '2025-13-40', '令和7年4月1日', 'http://', 'ftp://example.jp', 'a@b', '0123456', '1234567890123', 'その他'];
  for (let edits = 1 + r.int(4); edits > 0; edits--) {
    // Walk down a random path, then edit there.
    let parent: Record<string | number, unknown> | unknown[] = copy as Record<string, unknown>;
    let key: string | number | undefined;
    for (let depth = 0; depth < 8; depth++) {
      const keys: (string | number)[] = Array.isArray(parent) ? parent.map((_, i) => i) : Object.keys(parent);
      if (!keys.length) break;
      key = r.pick(keys);
      const child = (parent as Record<string | number, unknown>)[key];
      if (!child || typeof child !== 'object' || r.int(6) === 0) break;
      parent = child as Record<string, unknown>;
    }
    if (key === undefined) continue;
    const p = parent as Record<string | number, unknown>;
    const what = r.int(4);
    if (what === 0 && !Array.isArray(parent)) delete p[key];
    else if (what === 1 && !Array.isArray(parent)) p[`${String(key)}の誤り`] = r.pick(odd);
    else p[key] = r.pick(odd);
  }
  return copy;
}

describe('precompiled validators', () => {
  it(`are current: ${COMPILED_VALIDATORS} is what \`npm run validators\` writes from today's schemas`, () => {
    expect(fs.readFileSync(COMPILED_VALIDATORS, 'utf8') === validatorsCode(), `run npm run validators after changing a schema`).toBe(true);
    expect(precompiledValidators()).toBeDefined();
  });

  it('give the same errors as compiled validators on the bundled files and on seeded damaged copies', () => {
    const pre = precompiledValidators()!;
    const fresh = validators({ fresh: true });
    const check = (data: unknown, label: string) => {
      const form = formOf(data as Record<string, unknown>);
      const [a, b] = form ? [pre[form], fresh.forms[form]] : [pre.organisation, fresh.organisation];
      const [okA, okB] = [a(data), b(data)];
      expect(okA, label).toBe(okB);
      expect(a.errors ?? null, label).toStrictEqual(b.errors ?? null);
      return okA;
    };
    let invalid = 0;
    for (const { file, data } of documents) expect(check(data, file), file).toBe(true);
    for (const seed of [1, 2, 3]) {
      const r = seeded(seed);
      for (let n = 0; n < 150; n++) {
        const { file, data } = r.pick(documents);
        if (!check(damaged(data, r), `${file}, seed ${seed}, copy ${n}`)) invalid++;
      }
    }
    expect(invalid).toBeGreaterThan(300);
  });
});
