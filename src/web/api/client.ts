import { i18n } from '../i18n';
import type { ErrorBody, FieldError } from './types';

/** An error answered by the API (or a network failure, code `network`), with its translated message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

const CSRF_COOKIE = 'gz_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** 401s on these paths are answers (wrong password, not signed in yet), not an expired session. */
const NO_REDIRECT_PATHS = ['/api/auth/me', '/api/auth/login'];
const ANSWER_CODES = new Set(['auth.invalidCredentials', 'auth.totpRequired', 'auth.totpInvalid']);

let onUnauthorized: (() => void) | undefined;
let onPasswordChangeRequired: (() => void) | undefined;

/** The app decides where an expired session goes (the login page) and what to clear. */
export function setAuthHandlers(handlers: { unauthorized: () => void; passwordChangeRequired: () => void }) {
  onUnauthorized = handlers.unauthorized;
  onPasswordChangeRequired = handlers.passwordChangeRequired;
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

let csrfInFlight: Promise<string> | undefined;

/** The double-submit token: the `gz_csrf` cookie, fetched from `/api/auth/csrf` when the cookie is missing. */
async function csrfToken(refresh = false): Promise<string> {
  const cookie = readCookie(CSRF_COOKIE);
  if (cookie && !refresh) return cookie;
  csrfInFlight ??= fetch('/api/auth/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(async (res) => {
      const body: unknown = await res.json().catch(() => null);
      const token =
        body && typeof body === 'object' && 'csrfToken' in body && typeof body.csrfToken === 'string'
          ? body.csrfToken
          : readCookie(CSRF_COOKIE);
      if (!token) throw new ApiError(res.status, 'auth.csrf', res.statusText);
      return token;
    })
    .finally(() => {
      csrfInFlight = undefined;
    });
  return csrfInFlight;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function toErrorBody(value: unknown): ErrorBody | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (!('code' in value) || typeof value.code !== 'string') return undefined;
  if (!('message' in value) || typeof value.message !== 'string') return undefined;
  const fields: FieldError[] = [];
  if ('fields' in value && Array.isArray(value.fields)) {
    for (const f of value.fields as unknown[]) {
      if (f && typeof f === 'object' && 'field' in f && 'message' in f) {
        if (typeof f.field === 'string' && typeof f.message === 'string') {
          fields.push({ field: f.field, message: f.message });
        }
      }
    }
  }
  return {
    code: value.code,
    message: value.message,
    fields,
    requestId: 'requestId' in value && typeof value.requestId === 'string' ? value.requestId : undefined,
  };
}

async function send(method: string, path: string, opts: RequestOptions, retried: boolean): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body (file uploads) is sent as multipart: the browser sets the content type with its boundary.
  const form = typeof FormData !== 'undefined' && opts.body instanceof FormData;
  if (opts.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method)) headers['x-csrf-token'] = await csrfToken(retried);
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : form ? (opts.body as FormData) : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', i18n.t(navigator.onLine ? 'error.network' : 'error.offline'));
  }
  return res;
}

/** One call to the API. Resolves with the parsed JSON body (undefined for 204); rejects with ApiError. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts, false);
  if (res.status === 403 && UNSAFE.has(method)) {
    // A stale token (new session, cleared cookie) is worth one retry with a fresh one.
    const body = toErrorBody(
      await res
        .clone()
        .json()
        .catch(() => null),
    );
    if (body?.code === 'auth.csrf') res = await send(method, path, opts, true);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    const body = toErrorBody(parsed);
    const err = new ApiError(
      res.status,
      body?.code ?? (res.status >= 500 ? 'internal' : 'http'),
      body?.message ?? `${res.status} ${res.statusText}`,
      body?.fields ?? [],
      body?.requestId,
    );
    if (res.status === 401 && !NO_REDIRECT_PATHS.includes(path) && !ANSWER_CODES.has(err.code)) {
      onUnauthorized?.();
    } else if (res.status === 403 && err.code === 'auth.passwordChangeRequired') {
      onPasswordChangeRequired?.();
    }
    throw err;
  }
  // The one typed boundary of the console: the server validates replies against the shared contracts.
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T = void>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
