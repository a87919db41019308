// 「もしかして」 suggests a choice the text is part of before one that is merely alike: a clerk who wrote
// the start of a choice is never pointed to another that differs by a word (以上 → 未満).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closest, looseForm } from './suggest.ts';
import { seeded } from '../../../tests/support/seeded.ts';

/** Every list of choices the schemas hold. */
function choiceLists(): string[][] {
  const out: string[][] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (!v || typeof v !== 'object') return;
    const e = (v as Record<string, unknown>).enum;
    if (Array.isArray(e) && e.length > 2 && e.every((x) => typeof x === 'string')) out.push(e as string[]);
    Object.values(v).forEach(walk);
  };
  for (const f of fs.readdirSync('schemas').filter((f) => f.endsWith('.schema.json'))) walk(JSON.parse(fs.readFileSync(`schemas/${f}`, 'utf8')));
  return out;
}

describe('closest', () => {
  it('the start of a choice suggests a choice that begins so, never one that does not (seeded over every choice list)', () => {
    const r = seeded(6060);
    const lists = choiceLists();
    expect(lists.length).toBeGreaterThan(5);
    let told = 0;
    for (let n = 0; n < 500; n++) {
      const options = r.pick(lists);
      const option = r.pick(options);
      const chars = [...option];
      // (cut after a word that ends a phrase, 以上 or 未満, as a clerk stops writing; else anywhere)
      const ends = chars.flatMap((c, i) => (i >= 2 && i < chars.length - 1 && /[上満下るい]/.test(c) ? [i + 1] : []));
      const start = chars.slice(0, ends.length && r.int(3) ? r.pick(ends) : Math.max(2, Math.ceil(chars.length * (0.5 + r.next() / 2)))).join('');
      if (options.some((o) => looseForm(o) === looseForm(start))) continue;
      const said = closest(start, options);
      if (said === undefined) continue;
      told++;
      expect(looseForm(said).startsWith(looseForm(start)) || !options.some((o) => looseForm(o).startsWith(looseForm(start))), `${start} → ${said}`).toBe(true);
    }
    expect(told).toBeGreaterThan(50);
  });
  it('「1,000人以上」 suggests 「1,000人以上1万人未満」, not 「1,000人未満」', () => {
    expect(closest('1,000人以上', ['1,000人未満', '1,000人以上1万人未満', '1万人以上10万人未満', '10万人以上30万人未満', '30万人以上'])).toBe('1,000人以上1万人未満');
  });
});
