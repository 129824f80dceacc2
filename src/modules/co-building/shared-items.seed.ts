import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { coItemEvents, coItemLoans, coSharedItems } from './schema.js';
import type { ItemCategory, ItemCondition, ItemEventKind, ItemStatus } from './shared-items.constants.js';
import { chinaDay } from '../../kernel/clock.js';

/**
 * Demo 便民共享服务柜 (seed 002: 临洮街中街社区 collected residents' idle tools into a cabinet at its 党群服务中心 —
 * 急救药箱、老花镜、理发用品、轮椅、小型钻孔机、重型订书机、人字梯 — 群众有需要时可直接到社区免费登记申领), and a
 * second cabinet at 文亭巷社区 where the demo resident 陈秀兰 lives. Items in every state, loans with history.
 */
const DAY = 86_400_000;
const ZHONGJIE = '620104006005'; // 临洮街中街社区 (seed 002)
const WENTING = '630104006001'; // 文亭巷社区 (seed 000; the demo resident)

interface Story {
  name: string;
  category: ItemCategory;
  maxDays: number;
  status: ItemStatus;
  condition?: ItemCondition;
  description?: string;
  /** Past loans (returned), then the open or last one: days from today lent, days due, returned (days) or null. */
  loans?: {
    who: string | 'resident';
    lent: number;
    due: number;
    back?: number | null;
    condition?: ItemCondition;
    requested?: boolean;
    lost?: boolean;
    note?: string;
  }[];
  event?: { kind: ItemEventKind; at: number; note: string };
}

const ZHONGJIE_ITEMS: Story[] = [
  {
    name: '急救药箱',
    category: 'health',
    maxDays: 3,
    status: 'available',
    description: '碘伏、创可贴、纱布、体温计',
    loans: [{ who: '王大爷', lent: -20, due: -18, back: -18, condition: 'good' }],
  },
  {
    name: '老花镜（+200度）',
    category: 'health',
    maxDays: 7,
    status: 'lent',
    loans: [{ who: '李桂英', lent: -3, due: 4 }],
  },
  { name: '理发用品套装', category: 'household', maxDays: 3, status: 'available', description: '电推子、围布、梳子' },
  {
    name: '折叠轮椅',
    category: 'mobility',
    maxDays: 30,
    status: 'lent',
    loans: [
      { who: '张秀珍', lent: -60, due: -30, back: -31, condition: 'good' },
      { who: '刘建国', lent: -25, due: -5, note: '术后康复借用' },
    ],
  },
  {
    name: '小型钻孔机',
    category: 'tools',
    maxDays: 3,
    status: 'damaged',
    condition: 'damaged',
    loans: [{ who: '马师傅', lent: -9, due: -6, back: -6, condition: 'damaged', note: '钻头卡死，电机异响' }],
  },
  {
    name: '重型订书机',
    category: 'office',
    maxDays: 7,
    status: 'lent',
    loans: [{ who: '赵丽', lent: -5, due: 1, requested: true, note: '明早送回' }],
  },
  {
    name: '人字梯（1.5米）',
    category: 'tools',
    maxDays: 3,
    status: 'lost',
    loans: [{ who: '周先生', lent: -40, due: -37, lost: true, note: '借用人搬离，联系不上' }],
  },
  {
    name: '旧款血压计',
    category: 'health',
    maxDays: 7,
    status: 'retired',
    condition: 'damaged',
    event: { kind: 'retired', at: -90, note: '读数不准，已报废，换新' },
  },
];

const WENTING_ITEMS: Story[] = [
  {
    name: '电子血压计',
    category: 'health',
    maxDays: 7,
    status: 'lent',
    loans: [
      { who: 'resident', lent: -12, due: -6, back: -7, condition: 'good' },
      { who: 'resident', lent: -5, due: 2 },
    ],
  },
  { name: '折叠轮椅', category: 'mobility', maxDays: 30, status: 'available' },
  { name: '人字梯（2米）', category: 'tools', maxDays: 3, status: 'available' },
  { name: '老花镜（+150度）', category: 'health', maxDays: 7, status: 'available' },
  {
    name: '手推购物车',
    category: 'household',
    maxDays: 3,
    status: 'lent',
    loans: [{ who: '孙阿姨', lent: -6, due: -2 }],
  },
];

