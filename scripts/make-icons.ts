/**
 * Draws the app icons (a white speech bubble on the brand blue) as PNG files in public/icons/.
 * Run with `npx tsx scripts/make-icons.ts` when the design changes; the PNGs are committed.
 * Plain Node (zlib) so that no image tool has to be installed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BRAND = [0x0b, 0x53, 0x94];
const WHITE = [0xff, 0xff, 0xff];

function crc32(buffer: Buffer): number {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => number[]): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y)).copy(row, 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A speech bubble scaled to `scale` of the icon (maskable icons keep to the inner safe zone). */
function bubble(size: number, scale: number) {
  const c = size / 2;
  const r = (size * scale) / 2;
  return (x: number, y: number): number[] => {
    const dx = x + 0.5 - c;
    const dy = y + 0.5 - c * 0.92;
    const inBody = (dx * dx) / (r * r) + (dy * dy) / (r * 0.78 * (r * 0.78)) <= 1;
    // The tail: a triangle below the body, towards the start side.
    const ty = y + 0.5 - (c * 0.92 + r * 0.55);
    const tx = x + 0.5 - (c - r * 0.35);
    const inTail = ty >= 0 && ty <= r * 0.45 && tx >= 0 && tx <= r * 0.35 * (1 - ty / (r * 0.45));
    // Three dots inside the bubble: words being said.
    const dotR = r * 0.1;
    const inDot = [-0.4, 0, 0.4].some((k) => {
      const ddx = dx - k * r;
      return ddx * ddx + dy * dy <= dotR * dotR;
    });
    if (inDot) return BRAND;
    return inBody || inTail ? WHITE : BRAND;
  };
}

mkdirSync('public/icons', { recursive: true });
const icons: [string, number, number][] = [
  ['icon-192.png', 192, 0.7],
  ['icon-512.png', 512, 0.7],
  ['icon-maskable-512.png', 512, 0.52],
  ['apple-touch-icon.png', 180, 0.62],
];
for (const [name, size, scale] of icons) {
  writeFileSync(`public/icons/${name}`, png(size, bubble(size, scale)));
  console.log(`public/icons/${name} (${size}×${size})`);
}
