// Draws Restride's app icons (a rut with an arrow climbing out of it) as PNGs,
// with no image library: signed distances, 4x4 supersampling, zlib from node.
// Run: node scripts/make-icons.mjs  (writes public/icons/*.png; the output is committed)
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const TEAL = [15, 118, 110];
const WHITE = [255, 255, 255];
const PATH = [[0.22, 0.36], [0.37, 0.68], [0.53, 0.68], [0.76, 0.3]];
const HEAD = [[[0.76, 0.3], [0.6, 0.33]], [[0.76, 0.3], [0.77, 0.46]]];

function segDist(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inStroke(x, y, scale, inset) {
  const map = ([a, b]) => [inset + a * scale, inset + b * scale];
  const segs = [];
  for (let i = 1; i < PATH.length; i++) segs.push([map(PATH[i - 1]), map(PATH[i])]);
  for (const [a, b] of HEAD) segs.push([map(a), map(b)]);
  return segs.some(([a, b]) => segDist(x, y, a, b) < 0.035 * scale);
}

function inRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), 1 - r), cy = Math.min(Math.max(y, r), 1 - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

function draw(size, maskable) {
  const n = 4;
  const rows = [];
  // Maskable icons keep the drawing inside the central 80% safe zone, full bleed behind.
  const [scale, inset] = maskable ? [0.72, 0.14] : [1, 0];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let bg = 0, fg = 0;
      for (let sy = 0; sy < n; sy++) for (let sx = 0; sx < n; sx++) {
        const x = (px + (sx + 0.5) / n) / size, y = (py + (sy + 0.5) / n) / size;
        if (maskable || inRoundedSquare(x, y, 0.2)) {
          bg++;
          if (inStroke(x, y, scale, inset)) fg++;
        }
      }
      const a = bg / (n * n), f = bg ? fg / bg : 0;
      const c = TEAL.map((t, i) => Math.round(t + (WHITE[i] - t) * f));
      row.set([...c, Math.round(a * 255)], 1 + px * 4);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, raw) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const out = new URL("../public/icons/", import.meta.url);
writeFileSync(new URL("icon-192.png", out), draw(192, false));
writeFileSync(new URL("icon-512.png", out), draw(512, false));
writeFileSync(new URL("icon-maskable-512.png", out), draw(512, true));
console.log("wrote public/icons/icon-192.png, icon-512.png, icon-maskable-512.png");
