// The trailers of a change set's message (Submission:, Reason:, Change-Date:, Change-Log:, or the
// table's own column names 提出時期: 提出時期に係る説明: 変更日:), read leniently where the meaning is certain (full-width colon and spaces, full-width digits, 和暦) and
// refused with a Japanese error where it is not (an unknown Submission value, an impossible date):
// a wrong 提出時期 or 変更日 in a published table must never come from a silent fallback. Pure.
import { isIsoDate, parseJapaneseDate } from '../form/wareki.ts';
import { editDistance } from '../content/suggest.ts';
import { forbiddenCharacter, forbiddenCharacterMessage } from '../content/value-rules.ts';

export interface Trailers {
  submission?: '事前' | '事後';
  reason?: string;
  /** YYYY-MM-DD */
  changeDate?: string;
  changeLog?: string;
}
export interface TrailerError { key: keyof Trailers; message: string }
export interface TrailerResult { trailers: Trailers; errors: TrailerError[] }

const KEYS: Record<string, keyof Trailers> = {
  submission: 'submission', reason: 'reason', 'change-date': 'changeDate', 'change-log': 'changeLog',
  提出時期: 'submission', 提出時期に係る説明: 'reason', 変更日: 'changeDate',
};
// 「Submission：事前」「Ｓｕｂｍｉｓｓｉｏｎ: 事前」「Change-Date : 2025-08-28」「提出時期: 事前」: a key (Latin
// letters and hyphens, as git's trailers, or a column name of the table), a colon, the value.
// (the value is the rest of the line, trimmed: written as one pattern, the blanks around it could be
// split between three parts in many ways, and a 4 KB line of blanks took seconds)
const LINE = /^\s*([A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９\-－]*|提出時期に係る説明|提出時期|変更日)\s*[:：](.*)$/s;
/** A line 「key: value」: the key as written and the value without the blanks around it (\s holds
 * the full-width space); none when the value holds a line break of another kind (U+2028…). */
export function trailerLine(line: string): [key: string, value: string] | undefined {
  const m = LINE.exec(line);
  const value = m?.[2].trim();
  return m && !/[\n\r\u2028\u2029]/.test(value!) ? [m[1], value!] : undefined;
}
// The line GitHub writes between a squashed pull request's description and its Co-authored-by: trailers.
const SEPARATOR = /^[\s\u3000]*[-‐－─ー]{3,}[\s\u3000]*$/;
const LABELS: Record<keyof Trailers, string> = { submission: 'Submission', reason: 'Reason', changeDate: 'Change-Date', changeLog: 'Change-Log' };

const keyOf = (written: string) => KEYS[written.normalize('NFKC').toLowerCase().replace(/_/g, '-')];

/** 「Change Date: …」: a key of ours written with a blank for its hyphen (only ours: 「Hello world:」
 * in a description is no trailer). */
function spacedLine(line: string): [key: string, value: string] | undefined {
  const m = /^[\s\u3000]*([A-Za-zＡ-Ｚａ-ｚ]+)[ \u3000_]+([A-Za-zＡ-Ｚａ-ｚ]+)[\s\u3000]*[:：](.*)$/s.exec(line);
  const key = m && `${m[1]}-${m[2]}`;
  return key && keyOf(key) ? trailerLine(`${key}:${m![3]}`) : undefined;
}

/** The trailer a Latin key that is not one of ours was probably meant to be (「Submision」), if any:
 * such a line must not be skipped in silence, or its 提出時期 would become 事後 unseen. */
function misspelt(written: string): keyof Trailers | undefined {
  const k = written.normalize('NFKC').toLowerCase();
  if (k.length < 5 || !/^[a-z-]+$/.test(k)) return undefined;
  // (only the keys that fill the table; one slip in a short name, two in a long one: 「Region」 or
  // GitLab's 「Changelog」 are not ours)
  for (const name of ['submission', 'reason', 'change-date']) if (editDistance(k, name) <= (name.length < 8 ? 1 : 2)) return KEYS[name];
  return undefined;
}

/** A paragraph that only a tool wrote after the description: trailers that are not ours
 * (Co-authored-by:, Signed-off-by:) and GitHub's separator line before them. */
