// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { globalRoutes } from './src/lib/build/global-routes.ts';

// The global pages (src/global-pages/) are routes added here: scripts/build.ts leaves them out
// (BUILD_GLOBAL_PAGES=none) in a shard and when it takes them unchanged from the previous site.
/** @type {import('astro').AstroIntegration} */
const globalPages = {
  name: 'global-pages',
  hooks: {
    'astro:config:setup': ({ injectRoute }) => {
      if (process.env.BUILD_GLOBAL_PAGES === 'none') return;
      for (const route of globalRoutes()) injectRoute({ ...route, prerender: true });
    },
  },
};

// The build writes to ASTRO_OUT_DIR (scripts/build.ts points it at a temporary folder and swaps it
// into dist/ only when everything succeeded, so a failed build never leaves a half-written site).
// Markdown (guides, notices) renders through the unified/remark pipeline (remark-parse); MDX guides
// through @astrojs/mdx. Both only see sources that passed src/lib/content/markdown-check.ts.
export default defineConfig({
  // scripts/build.ts requires SITE_URL; `astro dev` alone falls back to the local address.
  site: process.env.SITE_URL ?? 'http://127.0.0.1:4321',
  base: process.env.BASE_PATH ?? '/',
  outDir: process.env.ASTRO_OUT_DIR ?? './dist',
  // The content layer keeps its data store here: each build of scripts/build.ts gets its own, so builds
  // of different content folders (tests run several at once) never read each other's entries.
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  compressHTML: true,
  devToolbar: { enabled: false },
  integrations: [mdx(), globalPages],
  // No syntax highlighting: it writes inline styles, which the pages' CSP refuses.
  markdown: { processor: unified({ smartypants: false }), syntaxHighlight: false },
});
