import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserApp, pickOption, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('open311 in the console', () => {
  it('the security admin makes a key; a report sent with it shows a learned suggestion in the dispatch drawer', async () => {
    const admin = await b.page();
    await signIn(admin, 'security_admin');
    await admin.goto('/open311/clients');
    await admin.getByTestId('client-new').click();
    await admin.getByTestId('client-name').fill('12345 市民热线');
    await admin.getByTestId('client-node').click();
    await admin.keyboard.type('文亭巷');
    await pickOption(admin, '文亭巷社区');
    await admin.locator('.ant-modal-footer .ant-btn-primary').click();
    const key = (await admin.getByTestId('client-key').locator('code').innerText()).trim();
    expect(key).toMatch(/^o311_/);
    await b.screenshot(admin, 'open311-key-made');
    await admin.getByRole('button', { name: '我已保存' }).click();
    await expect.poll(() => admin.getByTestId('clients-table').innerText()).toContain('12345 市民热线');
    await b.screenshot(admin, 'open311-clients');

    // An outside system reports through GeoReport v2 with the key: no cookie, no CSRF token.
    const res = await fetch(`${b.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: key,
        service_code: 'other',
        address_string: '文亭巷社区 5号楼',
        description: '5号楼2单元电梯经常停在半层，按钮失灵，老人上下楼很不方便，请尽快派人来维修',
      }),
    });
    expect(res.status).toBe(200);
    const id = ((await res.json()) as { service_request_id: string }[])[0]!.service_request_id;

    // Staff open it: the drawer suggests 维修 with its confidence, and applies nothing by itself.
    const staff = await b.page();
    await signIn(staff, 'staff');
    await staff.goto(`/orders/${id}`);
    await staff.getByTestId('order-action-dispatch').click();
    const hint = staff.getByTestId('learned-suggestion');
    await hint.waitFor();
    expect(await hint.getByTestId('learned-category').first().innerText()).toMatch(/^维修 \d+%$/);
    expect(await hint.innerText()).toContain('与当前类别不同');
    await b.screenshot(staff, 'open311-dispatch-suggestion');
  });
});
