import { and, asc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { inSubtree } from '../../kernel/scope/scope.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { prng } from '../../kernel/random.js';
import { units } from '../organizations/index.js';
import { partyMembers } from '../party-members/index.js';
import { DEMO_COMMUNITIES } from '../territory/index.js';
import type { EventAction, HandlerKind, OrderKind, OrderStatus, Rating } from './constants.js';
import { orderEvents, orderMenuItems, orderRoutingRules, orderUnitContacts, serviceOrders } from './schema.js';
import { rollupRebuildSql } from './rollups.js';
import { demoReportText } from './demo-texts.js';
import { creditOrderPoints } from './points.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ORDERS_PER_COMMUNITY = 50;

const MENU = [
  { name: '代买代送', category: 'elderly', description: '为独居、高龄老人代买生活用品并送上门' },
  { name: '上门理发', category: 'elderly', description: '党员志愿者每月上门为行动不便的老人理发' },
  { name: '家电维修', category: 'repair', description: '共建单位志愿者免费检修小家电' },
  { name: '政策咨询', category: 'policy', description: '社保、医保、养老政策解答' },
  { name: '法律援助', category: 'neighbourhood', description: '律师志愿者提供法律咨询与调解' },
];
const PROBLEMS: Record<string, string[]> = {
  repair: ['楼道灯不亮', '单元门禁损坏', '屋顶漏水', '下水道堵塞'],
  environment: ['垃圾清运不及时', '楼下油烟扰民', '小区内积水'],
  safety: ['消防通道被占用', '电动车楼道充电', '井盖缺失'],
  parking: ['车辆乱停乱放', '非机动车棚不够用'],
  greening: ['绿化带树木遮挡窗户', '草坪缺少养护'],
  neighbourhood: ['邻里噪音纠纷', '楼上漏水引发纠纷'],
  property: ['物业服务不到位', '公共收益不公开'],
};
const WISHES = [
  '想要一台收音机',
  '希望有人陪伴聊天',
  '孩子需要一套学习用品',
  '想学用智能手机',
  '需要一副老花镜',
  '希望有人帮忙修轮椅',
];
const DEPARTMENTS = ['城管执法中队', '应急办', '物业办', '环卫所'];

/** Final states with their weights (every state appears), and the moves that lead there. */
const STATES: { status: OrderStatus; weight: number }[] = [
  { status: 'submitted', weight: 7 },
  { status: 'dispatched', weight: 8 },
  { status: 'open', weight: 4 },
  { status: 'accepted', weight: 8 },
  { status: 'inProgress', weight: 10 },
  { status: 'resolved', weight: 12 },
  { status: 'rated', weight: 21 },
  { status: 'closed', weight: 30 },
];

interface Ev {
  at: Date;
  action: EventAction;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  actorId: number | null;
  actorName: string | null;
  note: string | null;
  data: unknown;
}

/**
 * Demo orders: 50 per demo community (300), in every state, each with the timeline of the moves that brought it
 * there; menus and routing rules for every demo community; the demo unit contact speaks for a unit of 文亭巷.
 * Deterministic (prng) apart from being anchored to the day of the first start, so the figures look current.
 */
export async function seedServiceOrders(db: DbOrTx): Promise<void> {
  const rnd = prng(3003); // seed 003: 居民点单、社区交单、单位下单、干部接单、群众评单
  // The reports' texts come from their own stream, so the rest of the demo data stays as it was (issue 16).
  const texts = prng(1616);
  const weighted = () => {
    let x = rnd.next() * STATES.reduce((s, w) => s + w.weight, 0);
    for (const s of STATES) if ((x -= s.weight) < 0) return s.status;
    return 'closed';
  };
  const anchor = new Date(Math.floor(Date.now() / DAY) * DAY + 2 * HOUR); // 10:00 China time today
  const communities = await db
    .select({ id: territories.id, code: territories.divisionCode, path: territories.path })
    .from(territories)
    .where(inArray(territories.divisionCode, [...DEMO_COMMUNITIES]))
    .orderBy(asc(territories.divisionCode));
  const named = await db
    .select({
      id: accounts.id,
      username: accounts.username,
      name: accounts.displayName,
      territoryId: accounts.territoryId,
    })
    .from(accounts)
    .where(inArray(accounts.username, ['resident', 'staff', 'unit_contact', 'party_member', 'xigu_staff']));
  const acc = (u: string) => named.find((a) => a.username === u) ?? null;
  const staffOf = (code: string | null) => (code === '620104007003' ? acc('xigu_staff') : acc('staff'));

  const menuRows = communities.flatMap((c) => MENU.map((m) => ({ communityId: c.id, scopePath: c.path, ...m })));
  const menu = menuRows.length
    ? await db.insert(orderMenuItems).values(menuRows).returning({
        id: orderMenuItems.id,
        communityId: orderMenuItems.communityId,
        category: orderMenuItems.category,
        name: orderMenuItems.name,
      })
    : [];

  const orders: (typeof serviceOrders.$inferInsert)[] = [];
  const timelines: Ev[][] = [];
  const ruleRows: (typeof orderRoutingRules.$inferInsert)[] = [];
  for (const c of communities) {
    // One after another: `db` is the seed's transaction, one connection (pg warns about overlapping queries on it).
    const households = await db
      .select({ id: territories.id, path: territories.path })
      .from(territories)
      .where(and(inSubtree(territories.path, c.path), eq(territories.level, 'household')))
      .orderBy(asc(territories.id))
      .limit(400);
    const cUnits = await db
      .select({ id: units.id, kind: units.kind })
      .from(units)
      .where(inSubtree(units.scopePath, c.path))
      .orderBy(asc(units.id));
    const members = await db
      .select({ id: partyMembers.id, accountId: partyMembers.accountId })
      .from(partyMembers)
      .where(inSubtree(partyMembers.scopePath, c.path))
      .orderBy(asc(partyMembers.id))
      .limit(60);
    const property = cUnits.find((u) => u.kind === 'propertyCompany');
    ruleRows.push(
      property
        ? {
            communityId: c.id,
            scopePath: c.path,
            category: 'repair',
            handlerKind: 'unit',
            unitId: property.id,
            respondHours: 4,
            resolveHours: 48,
          }
        : {
            communityId: c.id,
            scopePath: c.path,
            category: 'repair',
            handlerKind: 'department',
            department: '物业办',
            respondHours: 4,
            resolveHours: 48,
          },
      {
        communityId: c.id,
        scopePath: c.path,
        category: 'environment',
        handlerKind: 'department',
        department: '环卫所',
        respondHours: 8,
        resolveHours: 48,
      },
      {
        communityId: c.id,
        scopePath: c.path,
        category: 'safety',
        handlerKind: 'department',
        department: '应急办',
        respondHours: 2,
        resolveHours: 24,
      },
      {
        communityId: c.id,
        scopePath: c.path,
        category: 'elderly',
        handlerKind: 'gridWorker',
        respondHours: 12,
        resolveHours: 72,
      },
    );
    const rules = new Map(ruleRows.filter((r) => r.communityId === c.id).map((r) => [r.category, r]));
    const staff = staffOf(c.code);
    const isWenting = c.code === '630104006001';
    const resident = isWenting ? acc('resident') : null;
    const contact = isWenting ? acc('unit_contact') : null;
    const contactUnit = isWenting ? cUnits[0] : undefined;
    if (contact && contactUnit)
      await db.insert(orderUnitContacts).values({ accountId: contact.id, unitId: contactUnit.id });
    const pmAccount = acc('party_member');
    const demoMember = pmAccount ? members.find((m) => m.accountId === pmAccount.id) : undefined;

    for (let i = 0; i < ORDERS_PER_COMMUNITY && households.length; i++) {
      let status = weighted();
      const r = rnd.next();
      let kind: OrderKind =
        status === 'open' ? 'microWish' : r < 0.6 ? 'problem' : r < 0.85 ? 'menuService' : 'microWish';
      if (kind === 'microWish' && rnd.next() < 0.5 && status !== 'submitted')
        status = status === 'dispatched' ? 'open' : status;
      const own = resident !== null && i < 12;
      const place = own
        ? {
            id: resident.territoryId,
            path: (
              await db
                .select({ path: territories.path })
                .from(territories)
                .where(eq(territories.id, resident.territoryId))
            )[0]!.path,
          }
        : rnd.pick(households);
      let category: string;
      let title: string;
      let menuItemId: number | null = null;
      if (kind === 'menuService') {
        const item = rnd.pick(menu.filter((m) => m.communityId === c.id));
        if (!item) kind = 'problem';
        category = item?.category ?? 'repair';
        title = item ? `申请${item.name}` : '楼道灯不亮';
        menuItemId = item?.id ?? null;
      } else if (kind === 'microWish') {
        category = 'elderly';
        title = rnd.pick(WISHES);
      } else {
        category = rnd.pick(Object.keys(PROBLEMS));
        title = rnd.pick(PROBLEMS[category]!);
      }
      const rule = rules.get(category);
      const respondHours = rule?.respondHours ?? 24;
      const resolveHours = rule?.resolveHours ?? 72;
      const early = ['submitted', 'dispatched', 'open', 'accepted'].includes(status);
      const createdAt = new Date(
        anchor.getTime() - (early ? rnd.int(1, 96) * HOUR : rnd.int(7, 75) * DAY + rnd.int(0, 20) * HOUR),
      );
      let at = createdAt.getTime();
      const step = (h: number) => (at += h * HOUR + rnd.int(0, 59) * 60_000);
      const evs: Ev[] = [];
      let cur: OrderStatus = 'submitted';
      const push = (
        action: EventAction,
        to: OrderStatus,
        actor: { id: number; name: string } | null,
        note: string | null = null,
        data: unknown = null,
      ) => {
        evs.push({
          at: new Date(at),
          action,
          fromStatus: action === 'create' ? null : cur,
          toStatus: to,
          actorId: actor?.id ?? null,
          actorName: actor?.name ?? null,
          note,
          data,
        });
        cur = to;
      };
      push('create', 'submitted', resident && own ? resident : null, null, { kind, category });
      // The handler, when the order gets that far.
      let handlerKind: HandlerKind | null = null;
      let handlerUnitId: number | null = null;
      let handlerMemberId: number | null = null;
      let handlerDepartment: string | null = null;
      let handlerActor: { id: number; name: string } | null = null;
      const claimable = kind === 'microWish' && status !== 'submitted' && status !== 'dispatched';
      let acceptedAt: Date | null = null;
      let resolvedAt: Date | null = null;
      let dispatchedAt: Date | null = null;
      if (status !== 'submitted') {
        step(rnd.int(0, Math.max(1, respondHours / 2)));
        dispatchedAt = new Date(at);
        if (claimable) push('open', 'open', staff);
        else {
          const pickUnit =
            rule?.handlerKind === 'unit' ? property : cUnits.length && rnd.next() < 0.4 ? rnd.pick(cUnits) : undefined;
          if (contactUnit && rnd.next() < 0.3) {
            handlerKind = 'unit';
            handlerUnitId = contactUnit.id;
            handlerActor = contact;
          } else if (pickUnit) {
            handlerKind = 'unit';
            handlerUnitId = pickUnit.id;
          } else if (members.length && (kind === 'menuService' || rnd.next() < 0.3)) {
            const m = demoMember && rnd.next() < 0.3 ? demoMember : rnd.pick(members);
            handlerKind = 'member';
            handlerMemberId = m.id;
            if (m === demoMember && pmAccount) handlerActor = pmAccount;
          } else {
            handlerKind = 'department';
            handlerDepartment = rule?.department ?? rnd.pick(DEPARTMENTS);
          }
          if (rnd.next() < 0.08 && status !== 'dispatched') {
            // Returned once 回退, then dispatched again.
            push('dispatch', 'dispatched', staff, null, { target: handlerKind });
            step(rnd.int(1, 6));
            push('return', 'submitted', handlerActor ?? staff, '不属于本单位职责范围，请重新派单');
            step(rnd.int(1, 4));
          }
          push('dispatch', 'dispatched', staff, null, { target: handlerKind });
        }
      }
      const handlerKindOpen = claimable && status !== 'open';
      if (!['submitted', 'dispatched', 'open'].includes(status)) {
        step(rnd.int(0, Math.max(1, Math.round(respondHours * (rnd.next() < 0.15 ? 1.5 : 0.6)))));
        acceptedAt = new Date(at);
        if (handlerKindOpen) {
          if (members.length && rnd.next() < 0.7) {
            const m = demoMember && rnd.next() < 0.3 ? demoMember : rnd.pick(members);
            handlerKind = 'member';
            handlerMemberId = m.id;
            if (m === demoMember && pmAccount) handlerActor = pmAccount;
          } else if (cUnits.length) {
            handlerKind = 'unit';
            handlerUnitId = (contactUnit ?? rnd.pick(cUnits)).id;
            handlerActor = contactUnit ? contact : null;
          }
          push('claim', 'accepted', handlerActor ?? staff, null, { as: handlerKind === 'member' ? 'member' : 'unit' });
        } else push('accept', 'accepted', handlerActor ?? staff);
      }
      if (['inProgress', 'resolved', 'rated', 'closed'].includes(status)) {
        step(rnd.int(1, 8));
        push('start', 'inProgress', handlerActor ?? staff, '已到现场了解情况');
      }
      let rating: Rating | null = null;
      let reopenCount = 0;
      if (['resolved', 'rated', 'closed'].includes(status)) {
        step(rnd.int(2, Math.round(resolveHours * (rnd.next() < 0.12 ? 1.4 : 0.7))));
        push('resolve', 'resolved', handlerActor ?? staff, '已处理完毕，现场已恢复');
        resolvedAt = new Date(at);
        if (rnd.next() < 0.1) {
          // Unsatisfied once 重办, then resolved again.
          step(rnd.int(2, 24));
          push('reopen', 'inProgress', resident && own ? resident : null, '问题没有彻底解决', {
            rating: 'unsatisfied',
          });
          reopenCount = 1;
          step(rnd.int(4, 24));
          push('resolve', 'resolved', handlerActor ?? staff, '重新处理，已彻底解决');
          resolvedAt = new Date(at);
        }
      }
      if (status === 'inProgress' && rnd.next() < 0.25) {
        // Resolved, rated unsatisfied, and back in the handler's hands 重办.
        step(rnd.int(4, 24));
        push('resolve', 'resolved', handlerActor ?? staff, '已处理');
        step(rnd.int(2, 24));
        push('reopen', 'inProgress', resident && own ? resident : null, '问题没有解决，请重新处理', {
          rating: 'unsatisfied',
        });
        rating = 'unsatisfied';
        reopenCount = 1;
        resolvedAt = null;
      }
      if (['rated', 'closed'].includes(status)) {
        step(rnd.int(2, 48));
        const x = rnd.next();
        rating = x < 0.78 ? 'satisfied' : x < 0.95 ? 'basic' : 'unsatisfied';
        // An unsatisfied rating reopens the order (below): rated orders end satisfied or basically satisfied.
        if (rating === 'unsatisfied') rating = 'basic';
        push('rate', 'rated', resident && own ? resident : null, rating === 'satisfied' ? '处理及时，很满意' : null, {
          rating,
        });
      }
      if (status === 'closed') {
        step(rnd.int(1, 24));
        push('close', 'closed', staff);
      }
      const respondBy = new Date(createdAt.getTime() + respondHours * HOUR);
      let resolveBy = new Date(createdAt.getTime() + resolveHours * HOUR);
      const reopenEvent = evs.filter((e) => e.action === 'reopen').at(-1);
      if (reopenEvent) resolveBy = new Date(reopenEvent.at.getTime() + resolveHours * HOUR);
      const before = ['submitted', 'dispatched', 'open'].includes(status);
      const finished = ['resolved', 'rated', 'closed'].includes(status);
      const deadline = before ? respondBy : resolveBy;
      orders.push({
        kind,
        status,
        category,
        title,
        description: kind === 'problem' ? demoReportText(category, texts) : null,
        menuItemId,
        communityId: c.id,
        territoryId: place.id,
        scopePath: place.path,
        reporterAccountId: resident && own ? resident.id : null,
        handlerKind: ['submitted', 'open'].includes(status) ? null : handlerKind,
        handlerUnitId: ['submitted', 'open'].includes(status) ? null : handlerUnitId,
        handlerMemberId: ['submitted', 'open'].includes(status) ? null : handlerMemberId,
        handlerDepartment: ['submitted', 'open'].includes(status) ? null : handlerDepartment,
        respondHours,
        resolveHours,
        respondBy,
        resolveBy,
        dispatchedAt,
        acceptedAt,
        resolvedAt,
        closedAt: status === 'closed' ? new Date(at) : null,
        remindAt: finished ? null : new Date(deadline.getTime() - ((before ? respondHours : resolveHours) * HOUR) / 4),
        escalateAt: finished ? null : deadline,
        reopenCount,
        returnCount: evs.filter((e) => e.action === 'return').length,
        rating,
        ratedAt: rating ? new Date(at) : null,
        createdAt,
        updatedAt: new Date(at),
      });
      timelines.push(evs);
    }
  }
  if (ruleRows.length) await db.insert(orderRoutingRules).values(ruleRows);
  if (!orders.length) return;
  const ids = await db.insert(serviceOrders).values(orders).returning({ id: serviceOrders.id });
  const events = ids.flatMap((row, i) => timelines[i]!.map((e) => ({ orderId: row.id, ...e })));
  for (let i = 0; i < events.length; i += 1000) await db.insert(orderEvents).values(events.slice(i, i + 1000));
  await seedMergedDuplicates(
    db,
    ids.map((r) => r.id),
    orders,
    timelines,
  );
  await seedCancelled(
    db,
    ids.map((r) => r.id),
    orders,
    timelines,
  );
  // Bulk-inserted orders skip the per-write rollup: rebuild the figures' rollup from them (docs/decisions/009).
  for (const q of rollupRebuildSql()) await db.execute(sql.raw(q));
  await seedOrderPoints(db);
}

/**
 * The demo's party members earn their points as anyone would (issue 10 item 10): every demo order rated satisfied or
 * basically satisfied whose handler is a party member is credited by the same function the rating move calls, in
 * the order the ratings were given, so the period caps fall where they would have.
 */
async function seedOrderPoints(db: DbOrTx): Promise<void> {
  const rated = await db
    .select()
    .from(serviceOrders)
    .where(
      and(
        inArray(serviceOrders.status, ['rated', 'closed']),
        inArray(serviceOrders.rating, ['satisfied', 'basic']),
        or(isNotNull(serviceOrders.handlerMemberId), isNotNull(serviceOrders.handlerAccountId)),
      ),
    )
    .orderBy(asc(serviceOrders.ratedAt), asc(serviceOrders.id));
  for (const o of rated) await creditOrderPoints(db, o);
}

/**
 * Two reports found not to be real 无效 after they were placed (issue 10 item 7): cancelled with the reason, so the demo
 * shows the state, and the figures count them apart from found.
 */
async function seedCancelled(
  db: DbOrTx,
  ids: number[],
  orders: (typeof serviceOrders.$inferInsert)[],
  timelines: Ev[][],
): Promise<void> {
  const picked = orders
    .map((o, i) => ({ o, i }))
    // Not the demo resident's own reports (their photos' timeline is added later by attachments.seed.ts).
    .filter(({ o }) => o.status === 'submitted' && o.kind === 'problem' && o.reporterAccountId == null)
    .slice(0, 2);
  for (const { o, i } of picked) {
    // After every event of the order (a duplicate may have been merged into it).
    const [last] = await db
      .select({ at: sql<string>`max(${orderEvents.at})` })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, ids[i]!));
    const at = new Date(new Date(last?.at ?? timelines[i]!.at(-1)!.at).getTime() + 40 * 60_000);
    const reason = '经网格员现场核实，情况不属实';
    await db
      .update(serviceOrders)
      .set({
        status: 'cancelled',
        cancelKind: 'invalid',
        cancelReason: reason,
        closedAt: at,
        remindAt: null,
        escalateAt: null,
        updatedAt: at,
      })
      .where(eq(serviceOrders.id, ids[i]!));
    await db.insert(orderEvents).values({
      orderId: ids[i]!,
      at,
      action: 'cancel',
      fromStatus: o.status,
      toStatus: 'cancelled',
      actorId: null,
      actorName: null,
      note: reason,
      data: { kind: 'invalid' },
    });
  }
}

