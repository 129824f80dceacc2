import { createHash, createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Config } from '../../kernel/config.js';

/**
 * Where the bytes of order attachments live, addressed by their sha256: `files/ab/cd/<hash>`. Two drivers:
 * LocalStore (DATA_DIR/files, the default) and S3Store (any S3-compatible store, path-style, FILE_STORE=s3).
 */
export interface FileStore {
  /** Stores the bytes under their hash; storing the same bytes again is a no-op. */
  put(sha256: string, bytes: Buffer, mime: string): Promise<void>;
  /** The bytes as a stream, or null when the store does not have them. */
  get(sha256: string): Promise<Readable | null>;
  /** Removes the bytes (retention, decision 035); removing bytes the store does not have is a no-op. */
  remove(sha256: string): Promise<void>;
}

const HASH = /^[0-9a-f]{64}$/;
/** The key of a blob: files/ab/cd/<hash> (two levels of fan-out keep folders small). */
export function blobKey(sha256: string): string {
  if (!HASH.test(sha256)) throw new Error('not a sha256 hex digest');
  return `files/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

export const sha256Hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

export class LocalStore implements FileStore {
  constructor(private readonly dataDir: string) {}

  private file(sha256: string) {
    return path.join(this.dataDir, ...blobKey(sha256).split('/'));
  }

  async put(sha256: string, bytes: Buffer, _mime?: string): Promise<void> {
    const file = this.file(sha256);
    try {
      await fs.access(file);
      return; // content-addressed: already there
    } catch {
      /* not yet stored */
    }
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write aside, then rename: a reader never sees half a file, and two writers of the same bytes both succeed.
    const tmp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  }

  async get(sha256: string): Promise<Readable | null> {
    const file = this.file(sha256);
    try {
      await fs.access(file);
    } catch {
      return null;
    }
    return createReadStream(file);
  }

  async remove(sha256: string): Promise<void> {
    try {
      await fs.unlink(this.file(sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// AWS Signature Version 4 (the signing every S3-compatible store accepts), with node:crypto only.
// ---------------------------------------------------------------------------------------------------------------

export interface SignInput {
  method: string;
  url: string;
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Headers to sign besides host, x-amz-date and x-amz-content-sha256 (which are added). */
  headers?: Record<string, string>;
  /** Hex sha256 of the body (or UNSIGNED-PAYLOAD). */
  payloadHash: string;
  date: Date;
}

/** RFC 3986 encoding as SigV4 wants it (unreserved characters kept; '/' kept in paths). */
function uriEncode(s: string, keepSlash: boolean): string {
  const e = encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlash ? e.replace(/%2F/g, '/') : e;
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** Signs a request with AWS SigV4; returns the headers to send (the given ones plus the signing headers). */
export function signV4(input: SignInput): Record<string, string> {
  const url = new URL(input.url);
  const amzDate = input.date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    host: url.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': input.payloadHash,
  };
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${headers[n]!.trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalPath = uriEncode(decodeURIComponent(url.pathname), true) || '/';
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalPath,
    query,
    canonicalHeaders,
    signedHeaders,
    input.payloadHash,
  ].join('\n');
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), input.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`,
  };
}

export interface S3Options {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** For tests: a stand-in for the global fetch. */
  fetch?: typeof fetch;
  now?: () => Date;
}

/** An S3-compatible store (AWS S3, MinIO, Ceph, OSS/COS in S3 mode), addressed path-style: endpoint/bucket/key. */
export class S3Store implements FileStore {
  private readonly fetch: typeof fetch;
  constructor(private readonly o: S3Options) {
    this.fetch = o.fetch ?? fetch;
  }

  private url(sha256: string) {
    return `${this.o.endpoint.replace(/\/+$/, '')}/${this.o.bucket}/${blobKey(sha256)}`;
  }

  private sign(method: string, url: string, payloadHash: string, headers: Record<string, string> = {}) {
    return signV4({
      method,
      url,
      region: this.o.region,
      service: 's3',
      accessKeyId: this.o.accessKeyId,
      secretAccessKey: this.o.secretAccessKey,
      headers,
      payloadHash,
      date: (this.o.now ?? (() => new Date()))(),
    });
  }

  async put(sha256: string, bytes: Buffer, mime: string): Promise<void> {
    const url = this.url(sha256);
    const head = await this.fetch(url, { method: 'HEAD', headers: this.sign('HEAD', url, sha256Hex('')) });
    if (head.ok) return;
    const res = await this.fetch(url, {
      method: 'PUT',
      headers: this.sign('PUT', url, sha256, { 'content-type': mime }),
      body: new Uint8Array(bytes),
    });
    if (!res.ok) throw new Error(`S3 PUT ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }

  async get(sha256: string): Promise<Readable | null> {
    const url = this.url(sha256);
    const res = await this.fetch(url, { method: 'GET', headers: this.sign('GET', url, sha256Hex('')) });
    if (res.status === 404) return null;
    if (!res.ok || !res.body) throw new Error(`S3 GET ${url} answered ${res.status}`);
    return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  }

  async remove(sha256: string): Promise<void> {
    const url = this.url(sha256);
    const res = await this.fetch(url, { method: 'DELETE', headers: this.sign('DELETE', url, sha256Hex('')) });
    // S3 answers 204 whether or not the key existed; some compatible stores answer 404 for a missing key.
    if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${url} answered ${res.status}`);
  }
}

/** The store the configuration names (FILE_STORE; loadConfig has checked the S3 settings). */
export function storeFrom(config: Config): FileStore {
  if (config.FILE_STORE === 's3') {
    return new S3Store({
      endpoint: config.S3_ENDPOINT!,
      bucket: config.S3_BUCKET!,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID!,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
    });
  }
  return new LocalStore(path.resolve(config.DATA_DIR));
}
