import { hashPassword } from '../kernel/auth/password.js';
import type { Db } from '../kernel/db/client.js';
import { accounts, territories } from '../kernel/db/schema.js';
import type { TerritoryLevel } from '../kernel/territory-levels.js';

export const TEST_PASSWORD = 'Test-pass-2026';
let hashed: Promise<string> | undefined;

/** Builds records straight in the database, for tests to set the scene before they call the API. */
export class Factory {
  private n = 0;
  constructor(private readonly db: Db) {}

  async territory(parentId: number | null, level: TerritoryLevel, name?: string) {
    const [row] = await this.db
      .insert(territories)
      .values({ parentId, level, name: name ?? `${level}-${++this.n}` })
      .returning();
    return row!;
  }

  /**
   * A small tree: country → province → city → district → two streets (A, B), each with two communities, each
   * community with a compound, a building and a household. Accounts at street A must never see street B.
   */
  async tree() {
    const country = await this.territory(null, 'country', '中国');
    const province = await this.territory(country.id, 'province', '青海省');
    const city = await this.territory(province.id, 'city', '西宁市');
    const district = await this.territory(city.id, 'district', '城西区');
    const mk = async (name: string) => {
      const street = await this.territory(district.id, 'street', name);
      const communities = [];
      for (const c of ['一社区', '二社区']) {
        const community = await this.territory(street.id, 'community', `${name}${c}`);
        const compound = await this.territory(community.id, 'compound', `${name}${c}小区`);
        const building = await this.territory(compound.id, 'building', '1号楼');
        const household = await this.territory(building.id, 'household', '101室');
        communities.push({ community, compound, building, household });
      }
      return { street, communities };
    };
    const streetA = await mk('甲街道');
    const streetB = await mk('乙街道');
    return { country, province, city, district, streetA, streetB };
  }

  async account(opts: {
    roles?: string[];
    territoryId?: number;
    username?: string;
    password?: string;
    mustChangePassword?: boolean;
    isDemo?: boolean;
  }) {
    const password = opts.password ?? TEST_PASSWORD;
    const passwordHash = opts.password ? await hashPassword(password) : await (hashed ??= hashPassword(TEST_PASSWORD));
    let territoryId = opts.territoryId;
    if (territoryId === undefined) territoryId = (await this.territory(null, 'country', 'root')).id;
    const username = opts.username ?? `user${++this.n}_${Math.random().toString(36).slice(2, 7)}`;
    const [row] = await this.db
      .insert(accounts)
      .values({
        username,
        displayName: `测试用户${this.n}`,
        passwordHash,
        roles: opts.roles ?? [],
        territoryId,
        mustChangePassword: opts.mustChangePassword ?? false,
        isDemo: opts.isDemo ?? false,
      })
      .returning();
    return { ...row!, password };
  }
}
