// A comment period without a route, or a 全項目評価書's period under 30 days with no reason given, is
// told as a note; what the report states otherwise is not.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commentPeriodNotes } from './comment-period-notes.ts';
import { validateText } from './validate.ts';
import { seeded } from '../../../tests/support/seeded.ts';

const day = (base: string, plus: number) => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);
const report = (form: string, period: Record<string, unknown> | undefined, reason?: unknown, 状態 = '意見募集中') => ({
  様式: form, 公開状態: period ? { 状態, 意見募集: period } : { 状態: '公表中' },
  評価実施手続: { '国民・住民等からの意見の聴取': reason === undefined ? {} : { 期間を短縮する特段の理由: reason } },
});

describe('commentPeriodNotes', () => {
  it('tells a period declared open with no way to send an opinion, not one that has a route or has ended', () => {
    const period = { 開始日: '2025-12-01', 終了日: '2026-01-05' };
    expect(commentPeriodNotes(report('全項目評価書', period)).map((n) => n.path)).toEqual([['公開状態', '意見募集']]);
    for (const route of ['提出方法', '提出先URL', '提出先メール', '提出先住所']) expect(commentPeriodNotes(report('全項目評価書', { ...period, [route]: 'x' })), route).toEqual([]);
    expect(commentPeriodNotes(report('全項目評価書', period, undefined, '意見募集終了・確定待ち'))).toEqual([]);
    expect(commentPeriodNotes(report('全項目評価書', undefined))).toEqual([]);
  });

  it('tells a 全項目 period under 30 days when ③ gives no reason, whatever the length and wording (seeded)', () => {
    const r = seeded(3030);
    const NONE = ['期間短縮なし', '期間短縮なし ', '期間短縮 なし', 'なし', '－', '—', '', null];
    const REASONS = ['年度内に条例改正が必要なため', '緊急に事務を開始する必要があるため、期間を短縮した。'];
    for (let n = 0; n < 300; n++) {
      const length = 1 + r.int(60);
      const start = day('2025-01-01', r.int(700));
      const form = r.pick(['全項目評価書', '全項目評価書', '重点項目評価書', '基礎項目評価書']);
      const kind = r.int(4);
      const reason = kind === 0 ? r.pick(NONE) : kind === 1 ? r.pick(REASONS) : kind === 2 ? { 記載状態: r.pick(['原文欠落', '判読不能']) } : undefined;
      const notes = commentPeriodNotes(report(form, { 開始日: start, 終了日: day(start, length - 1), 提出先メール: 'iken@example.jp' }, reason));
      const stated = kind === 1 || kind === 2;
      const expected = form === '全項目評価書' && length < 30 && !stated;
      expect(notes.length, JSON.stringify({ form, length, reason })).toBe(expected ? 1 : 0);
      if (expected) expect(notes[0].message).toContain(`は ${length} 日で、30 日に足りません`);
    }
  });

  it('is a note of npm run validate at the 終了日 line, not an error', async () => {
    const { checkFile } = await import('./validate-content.ts');
    const text = fs.readFileSync('tests/fixtures/content/reports/test-shi/3.yaml', 'utf8');
    expect(validateText('r.yaml', text, 'report').problems).toEqual([]);
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'period-notes-'));
    const off = process.env.CONTENT_CACHE;
    process.env.CONTENT_CACHE = '0';
    try {
      fs.cpSync('tests/fixtures/content', path.join(dir, 'content'), { recursive: true });
      const file = path.join(dir, 'content/reports/test-shi/3.yaml');
      const edited = text.replace('評価実施機関: test-shi\n', '評価実施機関: test-shi\n公開状態:\n  状態: 意見募集中\n  意見募集:\n    開始日: 2025-12-01\n    終了日: 2025-12-10\n')
        .replace(/( {4}期間を短縮する特段の理由: )\|-\n( {6}.*\n)+/, '$1期間短縮なし\n');
      fs.writeFileSync(file, edited);
      const { problems, facts } = checkFile(file);
      expect(problems).toEqual([]);
      const notes = facts!.notes ?? [];
      const line = edited.split('\n').indexOf('    終了日: 2025-12-10') + 1;
      expect(notes.filter((x) => x.message.includes('意見募集')).map((x) => [x.line, x.item, x.message.split('。')[0]])).toEqual([
        [line - 2, '公開状態 意見募集（意見聴取）', '意見募集の期間がありますが、意見の出し方（提出方法・提出先URL・提出先メール・提出先住所）がどれも書かれていません'],
        [line, '公開状態 意見募集（意見聴取） 終了日', '意見募集の期間（2025-12-01〜2025-12-10）は 10 日で、30 日に足りません'],
      ]);
    } finally {
      if (off === undefined) delete process.env.CONTENT_CACHE; else process.env.CONTENT_CACHE = off;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('commentPeriodNotes, where the report does not say', () => {
  it('tells no short period when Ⅵ, its 意見の聴取 or ③ is marked as not known', () => {
    const period = { 開始日: '2025-12-01', 終了日: '2025-12-10', 提出先メール: 'iken@example.jp' };
    const marked = { 記載状態: '原文欠落' };
    expect(commentPeriodNotes({ 様式: '全項目評価書', 公開状態: { 状態: '意見募集中', 意見募集: period }, 評価実施手続: marked })).toEqual([]);
    expect(commentPeriodNotes({ 様式: '全項目評価書', 公開状態: { 状態: '意見募集中', 意見募集: period }, 評価実施手続: { '国民・住民等からの意見の聴取': marked } })).toEqual([]);
    expect(commentPeriodNotes({ 様式: '全項目評価書', 公開状態: { 状態: '意見募集中', 意見募集: period }, 評価実施手続: { '国民・住民等からの意見の聴取': {} } })).toHaveLength(1);
  });
});
