import { describe, expect, it } from 'vitest';
import { bodyName, columnNames } from './names.ts';
import { seeded } from '../../../tests/support/seeded.ts';

describe('comparison column names', () => {
  it('name an organisation and its form, and the number only where that alone would repeat', () => {
    expect(columnNames([
      { id: 'a/1', org: 'a', organisation: '甲市', form: '全項目評価書', number: '1', title: '住民基本台帳' },
      { id: 'a/2', org: 'a', organisation: '甲市', form: '重点項目評価書', number: '2', title: '国民年金' },
      { id: 'a/3', org: 'a', organisation: '甲市', form: '重点項目評価書', number: '3', title: '国民年金' },
    ])).toEqual(['甲市（全項目）', '甲市（重点項目・評価書番号 2）', '甲市（重点項目・評価書番号 3）']);
  });
  it('two drafts of one form not numbered yet are told apart by their 評価書名, else by their files', () => {
    expect(columnNames([
      { id: 'a/draft-kenzei', org: 'a', organisation: '甲県', form: '全項目評価書', number: '', title: '県税の賦課徴収等に関する事務' },
      { id: 'a/draft-jidosha', org: 'a', organisation: '甲県', form: '全項目評価書', number: '', title: '自動車税に関する事務' },
      { id: 'a/draft-x', org: 'a', organisation: '甲県', form: '重点項目評価書', number: '', title: '' },
      { id: 'a/draft-y', org: 'a', organisation: '甲県', form: '重点項目評価書', number: '', title: '' },
    ])).toEqual(['甲県（全項目・評価書番号の記載なし・「県税の賦課徴収等に関する事務」）', '甲県（全項目・評価書番号の記載なし・「自動車税に関する事務」）', '甲県（重点項目・評価書番号の記載なし・draft-x）', '甲県（重点項目・評価書番号の記載なし・draft-y）']);
  });
  it('every column reads differently whenever the reports differ (seeded)', () => {
    const r = seeded(4706);
    const forms = ['基礎項目評価書', '重点項目評価書', '全項目評価書'];
    for (let n = 0; n < 300; n++) {
      // (reports are told apart by their files: two of one organisation, form and number, drafts not
      // numbered yet, and of one title too)
      const all = new Map<string, { id: string; org: string; organisation: string; form: string; number: string; title: string }>();
      for (let k = r.int(8); k >= 0; k--) {
        const org = r.pick(['a', 'b', 'c']);
        const number = r.pick(['', '1', '2', '3']);
        const id = `${org}/${number || 'draft'}-${r.int(3)}`;
        all.set(id, { id, org, organisation: `${org}市`, form: r.pick(forms), number, title: r.pick(['', '国民年金', '住民基本台帳']) });
      }
      const names = columnNames([...all.values()]);
      expect(new Set(names).size, names.join(' | ')).toBe(names.length);
    }
  });
});

describe('bodyName', () => {
  it('names a prefecture once when the body is the prefecture, and a municipality with its prefecture', () => {
    expect(bodyName({ 都道府県: '熊本県', 団体名: '熊本県' })).toBe('熊本県');
    expect(bodyName({ 都道府県: '熊本県', 団体名: '熊本市' })).toBe('熊本県 熊本市');
    expect(bodyName({ 都道府県: '熊本県', 団体名: ' 熊本県 ' })).toBe('熊本県');
    expect(bodyName({ 団体名: '厚生労働省' })).toBe('厚生労働省');
    expect(bodyName({ 団体名: '' })).toBe('');
  });
});
