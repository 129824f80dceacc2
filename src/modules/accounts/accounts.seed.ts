import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../../kernel/auth/password.js';
import type { Db } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import type { Role } from '../../kernel/rbac/rbac.js';

/** The demo password: exists only in demo data, never in a production start. */
export const DEMO_PASSWORD = 'Gongzhi@2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Where it is bound: a division code, or a path of names below a division code. */
  at: { code: string | null; below?: string[] };
}

/** One demo account per role, bound to real places of the seeds (文亭巷社区 of seed 000, 化工街社区 of seed 002). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'city_admin', displayName: '王磊', role: 'cityAdmin', at: { code: '6301' } },
  { username: 'district_admin', displayName: '李娜', role: 'districtAdmin', at: { code: '630104' } },
  { username: 'street_admin', displayName: '张伟', role: 'streetAdmin', at: { code: '630104006' } },
  {
    username: 'secretary',
    displayName: '刘翠青',
    role: 'communitySecretary',
    at: { code: '630104006001' },
  },
  { username: 'staff', displayName: '马晓燕', role: 'communityStaff', at: { code: '630104006001' } },
  {
    username: 'grid_worker',
    displayName: '韩建国',
    role: 'gridWorker',
    at: { code: '630104006001', below: ['*0'] },
  },
  {
    username: 'party_member',
    displayName: '赵敏',
    role: 'partyMember',
    at: { code: '630104006001', below: ['*0', '*0', '*0', '*0'] },
  },
  {
    username: 'resident',
    displayName: '陈秀兰',
    role: 'resident',
    at: { code: '630104006001', below: ['*0', '*0', '*0', '*1'] },
  },
  { username: 'unit_contact', displayName: '周涛', role: 'unitContact', at: { code: '630104006001' } },
  { username: 'xigu_admin', displayName: '杨帆', role: 'districtAdmin', at: { code: '620104' } },
  {
    username: 'xigu_staff',
    displayName: '李舒亮',
    role: 'communityStaff',
    at: { code: '620104007003' },
  },
  { username: 'sys_admin', displayName: '孙立新', role: 'sysAdmin', at: { code: null } },
  { username: 'security_admin', displayName: '何静', role: 'securityAdmin', at: { code: null } },
  { username: 'audit_admin', displayName: '郭志强', role: 'auditAdmin', at: { code: null } },
];

async function resolveNode(db: Db, rootId: number, at: DemoAccount['at']): Promise<{ id: number; name: string }> {
  let node: { id: number; name: string } | undefined;
  if (at.code === null) {
    [node] = await db
      .select({ id: territories.id, name: territories.name })
      .from(territories)
      .where(eq(territories.id, rootId));
  } else {
    [node] = await db
      .select({ id: territories.id, name: territories.name })
      .from(territories)
      .where(eq(territories.divisionCode, at.code));
  }
  for (const step of at.below ?? []) {
    const kids = await db
      .select({ id: territories.id, name: territories.name })
      .from(territories)
      .where(eq(territories.parentId, node!.id))
      .orderBy(territories.sortOrder, territories.id);
    node = kids[Number(step.slice(1))];
  }
  if (!node) throw new Error(`demo account node not found: ${JSON.stringify(at)}`);
  return node;
}

/** Creates the demo accounts (password DEMO_PASSWORD, no forced change) and returns where each is bound. */
export async function seedDemoAccounts(db: Db, rootId: number) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const out: { username: string; role: Role; node: string }[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const node = await resolveNode(db, rootId, a.at);
    await db.insert(accounts).values({
      username: a.username,
      displayName: a.displayName,
      passwordHash,
      roles: [a.role],
      territoryId: node.id,
      isDemo: true,
    });
    out.push({ username: a.username, role: a.role, node: node.name });
  }
  return out;
}

/** Production start with no accounts: one system admin at the root, with a one-time password printed once. */
export async function createInitialAdmin(db: Db, rootId: number): Promise<{ username: string; password: string }> {
  const password = `${randomBytes(9).toString('base64url')}Aa1!`;
  await db.insert(accounts).values({
    username: 'admin',
    displayName: '系统管理员',
    passwordHash: await hashPassword(password),
    roles: ['sysAdmin'],
    territoryId: rootId,
    mustChangePassword: true,
  });
  return { username: 'admin', password };
}
