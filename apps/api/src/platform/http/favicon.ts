import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Rumbo's mark: a compass rose on the SPA's blue, its north point in amber (rumbo: a ship's heading).
 * Drawn once here as shapes in a 32×32 box, rendered both as SVG and, for `/favicon.ico`, as PNG
 * images inside an ICO, so the API serves the icon itself (with or without a built SPA) and the SPA's
 * copies in apps/admin/public are this module's output (`node scripts/favicon.mjs`; a test checks).
 */
type Shape =
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string }
  | { kind: 'polygon'; points: ReadonlyArray<readonly [number, number]>; fill: string };

const BLUE = '#1e40af';
const WHITE = '#ffffff';
const AMBER = '#fbbf24';

/** The four points of the rose, meeting on a square of half-side 2.2 around the centre. */
const ROSE: ReadonlyArray<readonly [number, number]> = [
  [16, 3.5],
  [18.2, 13.8],
  [28.5, 16],
  [18.2, 18.2],
  [16, 28.5],
  [13.8, 18.2],
  [3.5, 16],
  [13.8, 13.8],
];

const MARK: readonly Shape[] = [
  { kind: 'circle', cx: 16, cy: 16, r: 15.5, fill: BLUE },
  { kind: 'polygon', points: ROSE, fill: WHITE },
  {
    kind: 'polygon',
    points: [
      [16, 3.5],
      [18.2, 13.8],
      [16, 16],
      [13.8, 13.8],
    ],
    fill: AMBER,
  },
  { kind: 'circle', cx: 16, cy: 16, r: 1.6, fill: BLUE },
];

export function faviconSvg(): string {
  const body = MARK.map((s) =>
    s.kind === 'circle'
      ? `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`
      : `<path fill="${s.fill}" d="M${s.points.map(([x, y]) => `${x} ${y}`).join('L')}Z"/>`,
  ).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><title>Rumbo</title>${body}</svg>\n`;
}

function inside(shape: Shape, x: number, y: number): boolean {
  if (shape.kind === 'circle') return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r ** 2;
  // Even-odd rule: a ray to the right crosses the outline an odd number of times from inside.
  let hit = false;
  const p = shape.points;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
    const [xi, yi] = p[i]!;
    const [xj, yj] = p[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** Renders the mark as straight RGBA rows, each pixel averaged over 4×4 samples (anti-aliasing). */
export function renderMark(size: number): Buffer {
  const samples = 4;
  const scale = 32 / size;
  const colours = MARK.map((s) => rgb(s.fill));
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) * scale;
          const y = (py + (sy + 0.5) / samples) * scale;
          for (let i = MARK.length - 1; i >= 0; i--) {
            if (!inside(MARK[i]!, x, y)) continue;
            const [cr, cg, cb] = colours[i]!;
            r += cr;
            g += cg;
            b += cb;
            covered++;
            break;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (covered > 0) {
        out[o] = Math.round(r / covered);
        out[o + 1] = Math.round(g / covered);
        out[o + 2] = Math.round(b / covered);
      }
      out[o + 3] = Math.round((covered / samples ** 2) * 255);
    }
  }
  return out;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function markPng(size: number): Buffer {
  const rgba = renderMark(size);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  // Each scanline starts with its filter type (0: none).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO holding PNG images (read by every current browser), one per size. */
export function faviconIco(sizes: readonly number[] = [16, 32, 48]): Buffer {
  const images = sizes.map((size) => markPng(size));
  const directory = Buffer.alloc(6 + 16 * images.length);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2); // 1: icon
  directory.writeUInt16LE(images.length, 4);
  let offset = directory.length;
  images.forEach((png, i) => {
    const entry = 6 + 16 * i;
    directory[entry] = sizes[i]! % 256; // 0 stands for 256
    directory[entry + 1] = sizes[i]! % 256;
    directory.writeUInt16LE(1, entry + 4); // colour planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(png.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([directory, ...images]);
}

/** Browsers ask for the icon on every page of a new tab: a day in cache, then revalidated by ETag. */
const CACHE_CONTROL = 'public, max-age=86400';

/**
 * `GET /favicon.ico` and `GET /favicon.svg`, served by the API whether or not the SPA is built (an
 * API-only deployment, or Swagger UI, still gets its icon instead of a 404).
 */
export function registerFavicon(fastify: FastifyInstance): void {
  const files = [
    { path: '/favicon.ico', type: 'image/x-icon', body: faviconIco() },
    { path: '/favicon.svg', type: 'image/svg+xml', body: Buffer.from(faviconSvg()) },
  ];
  for (const file of files) {
    const etag = `"${createHash('sha256').update(file.body).digest('base64url').slice(0, 22)}"`;
    fastify.get(file.path, (request: FastifyRequest, reply: FastifyReply) => {
      void reply.header('Cache-Control', CACHE_CONTROL).header('ETag', etag);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(file.type).send(file.body);
    });
  }
}
