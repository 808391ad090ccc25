#!/usr/bin/env node
// Generates the add-in's PNG icons into assets/ with no dependency: a tiny rasterizer
// (shapes sampled 4×4 per pixel) and a minimal PNG encoder (Node's zlib + CRC32).
//
//   node scripts/make-icons.js            writes assets/*.png
//   node scripts/make-icons.js --check    exits 1 if a committed icon differs from what it would write
//
// Icons: a rounded square in the Excel green (blue for « Consolider ») with a white pictogram:
//   icon-*        the add-in and « Ouvrir le volet »: a rising bar chart
//   valider-*     « Valider »: a check mark
//   consolider-*  « Consolider »: a sigma (the totals)
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ASSETS = path.join(__dirname, '..', 'assets');

// ---------------------------------------------------------------- PNG encoder

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes an RGBA image (Uint8Array of width*height*4, straight alpha) as a PNG file. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None for every scanline
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- shapes (pixel coordinates)

function roundRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function rect(x0, y0, x1, y1) {
  return (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

/** A thick polyline with round caps and joins: the union of capsules. */
function stroke(points, halfWidth) {
  const segments = [];
  for (let i = 0; i + 1 < points.length; i++) segments.push([points[i], points[i + 1]]);
  return (x, y) =>
    segments.some(([[ax, ay], [bx, by]]) => {
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= halfWidth * halfWidth;
    });
}

const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));

// ---------------------------------------------------------------- icons

const GREEN = { top: [0x2b, 0x9a, 0x5a], bottom: [0x18, 0x6a, 0x3b] };
const BLUE = { top: [0x2f, 0x74, 0xc0], bottom: [0x1b, 0x4f, 0x8f] };
const WHITE = [0xff, 0xff, 0xff];

/** Background square, inset by a margin that keeps some air around it at every size. */
function background(size) {
  const margin = size <= 16 ? 0 : Math.round(size / 16);
  const radius = Math.max(2.5, size * 0.19);
  return roundRect(margin, margin, size - margin, size - margin, radius);
}

/** Bar chart: three rising bars on a baseline, snapped to whole pixels so that they stay crisp. */
function barChart(size) {
  const unit = size / 16;
  const barW = Math.max(2, Math.round(2.4 * unit));
  const gap = Math.max(1, Math.round(1.2 * unit));
  const total = 3 * barW + 2 * gap;
  const left = Math.round((size - total) / 2);
  const base = Math.round(size * 0.76);
  const heights = [0.26, 0.4, 0.54].map((h) => Math.max(2, Math.round(h * size)));
  const bars = heights.map((h, i) => {
    const x0 = left + i * (barW + gap);
    return rect(x0, base - h, x0 + barW, base);
  });
  return union(...bars);
}

function checkMark(size) {
  const p = (x, y) => [x * size, y * size];
  return stroke([p(0.27, 0.52), p(0.43, 0.68), p(0.74, 0.34)], Math.max(1.1, 0.075 * size));
}

function sigma(size) {
  const p = (x, y) => [x * size, y * size];
  return stroke([p(0.69, 0.28), p(0.33, 0.28), p(0.53, 0.5), p(0.33, 0.72), p(0.69, 0.72)], Math.max(0.95, 0.062 * size));
}

const SS = 4; // samples per pixel side

function render(size, palette, glyph) {
  const bg = background(size);
  const fg = glyph(size);
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    const t = py / Math.max(1, size - 1);
    const base = palette.top.map((c, i) => Math.round(c + (palette.bottom[i] - c) * t));
    for (let px = 0; px < size; px++) {
      let inBg = 0;
      let inFg = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = px + (sx + 0.5) / SS;
          const y = py + (sy + 0.5) / SS;
          if (bg(x, y)) {
            inBg++;
            if (fg(x, y)) inFg++;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (inBg === 0) continue; // fully transparent
      const w = inFg / inBg; // share of the covered area that is white
      for (let i = 0; i < 3; i++) out[o + i] = Math.round(base[i] * (1 - w) + WHITE[i] * w);
      out[o + 3] = Math.round((255 * inBg) / (SS * SS));
    }
  }
  return encodePng(size, size, out);
}

const ICONS = [
  { name: 'icon', palette: GREEN, glyph: barChart, sizes: [16, 32, 64, 80, 128] },
  { name: 'valider', palette: GREEN, glyph: checkMark, sizes: [16, 32, 80] },
  { name: 'consolider', palette: BLUE, glyph: sigma, sizes: [16, 32, 80] },
];

function main() {
  const check = process.argv.includes('--check');
  fs.mkdirSync(ASSETS, { recursive: true });
  let stale = 0;
  for (const icon of ICONS) {
    for (const size of icon.sizes) {
      const file = path.join(ASSETS, `${icon.name}-${size}.png`);
      const png = render(size, icon.palette, icon.glyph);
      if (check) {
        const same = fs.existsSync(file) && fs.readFileSync(file).equals(png);
        if (!same) {
          stale++;
          console.error(`stale: ${path.relative(process.cwd(), file)}`);
        }
      } else {
        fs.writeFileSync(file, png);
        console.log(`${path.relative(process.cwd(), file)} (${png.length} bytes)`);
      }
    }
  }
  if (check && stale > 0) process.exit(1);
}

if (require.main === module) main();

module.exports = { encodePng, crc32 };
