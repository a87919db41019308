import { describe, expect, it } from 'vitest';
import { columnNames } from './names.ts';
import { seeded } from '../../../tests/support/seeded.ts';

describe('comparison column names', () => {
  it('name an organisation and its form, and the number only where that alone would repeat', () => {
    expect(columnNames([
      { org: 'a', organisation: '甲市', form: '全項目評価書', number: '1' },
      { org: 'a', organisation: '甲市', form: '重点項目評価書', number: '2' },
      { org: 'a', organisation: '甲市', form: '重点項目評価書', number: '3' },
    ])).toEqual(['甲市（全項目）', '甲市（重点項目・評価書番号 2）', '甲市（重点項目・評価書番号 3）']);
  });
  it('every column reads differently whenever the reports differ (seeded)', () => {
    const r = seeded(4706);
    const forms = ['基礎項目評価書', '重点項目評価書', '全項目評価書'];
    for (let n = 0; n < 300; n++) {
      const all = new Map<string, { org: string; organisation: string; form: string; number: string }>();
      for (let k = r.int(8); k >= 0; k--) {
        const org = r.pick(['a', 'b', 'c']);
        const c = { org, organisation: `${org}市`, form: r.pick(forms), number: r.pick(['', '1', '2', '3']) };
        all.set(`${c.org}/${c.form}/${c.number}`, c);
      }
      const names = columnNames([...all.values()]);
      expect(new Set(names).size, names.join(' | ')).toBe(names.length);
    }
  });
});
