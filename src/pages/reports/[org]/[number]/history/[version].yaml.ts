// One version of a report from git history, as stored (YAML).
import type { APIRoute } from 'astro';
import { loadContent, type Report } from '../../../../../lib/content/content-store.ts';
import { VersionReader, type Version } from '../../../../../lib/site/version-history.ts';
import { versionRoutes } from '../../../../../lib/site/report-routes.ts';

export const getStaticPaths = versionRoutes;
export const GET: APIRoute = async ({ props }) => {
  const { report, version } = props as { report: Report; version: Version };
  const reader = new VersionReader(loadContent());
  try {
    return new Response(await reader.text(version), { headers: { 'Content-Type': 'application/yaml; charset=utf-8' } });
  } finally { reader.close(); }
};
