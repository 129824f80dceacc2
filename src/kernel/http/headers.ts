import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

/**
 * Security headers on every answer (docs/decisions/016-security-hardening.md). No inline or foreign script; styles
 * may be inline because antd writes CSS-in-JS at run time; images from data:/blob: for previews and the favicon.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function setSecurityHeaders(req: FastifyRequest, reply: FastifyReply): void {
  const docs = req.url.startsWith('/api/docs');
  // Swagger UI (its own static page) brings its own CSP; everything else gets ours.
  if (!docs || !reply.hasHeader('content-security-policy'))
    reply.header(
      'content-security-policy',
      docs
        ? CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        : CONTENT_SECURITY_POLICY,
    );
  reply.header('x-frame-options', 'DENY');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(self), geolocation=(self), microphone=()');
  if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  // Answers of the API carry personal data and per-account state: never stored by a browser or a proxy.
  if (req.url.startsWith('/api/') && !docs) {
    reply.header('cache-control', 'no-store');
    reply.header('pragma', 'no-cache');
  }
}

/** The origin a request names (Origin header, else the Referer's origin), or null when it names none. */
export function claimedOrigin(req: FastifyRequest): string | null {
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== '') return origin.toLowerCase();
  const referer = req.headers.referer;
  if (typeof referer === 'string' && referer !== '') {
    try {
      return new URL(referer).origin.toLowerCase();
    } catch {
      return 'invalid';
    }
  }
  return null;
}

/** True when a state-changing request came from the app's own origin, an allowed one, or names none. */
export function originAllowed(req: FastifyRequest, config: Pick<Config, 'allowedOrigins'>): boolean {
  const claimed = claimedOrigin(req);
  if (claimed === null) return true; // non-browser clients; the CSRF token still applies
  const own = `${req.protocol}://${req.host}`.toLowerCase();
  return claimed === own || config.allowedOrigins.includes(claimed);
}
