import { t, type Locale } from '../i18n/i18n.js';
import type { FieldError } from './errors.js';

/**
 * C0 control characters (and DEL) have no place in what people type. U+0000 in particular breaks PostgreSQL
 * text (22021) and drivers. Free text in a body may keep tab, line feed and carriage return; query strings and
 * path parameters may not (docs/decisions/016-security-hardening.md).
 */
// eslint-disable-next-line no-control-regex
const CONTROL_STRICT = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Deeper nesting than this is no form anyone fills in; refused before it reaches a validator. */
const MAX_DEPTH = 32;

function walk(value: unknown, path: string, strict: boolean, depth: number, out: string[]): void {
  if (out.length >= 20) return;
  if (typeof value === 'string') {
    if ((strict ? CONTROL_STRICT : CONTROL_TEXT).test(value)) out.push(path);
    return;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return;
  if (depth > MAX_DEPTH) {
    out.push(path);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, path ? `${path}.${i}` : String(i), strict, depth + 1, out));
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const p = path ? `${path}.${k}` : k;
    if (CONTROL_STRICT.test(k)) out.push(p);
    else walk(v, p, strict, depth + 1, out);
  }
}

/** One translated message per field holding a control character (or nested too deep); empty when clean. */
export function controlCharacterFields(
  parts: { body?: unknown; query?: unknown; params?: unknown },
  locale: Locale,
): FieldError[] {
  const bad: string[] = [];
  walk(parts.body, '', false, 0, bad);
  walk(parts.query, 'query', true, 0, bad);
  walk(parts.params, 'params', true, 0, bad);
  const seen = new Set<string>();
  return bad
    .map((p) => p || '(body)')
    .filter((f) => !seen.has(f) && seen.add(f))
    .map((field) => ({ field, message: t(locale, 'validation.controlCharacter') }));
}
