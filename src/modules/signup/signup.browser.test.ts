import { and, asc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptPii, hashPii } from '../../kernel/crypto/pii.js';
import { territories } from '../../kernel/db/schema.js';
import { browserApp, type BrowserApp } from '../../test/browser.js';
import { residents } from '../people/schema.js';
import { capturingSmsGateway, setSmsGateway } from './sms.js';

let b: BrowserApp;
const sms = capturingSmsGateway();
beforeAll(async () => {
  b = await browserApp();
  setSmsGateway(sms);
});
afterAll(async () => {
  setSmsGateway(null);
  await b?.close();
});

/** The first child of a node in the order the household picker lists them. */
async function firstChild(parentId: number) {
  const [row] = await b.database.db
    .select()
    .from(territories)
    .where(eq(territories.parentId, parentId))
    .orderBy(asc(territories.sortOrder), asc(territories.name), asc(territories.id))
    .limit(1);
  return row!;
}

/** Opens the first entry of the current picker list (entry 0 is "up one level"). */
async function pickFirst(page: Page, expectName: string) {
  const item = page.locator('.adm-list-item', { hasText: expectName }).first();
  await item.click();
}

describe('resident sign-up on the phone', () => {
  it('signs up with phone and code, is matched to the register, and submits a problem report', async () => {
    // A resident of the first household of 化工街社区 is in the register with this phone: sign-up links at once.
    const [community] = await b.database.db
      .select()
      .from(territories)
      .where(and(eq(territories.level, 'community'), eq(territories.name, '化工街社区')));
    const compound = await firstChild(community!.id);
    const building = await firstChild(compound.id);
    const unit = await firstChild(building.id);
    const household = await firstChild(unit.id);
    const phone = '13700135246';
    await b.database.db.insert(residents).values({
      name: '马玉兰',
      householdId: household.id,
      scopePath: household.path,
      phoneEnc: encryptPii('phone', phone),
      phoneHash: hashPii('phone', phone),
    });

    const page = await b.page({ mobile: true });
    await page.goto('/m');
    await page.getByTestId('m-login-submit').waitFor();
    await b.screenshot(page, 'signup-m-01-login');
    await page.getByRole('link', { name: '注册' }).click();

    await page.locator('[data-testid=m-signup-phone] input').fill(phone);
    await b.screenshot(page, 'signup-m-02-phone');
    await page.getByTestId('m-send-code').click();
    await page.getByTestId('m-code').waitFor();
    await expect.poll(() => sms.lastCode(phone)).toMatch(/^\d{6}$/);
    await page.locator('[data-testid=m-code] input').fill(sms.lastCode(phone)!);
    await page.locator('[data-testid=m-name] input').fill('马玉兰');
    await page.locator('[data-testid=m-password] input').fill('Yulan-2026');
    await page.locator('[data-testid=m-password2] input').fill('Yulan-2026');
    // Without consent to the user agreement and privacy notice the form does not go on (issue 10 point 21).
    await page.getByTestId('m-verify').click();
    await page.getByText('请阅读并同意《用户协议》和《隐私政策》').waitFor();
    // The notice opens from the consent line without leaving the form.
    await page.getByTestId('m-read-notice').click();
    await page.getByTestId('m-privacy-notice').waitFor();
    expect(await page.getByTestId('m-privacy-notice').textContent()).toContain('我的数据');
    await b.screenshot(page, 'signup-m-03a-notice');
    await page.getByTestId('m-privacy-close').click();
    await page.getByTestId('m-privacy-notice').waitFor({ state: 'hidden' });
    // the box itself (the middle of the line is the agreement's link)
    await page.locator('[data-testid=m-consent] .adm-checkbox-icon').click();
    await b.screenshot(page, 'signup-m-03-verify');
    await page.getByTestId('m-verify').click();

    const search = page.locator('[data-testid=m-community-search] input');
    await search.fill('化工街');
    await search.press('Enter');
    await pickFirst(page, '化工街社区');
    await b.screenshot(page, 'signup-m-04-compounds');
    await pickFirst(page, compound.name);
    await pickFirst(page, building.name);
    await pickFirst(page, unit.name);
    await page.locator('.adm-list-item', { hasText: household.name }).first().waitFor();
    await b.screenshot(page, 'signup-m-05-households');
    await pickFirst(page, household.name);
    await page.getByRole('button', { name: '确定' }).click();

    await page.getByTestId('m-signup-linked').waitFor();
    await b.screenshot(page, 'signup-m-06-linked');
    await page.getByRole('button', { name: '进入首页' }).click();
    await page.getByTestId('m-household').waitFor();
    expect(await page.getByTestId('m-household').textContent()).toContain(household.name);
    await b.screenshot(page, 'signup-m-07-home');

    // A problem report from home.
    await page.getByTestId('m-new-problem').click();
    await page.locator('[data-testid=m-order-title] input').fill('楼道灯坏了');
    await page.locator('[data-testid=m-order-description] textarea').fill('2楼楼道灯不亮，晚上老人上下楼不方便');
    await b.screenshot(page, 'signup-m-08-report');
    await page.getByTestId('m-order-submit').click();
    await page.getByTestId('m-order').waitFor();
    expect(await page.getByTestId('m-order-status').textContent()).toBe('待派单');
    expect(await page.getByTestId('m-timeline').textContent()).toContain('马玉兰');
    await b.screenshot(page, 'signup-m-09-order');

    // A second report, placed on the community's grid map (the order's location, routed to its grid).
    await page.goto('/m/orders/new/problem');
    await page.getByText('在地图上选点').click();
    const map = page.getByTestId('m-map');
    await map.locator('canvas').first().waitFor();
    await page.waitForTimeout(500);
    // It opens on the resident's own compound (issue 10 item 16) and answers a tap with the place's name.
    await expect.poll(() => page.getByTestId('m-map-answer').textContent()).toContain(compound.name);
    await b.screenshot(page, 'signup-m-09a-map-home');
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('m-map-answer').textContent()).toContain('已选：');
    const answer = (await page.getByTestId('m-map-answer').textContent()) ?? '';
    expect(answer).toContain(`${compound.name}（您住的小区）`);
    expect(answer).toMatch(/网格/);
    expect(answer).not.toMatch(/\d+\.\d{3}/);
    // Far outside the community (zoomed out, the map's corner): said in plain words.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(150);
    }
    await page.mouse.click(box.x + 4, box.y + 4);
    await expect.poll(() => page.getByTestId('m-map-answer').textContent()).toContain('不在您所在的社区范围内');
    await b.screenshot(page, 'signup-m-09c-map-outside');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('m-map-answer').textContent()).toContain('已选：');
    await page.locator('[data-testid=m-order-title] input').fill('路灯不亮');
    await b.screenshot(page, 'signup-m-09b-map');
    await page.getByTestId('m-order-submit').click();
    await page.getByTestId('m-order-location').waitFor();
    const location = (await page.getByTestId('m-order-location').textContent()) ?? '';
    expect(location).toContain(compound.name);
    expect(location).not.toMatch(/\d+\.\d{5}/);

    await page.goto('/m');
    await page.getByTestId('m-orders').waitFor();
    expect(await page.getByTestId('m-orders').textContent()).toContain('楼道灯坏了');
    expect(await page.getByTestId('m-orders').textContent()).toContain('路灯不亮');
    await page.goto('/m/me');
    await page.getByTestId('m-me').waitFor();
    // The masked phone comes from the resident's record, loaded after the page shows.
    await expect.poll(() => page.getByTestId('m-me').textContent()).toContain('137****5246');
    await b.screenshot(page, 'signup-m-10-me');
    // 我的 → the user agreement and privacy notice
    await page.getByTestId('m-me-privacy').click();
    await page.getByTestId('m-privacy-agreement').waitFor();
    expect(await page.getByTestId('m-privacy').textContent()).toContain('隐私政策');
    await b.screenshot(page, 'signup-m-11-privacy');
    await page.goto('/m/me');
    await page.getByTestId('m-me').waitFor();

    await page.getByTestId('m-logout').click();
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByTestId('m-login-submit').waitFor();
    // The console's own sign-in page is untouched by the mobile routes.
    await page.goto('/login');
    await page.getByTestId('login-username').waitFor();
  });

  it('shows the user agreement and privacy notice at /m/privacy without signing in, in English too', async () => {
    const page = await b.page({ mobile: true, locale: 'en-US' });
    await page.addInitScript("localStorage.setItem('gz.lang', 'en-US')");
    await page.goto('/m/privacy');
    await page.getByTestId('m-privacy-notice').waitFor();
    const text = (await page.getByTestId('m-privacy').textContent()) ?? '';
    expect(text).toContain('User agreement');
    expect(text).toContain('Personal Information Protection Law');
    expect(text).toContain('139****5678');
    await b.screenshot(page, 'signup-m-12-privacy-en');
  });
});
