import { describe, expect, it } from 'vitest';
import { corporateCheckDigit, isCorporateNumber } from './corporate-number.ts';
import { seeded } from '../../../tests/support/seeded.ts';

describe('法人番号の検査用数字', () => {
  it('follows the 省令 worked example: 基礎番号 123456789012 → 7', () => {
    // (2×1)+(1×2)+(0×1)+(9×2)+(8×1)+(7×2)+(6×1)+(5×2)+(4×1)+(3×2)+(2×1)+(1×2) = 74; 74 mod 9 = 2; 9 − 2 = 7
    expect(corporateCheckDigit('123456789012')).toBe(7);
    expect(isCorporateNumber('7123456789012')).toBe(true);
  });
  it('gives 9, not 0, when the weighted sum is divisible by 9', () => {
    expect(corporateCheckDigit('000000000000')).toBe(9);
    expect(corporateCheckDigit('000000000009')).toBe(9);
    expect(isCorporateNumber('9000000000009')).toBe(true);
  });
  it('refuses a wrong check digit, a wrong length and non-digits', () => {
    expect(isCorporateNumber('8123456789012')).toBe(false);
    expect(isCorporateNumber('712345678901')).toBe(false);
    expect(isCorporateNumber('71234567890123')).toBe(false);
    expect(isCorporateNumber('712345678901a')).toBe(false);
  });
  it('every 基礎番号 has exactly one accepted check digit, and one changed digit is caught unless 0↔9', () => {
    const rand = seeded(19);
    for (let i = 0; i < 2000; i++) {
      const base = Array.from({ length: 12 }, () => rand.int(10)).join('');
      const ok = [...'0123456789'].filter((d) => isCorporateNumber(d + base));
      expect(ok).toEqual([String(corporateCheckDigit(base))]);
      const at = rand.int(12);
      const was = Number(base[at]);
      const now = (was + 1 + rand.int(9)) % 10;
      const changed = base.slice(0, at) + now + base.slice(at + 1);
      // The sum is taken mod 9: only 0 ↔ 9 (a difference of 9) goes unseen.
      expect(isCorporateNumber(ok[0] + changed)).toBe(Math.abs(now - was) === 9);
    }
  });
});
