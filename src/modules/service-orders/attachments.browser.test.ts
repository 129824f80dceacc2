import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserApp, DEMO_PASSWORD, type BrowserApp } from '../../test/browser.js';
import { demoPhoto } from './attachments.png.js';

/** Photos on orders in the browser: a resident reports with photos on the phone; staff see them on the order page. */
let b: BrowserApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-attach-browser-'));
const photo = path.join(dir, '楼道.png');
beforeAll(async () => {
  b = await browserApp({ DATA_DIR: dir });
  fs.writeFileSync(photo, demoPhoto(3, 480, 360));
});
afterAll(async () => {
  await b?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Evaluated in the page: the image has arrived and decoded. */
const loaded = (img: { complete?: boolean; naturalWidth?: number }) =>
  img.complete === true && (img.naturalWidth ?? 0) > 0;

describe('photos on orders', () => {
  it('a resident reports a problem with a photo; it shows as a thumbnail, and on the console order page', async () => {
    const page = await b.page({ mobile: true });
    await page.goto('/m/login');
    await page.locator('[data-testid=m-login-phone] input, input[data-testid=m-login-phone]').first().fill('resident');
    await page
      .locator('[data-testid=m-login-password] input, input[data-testid=m-login-password]')
      .first()
      .fill(DEMO_PASSWORD);
    await page.getByTestId('m-login-submit').click();
    await page.waitForURL(/\/m\/?$/);
    await page.goto('/m/orders/new/problem');
    await page
      .locator('[data-testid=m-order-title] input, input[data-testid=m-order-title]')
      .first()
      .fill('楼道堆放杂物');
    await page.locator('input[type=file]').setInputFiles(photo);
    await page.locator('.adm-image-uploader-cell img').first().waitFor();
    await page.getByTestId('m-order-submit').click();
    await page.waitForURL(/\/m\/orders\/\d+$/);
    const id = Number(/\/m\/orders\/(\d+)$/.exec(page.url())![1]);
    const thumb = page.getByTestId('m-order-photos').locator('img').first();
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate(loaded)).toBe(true);
    await b.screenshot(page, 'attachments-mobile-order');

    // The community's staff see it on the console order page.
    const console = await b.page();
    await console.goto('/login');
    await console
      .locator('[data-testid="login-username"] input, input[data-testid="login-username"]')
      .first()
      .fill('staff');
    await console
      .locator('[data-testid="login-password"] input, input[data-testid="login-password"]')
      .first()
      .fill(DEMO_PASSWORD);
    await console.getByTestId('login-submit').click();
    await console.waitForURL((u) => !u.pathname.startsWith('/login'));
    await console.goto(`/orders/${id}`);
    const img = console.getByTestId('order-attachments').locator('img').first();
    await img.waitFor();
    await expect.poll(() => img.evaluate(loaded)).toBe(true);
    await b.screenshot(console, 'attachments-console-order');
  });
});