/**
 * A second report of the same problem, merged into the first by the community (issue 5 item 4): one per community,
 * two hours after an open problem report, so the demo shows the `merged` state and both timelines' merge rows.
 */
async function seedMergedDuplicates(
  db: DbOrTx,
  ids: number[],
  orders: (typeof serviceOrders.$inferInsert)[],
  timelines: Ev[][],
) {
  const done = new Set<number>();
  for (let i = 0; i < orders.length; i++) {
    const target = orders[i]!;
    const at = new Date(target.createdAt!.getTime() + 2 * HOUR);
    if (
      done.has(target.communityId) ||
      target.kind !== 'problem' ||
      !['submitted', 'dispatched', 'accepted', 'inProgress'].includes(target.status) ||
      at > new Date()
    )
      continue;
    done.add(target.communityId);
    const tl = timelines[i]!;
    const [dup] = await db
      .insert(serviceOrders)
      .values({
        ...target,
        status: 'merged',
        mergedIntoId: ids[i]!,
        reporterAccountId: null,
        handlerKind: null,
        handlerUnitId: null,
        handlerMemberId: null,
        handlerDepartment: null,
        dispatchedAt: null,
        acceptedAt: null,
        resolvedAt: null,
        closedAt: null,
        remindAt: null,
        escalateAt: null,
        reopenCount: 0,
        returnCount: 0,
        rating: null,
        ratedAt: null,
        description: '同一位置又有居民反映',
        createdAt: at,
        updatedAt: new Date(at.getTime() + 30 * 60_000),
      })
      .returning({ id: serviceOrders.id });
    const mergeAt = new Date(at.getTime() + 30 * 60_000);
    const statusThen = tl.filter((e) => e.at <= mergeAt).at(-1)?.toStatus ?? 'submitted';
    const staffRow = tl.find((e) => e.action === 'dispatch') ?? null;
    const by = { actorId: staffRow?.actorId ?? null, actorName: staffRow?.actorName ?? null };
    await db.insert(orderEvents).values([
      {
        orderId: dup!.id,
        at,
        action: 'create',
        fromStatus: null,
        toStatus: 'submitted',
        actorId: null,
        actorName: null,
        note: null,
        data: { kind: 'problem', category: target.category },
      },
      {
        orderId: dup!.id,
        at: mergeAt,
        action: 'merge',
        fromStatus: 'submitted',
        toStatus: 'merged',
        ...by,
        note: `→ #${ids[i]!} ${target.title}`,
        data: { intoId: ids[i]! },
      },
      {
        orderId: ids[i]!,
        at: mergeAt,
        action: 'merge',
        fromStatus: statusThen,
        toStatus: statusThen,
        ...by,
        note: `← #${dup!.id} ${target.title}`,
        data: { fromId: dup!.id, coReporters: [] },
      },
    ]);
  }
}
