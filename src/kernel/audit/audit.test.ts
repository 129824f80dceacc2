import { describe, expect, it } from 'vitest';
import { maskForAudit, maskIdNumber, maskPhone } from './audit.js';

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
