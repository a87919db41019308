import { seeded } from '../../../tests/support/seeded.ts';
import { describe, expect, it } from 'vitest';
import { isIsoDate, isIsoDateOrMonth, japaneseDateProblem, parseJapaneseDate, toWareki } from './wareki.ts';

describe('toWareki', () => {
  it('formats a 令和 date as printed on the reports', () => {
    expect(toWareki('2025-04-25')).toBe('令和7年4月25日');
  });
  it('writes the first year of an era as 元年', () => {
    expect(toWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(toWareki('2019-04-30')).toBe('平成31年4月30日');
  });
  it('keeps month precision', () => {
    expect(toWareki('2015-10')).toBe('平成27年10月');
  });
  it('returns text it cannot read unchanged', () => {
    expect(toWareki('令和7年')).toBe('令和7年');
  });
});

describe('parseJapaneseDate', () => {
  it('reads 和暦 with full-width digits', () => {
    expect(parseJapaneseDate('平成２７年１２月')).toBe('2015-12');
    expect(parseJapaneseDate('令和7年8月28日')).toBe('2025-08-28');
    expect(parseJapaneseDate('令和元年5月7日')).toBe('2019-05-07');
  });
  it('reads western dates as printed in change tables', () => {
    expect(parseJapaneseDate('2015/7/8')).toBe('2015-07-08');
    expect(parseJapaneseDate('2024年11月1日')).toBe('2024-11-01');
  });
  it('reads 和暦 written short (the era\'s initial) and full-width separators', () => {
    expect(parseJapaneseDate('R7.4.25')).toBe('2025-04-25');
    expect(parseJapaneseDate('h28/1/1')).toBe('2016-01-01');
    expect(parseJapaneseDate('R元.5.1')).toBe('2019-05-01');
    expect(parseJapaneseDate('R7.4')).toBe('2025-04');
    expect(parseJapaneseDate('２０２５－０４－２５')).toBe('2025-04-25');
    expect(parseJapaneseDate('X7.4.25')).toBeNull();
    expect(parseJapaneseDate('R7.2.30')).toBeNull();
  });
  it('rejects impossible dates and ranges', () => {
    expect(parseJapaneseDate('令和7年2月30日')).toBeNull();
    expect(parseJapaneseDate('令和7年2月21日～令和7年3月26日')).toBeNull();
  });
  it('rejects a year 0 and a day before its era began (令和0年 was read as 2018)', () => {
    for (const t of ['令和0年5月1日', 'R0.5.1', '令和00年5月', '平成0年1月8日']) expect(parseJapaneseDate(t), t).toBeNull();
    for (const t of ['令和元年4月30日', 'R1.4.30', '令和元年4月', '平成元年1月7日']) expect(parseJapaneseDate(t), t).toBeNull();
    expect(parseJapaneseDate('令和元年5月1日')).toBe('2019-05-01');
    expect(parseJapaneseDate('令和元年5月')).toBe('2019-05');
    expect(parseJapaneseDate('平成元年1月8日')).toBe('1989-01-08');
  });
  it('every day of every era reads back as itself, and no day before an era as that era (seeded)', () => {
    const r = seeded(1868);
    for (let n = 0; n < 2000; n++) {
      const t = Date.UTC(1868, 0, 25) + r.int(Math.floor((Date.UTC(2030, 0, 1) - Date.UTC(1868, 0, 25)) / 864e5)) * 864e5;
      const iso = new Date(t).toISOString().slice(0, 10);
      expect(parseJapaneseDate(toWareki(iso)), iso).toBe(iso);
      // the same day named in the era after or before its own: no day (or another real day, never this one misread)
      const [, era, year, rest] = /^(令和|平成|昭和|大正|明治)(元|\d+)年(.*)$/.exec(toWareki(iso))!;
      const y = year === '元' ? 1 : Number(year);
      const eras = ['明治', '大正', '昭和', '平成', '令和'];
      const later = eras[eras.indexOf(era) + 1];
      if (later) expect(parseJapaneseDate(`${later}${y}年${rest}`) ?? '', `${later}${y}年${rest}`).not.toBe(iso);
      if (later) { const got = parseJapaneseDate(`${later}${y}年${rest}`); if (got) expect(got > iso).toBe(true); }
    }
  });
});

describe('ISO checks', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
  });
  it('accepts month precision where the form allows it', () => {
    expect(isIsoDateOrMonth('2015-10')).toBe(true);
    expect(isIsoDateOrMonth('2015-13')).toBe(false);
  });
});

describe('a 和暦 date that names no day', () => {
  it('every era, year, month and day near the eras\' ends either reads as the day toWareki writes back, or says why not (seeded)', () => {
    const r = seeded(5555);
    const eras = ['明治', '大正', '昭和', '平成', '令和'];
    for (let n = 0; n < 3000; n++) {
      const era = r.pick(eras);
      const year = r.pick(['元', '1', '0', String(1 + r.int(64)), '31', '64', '15', '45']);
      const month = 1 + r.int(13);
      const day = r.pick([undefined, 1 + r.int(32), 7, 8, 24, 25, 29, 30, 31]);
      const text = `${era}${year}年${month}月${day === undefined ? '' : `${day}日`}`;
      const iso = parseJapaneseDate(text);
      const why = japaneseDateProblem(text);
      // exactly one of the two
      expect(!!iso !== !!why, `${text}: ${iso} / ${why}`).toBe(true);
      // (a month an era changed in is written in either era: 大正15年12月 is 昭和元年12月 too)
      if (iso && day !== undefined) expect(toWareki(iso), text).toBe(text.replace(/^(\D+)1年/, '$1元年'));
      if (iso) expect(parseJapaneseDate(toWareki(iso)), text).toBe(iso);
      else expect(why, text).toMatch(/という(日|年|月)は?ありません|月という月はありません/);
    }
  });
  it('says where an era ends and the next begins', () => {
    expect(japaneseDateProblem('令和元年4月30日')).toBe('「令和元年4月30日」という日はありません（令和は令和元年5月1日からです。それより前は平成）');
    expect(japaneseDateProblem('昭和64年1月8日')).toBe('「昭和64年1月8日」という日はありません（昭和は昭和64年1月7日までで、その翌日からは平成元年です）');
    expect(parseJapaneseDate('昭和64年1月7日')).toBe('1989-01-07');
    expect(japaneseDateProblem('令和7年2月30日')).toBe('「令和7年2月30日」という日はありません（この年の2月は28日までです）');
    expect(japaneseDateProblem('住民基本台帳')).toBeUndefined();
  });
});
