import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { prng } from '../../kernel/random.js';
import { DEMO_COMMUNITIES } from '../territory/index.js';
import type { CandidatePost, EducationLevel, Gender, PartyOrgKind, ReviewDepartment, UnitKind } from './constants.js';
import {
  candidateReviews,
  compoundProperties,
  electionCandidates,
  elections,
  leadershipMembers,
  ownersCommittees,
  partyOrgs,
  residentsGroups,
  units,
} from './schema.js';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '马',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '朱',
  '胡',
  '郭',
  '何',
  '韩',
  '罗',
  '高',
  '林',
  '祁',
  '鲁',
  '冶',
  '白',
];
const GIVEN = [
  '建国',
  '秀英',
  '海燕',
  '志强',
  '丽华',
  '晓东',
  '玉兰',
  '文斌',
  '春梅',
  '永红',
  '德明',
  '静',
  '磊',
  '娜',
  '婷',
  '俊杰',
  '思源',
  '晓燕',
  '红霞',
  '国庆',
  '雪梅',
  '振华',
  '佳琪',
  '宏伟',
  '凤英',
  '金花',
  '成林',
  '亚楠',
];

/** Units of each area, by kind (real kinds of 驻区单位; names made up in the local style). */
const UNIT_POOL: Record<Exclude<UnitKind, 'propertyCompany'>, (area: string, city: string) => string[]> = {
  agency: (area) => [
    `${area}市场监督管理局`,
    `${area}住房和城乡建设局`,
    `${area}人民检察院`,
    `${area}税务局第一税务所`,
  ],
  institution: (area) => [`${area}人民医院`, `${area}第二中学`, `${area}图书馆`, `${area}疾病预防控制中心`],
  stateOwned: (_a, city) => [
    `国网${city}供电公司`,
    `中国移动${city}分公司`,
    `中国邮政${city}分公司`,
    `中国银行${city}分行营业部`,
    `中国石油${city}销售分公司`,
  ],
  privateFirm: (_a, city) => [
    `${city}佳和超市有限公司`,
    `${city}鸿运商贸有限公司`,
    `${city}德润大药房连锁有限公司`,
    `${city}金盛建材有限公司`,
    `${city}老街坊餐饮管理有限公司`,
  ],
  socialOrganization: (area) => [
    `${area}夕阳红志愿者协会`,
    `${area}社会工作服务中心`,
    `${area}温馨家园养老服务中心`,
    `${area}阳光助残服务社`,
  ],
};
const PROPERTY_COMPANIES = (city: string) => [
  `${city}万嘉物业服务有限公司`,
  `${city}安居物业管理有限公司`,
  `${city}绿城物业服务有限公司`,
  `${city}城投物业服务有限公司`,
  `${city}祥和物业管理有限公司`,
  `${city}宜居物业服务有限公司`,
];
const UNIT_KIND_ORDER: Exclude<UnitKind, 'propertyCompany'>[] = [
  'agency',
  'institution',
  'stateOwned',
  'privateFirm',
  'privateFirm',
  'socialOrganization',
];

/** Places named in the seeds carry their city's short name (西宁 / 兰州) for unit names. */
const cityOf = (code: string) => (code.startsWith('6301') ? '西宁' : '兰州');
const areaOf = (code: string) => (code.startsWith('630104') ? '城西区' : '西固区');

/**
 * Demo party organisations and partners for the demo communities and their streets (deterministic):
 * the four-level structure of seed 001 (党工委 → 社区党委/党总支 → 小区党支部 → 楼栋党小组) plus red property
 * (seed 004's five levels); every community leaves one compound without a branch and some buildings without a
 * party group, so the rule flags have something to show. One community-level branch (kind `branch` at a
 * community, no unit: 文亭巷社区's retired members) is left for the party-members seed to fill past 100 members.
 */
