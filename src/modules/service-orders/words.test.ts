import { describe, expect, it } from 'vitest';
import { registerMessages, t } from '../../kernel/i18n/i18n.js';
import { readFileSync } from 'node:fs';
import { EVENT_ACTIONS, ORDER_ACTIONS, ORDER_ORIGINS, ORDER_STATUSES, SHOWN_KINDS, shownKind } from './constants.js';
import { enUS, zhCN } from './messages.js';

// The module registers its words when the app loads it; this file opens no app, so it registers them itself (with
// isolation off, whether another file loaded the module first in this worker is down to the order files run in).
registerMessages('zh-CN', zhCN);
registerMessages('en-US', enUS);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (rel: string): any => JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8'));
const mobileEn = json('../../web/mobile/locales/en-US.json');
const mobileZh = json('../../web/mobile/locales/zh-CN.json');
const en = json('./ui/locales/en-US.json');
const zh = json('./ui/locales/zh-CN.json');

/**
 * One set of words for the order's steps and states (issue 10 item 18, GLOSSARY 点单/派单/接单/办结/评单/重办/回退):
 * the console and the mobile pages both read them from this module's locales; the server's messages agree.
 */
describe('the words of the service loop', () => {
  it('the mobile pages keep no step or status words of their own', () => {
    for (const m of [mobileZh, mobileEn]) {
      const order = m.mobile.order as Record<string, unknown>;
      expect(order.statuses).toBeUndefined();
      expect(order.actions).toBeUndefined();
    }
  });

  it('every status, step and button has its word in both languages', () => {
    for (const words of [zh.orders, en.orders]) {
      for (const s of ORDER_STATUSES) expect((words.status as Record<string, string>)[s], s).toBeTruthy();
      for (const a of EVENT_ACTIONS) expect((words.event as Record<string, string>)[a], a).toBeTruthy();
      for (const a of ORDER_ACTIONS) expect((words.action as Record<string, string>)[a], a).toBeTruthy();
    }
  });

  it('every kind an order shows as has its word on the console and the phone; 一窗受理 is not 报事报修', () => {
    for (const [orders, mobile] of [
      [zh.orders, mobileZh.mobile.order],
      [en.orders, mobileEn.mobile.order],
    ]) {
      for (const k of SHOWN_KINDS) {
        expect((orders.kind as Record<string, string>)[k], k).toBeTruthy();
        expect((mobile.kinds as Record<string, string>)[k], k).toBeTruthy();
      }
      for (const o of ORDER_ORIGINS) expect((orders.origin as Record<string, string>)[o], o).toBeTruthy();
    }
    // Decision 045: an order started from the one-window catalogue shows as 一窗受理 wherever it is labelled.
    expect(shownKind({ kind: 'problem', origin: 'oneWindow' })).toBe('oneWindow');
    expect(shownKind({ kind: 'problem', origin: 'patrol' })).toBe('problem');
    expect(mobileZh.mobile.order.kinds[shownKind({ kind: 'problem', origin: 'oneWindow' })]).toBe('一窗受理');
    expect(zh.orders.kind.oneWindow).toBe('一窗受理');
  });

  it('the glossary’s words, the same on the timeline and on the buttons', () => {
    const e = zh.orders.event as Record<string, string>;
    const a = zh.orders.action as Record<string, string>;
    expect([e.create, e.dispatch, e.accept, e.resolve, e.rate, e.reopen, e.return]).toEqual([
      '点单',
      '派单',
      '接单',
      '办结',
      '评单',
      '重办',
      '回退',
    ]);
    for (const k of ['dispatch', 'accept', 'resolve', 'rate', 'return', 'handOver', 'reassign'])
      expect(a[k], k).toBe(e[k]);
  });

  it('the server names the states as the pages do', () => {
    for (const s of ORDER_STATUSES) {
      expect(t('zh-CN', `order.status.${s}`)).toBe((zh.orders.status as Record<string, string>)[s]);
      expect(t('en-US', `order.status.${s}`).toLowerCase()).toBe(
        (en.orders.status as Record<string, string>)[s]!.toLowerCase(),
      );
    }
  });
});
