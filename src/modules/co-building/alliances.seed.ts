import { and, asc, eq, like } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { units } from '../organizations/index.js';
import {
  coAgreements,
  coAllianceChairs,
  coAllianceMeetings,
  coAllianceMembers,
  coAlliances,
  coAllianceUnits,
  coResources,
} from './schema.js';

/**
 * A party-building alliance 党建联盟 per demo community (seed 001: 以社区党组织为核心，有机联结单位、行业及各领域
 * 党组织，成立区域化"党建联盟"；辖区单位党组织负责人担任兼职委员；辖区单位与所在社区签订共建协议). Its members are
 * the community's units from the organizations seed (the red property company among them), each unit's contact
 * serves as a part-time member; the chair rotates yearly; two joint meetings; this year's agreement is made in it,
 * and the red property company's repair team (a resource of the demo) makes the 车棚 project one of its projects.
 */
export async function seedAlliance(
  db: DbOrTx,
  c: { id: number; path: string; name: string },
  day: (d: number) => string,
  at: (d: number) => Date,
): Promise<void> {
  const all = await db
    .select({ id: units.id, name: units.name, kind: units.kind, contactName: units.contactName })
    .from(units)
    .where(like(units.scopePath, `${c.path}%`))
    .orderBy(asc(units.id));
  const redProperty = all.find((u) => u.kind === 'propertyCompany');
  const members = [...all.filter((u) => u.kind !== 'propertyCompany'), ...(redProperty ? [redProperty] : [])];
  if (members.length < 2) return;
  const founded = -420;
  const [a] = await db
    .insert(coAlliances)
    .values({
      territoryId: c.id,
      scopePath: c.path,
      name: `${c.name}区域化党建联盟`,
      description: '以社区党委为核心，联结辖区单位、行业及“两新”组织党组织；居民下单、社区发单、辖区单位接单。',
      foundedOn: day(founded),
      createdAt: at(founded),
      updatedAt: at(founded),
    })
    .returning();
  await db.insert(coAllianceUnits).values(
    members.map((u, k) => ({
      allianceId: a!.id,
      unitId: u.id,
      // The red property company joined later (红色物业, seed 001).
      joinedOn: day(u === redProperty ? -200 : founded),
      createdAt: at(founded + k),
      updatedAt: at(founded + k),
    })),
  );
  const [first, second] = members;
  await db.insert(coAllianceMembers).values([
    // 换届: the first unit's member served the first term, a colleague serves now.
    {
      allianceId: a!.id,
      unitId: first!.id,
      name: `${first!.contactName ?? '王建华'}`,
      unitPost: '党委副书记',
      committeePost: '兼职委员',
      termFrom: day(founded),
      termTo: day(-36),
    },
    {
      allianceId: a!.id,
      unitId: first!.id,
      name: '李国栋',
      unitPost: '党委书记',
      committeePost: '兼职副书记',
      termFrom: day(-35),
    },
    ...members.slice(1).map((u) => ({
      allianceId: a!.id,
      unitId: u.id,
      name: u.contactName ?? '张红',
      unitPost: u === redProperty ? '物业党支部书记' : '党组织负责人',
      committeePost: '兼职委员',
      termFrom: day(u === redProperty ? -200 : founded),
    })),
  ]);
  // 轮值主席: last term the first unit, this term the second (a year each).
  await db.insert(coAllianceChairs).values([
    { allianceId: a!.id, unitId: first!.id, termFrom: day(founded), termTo: day(-36) },
    { allianceId: a!.id, unitId: second!.id, termFrom: day(-35), termTo: day(329) },
  ]);
  await db.insert(coAllianceMeetings).values([
    {
      allianceId: a!.id,
      heldOn: day(-60),
      title: '党建联盟联席会议：年度共建协议商约',
      minutes: `通报居民需求清单；议定${first!.name}与社区签订年度共建协议，承诺事项逐项公示；轮值主席换届。`,
      attendingUnitIds: members.map((u) => u.id),
    },
    {
      allianceId: a!.id,
      heldOn: day(-14),
      title: '党建联盟联席会议：协商“关键小事”',
      minutes: '协商解决小区车棚漏雨、楼道灯不亮等“关键小事”；红色物业认领车棚修缮，在职党员认领楼道灯改造。',
      attendingUnitIds: [first!.id, second!.id, ...(redProperty ? [redProperty.id] : [])],
    },
  ]);
  // This year's agreement (契约化共建) is made in the alliance; the first unit is a member.
  const year = Number(day(0).slice(0, 4));
  await db
    .update(coAgreements)
    .set({ allianceId: a!.id })
    .where(and(eq(coAgreements.communityId, c.id), eq(coAgreements.unitId, first!.id), eq(coAgreements.year, year)));
  if (redProperty)
    await db
      .update(coResources)
      .set({ unitId: redProperty.id })
      .where(and(eq(coResources.scopePath, c.path), eq(coResources.offererName, '红色物业维修班')));
}
