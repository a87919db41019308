// The comparison as CSV for spreadsheet users.
import type { APIRoute } from 'astro';
import { loadContent, type Report } from '../../../lib/content/content-store.ts';
import { categories, compare, toCsv } from '../../../lib/report/comparison.ts';
import { organisationName } from '../../../lib/site/names.ts';

export function getStaticPaths() {
  return [...categories(loadContent().reports)].map(([category, reports]) => ({ params: { category }, props: { category, reports } }));
}
export const GET: APIRoute = ({ props }) => {
  const { category, reports } = props as { category: string; reports: Report[] };
  const content = loadContent();
  const names = reports.map((r) => `${organisationName(content.organisations.get(r.org), r.org)} ${r.form} ${r.number || '評価書番号の記載なし'}`);
  return new Response(toCsv(compare(category, reports), names), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
