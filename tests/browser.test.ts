// The built site in Debian's Chromium: navigation, item anchors, search, reading without JavaScript
// and on a 320 px screen.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './support/browser.ts';
import { serve } from './support/static-server.ts';

const sites = inject('sites');
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => { [browser, server] = await Promise.all([launch(), serve(sites.content)]); });
afterAll(async () => { await browser?.close(); await server?.close(); });

describe('in Chromium', () => {
  it('goes from the home page to an organisation and one of its reports', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    await page.getByRole('link', { name: '岡山県' }).click();
    await page.locator('.org-list').getByRole('link', { name: '倉敷市 倉敷市長' }).click();
    await expect.poll(() => page.url()).toContain('/organisations/kurashiki-shi/');
    await page.getByRole('link', { name: /国民年金に関する事務/ }).first().click();
    await expect.poll(() => page.url()).toContain('/reports/kurashiki-shi/11/');
    expect(await page.locator('h1').textContent()).toContain('国民年金に関する事務');
    await page.close();
  });

  it('opens an item from its link and brings it into view', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    await page.goto(`${server.origin}/reports/kumamoto-shi/1/#${encodeURIComponent('Ⅱ(1)-3-⑦-使用部署')}`);
    const target = page.locator(':target');
    expect(await target.getAttribute('id')).toBe('Ⅱ(1)-3-⑦-使用部署');
    const box = (await target.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(-1);
    expect(box.y).toBeLessThan(700);
    // the item's own link points at itself
    const href = await target.locator('a[data-item-link]').first().getAttribute('href');
    expect(decodeURIComponent(href!)).toBe('#Ⅱ(1)-3-⑦-使用部署');
    await page.close();
  });

  // The chapter bar sticks to the top: a link to an item, or a chapter of the bar, must land with the
  // item's number and name below it, on a phone too (the bar wrapped to two lines and hid them).
  it('lands an item link and a chapter of the bar just below the sticky chapter bar, at phone widths', async () => {
    for (const width of [320, 360, 412]) {
      const page = await browser.newPage({ viewport: { width, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      for (const [report, anchor] of [['kumamoto-shi/1', 'Ⅱ(1)-3-④'], ['kumamoto-shi/13', 'Ⅲ'], ['kumamoto-shi/1', 'Ⅱ(1)-5-提供先3']]) {
        await page.goto(`${server.origin}/reports/${report}/#${encodeURIComponent(anchor)}`);
        const bar = (await page.locator('.section-nav').boundingBox())!;
        const target = (await page.locator(':target').boundingBox())!;
        expect(target.y, `${width} px ${report} #${anchor}: bar ends at ${bar.y + bar.height}`).toBeGreaterThanOrEqual(bar.y + bar.height - 1);
        // (and right below it: an offset counted twice left a blank band above every item reached)
        expect(target.y, `${width} px ${report} #${anchor}: bar ends at ${bar.y + bar.height}`).toBeLessThanOrEqual(bar.y + bar.height + 24);
      }
      await page.close();
    }
  });

  // A table stacked into cards on a phone kept its caption a table-caption: one character a line.
  it('keeps the captions of stacked tables one line wide on a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, deviceScaleFactor: 2 });
    await page.goto(`${server.origin}/organisations/kumamoto-shi/`);
    const caption = (await page.locator('table caption').first().boundingBox())!;
    expect(caption.width).toBeGreaterThan(200);
    expect(caption.height).toBeLessThan(80);
    await page.close();
  });

  // An item number searched across every report links to it in each: a 重点項目評価書 has no Ⅵ, and its
  // page opened at the top without a word.
  it('says so when a link names an item the report does not have', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/reports/kumamoto-shi/13/#${encodeURIComponent('Ⅵ-1')}`);
    await expect.poll(() => page.locator('#missing-item').isVisible()).toBe(true);
    expect(await page.locator('#missing-item').textContent()).toContain('この評価書には項目「Ⅵ-1」がありません');
    await page.goto(`${server.origin}/reports/kumamoto-shi/13/#${encodeURIComponent('Ⅴ-1')}`);
    expect(await page.locator('#missing-item').isVisible()).toBe(false);
    await page.close();
  });

  it('moves focus with the keyboard, starting with the skip link', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/reports/kurashiki-shi/11/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('本文へ移動');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('#main');
    await page.close();
  });

  it('finds reports by words in their text (Pagefind, Japanese)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/search/?q=${encodeURIComponent('ガバメントクラウド')}`);
    const first = page.locator('.search-result-link').first();
    await first.waitFor({ timeout: 20_000 });
    expect(await first.getAttribute('href')).toMatch(/\/reports\/[a-z-]+\/\d+\//);
    await page.close();
  });

  it('shows a whole report with JavaScript turned off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.origin}/reports/matsusaka-shi/8/`);
    expect(await page.locator('.item').count()).toBeGreaterThan(100);
    expect(await page.locator('#Ⅰ-1-①').textContent()).toContain('国民年金');
    await context.close();
  });

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`${server.origin}/reports/kumamoto-shi/1/`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
    await page.close();
  });
});
