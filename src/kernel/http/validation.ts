import type { FastifySchemaValidationError } from 'fastify';
import { t, type Locale } from '../i18n/i18n.js';
import type { FieldError } from './errors.js';

/** The parts of a zod issue the translation reads (zod issues and fastify's copies of them both fit). */
export interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
  values?: readonly unknown[];
  keys?: readonly string[];
  params?: Record<string, unknown>;
}

/** Rebuilds the zod issue from fastify-type-provider-zod's validation error entry. */
export function issueOfFastify(v: FastifySchemaValidationError): Issue {
  const p = v.params as Record<string, unknown>;
  return {
    ...p,
    code: v.keyword,
    message: v.message ?? '',
    path: v.instancePath.split('/').filter(Boolean),
  };
}

/** Turns zod issues into one translated message per bad field, in the user's language. */
export function translateIssues(issues: readonly Issue[], locale: Locale, prefix = ''): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of issues) {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)';
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: messageOf(issue, locale) });
  }
  return out;
}

function messageOf(issue: Issue, locale: Locale): string {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message) || /received null/.test(issue.message)
        ? t(locale, 'validation.required')
        : t(locale, 'validation.type');
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return t(locale, min <= 1 ? 'validation.required' : 'validation.tooShort', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return t(locale, 'validation.tooFewItems', { min });
      return t(locale, 'validation.tooSmall', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t(locale, 'validation.tooLong', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return t(locale, 'validation.tooManyItems', { max });
      return t(locale, 'validation.tooBig', { max });
    }
    case 'invalid_format':
      return t(locale, 'validation.format');
    case 'invalid_value':
      return t(locale, 'validation.oneOf', {
        values: (issue.values ?? []).map(String).join(locale === 'zh-CN' ? '、' : ', '),
      });
    case 'unrecognized_keys':
      return t(locale, 'validation.unknownKeys', { keys: (issue.keys ?? []).join(', ') });
    case 'custom':
      // Custom refinements carry a message key; translate it.
      return t(locale, issue.message, (issue.params ?? {}) as Record<string, string | number>);
    default:
      return t(locale, 'validation.invalid');
  }
}
