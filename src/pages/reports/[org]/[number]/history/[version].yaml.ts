// One version of a report from git history, as stored (YAML).
import type { APIRoute } from 'astro';
import { loadContent, type Report } from '../../../../../lib/content/content-store.ts';
import { versionsOf, VersionReader, type Version } from '../../../../../lib/site/version-history.ts';

export function getStaticPaths() {
  const content = loadContent();
  return content.reports.flatMap((report) => versionsOf(content, report).map((version) => ({ params: { org: report.id.split('/')[0], number: report.id.split('/')[1], version: version.id }, props: { report, version } })));
}
export const GET: APIRoute = async ({ props }) => {
  const { report, version } = props as { report: Report; version: Version };
  const reader = new VersionReader(loadContent());
  try {
    return new Response(await reader.text(version), { headers: { 'Content-Type': 'application/yaml; charset=utf-8' } });
  } finally { reader.close(); }
};
