// The build's plain step, run by scripts/build.ts beside Astro: the per-report summaries (for the
// global pages) and every machine-readable download, written to the folders build.ts names. A failure
// is one Japanese line and exit 1 (build.ts then stops the build and keeps the previous site).
import fs from 'node:fs';
import { loadContent } from '../src/lib/content/content-store.ts';
import { writeComparisonCsvs, writeSiteData } from '../src/lib/site/download-files.ts';
import { readSummaries } from '../src/lib/site/summary-files.ts';
import { parseCli } from './cli.ts';

const { values } = parseCli(`
使い方: node scripts/site-data.ts --data <フォルダ> --summaries <フォルダ>

npm run build の一部です。評価書ごとの要約と、ダウンロード用のファイル（report.json・source.yaml・版ごとの JSON と YAML・比較表 CSV）を作ります。
環境変数: CONTENT_DIR（content フォルダ）
  --data       ダウンロード用のファイルを書くフォルダ
  --summaries  評価書ごとの要約を書くフォルダ
  --reports <ファイル>  評価書ごとのファイルを作る評価書の ID の一覧（JSON。省略するとすべて）
  --part <名前>  要約のファイルの名前（シャードごとに別の名前）
  --no-csv     比較表の CSV を作りません（シャード。CSV は全体をまとめるときに作ります）
  --csv-only   --summaries のフォルダにある要約から比較表の CSV だけを作ります（シャードをまとめるとき）
  --no-summaries  要約も比較表の CSV も作りません（全体のページを前回のサイトから使うとき）
  -h, --help   この説明を表示します
`, { data: { type: 'string' }, summaries: { type: 'string' }, reports: { type: 'string' }, part: { type: 'string' }, 'no-csv': { type: 'boolean' }, 'csv-only': { type: 'boolean' }, 'no-summaries': { type: 'boolean' } });

if (!values.data || !values.summaries) {
  console.error('--data と --summaries の両方を指定してください。使い方は --help で表示します');
  process.exit(2);
}
try {
  const content = loadContent();
  if (values['csv-only']) writeComparisonCsvs(readSummaries(values.summaries), content.organisations, values.data);
  else {
    const only = values.reports ? new Set(JSON.parse(fs.readFileSync(values.reports, 'utf8')) as string[]) : undefined;
    await writeSiteData(content, values.data, values.summaries, { only, part: values.part, csv: !values['no-csv'], summaries: !values['no-summaries'] });
  }
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  // A file-system error is said in Japanese, with its code and path; any other error is already Japanese.
  const reason = !err.code ? String(err.message ?? e).split('\n')[0]
    : `${err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS' ? '書き込みが許されていません' : err.code === 'ENOSPC' ? 'ディスクがいっぱいです' : 'ファイル操作に失敗しました'}（${err.code}${err.path ? ` ${err.path}` : ''}）`;
  console.error(`ダウンロード用のファイル（JSON・YAML・CSV）と評価書の要約を作れませんでした: ${reason}`);
  process.exit(1);
}
