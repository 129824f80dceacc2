import { hash, verify } from '@node-rs/argon2';
import type { FieldError } from '../http/errors.js';
import { t, type Locale } from '../i18n/i18n.js';

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes). Inside the test runner (vitest sets VITEST) the
// lowest cost argon2 allows: the suite hashes thousands of passwords and checks behaviour, not strength (decision
// 043). A hash carries its own parameters, so verifying works whatever cost made it.
const ARGON = process.env.VITEST
  ? ({ memoryCost: 1024, timeCost: 1, parallelism: 1 } as const)
  : ({ memoryCost: 19456, timeCost: 2, parallelism: 1 } as const);

export const hashPassword = (password: string) => hash(password, ARGON);

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A hash of nothing, so a login for an unknown user costs the same time as a real one. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('gongzhi-timing-equaliser'));

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

/** Checks the password policy (length, character classes, not the username); returns field errors. */
export function checkPasswordPolicy(
  password: string,
  policy: PasswordPolicy,
  locale: Locale,
  opts: { username?: string; field?: string } = {},
): FieldError[] {
  const field = opts.field ?? 'newPassword';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if ([...password].length < policy.minLength)
    return [{ field, message: t(locale, 'password.tooShort', { min: policy.minLength }) }];
  if (classes < policy.minClasses)
    return [{ field, message: t(locale, 'password.classes', { min: policy.minClasses }) }];
  if (opts.username && opts.username.length >= 3 && password.toLowerCase().includes(opts.username.toLowerCase()))
    return [{ field, message: t(locale, 'password.containsUsername') }];
  return [];
}
