// One rule per kind of value, used by the validator (as JSON Schema formats and a text check) and by
// every consumer that turns a value into a link: a URL is what `new URL()` reads with an http(s)
// scheme, an e-mail address is a plain address (no query, no second recipient), and text holds no
// control character, NUL or Unicode noncharacter. Pure.

const WEB_SCHEMES = new Set(['https:', 'http:']);

/** The URL a value names, or undefined unless `new URL()` accepts it as written, with http(s). The
 * build never meets a URL it cannot parse: what passes here is what the pages use. */
export function webUrl(value: string): URL | undefined {
  if (value.trim() !== value || /[\s\p{Cc}]/u.test(value)) return undefined;
  let u: URL;
  try { u = new URL(value); } catch { return undefined; }
  if (!WEB_SCHEMES.has(u.protocol) || !u.hostname || u.username || u.password) return undefined;
  return u;
}
export const isWebUrl = (value: string) => webUrl(value) !== undefined;

// A plain address: letters, digits and . _ + - before the @, a host name of dot-separated labels
// after it. Anything that would mean more in a mailto: link (? & % = , ; spaces, quotes) is refused.
const PLAIN_EMAIL = /^[A-Za-z0-9](?:[A-Za-z0-9._+-]{0,62}[A-Za-z0-9_+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
export const isPlainEmail = (value: string) => value.length <= 254 && PLAIN_EMAIL.test(value) && !value.includes('..');

/** A mailto: link to a plain address, with every part percent-encoded; undefined for any other value. */
export function mailtoLink(address: string, fields: { subject?: string; body?: string } = {}): string | undefined {
  if (!isPlainEmail(address)) return undefined;
  const query = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(v!)}`).join('&');
  return `mailto:${encodeURIComponent(address).replace(/%40/g, '@')}${query ? `?${query}` : ''}`;
}

// C0 controls except tab, LF and CR; DEL and the C1 controls; noncharacters (U+FFFE, U+FFFF,
// U+FDD0–FDEF and their copies in every plane); lone surrogates. None is text a report can hold, and
// each breaks something downstream (XML, the terminal, spreadsheets). Besides, the characters nobody
// sees that come with pasted text and change what a reader or a search gets (soft hyphen, zero-width
// space and joiners, direction marks and overrides, word joiner, BOM), and U+FFFD, the mark a
// decoder leaves where a character was lost (文字化け): published, each would be text nobody wrote.
// Every character Unicode says is ignorable when shown (direction marks, the Arabic letter mark, tag
// characters that carry hidden ASCII, Hangul fillers), but the variation selectors, which choose a
// kanji's glyph (異体字セレクタ). Also the radicals that PDF text extraction gives for kanji (⾦ U+2FA6 for 金, ⻑ U+2ED1 for 長: the
// same glyph, another character, which no search for the word finds), and the private-use characters
// (外字), which show as an empty box or another character anywhere but on the machine that made them.
export const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u2E80-\u2FDF\u3164\uE000-\uF8FF\uFEFF\uFFA0\uFFF0-\uFFFD\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0000}-\u{E00FF}\u{E01F0}-\u{E0FFF}\u{F0000}-\u{10FFFF}\p{Noncharacter_Code_Point}\p{Cs}]/u;

/** FORBIDDEN for every character of the Basic Multilingual Plane, as a table (built on first use). */
let bmp: Uint8Array | undefined;
function forbiddenBmp(): Uint8Array {
  if (bmp) return bmp;
  bmp = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) bmp[c] = FORBIDDEN.test(String.fromCharCode(c)) ? 1 : 0;
  return bmp;
}

/**
 * Whether text holds a character it must not hold: FORBIDDEN, by code unit through a table (a whole
 * report is read about ten times faster than by the pattern, whose Unicode classes are slow on long
 * text); a character beyond the BMP is rare and asked of the pattern. value-rules.test.ts holds the
 * two to the same answer.
 */
export function holdsForbiddenCharacter(text: string): boolean {
  const table = forbiddenBmp();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) { if (table[c]) return true; continue; }
    if (c > 0xdbff) return true; // a lone low surrogate
    const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (d < 0xdc00 || d > 0xdfff) return true; // a lone high surrogate
    if (FORBIDDEN.test(String.fromCharCode(c, d))) return true;
    i++;
  }
  return false;
}

/** The first character text must not hold: its position (1-based, in characters) and code point. */
export function forbiddenCharacter(text: string): { position: number; codePoint: string } | undefined {
  const m = FORBIDDEN.exec(text);
  if (!m) return undefined;
  const position = [...text.slice(0, m.index)].length + 1;
  return { position, codePoint: `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` };
}

const CHARACTER_NAMES: Record<string, string> = {
  'U+0000': 'NUL', 'U+0007': 'BEL', 'U+0008': 'BS', 'U+001B': 'ESC', 'U+007F': 'DEL', 'U+FFFE': '非文字', 'U+FFFF': '非文字',
  'U+00AD': 'ソフトハイフン', 'U+061C': '文字の向きを変える印', 'U+200B': 'ゼロ幅スペース', 'U+200C': 'ゼロ幅非接合子', 'U+200D': 'ゼロ幅接合子', 'U+2060': 'ワードジョイナー', 'U+FEFF': 'BOM（ゼロ幅ノーブレークスペース）',
};
/** Radicals of the CJK Radicals Supplement that PDF extraction gives for kanji and NFKC does not map. */
const RADICAL_KANJI: Record<string, string> = { '⻑': '長', '⺠': '民', '⻄': '西', '⻘': '青', '⻝': '食', '⻤': '鬼', '⻩': '黄', '⻭': '歯', '⻲': '亀', '⻖': '阝', '⻏': '阝', '⺮': '竹', '⺩': '王', '⻌': '辶', '⻍': '辶' };

/** The Japanese message for a forbidden character in a value or a key. */
export function forbiddenCharacterMessage(found: { position: number; codePoint: string }, where = '値'): string {
  const cp = parseInt(found.codePoint.slice(2), 16);
  if (cp >= 0x2e80 && cp <= 0x2fdf) {
    const c = String.fromCodePoint(cp);
    const kanji = c.normalize('NFKC') !== c ? c.normalize('NFKC') : RADICAL_KANJI[c];
    return `${where}の ${found.position} 文字目の「${c}」（文字番号「${found.codePoint}」）は漢字ではなく部首の記号です（印刷用の文書から貼り付けた文章に入ります）。見た目が同じでも、検索で見つかりません。${kanji ? `漢字の「${kanji}」に直してください` : '原本の漢字を書いてください'}`;
  }
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return `${where}の ${found.position} 文字目に外字（私用領域の文字 ${found.codePoint}）があります。ほかのパソコンやスマートフォンでは空白や別の文字に見えます。原本の字に近い文字で書き、違いは「転記注記」に書いてください`;
  if (found.codePoint === 'U+FFFD') return `${where}の ${found.position} 文字目に文字化けの印（置換文字「U+FFFD」）があります。元の文字が失われています。原本を見て正しい文字に直してください`;
  const name = CHARACTER_NAMES[found.codePoint] ?? (/\p{Default_Ignorable_Code_Point}/u.test(String.fromCodePoint(cp)) ? '目に見えない文字' : undefined);
  return `${where}の ${found.position} 文字目に使えない文字（${found.codePoint}${name ? ` ${name}` : ''}）があります。制御文字・非文字・目に見えない文字は書けません（貼り付けた文章に入っていることがあります）。消してください`;
}

/** A value as shown inside a message: control characters made visible, and cut after `max` characters. */
export function shown(value: unknown, max = 60): string {
  const chars = [...String(value)];
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…（全 ${chars.length.toLocaleString('en')} 文字）` : chars.join('');
  return visible(cut);
}

/** Characters a reader cannot see or tell from a space: format characters (zero-width space, joiners,
 * BOM) and the spaces other than the ASCII and full-width ones (no-break space, thin space…), which
 * come with text pasted from Word or a web page. */
export const UNSEEN = /[\p{Cf}\u00A0\u1680\u2000-\u200A\u202F\u205F]/u;
const UNSEEN_ALL = new RegExp(UNSEEN.source, 'gu');
const SHOWN_AS_CODE = new RegExp(`[\\p{Cc}\\u2028\\u2029\\p{Noncharacter_Code_Point}\\p{Cs}]|${UNSEEN.source}`, 'gu');

/** Line breaks and other invisible controls as \n, \u{7}…, so that one message stays one line; the
 * characters of UNSEEN as \u{200B}… too, so that a message can show where they are. */
export function visible(text: string): string {
  return text.replace(SHOWN_AS_CODE, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`));
}

/** The text without the characters of UNSEEN. */
export const withoutUnseen = (text: string) => text.replace(UNSEEN_ALL, '');
