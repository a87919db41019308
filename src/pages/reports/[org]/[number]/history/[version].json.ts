// One version of a report from git history, as JSON data.
import type { APIRoute } from 'astro';
import { loadContent, type Report } from '../../../../../lib/content/content-store.ts';
import { VersionReader, type Version } from '../../../../../lib/site/version-history.ts';
import { versionRoutes } from '../../../../../lib/site/report-routes.ts';

export const getStaticPaths = versionRoutes;
export const GET: APIRoute = async ({ props }) => {
  const { report, version } = props as { report: Report; version: Version };
  const reader = new VersionReader(loadContent());
  try {
    const head = { id: report.id, version: version.id, commit: version.commit, date: version.date };
    const read = await reader.parsed(version);
    // A version that was not valid YAML (an early draft) is said to be so, with its text, never dropped.
    const body = read.problem ? { ...head, 読めない版: read.problem, 原文: await reader.text(version) } : { ...head, ...read.data };
    return new Response(JSON.stringify(body, null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  } finally { reader.close(); }
};
