export const SIGNUP_STATUSES = ['linked', 'pending', 'confirmed', 'rejected'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/** Limits of the one-time code (issue 5 item 8). */
export const CODE_TTL_MS = 5 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;
export const TICKET_TTL_MS = 30 * 60_000;
/** Sends per phone: one a minute, five an hour; per IP: thirty an hour (many phones share carrier NAT). */
export const PHONE_PER_MINUTE = 1;
export const PHONE_PER_HOUR = 5;
export const IP_PER_HOUR = 30;

/**
 * The version of the privacy notice 隐私政策 and user agreement 用户协议 shown at /m/privacy (issue 10 point 21).
 * Bump it when either text changes; each sign-up stores the version it consented to and when.
 */
export const CONSENT_VERSION = '2026-12-07';
