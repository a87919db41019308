// The value rules hold for every input, not only the examples: generated strings (seeded) are checked
// against what the consumers do with them (new URL(), a mailto: link, XML and the terminal).
import { describe, expect, it } from 'vitest';
import { FORBIDDEN, forbiddenCharacter, holdsForbiddenCharacter, isPlainEmail, isWebUrl, mailtoLink, shown, visible, webUrl } from './value-rules.ts';
import { seeded, type Random } from '../../../tests/support/seeded.ts';

const ALPHABET = [...'abcXYZ019.-_~:/?#[]@!$&\'()*+,;=%  \t\n<>"`{}|\\^', 'é', '日', '\u0000', '\u0007', '\u001b', '\u0085', '\uFFFF', '\uFFFE', '\uFDD0', '\u{1FFFF}', '\u2028'];
const randomText = (r: Random, n = 1 + r.int(30)) => Array.from({ length: n }, () => r.pick(ALPHABET)).join('');
const randomUrl = (r: Random) => `${r.pick(['https://', 'http://', 'HTTPS://', 'ftp://', 'javascript:', '//', 'https:', ''])}${r.pick(['example.jp', 'a.b', '999.999.999.999', 'example.jp:99999', '[::1]', 'x y', 'user:pw@ex.jp', ''])}${r.pick(['', '/', '/p?q=1#f', randomText(r)])}`;

describe('URL rule', () => {
  it('accepts exactly what new URL() reads with an http(s) scheme and a host (2,000 generated values)', () => {
    const r = seeded(18);
    for (let i = 0; i < 2000; i++) {
      const v = randomUrl(r);
      if (isWebUrl(v)) {
        const u = new URL(v); // never throws for an accepted value: the build cannot crash on it
        expect(['https:', 'http:'], v).toContain(u.protocol);
        expect(u.hostname, v).not.toBe('');
        expect(webUrl(v)!.href).toBe(u.href);
      }
    }
  });
  it('refuses the values that passed format: uri and crashed the build', () => {
    for (const v of ['https://example.jp:99999/', 'http://999.999.999.999/', 'javascript:alert(1)', 'https://', 'https://a b/', ' https://example.jp/']) expect(isWebUrl(v), v).toBe(false);
    for (const v of ['https://example.jp/iken', 'http://127.0.0.1:4321/a?b=c#d', 'https://www.city.kumamoto.jp/']) expect(isWebUrl(v), v).toBe(true);
  });
});

describe('e-mail rule', () => {
  it('refuses an address that would add recipients or headers to a mailto: link', () => {
    for (const v of ['a?bcc=spy%40evil.example&x=@city.example.jp', 'a@b.jp?cc=x@y.jp', 'a,b@c.jp', 'a b@c.jp', '"a"@c.jp', 'a@b.jp\nbcc: x', 'a%40b@c.jp', 'a@b', 'a..b@c.jp', '.a@c.jp']) expect(isPlainEmail(v), v).toBe(false);
    for (const v of ['iken@city.example.jp', 'a.b+c_d-e@x-y.example.jp']) expect(isPlainEmail(v), v).toBe(true);
  });
  it('makes a link with one recipient and only subject and body, for every generated address it accepts', () => {
    const r = seeded(5);
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const local = r.next() < 0.5 ? Array.from({ length: 1 + r.int(8) }, () => r.pick([...'abz09._+-'])).join('') : randomText(r, 1 + r.int(8));
      const v = `${local}@${r.pick(['city.example.jp', 'a.jp', 'x?y.jp', 'b&c.jp'])}`;
      const link = mailtoLink(v, { subject: randomText(r), body: randomText(r) });
      if (!isPlainEmail(v)) { expect(link).toBeUndefined(); continue; }
      accepted++;
      const u = new URL(link!);
      expect(u.protocol).toBe('mailto:');
      expect(decodeURIComponent(u.pathname)).toBe(v);
      expect([...u.searchParams.keys()]).toEqual(['subject', 'body']);
    }
    expect(accepted).toBeGreaterThan(300);
  });
});

