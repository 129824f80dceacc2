import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { TEST_PASSWORD } from '../../test/factories.js';
import { maskForAudit, maskIdNumber, maskPhone } from './audit.js';
import { verifyAuditChain } from './verify.js';

describe('maskForAudit', () => {
  it('masks a phone number to its first 3 and last 4 digits', () => {
    expect(maskForAudit({ phone: '13812341234' })).toEqual({ phone: '138****1234' });
    expect(maskForAudit({ mobile: '13900001111', contactTel: '15811112222' })).toEqual({
      mobile: '139****1111',
      contactTel: '158****2222',
    });
    expect(maskPhone('123')).toBe('****');
  });

  it('masks an ID number, keeping only its first and last 4 characters', () => {
    const masked = maskForAudit({ idNumber: '63010419900101123X', idCard: '630104199001011234' }) as Record<
      string,
      string
    >;
    expect(masked.idNumber).toBe('6301**********123X');
    expect(masked.idCard).toBe('6301**********1234');
    expect(masked.idNumber).toHaveLength(18);
    expect(JSON.stringify(masked)).not.toContain('19900101');
    expect(maskIdNumber('12345')).toBe('****');
  });

  it('redacts passwords, secrets, tokens and hashes, and drops them when empty', () => {
    expect(
      maskForAudit({
        password: 'Plain-text-1',
        newPassword: 'Other-text-2',
        passwordHash: '$argon2id$v=19$...',
        totpSecret: 'JBSWY3DPEHPK3PXP',
        apiToken: 'abc',
        sessionTOKEN: 'def',
        clientSecret: null,
        name: '张三',
      }),
    ).toEqual({
      password: '[redacted]',
      newPassword: '[redacted]',
      passwordHash: '[redacted]',
      totpSecret: '[redacted]',
      apiToken: '[redacted]',
      sessionTOKEN: '[redacted]',
      name: '张三',
    });
  });

  it('keeps flags about passwords, which hold no secret', () => {
    expect(maskForAudit({ mustChangePassword: true, totpEnabled: false })).toEqual({
      mustChangePassword: true,
      totpEnabled: false,
    });
  });

  it('goes into nested objects and arrays', () => {
    const out = maskForAudit({
      resident: { name: '李四', phone: '13812341234', household: { idNumber: '630104199001011234', password: 'x' } },
      contacts: [{ mobile: '13700001234' }, { tel: '13600005678', note: '邻居' }],
    });
    expect(out).toEqual({
      resident: {
        name: '李四',
        phone: '138****1234',
        household: { idNumber: '6301**********1234', password: '[redacted]' },
      },
      contacts: [{ mobile: '137****1234' }, { tel: '136****5678', note: '邻居' }],
    });
  });

  it('turns dates into ISO strings and leaves plain values alone', () => {
    const at = new Date('2026-01-05T01:00:00Z');
    expect(maskForAudit({ at, n: 3, ok: true, none: null })).toEqual({
      at: '2026-01-05T01:00:00.000Z',
      n: 3,
      ok: true,
      none: null,
    });
    expect(maskForAudit(undefined)).toBeNull();
    expect(maskForAudit('13812341234')).toBe('13812341234'); // only fields named like a phone are masked
  });

  it('does not change the record it was given', () => {
    const input = { phone: '13812341234', nested: { password: 'p' } };
    maskForAudit(input);
    expect(input).toEqual({ phone: '13812341234', nested: { password: 'p' } });
  });
});

describe('audit hash chain and append-only guard (issue 18, point 6)', () => {
  it('chains every row and detects a manual UPDATE, a DELETE and an inserted row', async () => {
    const s = await testApp();
    try {
      const acc = await s.factory.account({ roles: ['communityStaff'], territoryId: (await s.factory.tree()).city.id });
      for (let i = 0; i < 3; i++) await s.client().login(acc.username, i === 1 ? 'wrong' : TEST_PASSWORD);
      const clean = await verifyAuditChain(s.db);
      expect(clean.rows).toBeGreaterThanOrEqual(3);
      expect(clean.broken).toEqual([]);
      expect(clean.unchained).toBe(0);

      // A manual UPDATE refused by the trigger...
      await expect(s.database.query(`update audit_log set action = 'x' where id = 2`)).rejects.toThrow(/append-only/);
      await expect(s.database.query(`delete from audit_log where id = 2`)).rejects.toThrow(/append-only/);
      await expect(s.database.query(`truncate audit_log`)).rejects.toThrow(/append-only/);
      // ...and, done anyway by someone who switched the triggers off (a superuser), found by the chain.
      await s.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update audit_log set after = '{"failedLogins":0}'::jsonb where id = 2`);
      });
      expect((await verifyAuditChain(s.db)).broken).toEqual([{ id: 2, reason: 'content' }]);
      await s.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`delete from audit_log where id = 2`);
      });
      expect((await verifyAuditChain(s.db)).broken).toEqual([{ id: 3, reason: 'link' }]);
    } finally {
      await s.close();
    }
  });
});