export async function seedSharedItems(db: DbOrTx): Promise<void> {
  const now = new Date(Math.floor(Date.now() / DAY) * DAY + 2 * 3_600_000);
  const at = (d: number) => new Date(now.getTime() + d * DAY);
  const day = (d: number) => chinaDay(at(d));
  const communities = await db
    .select({ id: territories.id, code: territories.divisionCode, path: territories.path })
    .from(territories)
    .where(inArray(territories.divisionCode, [ZHONGJIE, WENTING]));
  const [resident] = await db
    .select({ id: accounts.id, name: accounts.displayName })
    .from(accounts)
    .where(eq(accounts.username, 'resident'));
  const [staff] = await db
    .select({ id: accounts.id, name: accounts.displayName })
    .from(accounts)
    .where(eq(accounts.username, 'staff'));
  for (const c of communities) {
    // The cabinet stands in the community's 党群服务中心 (the community node itself).
    const location = c.code === ZHONGJIE ? '党群服务中心一楼 便民共享服务柜' : '党群服务站 便民共享服务柜';
    const stories = c.code === ZHONGJIE ? ZHONGJIE_ITEMS : WENTING_ITEMS;
    for (const s of stories) {
      const [item] = await db
        .insert(coSharedItems)
        .values({
          communityId: c.id,
          communityPath: c.path,
          territoryId: c.id,
          scopePath: c.path,
          name: s.name,
          category: s.category,
          condition: s.condition ?? 'good',
          location,
          description: s.description ?? '居民捐赠的闲置物品，免费登记借用',
          status: s.status,
          maxDays: s.maxDays,
          createdAt: at(-120),
          updatedAt: at(-1),
        })
        .returning();
      const events: (typeof coItemEvents.$inferInsert)[] = [
        { itemId: item!.id, kind: 'created', condition: 'good', actorName: staff?.name ?? '社区工作者', at: at(-120) },
      ];
      for (const l of s.loans ?? []) {
        const own = l.who === 'resident';
        const closed = l.back !== undefined && l.back !== null;
        const [loan] = await db
          .insert(coItemLoans)
          .values({
            itemId: item!.id,
            scopePath: c.path,
            borrowerAccountId: own ? (resident?.id ?? null) : null,
            borrowerName: own ? (resident?.name ?? '居民') : l.who,
            channel: own ? 'mobile' : 'counter',
            status: l.lost ? 'lost' : closed ? 'returned' : l.requested ? 'returnRequested' : 'out',
            lentAt: at(l.lent),
            dueOn: day(l.due),
            conditionOut: 'good',
            conditionIn: closed ? (l.condition ?? 'good') : null,
            returnRequestedAt: l.requested ? at(-1) : null,
            returnedAt: closed ? at(l.back!) : l.lost ? at(l.due + 3) : null,
            note: l.note ?? null,
            lentByAccountId: own ? null : (staff?.id ?? null),
            remindedAt: l.due < 1 ? at(l.due - 1) : null,
            overdueNoticeAt: l.due < 0 && !closed ? at(l.due + 1) : null,
            createdAt: at(l.lent),
            updatedAt: at(l.back ?? l.lent),
          })
          .returning();
        const by = own ? (resident?.name ?? '居民') : (staff?.name ?? '社区工作者');
        events.push({
          itemId: item!.id,
          loanId: loan!.id,
          kind: 'lent',
          condition: 'good',
          actorName: by,
          at: at(l.lent),
        });
        if (l.requested)
          events.push({
            itemId: item!.id,
            loanId: loan!.id,
            kind: 'returnRequested',
            note: l.note,
            actorName: l.who,
            at: at(-1),
          });
        if (closed) {
          events.push({
            itemId: item!.id,
            loanId: loan!.id,
            kind: 'returned',
            condition: l.condition ?? 'good',
            note: l.note,
            actorName: staff?.name ?? '社区工作者',
            at: at(l.back!),
          });
          if (l.condition === 'damaged')
            events.push({
              itemId: item!.id,
              loanId: loan!.id,
              kind: 'damaged',
              condition: 'damaged',
              note: l.note,
              actorName: staff?.name ?? '社区工作者',
              at: at(l.back!),
            });
        }
        if (l.lost)
          events.push({
            itemId: item!.id,
            loanId: loan!.id,
            kind: 'lost',
            note: l.note,
            actorName: staff?.name ?? '社区工作者',
            at: at(l.due + 3),
          });
      }
      if (s.event)
        events.push({
          itemId: item!.id,
          kind: s.event.kind,
          note: s.event.note,
          condition: s.condition ?? null,
          actorName: staff?.name ?? '社区工作者',
          at: at(s.event.at),
        });
      await db.insert(coItemEvents).values(events);
    }
  }
}
