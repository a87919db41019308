// The report as JSON: the same data as the YAML, plus where it came from.
import type { APIRoute } from 'astro';
import { loadContent, type Report } from '../../../../lib/content-store.ts';
import { reportJson } from '../../../../lib/report-json.ts';

export function getStaticPaths() {
  return loadContent().reports.map((report) => ({ params: { org: report.org, number: report.number }, props: { report } }));
}
export const GET: APIRoute = ({ props }) => new Response(JSON.stringify(reportJson((props as { report: Report }).report), null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
