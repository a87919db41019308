// The segment diff keeps both texts: joining either side's runs gives the original back, for
// hand-written Japanese changes and for seeded generated ones.
import { describe, expect, it } from 'vitest';
import { segmentDiff, segmentsOf } from './segment-diff.ts';

const join = (runs: { text: string }[]) => runs.map((r) => r.text).join('');

describe('segmentDiff', () => {
  it('marks only the words that changed in a Japanese sentence', () => {
    const d = segmentDiff('委託先は株式会社甲である。', '委託先は株式会社乙である。');
    expect(d.partial).toBe(true);
    expect(d.before.filter((r) => r.changed).map((r) => r.text).join('')).toMatch(/甲/);
    expect(d.after.filter((r) => r.changed).map((r) => r.text).join('')).toMatch(/乙/);
    expect(d.after.filter((r) => !r.changed).map((r) => r.text).join('')).toContain('委託先は');
  });

  it('says nothing is shared when everything changed', () => {
    expect(segmentDiff('あ', 'い').partial).toBe(false);
  });

  it('joining either side gives back its text (seeded generated texts)', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const words = ['特定個人情報', 'を', '委託', 'する', '。', '、', '\n', ' ', 'Ａ', '１', '（', '）', '|', '*', '<', '`', '情報提供ネットワークシステム', '🙂', 'ｶﾞ'];
    const text = () => Array.from({ length: Math.floor(rnd() * 40) }, () => words[Math.floor(rnd() * words.length)]).join('');
    for (let i = 0; i < 300; i++) {
      const before = text();
      const after = rnd() < 0.5 ? text() : before.slice(0, Math.floor(rnd() * before.length)) + text();
      const d = segmentDiff(before, after);
      expect(join(d.before)).toBe(before);
      expect(join(d.after)).toBe(after);
      expect(segmentsOf(before).join('')).toBe(before);
      if (before === after) expect(d.before.every((r) => !r.changed)).toBe(true);
    }
  });
});

describe('marking the changed words on the page', () => {
  it('keeps each side\'s paragraphs and text: the marked pieces joined are the text (seeded)', async () => {
    const { markRanges, textPieces } = await import('../report/text-pieces.ts');
    let seed = 5;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const words = ['委託', '先', 'は', '甲', '乙', '。', '\n', '\n\n', '\n　\n', ' ', '（', '）'];
    const text = () => Array.from({ length: Math.floor(rnd() * 30) }, () => words[Math.floor(rnd() * words.length)]).join('');
    const plain = (t: string) => t.split(/\n[ \t　]*\n/).map((p) => p.replace(/^\n+|\n+$/g, ''));
    for (let i = 0; i < 300; i++) {
      const before = text();
      const after = text();
      const d = segmentDiff(before, after);
      for (const [t, runs] of [[before, d.before], [after, d.after]] as const) {
        const pieces = textPieces(t, markRanges(runs));
        expect(pieces.map((p) => p.map((x) => x.text).join(''))).toEqual(plain(t));
        expect(pieces.flat().filter((x) => x.mark).every((x) => /\S/.test(x.text) || x.text === '')).toBe(true);
      }
    }
  });
});