const isForeignTail = (paragraph: string) => paragraph.split('\n').every((line) => {
  if (SEPARATOR.test(line)) return true;
  const m = trailerLine(line);
  return !!m && !keyOf(m[0]) && !misspelt(m[0]);
});

/** Two pieces of a value folded over lines, joined as git unfolds them (with a space), except between
 * two Japanese characters, which a line break did not separate by a space. */
const unfold = (a: string, b: string) => (/[^\x00-\x7f]$/.test(a) && /^[^\x00-\x7f]/.test(b) ? a + b : `${a} ${b}`);

/**
 * Reads the trailers of a change set's message: those of its last paragraph (as git does), looking past
 * the paragraphs a tool adds after it (GitHub's squash merge: 「---------」 and Co-authored-by: lines),
 * and, since a clerk's meaning is just as certain there, lines of ours in any paragraph after the
 * subject line (trailers written right under it, or followed by a note of their own). A line that
 * starts with a space continues the trailer above it. A key may repeat with the same value; with
 * different values it is an error (the table cannot have two 提出時期).
 */
export function parseTrailers(message: string): TrailerResult {
  const paragraphs = withoutHidden(message.replace(/\r\n?/g, '\n')).trim().split(/\n[\s\u3000]*\n/);
  let end = paragraphs.length - 1;
  while (end > 1 && isForeignTail(paragraphs[end])) end--;
  // (the subject line is never a trailer: 「Submission: 事前」 alone is a message without a body)
  const body = paragraphs.slice(0, end + 1).map((p, i) => (i === 0 ? p.split('\n').slice(1) : p.split('\n')));
  const lineOf = (line: string) => trailerLine(line) ?? spacedLine(line);
  const isOurs = (line: string) => { const m = lineOf(line); return !!m && (!!keyOf(m[0]) || (m[0].normalize('NFKC').toLowerCase() === 'changelog' && isImport(m[1]))); };
  const raw = new Map<keyof Trailers, string[]>();
  const written = new Map<keyof Trailers, string>();
  const errors: TrailerError[] = [];
  // (the values of the trailer being read, for a continuation line)
  let open: string[] | undefined;
  // Paragraphs of prose are not read for slips of a key: only the last, and those with a line of ours.
  const read = body.filter((lines, i) => i === body.length - 1 || lines.some(isOurs)).flatMap((lines) => ['', ...lines]);
  for (const line of read) {
    const m = lineOf(line);
    // (GitLab's 「Changelog:」 is not ours, unless it says import, which it cannot mean for GitLab)
    const key = m ? keyOf(m[0]) ?? (m[0].normalize('NFKC').toLowerCase() === 'changelog' && isImport(m[1]) ? 'changeLog' : undefined) : undefined;
    if (!key && open && /^[\s\u3000]+\S/.test(line)) { const last = open.pop()!; open.push(last === '' ? line.trim() : unfold(last, line.trim())); continue; }
    open = undefined;
    if (!m) continue;
    if (!key) {
      const meant = misspelt(m[0]);
      if (meant) errors.push({ key: meant, message: `「${m[0]}:」は「${LABELS[meant]}:」の書き間違いではありませんか。トレーラーの名前は Submission・Reason・Change-Date（または 提出時期・提出時期に係る説明・変更日）です` });
      continue;
    }
    if (!written.has(key)) written.set(key, m[0]);
    open = raw.get(key) ?? [];
    raw.set(key, open);
    open.push(m[1]);
  }
  const trailers: Trailers = {};
  const label = (key: keyof Trailers) => written.get(key) ?? LABELS[key];
  const one = (key: keyof Trailers): string | undefined => {
    const values = [...new Set((raw.get(key) ?? []).filter((v) => v !== ''))];
    if (values.length > 1) errors.push({ key, message: `${label(key)}: が ${values.length} 回、違う値で書かれています（${values.map((v) => `「${v}」`).join('、')}）。1 つにしてください` });
    return values.length === 1 ? values[0] : undefined;
  };
  const submission = one('submission');
  if (submission !== undefined) {
    const v = submission.normalize('NFKC').replace(/[。.]$/, '').trim();
    if (v === '事前' || v === '事後') trailers.submission = v;
    else errors.push({ key: 'submission', message: `${label('submission')}: の「${submission}」は使えません。「事前」か「事後」のどちらかを書いてください` });
  }
  const reason = one('reason');
  // (the reason is a cell of the published table: it may hold only what a report's text may)
  const hidden = reason === undefined ? undefined : forbiddenCharacter(reason);
  if (hidden) errors.push({ key: 'reason', message: forbiddenCharacterMessage(hidden, `${label('reason')}: の値`) });
  else if (reason !== undefined) trailers.reason = reason;
  const date = one('changeDate');
  if (date !== undefined) {
    const parsed = readChangeDate(date);
    if ('iso' in parsed) trailers.changeDate = parsed.iso;
    else errors.push({ key: 'changeDate', message: `${label('changeDate')}: の「${date}」は${parsed.error}。2025-08-28 や 令和7年8月28日 のように年月日を書いてください` });
  }
  const changeLog = one('changeLog');
  if (changeLog !== undefined) {
    // (a change set whose rows are not made must say so beyond doubt: any other value is told)
    if (isImport(changeLog)) trailers.changeLog = 'import';
    else errors.push({ key: 'changeLog', message: `${label('changeLog')}: の「${changeLog}」は使えません。転記した評価書の取り込み（変更箇所の行を作らない変更）のときだけ「Change-Log: import」と書きます` });
  }
  return { trailers, errors };
}

