import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { Body, Controller, Get, Module, Post, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsString, MinLength } from 'class-validator';
import { Public } from '../src/platform/auth/auth.decorators';
import { COMPRESSION_THRESHOLD } from '../src/platform/http/compression';
import { faviconIco, faviconSvg, renderMark } from '../src/platform/http/favicon';
import { createTestApp, type TestApp } from './helpers/test-app';

class ManyFieldsDto {
  @IsString() @MinLength(40) alpha!: string;
  @IsString() @MinLength(40) bravo!: string;
  @IsString() @MinLength(40) charlie!: string;
  @IsString() @MinLength(40) delta!: string;
  @IsString() @MinLength(40) echo!: string;
  @IsString() @MinLength(40) foxtrot!: string;
  @IsString() @MinLength(40) golf!: string;
  @IsString() @MinLength(40) hotel!: string;
}

const ROWS = Array.from({ length: 80 }, (_, i) => ({ id: i + 1, name: `Municipio ${i + 1}`, population: 1000 * (i + 1) }));
const CSV = ['id;name;population', ...ROWS.map((r) => `${r.id};${r.name};${r.population}`)].join('\n') + '\n';

/** Test-only routes: a large and a small JSON answer, a streamed CSV, a large validation problem. */
@ApiExcludeController()
@Public()
@Controller('v1/test-compression')
class CompressionProbeController {
  @Get('large')
  large(): { data: typeof ROWS } {
    return { data: ROWS };
  }

  @Get('small')
  small(): { ok: true } {
    return { ok: true };
  }

  @Get('csv')
  csv(): StreamableFile {
    // In chunks, as an export streams its rows.
    const lines = CSV.split(/(?<=\n)/);
    return new StreamableFile(Readable.from(lines), { type: 'text/csv; charset=utf-8' });
  }

  @Post('validate')
  validate(@Body() body: ManyFieldsDto): ManyFieldsDto {
    return body;
  }
}

@Module({ controllers: [CompressionProbeController] })
class CompressionProbeModule {}

function decode(encoding: string | undefined, body: Buffer): Buffer {
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'gzip') return gunzipSync(body);
  return body;
}

