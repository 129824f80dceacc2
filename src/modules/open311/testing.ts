import type { InjectOptions } from 'fastify';
import type { TestApp } from '../../test/app.js';

/** A GeoReport v2 client: no cookie, no CSRF header, just the api_key (as an outside system calls it). */
export function geoClient(t: TestApp) {
  const call = async (method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
    const opts: InjectOptions = { method, url };
    if (form) {
      opts.payload = new URLSearchParams(form).toString();
      opts.headers = { 'content-type': 'application/x-www-form-urlencoded' };
    }
    const res = await t.app.inject(opts);
    let json: unknown = null;
    if (String(res.headers['content-type']).startsWith('application/json')) json = JSON.parse(res.body);
    return { status: res.statusCode, body: res.body, json: json as any, type: String(res.headers['content-type']) };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, form: Record<string, string>) => call('POST', url, form),
  };
}

/** The text of every `<name>` element of an XML document, in order (enough to read the spec's flat answers). */
export function xmlTexts(xml: string, name: string): string[] {
  const re = new RegExp(`<${name}>([^<]*)</${name}>|<${name}/>`, 'g');
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(re)].map((m) => unescape(m[1] ?? ''));
}
