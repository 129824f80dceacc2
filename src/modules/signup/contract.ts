import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import { TERRITORY_LEVELS } from '../../kernel/territory-levels.js';
import { PhoneNumber } from '../people/contract.js';
import { SIGNUP_STATUSES } from './constants.js';

export { IdParam } from '../people/contract.js';

export const SignupStatus = z.enum(SIGNUP_STATUSES);

export const CodeRequest = z.object({ phone: PhoneNumber });
export const CodeSent = z.object({ expiresInSeconds: z.number().int(), resendInSeconds: z.number().int() });

export const VerifyRequest = z.object({
  phone: PhoneNumber,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: 'signup.codeFormat' }),
  password: z.string().min(1).max(256),
  name: z.string().trim().min(1).max(32),
  /** Consent to the privacy notice and user agreement (/m/privacy); sign-up without it is refused. */
  consent: z
    .boolean()
    .optional()
    .refine((v) => v === true, { message: 'signup.consentRequired' }),
});
export const Ticket = z.object({ ticket: z.string(), expiresAt: z.date() });

export const CompleteRequest = z.object({
  ticket: z.string().min(10).max(100),
  phone: PhoneNumber,
  householdId: z.number().int().positive().max(2_147_483_647),
});
export const ChooseHousehold = z.object({ householdId: z.number().int().positive().max(2_147_483_647) });

/** A place as the public lookups show it: names only. */
export const Place = z.object({ id: z.number().int(), name: z.string(), level: z.enum(TERRITORY_LEVELS) });
export const CommunityHit = Place.extend({ area: z.string() });
export const CommunityQuery = z.object({ q: z.string().trim().min(1).max(32) });

export const MySignup = z.object({
  id: z.number().int(),
  status: SignupStatus,
  household: z.object({ id: z.number().int(), address: z.string() }),
  reason: z.string().nullable(),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
  /** The notice version consented to and when (null for sign-ups older than the consent step). */
  consent: z.object({ version: z.string(), at: z.date() }).nullable(),
});
export type MySignup = z.infer<typeof MySignup>;

export const SignupRequest = MySignup.extend({
  name: z.string(),
  /** Masked like everywhere (139****5678). */
  phone: z.string(),
  /** Who confirmed or rejected it. */
  decidedBy: z.string().nullable(),
});
export type SignupRequest = z.infer<typeof SignupRequest>;

export const RequestListQuery = PageQuery.extend({
  status: SignupStatus.optional(),
  q: z.string().trim().max(32).optional(),
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;
export const RejectBody = z.object({ reason: z.string().trim().min(1).max(200) });