/**
 * A pull request's description without what GitHub does not show or shows as an example: its HTML
 * comments (the template's guidance, which has trailer lines as examples) and fenced code blocks.
 * (Cut by searching for their ends, not by a pattern that could try every end.)
 */
function withoutHidden(text: string): string {
  let out = '';
  for (let at = 0; at < text.length;) {
    const open = text.indexOf('<!--', at);
    if (open < 0) { out += text.slice(at); break; }
    out += text.slice(at, open);
    const close = text.indexOf('-->', open + 4);
    at = close < 0 ? text.length : close + 3;
  }
  let fenced = false;
  return out.split('\n').filter((line) => { if (/^ {0,3}(?:```|~~~)/.test(line)) { fenced = !fenced; return false; } return !fenced; }).join('\n');
}

/** 「import」 as written: any case or width, blanks around it. */
const isImport = (value: string) => value.normalize('NFKC').trim().toLowerCase() === 'import';

/** A Change-Date value as YYYY-MM-DD, or why it is not one day. */
export function readChangeDate(text: string): { iso: string } | { error: string } {
  let s = text.normalize('NFKC').replace(/\s+/g, '');
  // (R7.8.28 and the like: parseJapaneseDate reads them, below)
  const ymd = /^(\d{4})[./](\d{1,2})[./](\d{1,2})$/.exec(s);
  if (ymd) s = `${ymd[1]}-${ymd[2]}-${ymd[3]}`;
  const loose = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (loose) {
    const iso = `${loose[1]}-${loose[2].padStart(2, '0')}-${loose[3].padStart(2, '0')}`;
    return isIsoDate(iso) ? { iso } : { error: '存在しない日付です' };
  }
  const jp = parseJapaneseDate(s);
  if (jp && isIsoDate(jp)) return { iso: jp };
  if (jp) return { error: '日がありません（変更日は年月日で書きます）' };
  // Shaped like a date but not a real one (令和7年2月30日, 2025年13月1日): say so rather than "not a date".
  if (/^(令和|平成|昭和|大正|明治)?(元|\d{1,4})年\d{1,2}月(\d{1,2}日)?$/.test(s)) return { error: /日$/.test(s) ? '存在しない日付です' : '日がありません（変更日は年月日で書きます）' };
  return { error: '日付として読めません' };
}

/**
 * The trailers of a merge whose own message has none (「Merge branch 'x'」 from a local git merge, a
 * merge message that did not take the pull request's description), from the commits it merged, oldest
 * first. When none has trailers, the merge has none either. Otherwise they are the merge's only when
 * they are one clerk's branch: no merge among them, every commit that changed a report with trailers,
 * all agreeing on each value; else it is an error, never one commit's values given to another's change
 * (a 「git pull」 brings in pull requests merged with and without trailers). The errors name the commits.
 */
export function mergedTrailers(merged: { hash: string; result: TrailerResult; /** a merge itself */ merge?: boolean; /** changed a report file */ changesReports?: boolean }[]): TrailerResult {
  const says = (r: TrailerResult) => Object.keys(r.trailers).length > 0 || r.errors.length > 0;
  const speaking = merged.filter(({ result }) => says(result));
  const short = (hash: string) => hash.slice(0, 12);
  if (!speaking.length) return { trailers: {}, errors: [] };
  const unsure = merged.filter((m) => m.merge || (m.changesReports && !says(m.result)));
  if (unsure.length) {
    const named = unsure.slice(0, 5).map((m) => `${short(m.hash)}${m.merge ? '（マージ）' : '（トレーラーなし）'}`).join('、') + (unsure.length > 5 ? ` ほか ${unsure.length - 5} 件` : '');
    const message = `マージで取り込んだコミットが 1 つのブランチの変更ではない（${named}）ため、どの変更の変更日・提出時期かを決められません。変更ごとに確かめてください`;
    return { trailers: {}, errors: [{ key: 'submission', message }, { key: 'changeDate', message: '（同じ理由で変更日も決められません）' }] };
  }
  const errors: TrailerError[] = speaking.flatMap(({ hash, result }) => result.errors.map((e) => ({ key: e.key, message: `マージしたコミット ${short(hash)} の${e.message}` })));
  const trailers: Trailers = {};
  for (const key of ['submission', 'reason', 'changeDate', 'changeLog'] as const) {
    const by = speaking.filter(({ result }) => result.trailers[key] !== undefined);
    const values = [...new Set(by.map(({ result }) => result.trailers[key]!))];
    // (an import merged with a change: some commits make no rows and others do, which one merge cannot say)
    const mixedImport = key === 'changeLog' && by.length > 0 && by.length < speaking.length;
    if (values.length > 1 || mixedImport) {
      const shown = mixedImport
        ? speaking.map(({ hash, result }) => `${short(hash)}「${result.trailers.changeLog ?? 'なし'}」`)
        : by.map(({ hash, result }) => `${short(hash)}「${result.trailers[key]}」`);
      errors.push({ key, message: `マージしたコミットの ${LABELS[key]}: が食い違っています（${shown.join('、')}）。1 回の変更の${key === 'changeLog' ? '取り込みかどうか' : '値'}は 1 つです。マージのコミットのメッセージに書いてください` });
    } else if (values.length === 1) (trailers as Record<string, string>)[key] = values[0];
  }
  return { trailers, errors };
}

/** The first day a 変更箇所 can have: 特定個人情報保護評価 began in 2014 (指針, 平成26年). */
const FIRST_CHANGE_DAY = '2014-01-01';
/**
 * The trailers with a Change-Date that no change made by a commit of `commitDay` (YYYY-MM-DD) can have
 * taken as an error: one before 特定個人情報保護評価 began, or more than a year after the commit (a
 * 2099 typed for 2019 would become the newest entry of the feed). A date somewhat after the commit
 * stays: a pull request may be written before the day its change takes effect.
 */
export function withDateInReach(result: TrailerResult, commitDay: string): TrailerResult {
  const date = result.trailers.changeDate;
  if (!date) return result;
  const latest = new Date(Date.parse(`${commitDay}T00:00:00Z`) + 366 * 864e5).toISOString().slice(0, 10);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(commitDay);
  const why = date < FIRST_CHANGE_DAY ? '特定個人情報保護評価が始まった 2014 年より前です'
    : day && date > latest ? `このコミットの日（${commitDay}）より 1 年以上あとです` : undefined;
  if (why) {
    const { changeDate: _, ...trailers } = result.trailers;
    return { trailers, errors: [...result.errors, { key: 'changeDate', message: `Change-Date: の ${date} は${why}。変更した日を書いてください` }] };
  }
  // 事後 is a change made before it is recorded: a 変更日 after the day it was recorded contradicts it
  // (事前 with a later day, or 事後 with an earlier one, is what they mean). Both are kept as written;
  // the rows are 要確認 until someone decides.
  if (day && date > commitDay && result.trailers.submission === '事後') {
    return { ...result, errors: [...result.errors, { key: 'submission', message: `Submission: 事後（変更の後の提出）ですが、Change-Date: の ${date} はこのコミットの日（${commitDay}）より後です。変更がこれからなら Submission: 事前 に、変更日の誤りなら Change-Date: を直してください` }] };
  }
  return result;
}
