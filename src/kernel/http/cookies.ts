import type { FastifyRequest } from 'fastify';
import type { Deps } from './types.js';

export const SESSION_COOKIE = 'gz_session';
export const CSRF_COOKIE = 'gz_csrf';
export const LANG_COOKIE = 'gz_lang';

/** Cookies are `Secure` when COOKIE_SECURE is true, or auto and the request came over https. */
export function secureCookie(deps: Deps, req: FastifyRequest): boolean {
  const mode = deps.config.COOKIE_SECURE;
  return mode === 'true' || (mode === 'auto' && req.protocol === 'https');
}
