import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../kernel/db/schema.js';
import { browserApp, DEMO_PASSWORD, type BrowserApp } from '../../test/browser.js';
import { notificationPreferences } from './schema.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(async () => {
  await b?.close();
});

describe('notifications in the console and on the phone', () => {
  it('the bell shows the unread count, marks all read, leads to the page where the digest is chosen', async () => {
    const page = await b.page();
    await page.goto('/login');
    await page
      .locator('[data-testid="login-username"] input, input[data-testid="login-username"]')
      .first()
      .fill('unit_contact');
    await page
      .locator('[data-testid="login-password"] input, input[data-testid="login-password"]')
      .first()
      .fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    const bell = page.getByTestId('notification-bell');
    await bell.locator('.ant-badge-count').waitFor();
    expect(Number(await bell.locator('.ant-badge-count').getAttribute('title'))).toBeGreaterThan(0);
    await bell.click();
    await page.getByTestId('notification-popover').waitFor();
    await b.screenshot(page, 'notifications-bell');
    await page.getByTestId('notification-read-all').click();
    await bell.locator('.ant-badge-count').waitFor({ state: 'detached' });
    await page.getByTestId('notification-all').click();
    await page.getByTestId('notifications-page').waitFor();
    await page.locator('[data-testid="notification-mode"] input[value="dailyDigest"]').check();
    await page.getByTestId('notification-prefs-save').click();
    await page.getByText('接收方式已保存').waitFor();
    await b.screenshot(page, 'notifications-page');
    const [acc] = await b.database.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.username, 'unit_contact'));
    const [pref] = await b.database.db
      .select()
      .from(notificationPreferences)
      .where(eq(notificationPreferences.accountId, acc!.id));
    expect(pref).toMatchObject({ mode: 'dailyDigest', digestHour: 18 });
  });

  it('a resident reaches the messages from the Me page and marks them read', async () => {
    const page = await b.page({ mobile: true });
    await page.goto('/m/login');
    await page.locator('[data-testid=m-login-phone] input, input[data-testid=m-login-phone]').first().fill('resident');
    await page
      .locator('[data-testid=m-login-password] input, input[data-testid=m-login-password]')
      .first()
      .fill(DEMO_PASSWORD);
    await page.getByTestId('m-login-submit').click();
    await page.waitForURL(/\/m\/?$/);
    await page.goto('/m/me');
    const entry = page.getByTestId('m-me-notifications');
    await entry.locator('.adm-badge').waitFor();
    await entry.click();
    await page.getByTestId('m-notifications').waitFor();
    // The page shows before its list has loaded: wait for the messages rather than count them at once.
    await expect
      .poll(() => page.locator('[data-testid^="m-notification-"]').count(), { timeout: 10_000 })
      .toBeGreaterThan(3);
    await b.screenshot(page, 'notifications-mobile');
    await page.getByTestId('m-notifications-read-all').click();
    await page.getByTestId('m-notifications-read-all').waitFor({ state: 'detached' });
  });
});
