// The report as JSON: the same data as the YAML, plus where it came from.
import type { APIRoute } from 'astro';
import { loadContent, type Report } from '../../../../lib/content/content-store.ts';
import { reportJson } from '../../../../lib/site/report-json.ts';
import { generatedRows } from '../../../../lib/changes/changes-store.ts';
import path from 'node:path';
import { reportRoutes } from '../../../../lib/site/report-routes.ts';

export const getStaticPaths = reportRoutes;
export const GET: APIRoute = async ({ props }) => {
  const { report } = props as { report: Report };
  const generated = (await generatedRows(loadContent())).get(path.resolve(report.file)) ?? [];
  return new Response(JSON.stringify(reportJson(report, generated), null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