describe('response compression and the favicon', () => {
  let t: TestApp;
  let bare: TestApp;
  let spaDir: string;
  /** A hashed asset as the SPA build leaves it: the file and its precompressed variants. */
  const asset = Buffer.from(`export const rows = ${JSON.stringify(ROWS)};\n`.repeat(4));
  const assetBr = brotliCompressSync(asset, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  const assetGz = gzipSync(asset, { level: 9 });
  const woff2 = Buffer.alloc(4096, 7);

  interface Raw {
    statusCode: number;
    headers: IncomingHttpHeaders;
    /** The bytes as they came over the wire, not decoded. */
    rawPayload: Buffer;
    body: string;
    json(): unknown;
  }

  /** A request over a real socket, keeping the body exactly as sent (supertest would inflate it). */
  const inject = async (
    app: TestApp,
    url: string,
    headers: Record<string, string> = {},
    method: 'GET' | 'POST' = 'GET',
    payload?: object,
  ) => {
    const server = app.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const body = payload ? JSON.stringify(payload) : undefined;
    return new Promise<Raw>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: url, method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const rawPayload = Buffer.concat(chunks);
            resolve({
              statusCode: res.statusCode ?? 0,
              headers: res.headers,
              rawPayload,
              body: rawPayload.toString('utf8'),
              json: () => JSON.parse(rawPayload.toString('utf8')),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };

  beforeAll(async () => {
    spaDir = mkdtempSync(join(tmpdir(), 'rumbo-spa-'));
    mkdirSync(join(spaDir, 'assets'));
    writeFileSync(join(spaDir, 'index.html'), '<!doctype html><html><body><div id="app"></div></body></html>');
    writeFileSync(join(spaDir, 'assets', 'rows-a1b2c3.js'), asset);
    writeFileSync(join(spaDir, 'assets', 'rows-a1b2c3.js.br'), assetBr);
    writeFileSync(join(spaDir, 'assets', 'rows-a1b2c3.js.gz'), assetGz);
    writeFileSync(join(spaDir, 'assets', 'font-d4e5f6.woff2'), woff2);
    // The build copies the icon from apps/admin/public: the API's own route must still win, not clash.
    writeFileSync(join(spaDir, 'favicon.ico'), faviconIco());
    t = await createTestApp({ ADMIN_DIST_DIR: spaDir }, [CompressionProbeModule]);
    bare = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
    await bare?.close();
    rmSync(spaDir, { recursive: true, force: true });
  });

  describe('JSON answers', () => {
    it.each(['br', 'gzip'])('come %s-encoded when asked, and decode to the same JSON', async (encoding) => {
      const plain = await inject(t, '/v1/test-compression/large');
      expect(plain.rawPayload.length).toBeGreaterThan(COMPRESSION_THRESHOLD);
      const res = await inject(t, '/v1/test-compression/large', { 'accept-encoding': encoding });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['vary']).toMatch(/accept-encoding/i);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(JSON.parse(decode(encoding, res.rawPayload).toString('utf8'))).toEqual({ data: ROWS });
    });

    it('go out plain when the client does not ask, still saying they vary on Accept-Encoding', async () => {
      const res = await inject(t, '/v1/test-compression/large');
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['vary']).toMatch(/accept-encoding/i);
      expect(res.json()).toEqual({ data: ROWS });
    });

    it.each([
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['br;q=0.2, gzip;q=0.8', 'gzip'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0, gzip', 'gzip'],
      ['*', 'gzip'],
      ['deflate', undefined],
      ['identity', undefined],
      ['gzip;q=0, br;q=0', undefined],
    ])('follow q-values: Accept-Encoding %p → %p', async (accept, expected) => {
      const res = await inject(t, '/v1/test-compression/large', { 'accept-encoding': accept });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(expected);
      expect(JSON.parse(decode(expected, res.rawPayload).toString('utf8'))).toEqual({ data: ROWS });
    });

    it('leave a small answer uncompressed', async () => {
      const res = await inject(t, '/v1/test-compression/small', { 'accept-encoding': 'br, gzip' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.json()).toEqual({ ok: true });
      const live = await inject(t, '/health/live', { 'accept-encoding': 'br, gzip' });
      expect(live.headers['content-encoding']).toBeUndefined();
    });
  });

  it('compresses a large problem+json and keeps it a problem', async () => {
    const res = await inject(t, '/v1/test-compression/validate', { 'accept-encoding': 'gzip', 'accept-language': 'en' }, 'POST', {});
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['content-encoding']).toBe('gzip');
    const problem = JSON.parse(gunzipSync(res.rawPayload).toString('utf8'));
    expect(problem).toMatchObject({
      status: 400,
      type: expect.stringMatching(/^urn:rumbo:problem:/),
      requestId: res.headers['x-request-id'],
    });
    expect(new Set(problem.errors.map((e: { path: string }) => e.path)).size).toBe(8);
    const plain = await inject(t, '/v1/test-compression/validate', { 'accept-language': 'en' }, 'POST', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect((plain.json() as { errors: unknown }).errors).toEqual(problem.errors);
  });

  it('compresses a streamed CSV on the fly and it decodes to every row', async () => {
    const plain = await inject(t, '/v1/test-compression/csv');
    expect(plain.body).toBe(CSV);
    for (const encoding of ['br', 'gzip']) {
      const res = await inject(t, '/v1/test-compression/csv', { 'accept-encoding': encoding });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(decode(encoding, res.rawPayload).toString('utf8')).toBe(CSV);
    }
  });

  describe('SPA assets', () => {
    it.each([
      ['br', assetBr],
      ['gzip', assetGz],
    ])('serve the build-time %s file of a hashed asset, not a per-request compression', async (encoding, file) => {
      const res = await inject(t, '/assets/rows-a1b2c3.js', { 'accept-encoding': encoding });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['vary']).toMatch(/accept-encoding/i);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.rawPayload.equals(file)).toBe(true);
    });

    it('serves the plain asset to a client that accepts no compression', async () => {
      const res = await inject(t, '/assets/rows-a1b2c3.js');
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.rawPayload.equals(asset)).toBe(true);
    });

    it('does not route the precompressed files themselves', async () => {
      expect((await inject(t, '/assets/rows-a1b2c3.js.br')).statusCode).toBe(404);
    });

    it('never compresses a type that is compressed already', async () => {
      const res = await inject(t, '/assets/font-d4e5f6.woff2', { 'accept-encoding': 'br, gzip' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.rawPayload.equals(woff2)).toBe(true);
    });
  });

  describe('favicon', () => {
    it.each([
      ['with the SPA built', () => t],
      ['with the API alone', () => bare],
    ])('is served %s, cached and revalidated', async (_label, app) => {
      const res = await inject(app(), '/favicon.ico');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/x-icon');
      expect(res.headers['cache-control']).toBe('public, max-age=86400');
      expect(res.rawPayload.equals(faviconIco())).toBe(true);
      const again = await inject(app(), '/favicon.ico', { 'if-none-match': String(res.headers['etag']) });
      expect(again.statusCode).toBe(304);
      const svg = await inject(app(), '/favicon.svg');
      expect(svg.statusCode).toBe(200);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(svg.body).toBe(faviconSvg());
    });

    it('is an ICO of PNG images at 16, 32 and 48 px', () => {
      const ico = faviconIco();
      expect(ico.readUInt16LE(2)).toBe(1);
      const count = ico.readUInt16LE(4);
      const sizes: number[] = [];
      for (let i = 0; i < count; i++) {
        const entry = 6 + 16 * i;
        sizes.push(ico[entry]!);
        const offset = ico.readUInt32LE(entry + 12);
        const length = ico.readUInt32LE(entry + 8);
        expect(ico.subarray(offset, offset + 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
        expect(offset + length).toBeLessThanOrEqual(ico.length);
      }
      expect(sizes).toEqual([16, 32, 48]);
    });

    it('draws the mark: a blue disc, an amber north point, transparent corners', () => {
      const size = 32;
      const px = (x: number, y: number) => [...renderMark(size).subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
      expect(px(0, 0)[3]).toBe(0);
      expect(px(15, 10)).toEqual([0xfb, 0xbf, 0x24, 255]);
      expect(px(15, 20)).toEqual([0xff, 0xff, 0xff, 255]);
      expect(px(4, 8)).toEqual([0x1e, 0x40, 0xaf, 255]);
    });

    it("matches the SPA's copies in apps/admin/public (node scripts/favicon.mjs writes them)", () => {
      const publicDir = join(__dirname, '../../admin/public');
      expect(readFileSync(join(publicDir, 'favicon.svg'), 'utf8')).toBe(faviconSvg());
      expect(readFileSync(join(publicDir, 'favicon.ico')).equals(faviconIco())).toBe(true);
    });
  });
});
