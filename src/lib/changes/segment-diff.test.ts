// The segment diff keeps both texts: joining either side's runs gives the original back, for
// hand-written Japanese changes and for seeded generated ones.
import { describe, expect, it } from 'vitest';
import { segmentDiff, segmentsOf } from './segment-diff.ts';
import { seeded } from '../../../tests/support/seeded.ts';

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

  // 「-」 → 「…Ⅱ 2-④…」 marked everything but the hyphen; 「NIST 800-88」 the same: a row whose sides
  // share only a mark or a particle is shown unmarked, like a row that shares nothing.
  it('marks nothing when the sides share only punctuation or a letter or two of a long text', () => {
    expect(segmentDiff('-', '「Ⅱ 特定個人情報ファイルの概要 2-④」を追加した').partial).toBe(false);
    expect(segmentDiff('（なし）', '媒体は NIST 800-88 に従って消去する').partial).toBe(false);
    expect(segmentDiff('4情報', '5情報').partial).toBe(true);
  });

  it('marks inside a text only when its unchanged part holds a fifth of the shorter side\'s letters (seeded)', () => {
    const r = seeded(4611);
    const words = ['特定個人情報', 'を', '委託', 'する', '。', '、', '-', ' ', '（', '）', '2', '④', 'の', '記録', '保管', 'NIST'];
    const text = () => Array.from({ length: r.int(20) }, () => r.pick(words)).join('');
    const letters = (t: string) => t.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
    for (let n = 0; n < 500; n++) {
      const before = text();
      const after = r.int(2) ? text() : before + text();
      const d = segmentDiff(before, after);
      const kept = letters(d.after.filter((x) => !x.changed).map((x) => x.text).join(''));
      expect(d.partial, `${before} → ${after}`).toBe(kept >= 2 && kept >= 0.2 * Math.min(letters(before), letters(after)));
    }
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

describe('the unchanged words are a longest common run of words', () => {
  it('as many unchanged segments as the longest common subsequence has (seeded, checked by a plain LCS table)', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const words = ['委託', '先', 'は', '甲', '乙', '。', '、', '特定個人情報', 'を', '提供', 'する', ' ', '\n'];
    const text = () => Array.from({ length: Math.floor(rnd() * 25) }, () => words[Math.floor(rnd() * words.length)]).join('');
    const lcs = (x: string[], y: string[]) => {
      const t = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
      for (let i = 1; i <= x.length; i++) for (let j = 1; j <= y.length; j++) t[i][j] = x[i - 1] === y[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
      return t[x.length][y.length];
    };
    for (let k = 0; k < 300; k++) {
      const before = text();
      const after = rnd() < 0.3 ? before : text();
      const d = segmentDiff(before, after);
      const kept = (runs: { text: string; changed: boolean }[]) => runs.filter((r) => !r.changed).map((r) => r.text).join('');
      // How many of the text's segments lie in unchanged runs.
      const keptSegments = (t: string, runs: { text: string; changed: boolean }[]) => {
        const unchanged: [number, number][] = [];
        let at = 0;
        for (const r of runs) { if (!r.changed) unchanged.push([at, at + r.text.length]); at += r.text.length; }
        let start = 0;
        return segmentsOf(t).filter((w) => { const [s0, e0] = [start, (start += w.length)]; return unchanged.some(([s1, e1]) => s1 <= s0 && e0 <= e1); }).length;
      };
      // The same unchanged text on both sides, in order, and as many segments as a longest common subsequence.
      expect(kept(d.before)).toBe(kept(d.after));
      const n = lcs(segmentsOf(before), segmentsOf(after));
      expect(keptSegments(before, d.before)).toBe(n);
      expect(keptSegments(after, d.after)).toBe(n);
    }
  });
});

describe('a change of line breaks and spaces only', () => {
  const SPACES = ['\n', ' ', '　', '\n\n', '  '];
  it('is told in words on the page and in the Markdown preview, and a change of any other character is not (seeded)', async () => {
    const { spacingOnly, SPACING_ONLY_NOTE } = await import('./segment-diff.ts');
    const { changeTableRows } = await import('./change-table.ts');
    const { toMarkdown } = await import('./change-markdown.ts');
    const r = seeded(5353);
    const words = ['特定個人情報', 'は', '、', '委託先', 'において', '適切に', '管理する', '。', '（注）', 'システム'];
    const section = { anchor: '変更箇所', children: [] } as unknown as Parameters<typeof changeTableRows>[0];
    for (let n = 0; n < 300; n++) {
      const parts = Array.from({ length: 3 + r.int(20) }, () => r.pick(words));
      const before = parts.map((w) => w + (r.int(4) === 0 ? r.pick(SPACES) : '')).join('');
      // the same characters with line breaks and spaces moved, or one character more, less or other
      let after = parts.map((w) => w + (r.int(4) === 0 ? r.pick(SPACES) : '')).join('');
      const lettersChanged = r.int(3) === 0;
      if (lettersChanged) { const at = r.int(after.length + 1); after = r.pick([after.slice(0, at) + '甲' + after.slice(at), after.slice(0, at) + after.slice(at + 1).replace(/^\s+/, '') + '乙']); }
      const same = before.replace(/\s+/g, '') === after.replace(/\s+/g, '');
      expect(spacingOnly(before, after), JSON.stringify([before, after])).toBe(same && before !== after);
      const row = { report: 'r.yaml', commit: 'c', 変更日: '2025-07-01', 項目: '表紙 特記事項', 変更前の記載: before, 変更後の記載: after, 提出時期: '事後' as const, 提出時期に係る説明: '', 要確認: false };
      const [shown] = changeTableRows(section, [row], []);
      expect(shown.note === SPACING_ONLY_NOTE, JSON.stringify([before, after])).toBe(same && before !== after);
      expect(toMarkdown([row]).includes(SPACING_ONLY_NOTE)).toBe(same && before !== after);
    }
  });
});

describe('the Markdown preview of a changed text', () => {
  it('marks changed words in bold without character references, and reads back as the same text (seeded)', async () => {
    const { toMarkdown } = await import('./change-markdown.ts');
    const { unified } = await import('unified');
    const remarkParse = (await import('remark-parse')).default;
    const remarkGfm = (await import('remark-gfm')).default;
    const toString = (node: unknown): string => { const n = node as { value?: string; children?: unknown[] }; return typeof n.value === 'string' ? n.value : (n.children ?? []).map(toString).join(''); };
    const r = seeded(6161);
    const words = ['住民基本台帳', 'ネットワーク', 'システム', '、', 'その他', '（', '本人確認', '）', '市民課長', '・', '年金担当', '。', '「', '」', 'を', '管理'];
    for (let n = 0; n < 200; n++) {
      const before = Array.from({ length: 4 + r.int(10) }, () => r.pick(words)).join('');
      const parts = [...before];
      const at = r.int(parts.length + 1);
      const after = [...parts.slice(0, at), ...Array.from({ length: 1 + r.int(3) }, () => r.pick(words)), ...parts.slice(at + r.int(3))].join('');
      if (after === before) continue;
      const md = toMarkdown([{ report: 'r.yaml', 変更日: '2025-07-01', 項目: '項目', 変更前の記載: before, 変更後の記載: after, 提出時期: '事後', 提出時期に係る説明: '', 要確認: false }]);
      expect(md, md).not.toMatch(/&#/);
      const tree = unified().use(remarkParse).use(remarkGfm).parse(md);
      const table = tree.children.find((c) => c.type === 'table') as { children: { children: unknown[] }[] };
      const cells = table.children[1].children.map(toString);
      expect([cells[4], cells[5]], md).toEqual([before, after]);
    }
  });
});
