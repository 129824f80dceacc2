import { and, eq, isNotNull, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptPii } from '../../kernel/crypto/pii.js';
import { territories } from '../../kernel/db/schema.js';
import { browserApp, type BrowserApp, signIn } from '../../test/browser.js';
import { residents } from './schema.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('residents in the console', () => {
  it('a community worker finds a resident by typing the full phone number and sees it masked', async () => {
    const [community] = await b.database.db
      .select({ path: territories.path })
      .from(territories)
      .where(eq(territories.divisionCode, '630104006001'));
    const [someone] = await b.database.db
      .select({ name: residents.name, phoneEnc: residents.phoneEnc })
      .from(residents)
      .where(and(like(residents.scopePath, `${community!.path}%`), isNotNull(residents.phoneEnc)))
      .orderBy(residents.id)
      .offset(40)
      .limit(1);
    const phone = decryptPii('phone', someone!.phoneEnc!);
    const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;

    const page = await b.page();
    await signIn(page, 'staff');
    await page.goto('/people/residents');
    await page.getByTestId('residents-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('resident-filter-number').fill(phone);
    await page.getByTestId('resident-filter-submit').click();
    const rows = page.getByTestId('residents-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().innerText()).toContain(someone!.name);
    expect(await rows.first().innerText()).toContain(masked);
    // the full number is only in the search box the worker typed it into, never in the table
    expect(await page.getByTestId('residents-table').innerText()).not.toContain(phone);
    // a community worker holds no reveal permission: no reveal button
    expect(await page.locator('[data-testid^=reveal-]').count()).toBe(0);
    await b.screenshot(page, 'people-residents-phone-search');
  });

  it('the secretary reveals a number after confirming, and the page says it was recorded', async () => {
    const page = await b.page();
    await signIn(page, 'secretary');
    await page.goto('/people/residents');
    const first = page.locator('[data-testid^=reveal-]').first();
    await first.waitFor();
    await first.click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('reveal-result').waitFor();
    await expect.poll(() => page.getByTestId('reveal-result').innerText()).toMatch(/1[3-9]\d{9}/);
    await b.screenshot(page, 'people-residents-reveal');
  });
});
