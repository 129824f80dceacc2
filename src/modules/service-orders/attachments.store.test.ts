import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../kernel/config.js';
import { sniffType } from './attachments.sniff.js';
import { blobKey, LocalStore, S3Store, sha256Hex, signV4, storeFrom } from './attachments.store.js';

describe('AWS SigV4 signer', () => {
  it('matches the documented S3 example (GET /test.txt with a Range, examplebucket, 20130524)', () => {
    const h = signV4({
      method: 'GET',
      url: 'https://examplebucket.s3.amazonaws.com/test.txt',
      region: 'us-east-1',
      service: 's3',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      headers: { Range: 'bytes=0-9' },
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      date: new Date('2013-05-24T00:00:00Z'),
    });
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(h['x-amz-date']).toBe('20130524T000000Z');
  });
});

describe('content sniffing', () => {
  it('tells types by their bytes', () => {
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffType(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))).toBe('image/png');
    expect(sniffType(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffType(Buffer.from('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic', 'latin1'))).toBe('image/heic');
    expect(sniffType(Buffer.from('\x00\x00\x00\x14ftypmif1\x00\x00\x00\x00mif1', 'latin1'))).toBe('image/heif');
    expect(sniffType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffType(Buffer.from('\x00\x00\x00\x18ftypisom\x00\x00\x00\x00isommp41', 'latin1'))).toBeNull(); // an MP4
    expect(sniffType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffType(Buffer.alloc(0))).toBeNull();
  });
});

describe('stores', () => {
  it('LocalStore keeps bytes under files/ab/cd/<hash>, once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-store-'));
    const store = new LocalStore(dir);
    const bytes = Buffer.from('%PDF-1.4 hello');
    const sha = sha256Hex(bytes);
    expect(await store.get(sha)).toBeNull();
    await store.put(sha, bytes, 'application/pdf');
    await store.put(sha, bytes, 'application/pdf');
    expect(fs.readFileSync(path.join(dir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha)).equals(bytes)).toBe(true);
    expect(await text((await store.get(sha))!)).toBe('%PDF-1.4 hello');
    expect(() => blobKey('../../etc/passwd')).toThrow();
    // Retention removes bytes (decision 035); removing what is not there is a no-op.
    await store.remove(sha);
    expect(await store.get(sha)).toBeNull();
    await store.remove(sha);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('S3Store speaks path-style, signed, to an S3-compatible endpoint', async () => {
    const objects = new Map<string, Buffer>();
    const seen: { method: string; url: string; auth: string }[] = [];
    const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      const headers = new Headers(init?.headers);
      seen.push({ method: init?.method ?? 'GET', url, auth: headers.get('authorization') ?? '' });
      const key = new URL(url).pathname;
      if (init?.method === 'PUT') {
        objects.set(key, Buffer.from(init.body as Buffer));
        return new Response(null, { status: 200 });
      }
      if (init?.method === 'DELETE') {
        objects.delete(key);
        return new Response(null, { status: 204 });
      }
      const got = objects.get(key);
      if (!got) return new Response('<Error><Code>NoSuchKey</Code></Error>', { status: 404 });
      return new Response(init?.method === 'HEAD' ? null : got, { status: 200 });
    }) as typeof fetch;
    const store = new S3Store({
      endpoint: 'http://127.0.0.1:9000/',
      bucket: 'gongzhi',
      region: 'cn-north-1',
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      fetch: fakeFetch,
      now: () => new Date('2026-01-02T03:04:05Z'),
    });
    const bytes = Buffer.from('%PDF-1.4 s3');
    const sha = sha256Hex(bytes);
    expect(await store.get(sha)).toBeNull();
    await store.put(sha, bytes, 'application/pdf');
    await store.put(sha, bytes, 'application/pdf'); // HEAD finds it: no second PUT
    expect(await text((await store.get(sha))!)).toBe('%PDF-1.4 s3');
    expect(seen.filter((s) => s.method === 'PUT')).toHaveLength(1);
    expect(seen[0]!.url).toBe(`http://127.0.0.1:9000/gongzhi/files/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`);
    await store.remove(sha);
    expect(await store.get(sha)).toBeNull();
    expect(seen.filter((s) => s.method === 'DELETE').map((s) => s.url)).toEqual([seen[0]!.url]);
    expect(
      seen.every((s) => s.auth.startsWith('AWS4-HMAC-SHA256 Credential=AK/20260102/cn-north-1/s3/aws4_request,')),
    ).toBe(true);
  });

  it('configuration: local by default, s3 needs its settings', () => {
    const c = loadConfig({ NODE_ENV: 'test' });
    expect(c.FILE_STORE).toBe('local');
    expect(c.FILE_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(storeFrom(c)).toBeInstanceOf(LocalStore);
    expect(() => loadConfig({ NODE_ENV: 'test', FILE_STORE: 's3', S3_BUCKET: 'gongzhi' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'test', FILE_STORE: 's3', S3_BUCKET: 'gongzhi' });
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        'S3_ENDPOINT: required when FILE_STORE=s3',
        'S3_ACCESS_KEY_ID: required when FILE_STORE=s3',
        'S3_SECRET_ACCESS_KEY: required when FILE_STORE=s3',
      ]);
    }
    const s3 = loadConfig({
      NODE_ENV: 'test',
      FILE_STORE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'gongzhi',
      S3_ACCESS_KEY_ID: 'a',
      S3_SECRET_ACCESS_KEY: 'b',
    });
    expect(storeFrom(s3)).toBeInstanceOf(S3Store);
  });
});
