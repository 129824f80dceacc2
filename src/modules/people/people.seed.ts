import { and, asc, eq, inArray } from 'drizzle-orm';
import { inSubtree } from '../../kernel/scope/scope.js';
import { encryptPii, hashPii } from '../../kernel/crypto/pii.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { prng } from '../../kernel/random.js';
import { DEMO_COMMUNITIES } from '../territory/index.js';
import { idCheckChar, type Gender, type Relation, type ResidentTag } from './constants.js';
import { residents } from './schema.js';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤祁冶鲁'.split(
    '',
  );
const MALE = '伟强磊军洋勇杰涛明超辉刚平鹏华飞建国志文斌波宇浩凯健俊峰海东亮林成龙德永福贵生'.split('');
const FEMALE = '芳娜敏静丽艳娟霞秀英兰玲桂珍燕红梅琳婷雪慧颖莉萍倩琴云凤洁欣悦晶佳梦'.split('');
const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '166',
  '173',
  '177',
  '180',
  '181',
  '186',
  '187',
  '188',
  '189',
  '199',
];

/** Demo "today": ages are counted from here so the data does not drift with the calendar. */
const DEMO_YEAR = 2026;

/** A fake but well-formed citizen ID number: region code, birth date, sequence (odd = male), GB 11643 check. */
export function fakeIdNumber(region: string, birth: string, seq: number, gender: Gender): string {
  const s = seq * 2 + (gender === 'male' ? 1 : 0);
  const first17 = `${region}${birth.replace(/-/g, '')}${String(s % 1000).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

/**
 * Demo residents for every household of the demo communities (2–4 each: a householder, usually a spouse,
 * children or an elderly parent), deterministic Chinese names, genders, birth dates, fake well-formed phone and
 * ID numbers (encrypted like real ones); care tags on some; the demo `resident` and `party_member` accounts
 * linked to a record in their own household. Then the party members (party-members module seed).
 */
export async function seedPeople(db: DbOrTx): Promise<void> {
  const rnd = prng(6530); // seed 002: 6,530 micro-wishes claimed
  const communities = await db
    .select({ id: territories.id, code: territories.divisionCode, path: territories.path })
    .from(territories)
    .where(inArray(territories.divisionCode, [...DEMO_COMMUNITIES]))
    .orderBy(asc(territories.divisionCode));
  // The self-service demo accounts: the householder of the household each is bound to becomes them.
  const demo = await db
    .select({
      id: accounts.id,
      username: accounts.username,
      territoryId: accounts.territoryId,
      displayName: accounts.displayName,
    })
    .from(accounts)
    .where(inArray(accounts.username, ['resident', 'party_member']));
  const usedIds = new Set<string>();
  const rows: (typeof residents.$inferInsert & { age: number })[] = [];
  const name = (g: Gender, surname?: string) => {
    const pool = g === 'male' ? MALE : FEMALE;
    return `${surname ?? rnd.pick(SURNAMES)}${rnd.pick(pool)}${rnd.next() < 0.55 ? rnd.pick(pool) : ''}`;
  };
  const phone = () => `${rnd.pick(PHONE_PREFIXES)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;
  for (const c of communities) {
    const region = c.code!.slice(0, 6);
    const households = await db
      .select({ id: territories.id, path: territories.path })
      .from(territories)
      .where(and(eq(territories.level, 'household'), inSubtree(territories.path, c.path)))
      .orderBy(asc(territories.path));
    for (const h of households) {
      const people: { name: string; gender: Gender; age: number; relation: Relation; tags: ResidentTag[] }[] = [];
      const account = demo.find((a) => a.territoryId === h.id);
      const hg: Gender = account || rnd.next() >= 0.6 ? 'female' : 'male';
      const surname = rnd.pick(SURNAMES);
      // The in-service demo member is of working age; the demo resident keeps a drawn age.
      const hAge = account?.username === 'party_member' ? 34 : Math.max(rnd.int(28, 82), account ? 35 : 0);
      const size = rnd.int(2, 4);
      people.push({
        name: account ? (account.displayName.split(' ').at(-1) ?? name(hg)) : name(hg, surname),
        gender: hg,
        age: hAge,
        relation: 'householder',
        tags: [],
      });
      const sg: Gender = hg === 'male' ? 'female' : 'male';
      // Children carry the father's surname: the householder's, or the spouse's when she is the householder.
      const spouseSurname = rnd.pick(SURNAMES);
      const familyName = hg === 'male' ? surname : spouseSurname;
      people.push({
        name: name(sg, spouseSurname),
        gender: sg,
        age: Math.max(22, hAge + rnd.int(-5, 4)),
        relation: 'spouse',
        tags: [],
      });
      for (let k = 2; k < size; k++) {
        if (hAge < 62 && hAge > 30) {
          const g: Gender = rnd.next() < 0.5 ? 'male' : 'female';
          people.push({
            name: name(g, familyName),
            gender: g,
            age: Math.max(1, hAge - rnd.int(24, 32)),
            relation: 'child',
            tags: [],
          });
        } else if (hAge <= 30) {
          const g: Gender = rnd.next() < 0.5 ? 'male' : 'female';
          people.push({ name: name(g, surname), gender: g, age: hAge + rnd.int(24, 30), relation: 'parent', tags: [] });
        } else {
          const g: Gender = rnd.next() < 0.5 ? 'male' : 'female';
          people.push({
            name: name(g, familyName),
            gender: g,
            age: Math.max(1, hAge - rnd.int(50, 60)),
            relation: 'grandchild',
            tags: [],
          });
        }
      }
      // Care tags, as community staff keep them (急难愁盼).
      if (size === 2 && hAge >= 65) for (const p of people) p.tags.push('emptyNest');
      if (rnd.next() < 0.03) people[0]!.tags.push('lowIncome');
      if (rnd.next() < 0.025) people[rnd.int(0, people.length - 1)]!.tags.push('disabled');
      if (rnd.next() < 0.04 && people[0]!.gender === 'male' && hAge > 40) people[0]!.tags.push('veteran');
      for (const p of people) {
        if (p.age < 16 && rnd.next() < 0.15) p.tags.push('leftBehindChild');
        const birthYear = DEMO_YEAR - p.age;
        const birth = `${birthYear}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
        let id = fakeIdNumber(region, birth, rnd.int(0, 499), p.gender);
        while (usedIds.has(id)) id = fakeIdNumber(region, birth, rnd.int(0, 499), p.gender);
        usedIds.add(id);
        const ph = p.age >= 14 && rnd.next() < 0.92 ? phone() : null;
        rows.push({
          name: p.name,
          gender: p.gender,
          birthDate: birth,
          householdId: h.id,
          scopePath: h.path,
          relation: p.relation,
          tags: p.tags,
          phoneEnc: ph ? encryptPii('phone', ph) : null,
          phoneHash: ph ? hashPii('phone', ph) : null,
          idNumberEnc: encryptPii('idNumber', id),
          idNumberHash: hashPii('idNumber', id),
          age: p.age,
          accountId: p.relation === 'householder' ? (account?.id ?? null) : null,
        });
      }
    }
  }

  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    await db.insert(residents).values(batch.map(({ age: _age, ...r }) => r));
  }
}

/** A demo resident as the party-members seed draws its members from them (ages counted from the demo year). */
export interface SeededResident {
  id: number;
  name: string;
  age: number;
  scopePath: string;
  householdId: number;
  accountId: number | null;
}

/** The demo residents in the order they were seeded (for the seeds of modules that build on them). */
export async function seededResidents(db: DbOrTx): Promise<SeededResident[]> {
  const rows = await db
    .select({
      id: residents.id,
      name: residents.name,
      birthDate: residents.birthDate,
      scopePath: residents.scopePath,
      householdId: residents.householdId,
      accountId: residents.accountId,
    })
    .from(residents)
    .orderBy(asc(residents.id));
  return rows.map(({ birthDate, ...r }) => ({ ...r, age: DEMO_YEAR - Number((birthDate ?? '').slice(0, 4)) }));
}
