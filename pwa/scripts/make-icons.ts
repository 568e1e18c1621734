/**
 * Draws the app icons (a white bell on teal) without an image library: `npx tsx pwa/scripts/make-icons.ts`.
 * The PNGs are committed; run this again only to change them.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const TEAL = [0x0f, 0x76, 0x6e] as const;
const WHITE = [0xff, 0xff, 0xff] as const;
const SUBSAMPLES = 4;

type Shape = (x: number, y: number) => boolean;

/** The bell in unit coordinates around (0.5, 0.5); `scale` shrinks it towards the centre. */
function bell(scale: number): Shape {
  return (px, py) => {
    const x = (px - 0.5) / scale + 0.5;
    const y = (py - 0.5) / scale + 0.5;
    const dx = x - 0.5;
    if (Math.hypot(dx, y - 0.2) <= 0.045) return true; // handle
    if (y <= 0.42) return Math.hypot(dx, y - 0.42) <= 0.2; // dome
    if (y <= 0.64) return Math.abs(dx) <= 0.2 + ((y - 0.42) / 0.22) * 0.07; // flaring body
    if (y <= 0.69) return Math.abs(dx) <= 0.3; // rim
    return Math.hypot(dx, y - 0.75) <= 0.06; // clapper
  };
}

function roundedSquare(radius: number): Shape {
  return (x, y) => {
    const cx = Math.min(Math.max(x, radius), 1 - radius);
    const cy = Math.min(Math.max(y, radius), 1 - radius);
    return Math.hypot(x - cx, y - cy) <= radius;
  };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA PNG; each pixel averages SUBSAMPLES² samples, which anti-aliases the edges. */
function render(size: number, background: Shape, foreground: Shape): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const rowStart = y * (size * 4 + 1);
    for (let x = 0; x < size; x++) {
      let covered = 0;
      let white = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const u = (x + (sx + 0.5) / SUBSAMPLES) / size;
          const v = (y + (sy + 0.5) / SUBSAMPLES) / size;
          if (!background(u, v)) continue;
          covered++;
          if (foreground(u, v)) white++;
        }
      }
      const offset = rowStart + 1 + x * 4;
      const share = covered === 0 ? 0 : white / covered;
      for (let channel = 0; channel < 3; channel++) {
        rows[offset + channel] = Math.round(TEAL[channel]! + (WHITE[channel]! - TEAL[channel]!) * share);
      }
      rows[offset + 3] = Math.round((covered / SUBSAMPLES ** 2) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outDir = new URL('../public/icons/', import.meta.url);
const fullBleed: Shape = () => true;

writeFileSync(new URL('icon-192.png', outDir), render(192, roundedSquare(0.2), bell(1)));
writeFileSync(new URL('icon-512.png', outDir), render(512, roundedSquare(0.2), bell(1)));
// Maskable: the background fills the square and the bell stays inside the central safe circle (r = 0.4).
writeFileSync(new URL('icon-maskable-512.png', outDir), render(512, fullBleed, bell(0.85)));
