// The trailers of a change set's message: where they are found (the last paragraph, past what GitHub
// appends to a squash merge), the keys they may have (Latin, or the table's column names), folded
// values, and misspelt keys, which are errors rather than a silent 事後.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergedTrailers, parseTrailers, trailerLine, withDateInReach } from './trailers.ts';
import { seeded } from '../../../tests/support/seeded.ts';

describe('parseTrailers', () => {
  it('reads the trailers of the last paragraph', () => {
    expect(parseTrailers('年金課に変更\n\n組織改編による。\n\nSubmission: 事前\nReason: 組織改編のため\nChange-Date: 2025-08-28')).toEqual({
      trailers: { submission: '事前', reason: '組織改編のため', changeDate: '2025-08-28' }, errors: [],
    });
  });

  it('looks past the separator and Co-authored-by: lines of a GitHub squash merge', () => {
    const message = '年金課に変更 (#12)\n\n組織改編による。\n\nSubmission: 事前\nReason: 組織改編のため\nChange-Date: 2025-08-28\n\n---------\n\nCo-authored-by: Reviewer <rev@example.jp>\nSigned-off-by: 担当 <a@example.jp>';
    expect(parseTrailers(message).trailers).toEqual({ submission: '事前', reason: '組織改編のため', changeDate: '2025-08-28' });
  });

  it('takes the column names of the table as keys', () => {
    expect(parseTrailers('変更\n\n提出時期：事前\n提出時期に係る説明: 重要な変更に当たるため\n変更日: 令和7年8月28日')).toEqual({
      trailers: { submission: '事前', reason: '重要な変更に当たるため', changeDate: '2025-08-28' }, errors: [],
    });
  });

  it('names the key as it was written in an error', () => {
    expect(parseTrailers('変更\n\n提出時期: 事前です').errors).toEqual([{ key: 'submission', message: '提出時期: の「事前です」は使えません。「事前」か「事後」のどちらかを書いてください' }]);
  });

  it('joins a value folded over lines', () => {
    expect(parseTrailers('変更\n\nReason: 組織改編に伴う\n  修正のため\nChange-Date: 2025-08-28').trailers.reason).toBe('組織改編に伴う修正のため');
    expect(parseTrailers('変更\n\nReason: see\n  ticket 12').trailers.reason).toBe('see ticket 12');
  });

  it('refuses a misspelt key instead of skipping it', () => {
    const r = parseTrailers('変更\n\nSubmision: 事前\nReason: 組織改編のため');
    expect(r.trailers).toEqual({ reason: '組織改編のため' });
    expect(r.errors).toEqual([{ key: 'submission', message: expect.stringContaining('「Submision:」は「Submission:」の書き間違いではありませんか') }]);
  });

  it('reads nothing from a message without a body, and ignores trailers of other tools', () => {
    expect(parseTrailers('Submission: 事前')).toEqual({ trailers: {}, errors: [] });
    expect(parseTrailers('変更\n\nCo-authored-by: A <a@example.jp>')).toEqual({ trailers: {}, errors: [] });
  });

  it('finds the trailers wherever tools put their lines after them (seeded generated messages)', () => {
    const r = seeded(23);
    const bodies = ['組織改編による。', '* 所属長を変更\n* 連絡先を変更', 'Fixes #12', '詳細は別紙のとおり。'];
    const keys = { submission: ['Submission', 'submission', '提出時期', 'Ｓｕｂｍｉｓｓｉｏｎ'], reason: ['Reason', '提出時期に係る説明'], changeDate: ['Change-Date', 'change-date', '変更日', 'Change Date', 'change_date'] } as const;
    const notes = ['確認者: 山田', 'よろしくお願いします。', 'Refs #3'];
    const tails = ['---------', 'Co-authored-by: Reviewer <rev@example.jp>', 'Signed-off-by: 担当 <a@example.jp>', '---------\n\nCo-authored-by: A <a@example.jp>\nCo-authored-by: B <b@example.jp>'];
    for (let i = 0; i < 300; i++) {
      const want = { submission: r.pick(['事前', '事後'] as const), reason: r.pick(['組織改編のため', '法改正に伴う修正', '誤記の訂正']), changeDate: `2025-0${1 + r.int(9)}-1${r.int(10)}` };
      const lines = (Object.keys(want) as (keyof typeof want)[]).filter(() => r.next() < 0.8).map((k) => `${r.pick(keys[k])}${r.pick([': ', '：', ' : '])}${want[k]}`);
      // (in a paragraph of their own, or right under the subject line; followed by a note of the clerk's at times)
      const underSubject = r.next() < 0.3;
      const paragraphs = [underSubject ? ['件名', ...lines].join('\n') : '件名', ...Array.from({ length: r.int(3) }, () => r.pick(bodies)), ...(underSubject ? [] : [lines.join('\n')]), ...(r.next() < 0.3 ? [r.pick(notes)] : []), ...Array.from({ length: r.int(3) }, () => r.pick(tails))];
      const got = parseTrailers(paragraphs.join(r.pick(['\n\n', '\r\n\r\n', '\n \n'])));
      const expected = Object.fromEntries(lines.map((l) => {
        const name = l.split(/ ?[:：]/)[0];
        const k = (Object.keys(keys) as (keyof typeof keys)[]).find((key) => (keys[key] as readonly string[]).includes(name))!;
        return [k, want[k]];
      }));
      expect(got, paragraphs.join('|')).toEqual({ trailers: expected, errors: [] });
    }
  });
});

