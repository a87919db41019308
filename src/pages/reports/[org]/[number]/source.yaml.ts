// The report's YAML exactly as stored: the source staff edit and the site is built from.
import type { APIRoute } from 'astro';
import { loadContent, type Report } from '../../../../lib/content/content-store.ts';
import { reportRoutes } from '../../../../lib/site/report-routes.ts';

export const getStaticPaths = reportRoutes;
export const GET: APIRoute = ({ props }) => new Response((props as { report: Report }).report.source, { headers: { 'Content-Type': 'application/yaml; charset=utf-8' } });
