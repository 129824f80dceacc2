/** Stable error codes. Modules say *why* with a message key (`reason`), the kernel decides the HTTP status. */
export type ErrorCode =
  | 'validation'
  | 'auth.required'
  | 'auth.invalidCredentials'
  | 'auth.totpRequired'
  | 'auth.totpInvalid'
  | 'auth.passwordChangeRequired'
  | 'auth.passwordPolicy'
  | 'auth.csrf'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'rateLimited'
  | 'payloadTooLarge'
  | 'unsupportedMediaType'
  | 'internal';

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Message key for the translated message; defaults to `error.<code>`. */
    readonly reason?: string,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(reason ?? code);
    this.name = 'AppError';
  }
}

export const notFound = (reason?: string) => new AppError('notFound', reason);
export const conflict = (reason: string, params?: Record<string, string | number>) =>
  new AppError('conflict', reason, params);
export const forbidden = (reason?: string) => new AppError('forbidden', reason);

/** One mapping from code to HTTP status; a code without a case fails to compile. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'validation':
    case 'auth.passwordPolicy':
      return 400;
    case 'auth.required':
    case 'auth.invalidCredentials':
    case 'auth.totpRequired':
    case 'auth.totpInvalid':
      return 401;
    case 'auth.passwordChangeRequired':
    case 'auth.csrf':
    case 'forbidden':
      return 403;
    case 'notFound':
      return 404;
    case 'conflict':
      return 409;
    case 'payloadTooLarge':
      return 413;
    case 'unsupportedMediaType':
      return 415;
    case 'rateLimited':
      return 429;
    case 'internal':
      return 500;
    default: {
      const unmapped: never = code;
      return unmapped;
    }
  }
}
