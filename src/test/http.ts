import type { InjectOptions } from 'fastify';
import type { App } from '../kernel/http/types.js';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** A browser-like client for `app.inject`: keeps cookies, sends the CSRF header, speaks a chosen language. */
export class Client {
  cookies = new Map<string, string>();
  constructor(
    private readonly app: App,
    public lang?: 'zh-CN' | 'en-US',
  ) {}

  async request<T = any>(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    opts: { csrf?: boolean | string } = {},
  ): Promise<Res<T>> {
    const unsafe = method !== 'GET' && method !== 'HEAD';
    if (unsafe && !this.cookies.has('gz_csrf') && opts.csrf !== false) await this.get('/api/auth/csrf');
    const headers: Record<string, string> = {};
    if (this.lang) headers['accept-language'] = this.lang;
    if (unsafe && opts.csrf !== false)
      headers['x-csrf-token'] = typeof opts.csrf === 'string' ? opts.csrf : (this.cookies.get('gz_csrf') ?? '');
    const res = await this.app.inject({
      method,
      url,
      headers: { ...headers, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0;
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const text = res.body;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }

  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body ?? {});
  }
  patch<T = any>(url: string, body: unknown) {
    return this.request<T>('PATCH', url, body);
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }

  async login(username: string, password: string, totpCode?: string) {
    return this.post('/api/auth/login', { username, password, ...(totpCode ? { totpCode } : {}) });
  }
}
