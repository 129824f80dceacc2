import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, signIn, type BrowserApp } from '../../test/browser.js';

/** 便民共享服务柜 in the console (decision 042): staff of 文亭巷社区 lend at the counter and take it back damaged. */
let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
}, 120_000);
afterAll(() => b?.close());

describe('shared items in the console', () => {
  it('staff lend an item at the counter, see it under 借出中, and receive it back damaged', async () => {
    const desk = await b.page();
    await signIn(desk, 'staff');
    const { body: found } = await apiCall<{ items: { id: number; name: string; status: string }[] }>(
      desk,
      'GET',
      `/api/co-building/shared-items?q=${encodeURIComponent('人字梯（2米）')}&status=available`,
    );
    const item = found.items[0]!;
    expect(item.name).toBe('人字梯（2米）');

    // The list, filtered by name from the address; the item opens in a drawer with its actions.
    await desk.goto(`/co-building/shared-items?q=${encodeURIComponent('人字梯')}`);
    await desk.getByTestId(`shared-item-${item.id}`).click();
    await desk.getByTestId('shared-item-detail').waitFor();
    await desk.getByTestId('shared-lend').click();
    await desk.getByTestId('shared-lend-form').waitFor();
    await desk.getByTestId('shared-lend-name').fill('王师傅');
    await desk.getByTestId('shared-lend-phone').fill('13909710001');
    await desk.getByTestId('shared-lend-ok').click();
    await expect
      .poll(() => desk.getByTestId('shared-item-detail').getByTestId('shared-item-status').innerText())
      .toBe('借出中');
    await b.screenshot(desk, 'shared-items-console-lent');

    // 借用记录 → 借出中: the counter loan is there, by name.
    const { body: loans } = await apiCall<{ items: { id: number; status: string; channel: string }[] }>(
      desk,
      'GET',
      `/api/co-building/shared-loans?itemId=${item.id}&state=out`,
    );
    const loan = loans.items[0]!;
    expect(loan.channel).toBe('counter');
    await desk.goto('/co-building/shared-loans');
    await desk.getByTestId('shared-loan-state-out').click();
    await desk.waitForURL(/state=out/);
    await expect.poll(() => desk.getByTestId(`shared-loan-status-${loan.id}`).innerText()).toContain('借出中');
    await expect.poll(() => desk.getByTestId('shared-loan-table').innerText()).toContain('王师傅');
    await b.screenshot(desk, 'shared-loans-console-out');

    // 确认归还 as damaged, with a note.
    await desk.getByTestId(`shared-loan-receive-${loan.id}`).click();
    await desk.getByTestId('shared-receive-form').waitFor();
    await desk.getByTestId('shared-receive-damaged').click();
    await desk.getByTestId('shared-receive-note').fill('梯脚断了一根');
    await desk.getByTestId('shared-receive-ok').click();
    await expect.poll(() => desk.getByTestId(`shared-loan-status-${loan.id}`).count()).toBe(0);

    // The item, opened from the returned loan: 损坏, with the lend and the damaged return in its history.
    await desk.getByTestId('shared-loan-state-returned').click();
    await desk.getByTestId(`shared-loan-item-${loan.id}`).click();
    await desk.waitForURL(new RegExp(`/co-building/shared-items\\?item=${item.id}`));
    const detail = desk.getByTestId('shared-item-detail');
    await detail.waitFor();
    await expect.poll(() => detail.getByTestId('shared-item-status').innerText()).toBe('损坏');
    const history = await detail.getByTestId('shared-item-history').innerText();
    expect(history).toContain('借出');
    expect(history).toContain('归还');
    expect(history).toContain('梯脚断了一根');
    expect(await detail.getByTestId('shared-item-loans').innerText()).toContain('王师傅');
    await b.screenshot(desk, 'shared-items-console-damaged');

    const { body: after } = await apiCall<{ status: string; condition: string }>(
      desk,
      'GET',
      `/api/co-building/shared-items/${item.id}`,
    );
    expect(after).toMatchObject({ status: 'damaged', condition: 'damaged' });
  });

  it('the overdue loans, in English, from the figure drill-down', async () => {
    const desk = await b.page();
    await signIn(desk, 'staff');
    await desk.goto('/co-building/shared-loans?state=overdue');
    await desk.getByTestId('lang-switch').click();
    await desk.getByTestId('lang-en-US').click();
    const table = desk.getByTestId('shared-loan-table');
    await expect.poll(() => table.innerText()).toContain('Confirm return');
    await b.screenshot(desk, 'shared-loans-console-overdue-en');
    const text = await table.innerText();
    expect(text).toContain('Overdue');
    expect(text).toContain('手推购物车');
    expect(text).toContain('Confirm return');
    expect(text).not.toContain('电子血压计'); // due in two days: not overdue
    // Back to Chinese: the language is remembered for the account, which other tests sign in as.
    await desk.getByTestId('lang-switch').click();
    await desk.getByTestId('lang-zh-CN').click();
    await expect.poll(() => table.innerText()).toContain('确认归还');
  });
});
