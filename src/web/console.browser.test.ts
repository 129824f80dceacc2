import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserApp, DEMO_PASSWORD, type BrowserApp } from '../test/browser.js';

/** Issue 2: a demo community worker signs in, sees only their community's subtree, switches language, signs out. */
let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('console as a community worker', () => {
  it('signs in, sees only its own subtree, switches to English and back, signs out', async () => {
    const page = await b.page();
    await page.goto('/territories');
    await page.waitForURL(/\/login/);
    await page
      .getByTestId('login-username')
      .locator('input')
      .or(page.locator('input[data-testid="login-username"]'))
      .first()
      .fill('staff');
    await page
      .locator('[data-testid="login-password"] input, input[data-testid="login-password"]')
      .first()
      .fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('header-territory').waitFor();
    expect(await page.getByTestId('header-territory').innerText()).toContain('文亭巷社区');

    await page.getByTestId('menu-territories').click();
    const tree = page.getByTestId('territory-tree');
    await tree.getByText('文亭巷社区').first().waitFor();
    await tree
      .getByText('和平小区')
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(async () => {
        // the root may start collapsed: open it
        await tree.locator('.ant-tree-switcher').first().click();
        await tree.getByText('和平小区').first().waitFor();
      });
    const treeText = await tree.innerText();
    // Siblings and parents of the community are not in its tree; nor is another city's community.
    for (const outside of ['文博路社区', '城西区', '西宁市', '化工街社区']) expect(treeText).not.toContain(outside);
    await b.screenshot(page, 'console-territories-zh');

    // Searching for a place outside the subtree finds nothing.
    const search = page
      .locator('[data-testid="territory-search"] input, input[data-testid="territory-search"]')
      .first();
    await search.fill('化工街');
    await search.press('Enter');
    await page
      .getByText('化工街社区')
      .first()
      .waitFor({ state: 'detached', timeout: 2_000 })
      .catch(() => undefined);
    const apiAnswer = await page.evaluate(async () =>
      (await fetch('/api/territories?q=%E5%8C%96%E5%B7%A5%E8%A1%97')).json(),
    );
    expect(apiAnswer.total).toBe(0);
    expect(await page.getByTestId('territory-tree-card').innerText()).not.toContain('化工街社区');

    // English, then back to Chinese.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en-US').click();
    await page
      .getByTestId('menu-territories')
      .getByText(/Territor/i)
      .waitFor();
    expect(await page.getByTestId('logout').innerText()).toMatch(/Sign out/i);
    await b.screenshot(page, 'console-territories-en');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-zh-CN').click();
    await page.getByTestId('menu-territories').getByText('区域管理').waitFor();

    // Sign out: back at the login page, and the session is gone on the server.
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    await page.goto('/territories');
    await page.waitForURL(/\/login/);
  });
});