export async function seedOrganizations(db: DbOrTx): Promise<void> {
  const rnd = prng(556); // seed 000: 556 compound branches
  const person = () => `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN)}`;
  const phone = () =>
    `1${rnd.pick(['39', '58', '87', '35', '89', '77'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;

  const communities = await db
    .select({
      id: territories.id,
      name: territories.name,
      path: territories.path,
      parentId: territories.parentId,
      code: territories.divisionCode,
    })
    .from(territories)
    .where(inArray(territories.divisionCode, [...DEMO_COMMUNITIES]))
    .orderBy(asc(territories.divisionCode));
  if (communities.length === 0) return;
  const streetIds = [...new Set(communities.map((c) => c.parentId!))];
  const streets = await db
    .select({ id: territories.id, name: territories.name, path: territories.path })
    .from(territories)
    .where(inArray(territories.id, streetIds))
    .orderBy(asc(territories.id));
  // Every community of the demo streets gets its committee and leadership team; the demo ones get the rest.
  const streetCommunities = await db
    .select({
      id: territories.id,
      name: territories.name,
      path: territories.path,
      parentId: territories.parentId,
      code: territories.divisionCode,
    })
    .from(territories)
    .where(and(inArray(territories.parentId, streetIds), eq(territories.level, 'community')))
    .orderBy(asc(territories.divisionCode));
  const compounds = await db
    .select({ id: territories.id, name: territories.name, path: territories.path, parentId: territories.parentId })
    .from(territories)
    .where(
      inArray(
        territories.parentId,
        communities.map((c) => c.id),
      ),
    )
    .orderBy(asc(territories.sortOrder), asc(territories.id));
  const buildings = await db
    .select({ id: territories.id, name: territories.name, path: territories.path, parentId: territories.parentId })
    .from(territories)
    .where(
      inArray(
        territories.parentId,
        compounds.map((c) => c.id),
      ),
    )
    .orderBy(asc(territories.sortOrder), asc(territories.id));

  type OrgInsert = typeof partyOrgs.$inferInsert;
  const insertOrgs = async (rows: OrgInsert[]) =>
    rows.length ? db.insert(partyOrgs).values(rows).returning({ id: partyOrgs.id }) : [];
  const org = (
    kind: PartyOrgKind,
    name: string,
    place: { id: number; path: string },
    parentId: number | null,
    unitId: number | null = null,
  ): OrgInsert => ({
    kind,
    name,
    territoryId: place.id,
    scopePath: place.path,
    parentId,
    unitId,
    secretaryName: person(),
    foundedOn: `${rnd.int(2008, 2021)}-0${rnd.int(1, 9)}-${String(rnd.int(10, 28))}`,
  });

  // 1. street working committees 党工委
  const wcIds = await insertOrgs(streets.map((s) => org('workingCommittee', `中共${s.name}工作委员会`, s, null)));
  const wcOf = new Map(streets.map((s, i) => [s.id, wcIds[i]!.id]));

  // 2. one committee or general branch per community
  const commKinds = streetCommunities.map(
    (c, i) => (c.code === '630104006001' || i % 3 !== 2 ? 'committee' : 'generalBranch') as PartyOrgKind,
  );
  const commIds = await insertOrgs(
    streetCommunities.map((c, i) =>
      org(
        commKinds[i]!,
        `中共${c.name}${commKinds[i] === 'committee' ? '委员会' : '总支部委员会'}`,
        c,
        wcOf.get(c.parentId!)!,
      ),
    ),
  );
  const commOrgOf = new Map(streetCommunities.map((c, i) => [c.id, commIds[i]!.id]));

  // 3. community-level branches (retired members etc.), not yet upgraded: the branchTooLarge flag's subject
  const commBranchNames: Record<string, string> = { '630104006001': '离退休党员党支部' };
  await insertOrgs(
    communities
      .filter((c) => commBranchNames[c.code ?? ''])
      .map((c) => org('branch', `中共${c.name}${commBranchNames[c.code!]}`, c, commOrgOf.get(c.id)!)),
  );

  // 4. compound branches: every compound but the last of each community ("支部建在小区上")
  const compoundsOf = new Map<number, typeof compounds>();
  for (const c of compounds) compoundsOf.set(c.parentId!, [...(compoundsOf.get(c.parentId!) ?? []), c]);
  const branched = communities.flatMap((c) => (compoundsOf.get(c.id) ?? []).slice(0, -1));
  const branchIds = await insertOrgs(
    branched.map((c) => org('branch', `中共${c.name}支部委员会`, c, commOrgOf.get(c.parentId!)!)),
  );
  const branchOf = new Map(branched.map((c, i) => [c.id, branchIds[i]!.id]));

  // 5. building party groups in the first two buildings of each branched compound
  const groupBuildings = buildings.filter((b) => {
    if (!branchOf.has(b.parentId!)) return false;
    const siblings = buildings.filter((x) => x.parentId === b.parentId);
    return siblings.indexOf(b) < 2;
  });
  const compoundName = new Map(compounds.map((c) => [c.id, c.name]));
  await insertOrgs(
    groupBuildings.map((b) =>
      org('group', `${compoundName.get(b.parentId!)}${b.name}党小组`, b, branchOf.get(b.parentId!)!),
    ),
  );

  // 6. units in the area and property companies
  type UnitInsert = typeof units.$inferInsert;
  const unitRows: UnitInsert[] = [];
  const propertyIdx: { community: number; red: boolean }[] = [];
  communities.forEach((c, ci) => {
    const city = cityOf(c.code!);
    const area = areaOf(c.code!);
    UNIT_KIND_ORDER.forEach((kind, k) => {
      const names = UNIT_POOL[kind](area, city);
      unitRows.push({
        kind,
        name: names[(ci + k) % names.length]!,
        territoryId: c.id,
        scopePath: c.path,
        contactName: person(),
        contactPhone: phone(),
        address: `${c.name}${rnd.pick(['建设路', '和平路', '新华街', '福利路', '文化街'])}${rnd.int(1, 200)}号`,
        isNewOrganization: kind === 'privateFirm' || kind === 'socialOrganization',
      });
    });
    const props = PROPERTY_COMPANIES(city);
    [0, 1].forEach((k) => {
      unitRows.push({
        kind: 'propertyCompany',
        name: props[(ci * 2 + k) % props.length]!,
        territoryId: c.id,
        scopePath: c.path,
        contactName: person(),
        contactPhone: phone(),
        address: `${c.name}${rnd.pick(['物业服务中心', '小区东门', '综合楼一层'])}`,
      });
      propertyIdx.push({ community: c.id, red: k === 0 });
    });
  });
  // Names repeat across communities of one city (the same company serves several): keep them distinct per community.
  const seen = new Set<string>();
  for (const u of unitRows) {
    const key = `${u.territoryId}:${u.name}`;
    if (seen.has(key)) u.name = `${u.name}（${u.territoryId}）`;
    seen.add(key);
  }
  const unitIds = await db
    .insert(units)
    .values(unitRows)
    .returning({ id: units.id, kind: units.kind, territoryId: units.territoryId, name: units.name });
  const props = unitIds.filter((u) => u.kind === 'propertyCompany');

  // 7. compound ↔ property company: first compound the red one, second the other, third none (无物业小区, seed 004)
  const links: (typeof compoundProperties.$inferInsert)[] = [];
  const redBranches: OrgInsert[] = [];
  for (const c of communities) {
    const own = compoundsOf.get(c.id) ?? [];
    const companies = props.filter((p) => p.territoryId === c.id);
    own.slice(0, 2).forEach((comp, k) => {
      const company = companies[k];
      if (!company) return;
      links.push({ compoundId: comp.id, unitId: company.id, scopePath: comp.path });
      if (propertyIdx[props.indexOf(company)]?.red)
        redBranches.push(org('branch', `中共${company.name}支部委员会`, comp, commOrgOf.get(c.id)!, company.id));
    });
  }
  if (links.length) await db.insert(compoundProperties).values(links);
  await insertOrgs(redBranches);
  // In-service members' unit branches 机关/国企党支部 (dual registration, seed 001/004)
  const unitBranchUnits = unitIds.filter((u) => u.kind === 'agency' || u.kind === 'stateOwned');
  const communityById = new Map(communities.map((c) => [c.id, c]));
  await insertOrgs(
    unitBranchUnits.map((u) =>
      org('branch', `中共${u.name}机关支部委员会`, communityById.get(u.territoryId)!, null, u.id),
    ),
  );

  // 8. owners' committees for the compounds with property service; residents' groups
  const owners = communities.flatMap((c) =>
    (compoundsOf.get(c.id) ?? []).slice(0, rnd.next() < 0.5 ? 1 : 2).map((comp) => {
      const start = rnd.int(2021, 2024);
      return {
        compoundId: comp.id,
        scopePath: comp.path,
        name: `${comp.name}业主委员会`,
        chairName: person(),
        chairPhone: phone(),
        termStart: `${start}-0${rnd.int(1, 9)}-01`,
        termEnd: `${start + 5}-0${rnd.int(1, 9)}-01`,
        membersCount: rnd.pick([5, 7, 9]),
      };
    }),
  );
  if (owners.length) await db.insert(ownersCommittees).values(owners);
  const groups = communities.flatMap((c) => [
    ...['第一居民小组', '第二居民小组', '第三居民小组'].map((name) => ({
      territoryId: c.id,
      scopePath: c.path,
      name,
      leaderName: person(),
      leaderPhone: phone(),
    })),
    ...(compoundsOf.get(c.id) ?? []).slice(0, 1).map((comp) => ({
      territoryId: comp.id,
      scopePath: comp.path,
      name: `${comp.name}居民小组`,
      leaderName: person(),
      leaderPhone: phone(),
    })),
  ]);
  await db.insert(residentsGroups).values(groups);

  // 9. leadership teams 两委: mostly 一肩挑 (seed 001), ages and education as reported there
  const team: (typeof leadershipMembers.$inferInsert)[] = [];
  const education = (): EducationLevel =>
    rnd.pick<EducationLevel>([
      'bachelor',
      'bachelor',
      'bachelor',
      'associate',
      'associate',
      'postgraduate',
      'highSchool',
    ]);
  const birth = (minAge: number, maxAge: number) => {
    const y = 2026 - rnd.int(minAge, maxAge);
    return {
      birthDate: `${y}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
      birthYear: y,
    };
  };
  const gender = (): Gender => (rnd.next() < 0.55 ? 'female' : 'male');
  streetCommunities.forEach((c, ci) => {
    // Mostly 一肩挑 (seed 001 reports 100%); two communities keep secretary and director apart
    const dual = c.code !== '620104005001' && ci % 9 !== 4;
    const secretaryName = c.code === '630104006001' ? '刘翠青' : person();
    team.push({
      communityId: c.id,
      scopePath: c.path,
      name: secretaryName,
      gender: c.code === '630104006001' ? 'female' : gender(),
      ...birth(33, 47),
      education: rnd.pick<EducationLevel>(['bachelor', 'bachelor', 'postgraduate', 'associate']),
      partyPost: 'secretary',
      committeePost: dual ? 'director' : 'member',
    });
    if (!dual)
      team.push({
        communityId: c.id,
        scopePath: c.path,
        name: person(),
        gender: gender(),
        ...birth(35, 52),
        education: 'associate',
        partyPost: 'member',
        committeePost: 'director',
      });
    team.push({
      communityId: c.id,
      scopePath: c.path,
      name: person(),
      gender: gender(),
      ...birth(30, 45),
      education: education(),
      partyPost: 'deputySecretary',
      committeePost: 'deputyDirector',
    });
    const extra = 3 + (ci % 3);
    for (let k = 0; k < extra; k++) {
      const inParty = k % 2 === 0;
      team.push({
        communityId: c.id,
        scopePath: c.path,
        name: person(),
        gender: gender(),
        ...birth(25, 56),
        education: education(),
        partyPost: inParty ? 'member' : null,
        committeePost: 'member',
      });
    }
  });
  await db.insert(leadershipMembers).values(team);

  // 10. one election with the joint review 联审 of its candidates (seed 001: 300+ candidates reviewed)
  const wenting = communities.find((c) => c.code === '630104006001') ?? communities[0]!;
  const [election] = await db
    .insert(elections)
    .values({
      communityId: wenting.id,
      scopePath: wenting.path,
      name: `2026年${wenting.name}“两委”换届选举`,
      heldOn: '2026-03-28',
    })
    .returning({ id: elections.id });
  const posts: CandidatePost[] = [
    'secretary',
    'deputySecretary',
    'director',
    'deputyDirector',
    'member',
    'member',
    'member',
  ];
  const cands = await db
    .insert(electionCandidates)
    .values(
      posts.map((postSought, k) => ({
        electionId: election!.id,
        scopePath: wenting.path,
        name: k === 0 ? '刘翠青' : person(),
        postSought,
      })),
    )
    .returning({ id: electionCandidates.id });
  const depts: ReviewDepartment[] = ['organization', 'disciplineInspection', 'police', 'civilAffairs'];
  const reviews: (typeof candidateReviews.$inferInsert)[] = [];
  cands.forEach((cand, k) => {
    for (const department of depts) {
      if (k === cands.length - 1 && department === 'civilAffairs') continue; // still waiting for one department
      const fail = k === 5 && department === 'disciplineInspection';
      reviews.push({
        candidateId: cand.id,
        scopePath: wenting.path,
        department,
        outcome: fail ? 'fail' : 'pass',
        note: fail ? '受党内警告处分未满一年，不宜提名' : null,
        reviewedOn: `2026-03-${String(rnd.int(2, 12)).padStart(2, '0')}`,
      });
    }
  });
  await db.insert(candidateReviews).values(reviews);
}