describe('text rule', () => {
  it('flags exactly the C0/C1 controls (not tab and line breaks), NUL, noncharacters and lone surrogates, at their position', () => {
    const r = seeded(7);
    const unseen = [0xad, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff, 0xfffd];
    const bad = (cp: number) => (cp < 0x20 && ![0x09, 0x0a, 0x0d].includes(cp)) || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe || (cp >= 0xd800 && cp <= 0xdfff) || unseen.includes(cp)
      || (cp >= 0x2e80 && cp <= 0x2fdf) || (cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000
      // (what Unicode says is ignorable when shown, but the variation selectors that choose a kanji's glyph)
      || (/\p{Default_Ignorable_Code_Point}/u.test(String.fromCodePoint(cp)) && !(cp >= 0xfe00 && cp <= 0xfe0f) && !(cp >= 0xe0100 && cp <= 0xe01ef)) || (cp >= 0xfff9 && cp <= 0xfffc);
    for (let i = 0; i < 20_000; i++) {
      const cp = i < 0x300 ? i : r.pick([r.int(0x110000), 0xfff0 + r.int(16), 0xfdc0 + r.int(64), (r.int(17) << 16) | 0xfffe | r.int(2), 0x2000 + r.int(0x70), 0xfef0 + r.int(32), 0x2e70 + r.int(0x180), 0xdff0 + r.int(0x20), 0xf8f0 + r.int(0x20), 0xeff00 + r.int(0x200), 0xe0000 + r.int(0x1100), 0xfe00 + r.int(0x20), 0xfff0 + r.int(0x10), r.pick([0x61c, 0x34f, 0x115f, 0x1160, 0x3164, 0xffa0, 0x180e, 0x17b4, 0x1bca0, 0x1d173])]);
      const prefix = randomText(seeded(i), 3).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2e80-\u2fdf\ue000-\uf8ff\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2065\u206a-\u206f\u3164\uffa0\ufff0-\ufffb\ufeff\ufffd\ufdd0-\ufdef\ufffe\uffff\u{1ffff}\u{f0000}-\u{10ffff}]/gu, 'x');
      const found = forbiddenCharacter(`${prefix}${String.fromCodePoint(cp)}z`);
      if (bad(cp)) expect(found, cp.toString(16)).toEqual({ position: [...prefix].length + 1, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` });
      else expect(found, cp.toString(16)).toBeUndefined();
    }
  });
  it('finds a forbidden character in a whole text by code unit exactly when the pattern does (seeded texts)', () => {
    // Code units around every edge of the rule: controls, C1, noncharacters, surrogates (paired, lone,
    // and the pairs of U+nFFFE/U+nFFFF), and ordinary text.
    const units = [0x00, 0x08, 0x09, 0x0a, 0x0b, 0x0d, 0x1f, 0x20, 0x41, 0x7e, 0x7f, 0x9f, 0xa0, 0xac, 0xad, 0xae, 0x200a, 0x200b, 0x200f, 0x2010, 0x2029, 0x202a, 0x202e, 0x202f, 0x205f, 0x2060, 0x2064, 0x2065, 0x2066, 0x2069, 0x206a, 0x3042, 0xfdcf, 0xfdd0, 0xfdef, 0xfdf0, 0xfefe, 0xfeff, 0xfffc, 0xfffd, 0xfffe, 0xffff,
      0xd800, 0xd83c, 0xd83f, 0xd87f, 0xdb7f, 0xdb80, 0xdbbf, 0xdbff, 0xdc00, 0xdf00, 0xdffd, 0xdffe, 0xdfff,
      0x2e7f, 0x2e80, 0x2ed1, 0x2fa6, 0x2fdf, 0x2fe0, 0xe000, 0xf8ff, 0xf900, 0xfa11];
    const r = seeded(29);
    let flagged = 0;
    for (let n = 0; n < 30_000; n++) {
      const text = String.fromCharCode(...Array.from({ length: r.int(6) }, () => (r.int(3) ? r.pick(units) : r.int(0x10000))));
      const expected = FORBIDDEN.test(text);
      expect(holdsForbiddenCharacter(text), JSON.stringify(text)).toBe(expected);
      if (expected) flagged++;
    }
    expect(flagged).toBeGreaterThan(5_000);
    expect(30_000 - flagged).toBeGreaterThan(2_000);
  });
  it('shows a value in a message on one line, cut short', () => {
    expect(visible('a\nb\u0007c')).toBe('a\\nb\\u{7}c');
    const huge = shown('鍵'.repeat(1_000_000));
    expect(huge.length).toBeLessThan(100);
    expect(huge).toContain('全 1,000,000 文字');
  });
});
