// Replays published 変更箇所 rows as commits on the transcribed report and checks that the generator
// names the same official item with the same before and after text as the published report.
import fs from 'node:fs';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateChanges } from '../src/lib/changes/change-rows.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { itemKey } from '../src/lib/report/item-resolve.ts';
import { Repo } from './support/git-repo.ts';

const FILE = 'content/reports/kumamoto-shi/1.yaml';
const current = () => parseYaml(fs.readFileSync(FILE, 'utf8')).data as Record<string, any>;
const text = (v: unknown) => (typeof v === 'string' ? v : '');
const body = (s: string) => s.normalize('NFKC').replace(/\s/g, '');

/** Replaces `after` with `before` in every text of the report: the report as it was before the change. */
function undo(data: any, after: string, before: string): number {
  let n = 0;
  const visit = (o: any) => {
    for (const [k, v] of Object.entries(o)) {
      if (k === '変更箇所') continue;
      if (typeof v === 'string' && v.includes(after)) { o[k] = v.split(after).join(before); n++; }
      else if (v && typeof v === 'object') visit(v);
    }
  };
  visit(data);
  return n;
}

describe('熊本市 住民基本台帳 (1): the 令和7年8月28日 rows', () => {
  it('are generated again from a commit that makes the same change', async () => {
    const now = current();
    const published = (now['変更箇所'] as any[]).filter((r) => r['変更日'] === '2025-08-28'
      && text(r['変更前の記載']) && text(r['変更前の記載']) !== '(空白)' && !/\(4\)/.test(r['項目']));
    // Rows whose 変更後 the report still shows (as printed, or with a line break for a space) can be replayed.
    const all = JSON.stringify({ ...now, 変更箇所: [] });
    const shows = (s: string) => all.includes(JSON.stringify(s).slice(1, -1)) || all.includes(JSON.stringify(s.replace(/ /g, '\n')).slice(1, -1));
    const replayed = published.filter((r) => shows(text(r['変更後の記載'])));
    expect(replayed.length).toBeGreaterThanOrEqual(10);
    // Undo them, longest first (a row's text may contain a shorter row's), as printed or with the
    // report's line break where the published row has a space.
    const before = structuredClone(now);
    for (const r of [...replayed].sort((a, b) => text(b['変更後の記載']).length - text(a['変更後の記載']).length)) {
      const [after, was] = [text(r['変更後の記載']), text(r['変更前の記載'])];
      if (!undo(before, after, was)) undo(before, after.replace(/ /g, '\n'), was.replace(/ /g, '\n'));
    }

    const repo = new Repo();
    repo.write('content/reports/kumamoto-shi/1.yaml', stringify(before, { lineWidth: 0 }));
    repo.commit('2025-08-01', '公表版');
    repo.write('content/reports/kumamoto-shi/1.yaml', stringify(now, { lineWidth: 0 }));
    repo.commit('2025-09-01', '組織改編に伴う修正\n\nChange-Date: 2025-08-28\nSubmission: 事後\nReason: 組織改編に伴う修正のため');
    const { rows } = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });

    for (const p of replayed) {
      const hit = rows.find((g) => itemKey(g.項目) === itemKey(p['項目']));
      expect(hit, `no generated row for 「${p['項目']}」 among:\n${rows.map((g) => g.項目).join('\n')}`).toBeDefined();
      expect(hit!.変更日).toBe('2025-08-28');
      expect(body(hit!.変更前の記載)).toContain(body(text(p['変更前の記載'])));
      expect(body(hit!.変更後の記載)).toContain(body(text(p['変更後の記載'])));
    }
  });
});
