// /feed.xml: Atom feed of new reports, new versions and comment periods.
import path from 'node:path';
import type { APIRoute } from 'astro';
import { loadContent } from '../lib/content/content-store.ts';
import { generatedRows } from '../lib/changes/changes-store.ts';
import { atom, feedEntries } from '../lib/site/feed.ts';
import { siteSummaries } from '../lib/site/summary-files.ts';
import { SITE_NAME, url } from '../lib/site/site.ts';

export const GET: APIRoute = async ({ site }) => {
  const content = loadContent();
  const abs = (p: string) => new URL(url(p), site).toString();
  const entries = feedEntries(await siteSummaries(), content.organisations, await generatedRows(content), abs, (f) => path.resolve(f));
  return new Response(atom(SITE_NAME, abs('feed.xml'), abs('/'), entries), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