describe('parseTrailers: trailers where a clerk writes them', () => {
  it('not the examples of the pull-request template (an HTML comment) or of a fenced code block', () => {
    const template = fs.readFileSync('.github/pull_request_template.md', 'utf8');
    expect(parseTrailers(`件名\n\n${template}`)).toEqual({ trailers: {}, errors: [] });
    const filled = template.replace(/^Submission: *$/m, 'Submission: 事前').replace(/^Reason: *$/m, 'Reason: 法令改正に伴う変更');
    expect(parseTrailers(`件名\n\n${filled}`.replace(/\n/g, '\r\n'))).toEqual({ trailers: { submission: '事前', reason: '法令改正に伴う変更' }, errors: [] });
    expect(parseTrailers('件名\n\n例:\n```\nSubmission: 事後\n```\n\nSubmission: 事前')).toEqual({ trailers: { submission: '事前' }, errors: [] });
    // (an HTML comment never closed hides the rest, as GitHub does)
    expect(parseTrailers('件名\n\n<!-- メモ\nSubmission: 事後')).toEqual({ trailers: {}, errors: [] });
  });
  const want = { submission: '事前', reason: '組織改編に伴う修正のため', changeDate: '2026-04-01' };
  it('right under the subject line, without a blank line', () => {
    expect(parseTrailers('所属長の役職名の変更\nSubmission: 事前\nReason: 組織改編に伴う修正のため\nChange-Date: 2026-04-01')).toEqual({ trailers: want, errors: [] });
  });
  it('followed by a paragraph of the clerk\'s own', () => {
    expect(parseTrailers('変更\n\nSubmission: 事前\nReason: 組織改編に伴う修正のため\nChange-Date: 2026-04-01\n\n確認者: 山田')).toEqual({ trailers: want, errors: [] });
  });
  it('with a blank or an underscore for the hyphen of Change-Date', () => {
    for (const key of ['Change Date', 'change_date', 'Change　Date', 'ChangeDate'.replace('D', ' D')]) expect(parseTrailers(`変更\n\n${key}: 2026-04-01`), key).toEqual({ trailers: { changeDate: '2026-04-01' }, errors: [] });
    // (two words before a colon in a description are no trailer)
    expect(parseTrailers('変更\n\nHello world: 2026-04-01')).toEqual({ trailers: {}, errors: [] });
  });
  it('Change-Log: import in any width or case, GitLab\'s Changelog: import included; another Change-Log value is told', () => {
    for (const m of ['Change-Log: ｉｍｐｏｒｔ', 'change-log: Import', 'Changelog: import', 'Change Log: import']) expect(parseTrailers(`取り込み\n\n${m}`), m).toEqual({ trailers: { changeLog: 'import' }, errors: [] });
    expect(parseTrailers('取り込み\n\nChange-Log: import（転記の誤りの修正）').errors).toEqual([{ key: 'changeLog', message: expect.stringContaining('Change-Log: の「import（転記の誤りの修正）」は使えません') }]);
  });
});

describe('parseTrailers: what is not a slip', () => {
  it('leaves other tools\' keys alone (Region, GitLab\'s Changelog) and keeps the real trailers above them', () => {
    expect(parseTrailers('x\n\nSubmission: 事前\n\nRegion: 九州')).toEqual({ trailers: { submission: '事前' }, errors: [] });
    expect(parseTrailers('x\n\nSubmission: 事前\nChangelog: fixed')).toEqual({ trailers: { submission: '事前' }, errors: [] });
  });
  it('a value begun on the next line has no leading space', () => {
    expect(parseTrailers('x\n\nReason:\n  組織改編のため').trailers.reason).toBe('組織改編のため');
    expect(parseTrailers('x\n\nReason: A\nReason:\n  A')).toEqual({ trailers: { reason: 'A' }, errors: [] });
  });

  it('reads a line of thousands of blanks in time linear in it (the first pattern split them three ways)', () => {
    for (const k of [4000, 16000]) {
      const start = performance.now();
      expect(parseTrailers(`変更\n\nReason:${' '.repeat(k)}A${'\u3000'.repeat(k)}\u2028x`)).toEqual({ trailers: {}, errors: [] });
      expect(parseTrailers(`変更\n\nReason:${' '.repeat(k)}A${' '.repeat(k)}B `)).toEqual({ trailers: { reason: `A${' '.repeat(k)}B` }, errors: [] });
      expect(performance.now() - start).toBeLessThan(500);
    }
  });

  it('reads every line as the first version\'s pattern did (seeded lines of keys, blanks, colons and line breaks of other kinds)', () => {
    const FIRST = /^[\s\u3000]*([A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９\-－]*|提出時期に係る説明|提出時期|変更日)[\s\u3000]*[:：][\s\u3000]*(.*?)[\s\u3000]*$/;
    const pieces = ['Reason', 'Submission', 'Change-Date', '提出時期', ' ', '\u3000', '\t', ':', '：', '事前', 'A', '\u2028', '\r', '\u00a0', '-', '#'];
    const r = seeded(67);
    for (let n = 0; n < 3000; n++) {
      const line = Array.from({ length: 1 + r.int(8) }, () => r.pick(pieces)).join('');
      const m = FIRST.exec(line);
      expect(trailerLine(line), JSON.stringify(line)).toEqual(m ? [m[1], m[2]] : undefined);
    }
  });
});


