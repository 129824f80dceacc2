import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../modules/index.js';
import { EVENT_ACTIONS } from '../modules/service-orders/constants.js';
import { MEETING_MOVES } from '../modules/meetings/constants.js';
import { AGREEMENT_STATUSES } from '../modules/co-building/constants.js';
import { ROUNDS } from '../modules/assessment/constants.js';
import { fromRoot } from '../kernel/paths.js';
import { registerModule } from '../kernel/modules.js';
import { testApp, type TestApp } from './app.js';
import { missingAuditLabel } from '../kernel/audit/labels.js';

/**
 * Every audited action has a name in Chinese and English (issue 10, point 17). Two nets: a scan of the source for
 * the actions and object types written at `audit(...)` calls (plus the families built from a move's name), and the
 * audit helper itself, which under test refuses to write an entry without labels — so every test that reaches an
 * audited write proves that action translated.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'ui' || e.name === 'test' || e.name === 'bench' ? [] : sourceFiles(full);
    return /\.ts$/.test(e.name) && !/\.test\.ts$|testing\.ts$|authz\.rows\.ts$/.test(e.name) ? [full] : [];
  });
}

function auditedInSource(): { action: string; objectType: string; file: string }[] {
  const found: { action: string; objectType: string; file: string }[] = [];
  for (const file of sourceFiles(fromRoot('src'))) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/\baudit\([^;]*?\{([\s\S]*?)\}\s*\)/g)) {
      const body = call[1]!;
      // Actions are `resource.verb` (a comparison such as `status === 'confirmed'` beside them is not one).
      const actions = [
        ...(/action:\s*([^\n]*?)(?:,\s*objectType:|,?\s*$)/m.exec(body)?.[1] ?? '').matchAll(
          /'([a-zA-Z]\w*(?:\.\w+)+)'/g,
        ),
      ].map((m) => m[1]!);
      const types = [...(/objectType:\s*'([a-zA-Z]\w*)'/.exec(body) ?? [])].slice(1);
      for (const action of actions) for (const objectType of types) found.push({ action, objectType, file });
    }
  }
  return found;
}

describe('audit labels', () => {
  beforeAll(() => MODULES.forEach(registerModule));

  it('names every action written in the source, in both languages', () => {
    const found = auditedInSource();
    expect(found.length).toBeGreaterThan(100);
    const missing = found
      .map((f) => missingAuditLabel(f.action, f.objectType) && `${path.relative(fromRoot(), f.file)}: ${f.action}`)
      .filter(Boolean);
    expect(missing).toEqual([]);
  });

  it('names the actions built from a move', () => {
    const families = [
      ...EVENT_ACTIONS.map((a) => ({ action: `order.${a}`, objectType: 'serviceOrder' })),
      ...Object.keys(MEETING_MOVES).map((m) => ({ action: `meeting.${m}`, objectType: 'meeting' })),
      ...AGREEMENT_STATUSES.map((s) => ({ action: `coAgreement.${s}`, objectType: 'coAgreement' })),
      ...ROUNDS.map((r) => ({ action: `assessment.score.${r}`, objectType: 'asAssessment' })),
      ...['close', 'cancel', 'reopen'].map((m) => ({
        action: `volunteering.activity.${m}`,
        objectType: 'volActivity',
      })),
    ];
    expect(families.map((f) => missingAuditLabel(f.action, f.objectType)).filter(Boolean)).toEqual([]);
  });

  it('refuses, under test, to write an entry it cannot name', () => {
    expect(missingAuditLabel('nothing.known', 'serviceOrder')).toMatch(/nothing\.known/);
    expect(missingAuditLabel('order.create', 'nothingKnown')).toMatch(/nothingKnown/);
  });
});

describe('the audit list speaks the reader’s language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('labels sign-ins in Chinese and English, and lists the labels for the filters', async () => {
    const tree = await t.factory.tree();
    const auditor = await t.as(['auditAdmin'], tree.streetA.street.id);
    const acc = await t.factory.account({
      roles: ['communityStaff'],
      territoryId: tree.streetA.communities[0]!.community.id,
    });
    expect((await t.client().login(acc.username, acc.password)).status).toBe(200);

    const zh = await auditor.get(`/api/audit?action=auth.login&actorId=${acc.id}`);
    expect(zh.status).toBe(200);
    expect(zh.body.items[0]).toMatchObject({ action: 'auth.login', actionLabel: '登录', objectLabel: '账号' });
    const en = t.client('en-US');
    expect((await en.login(auditor.account.username, auditor.account.password)).status).toBe(200);
    const answer = await en.get(`/api/audit?action=auth.login&actorId=${acc.id}`);
    expect(answer.body.items[0]).toMatchObject({ actionLabel: 'Signed in', objectLabel: 'Account' });

    const labels = await auditor.get('/api/audit/labels');
    expect(labels.body.actions).toContainEqual({ value: 'order.handOver', label: '单位下单' });
    expect(labels.body.objects).toContainEqual({ value: 'meeting', label: '会议' });
  });
});
