import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../kernel/db/schema.js';
import { browserApp, DEMO_PASSWORD, signIn, type BrowserApp } from '../../test/browser.js';
import { Client } from '../../test/http.js';

/** The accounts page lists the grants waiting for a second admin; the system admin approves one. */
let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
}, 300_000);
afterAll(() => b?.close());

describe('four-eyes grants in the console', () => {
  it('the security admin asks, the system admin approves on the accounts page', async () => {
    const sec = new Client(b.app);
    expect((await sec.login('security_admin', DEMO_PASSWORD)).status).toBe(200);
    const [staff] = await b.database.db.select().from(accounts).where(eq(accounts.username, 'staff'));
    const asked = await sec.patch(`/api/accounts/${staff!.id}`, { roles: ['streetAdmin'] });
    expect(asked.status).toBe(202);
    const id = asked.body.pending.id as number;

    const page = await b.page();
    await signIn(page, 'sys_admin');
    await page.goto('/accounts');
    await page.getByTestId('pending-grants').getByText('马晓燕', { exact: false }).waitFor();
    await b.screenshot(page, 'accounts-pending-grants');
    await page.getByTestId(`grant-approve-${id}`).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByText('已批准').first().waitFor();
    const [after] = await b.database.db.select().from(accounts).where(eq(accounts.id, staff!.id));
    expect(after!.roles).toEqual(['streetAdmin']);
  });
});