describe('withDateInReach: a Change-Date no change of that commit can have', () => {
  const dated = (date: string, day = '2025-06-01') => withDateInReach(parseTrailers(`変更\n\nSubmission: 事後\nChange-Date: ${date}`), day);
  it('refuses a day before 特定個人情報保護評価 began, or more than a year after the commit; keeps the other trailers', () => {
    for (const date of ['2013-12-31', '平成25年4月1日', '2099-01-01', '9999-12-31', '2026-06-03']) {
      const r = dated(date);
      expect(r.trailers, date).toEqual({ submission: '事後' });
      expect(r.errors.map((e) => e.key), date).toEqual(['changeDate']);
      expect(r.errors[0].message).toMatch(/^Change-Date: の \d{4}-\d{2}-\d{2} は(特定個人情報保護評価が始まった 2014 年より前|このコミットの日（2025-06-01）より 1 年以上あと)です/);
    }
  });
  it('keeps a day up to a year after the commit (a pull request written before its change takes effect), and any day since 2014', () => {
    for (const date of ['2014-01-01', '2019-05-01', '2025-06-01', '2026-06-02']) expect(dated(date).trailers.changeDate, date).toBe(date);
  });
  it('事後 with a 変更日 after the commit is 要確認 (a change not made yet was not submitted after it); the trailers are kept as written (seeded)', () => {
    const r = seeded(4708);
    for (let n = 0; n < 300; n++) {
      const day = new Date(Date.UTC(2020, 0, 1) + r.int(2000) * 864e5).toISOString().slice(0, 10);
      const date = new Date(Date.parse(day) + (r.int(200) - 100) * 864e5).toISOString().slice(0, 10);
      const submission = r.pick(['事前', '事後']);
      const got = withDateInReach(parseTrailers(`変更\n\nSubmission: ${submission}\nChange-Date: ${date}`), day);
      expect(got.trailers, `${submission} ${date} @ ${day}`).toEqual({ submission, changeDate: date });
      expect(got.errors.map((e) => e.key), `${submission} ${date} @ ${day}`).toEqual(submission === '事後' && date > day ? ['submission'] : []);
    }
  });
  it('令和0年 and a day before 令和 began are no days at all (令和0年5月1日 was published as 平成30年5月1日)', () => {
    for (const date of ['令和0年5月1日', 'R0.5.1', 'R1.4.30']) expect(dated(date).errors.map((e) => e.key), date).toEqual(['changeDate']);
  });
});

describe('mergedTrailers', () => {
  const r = (message: string) => parseTrailers(`x\n\n${message}`);
  it('takes the values the merged commits agree on, skipping commits that say nothing', () => {
    expect(mergedTrailers([{ hash: 'a'.repeat(40), result: r('本文') }, { hash: 'b'.repeat(40), result: r('Submission: 事前\nReason: 理由') }, { hash: 'c'.repeat(40), result: r('Submission: 事前') }]))
      .toEqual({ trailers: { submission: '事前', reason: '理由' }, errors: [] });
  });
  it('keeps each merged commit\'s own errors, naming it', () => {
    expect(mergedTrailers([{ hash: 'd'.repeat(40), result: r('Submission: 事前です') }]).errors.map((e) => e.message)).toEqual([expect.stringMatching(/^マージしたコミット dddddddddddd のSubmission: の「事前です」は使えません/)]);
  });
});

describe('a Reason: is a cell of the published table', () => {
  it('may hold only what a report\'s text may: a control or direction character is an error, not a cell', () => {
    for (const c of ['\u202E', '\u001B', '\u000B', '\u200B']) {
      const r = parseTrailers(`変更\n\nReason: 組織${c}改編\nSubmission: 事後`);
      expect(r.trailers, JSON.stringify(c)).toEqual({ submission: '事後' });
      expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^Reason: の値の 3 文字目に使えない文字/)]);
    }
  });
});
