// Draws the tab bar icons (weapp tabBar needs PNG files, 81×81 recommended) without any image tool:
// shapes are tested per sub-pixel and written as an RGBA PNG. Run: node miniapp/assets/tabbar/generate.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const SIZE = 81;
const SUB = 4; // 4×4 samples per pixel for smooth edges
const GREY = [0x7a, 0x74, 0x70];
const RED = [0xd4, 0x2a, 0x1f];
const STROKE = 6;

function segDist(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
const onPath = (pts) => (x, y) => pts.slice(1).some((p, i) => segDist(x, y, pts[i], p) <= STROKE / 2);
function inPolygon(pts) {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const [xi, yi] = pts[i];
      const [xj, yj] = pts[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}
const inRect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inEllipse = (cx, cy, rx, ry) => (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const any =
  (...fs) =>
  (x, y) =>
    fs.some((f) => f(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);

const homeLine = any(
  onPath([
    [10, 38],
    [40.5, 12],
    [71, 38],
  ]),
  onPath([
    [18, 35],
    [18, 70],
    [63, 70],
    [63, 35],
  ]),
  onPath([
    [34, 70],
    [34, 53],
    [47, 53],
    [47, 70],
  ]),
);
const homeFill = minus(
  inPolygon([
    [40.5, 9],
    [74, 39],
    [64, 39],
    [64, 73],
    [17, 73],
    [17, 39],
    [7, 39],
  ]),
  inRect(34, 52, 47, 74),
);

const head = [40.5, 26, 14];
const mineLine = any(
  minus(inEllipse(head[0], head[1], head[2] + 3, head[2] + 3), inEllipse(head[0], head[1], head[2] - 3, head[2] - 3)),
  (x, y) => y <= 71 && minus(inEllipse(40.5, 74, 30, 28), inEllipse(40.5, 74, 24, 22))(x, y),
  inRect(10.5, 65, 70.5, 71),
);
const mineFill = any(
  inEllipse(head[0], head[1], head[2] + 3, head[2] + 3),
  (x, y) => y <= 71 && inEllipse(40.5, 74, 30, 28)(x, y),
);

// 活动: a heart (volunteering), outline and filled.
const heartPts = Array.from({ length: 120 }, (_, i) => {
  const t = (i / 120) * 2 * Math.PI;
  const x = 16 * Math.sin(t) ** 3;
  const y = 13 * Math.cos(t) - 5 * Math.cos(2 * t) - 2 * Math.cos(3 * t) - Math.cos(4 * t);
  return [40.5 + x * 2.05, 40 - y * 2.05];
});
const activityLine = onPath([...heartPts, heartPts[0]]);
const activityFill = any(inPolygon(heartPts), activityLine);

// 管理: a clipboard with a checklist, outline and filled (lines cut out of the fill).
const boardOuter = inRect(14, 14, 67, 74);
const boardLine = any(
  onPath([
    [29, 15],
    [15, 15],
    [15, 73],
    [66, 73],
    [66, 15],
    [52, 15],
  ]),
  inRect(28, 8, 53, 21),
);
const listMarks = any(
  onPath([
    [24, 37],
    [28, 41],
    [34, 33],
  ]),
  inRect(40, 34, 58, 40),
  onPath([
    [24, 55],
    [28, 59],
    [34, 51],
  ]),
  inRect(40, 52, 58, 58),
);
const adminLine = any(boardLine, listMarks);
const adminFill = any(minus(boardOuter, listMarks), inRect(28, 8, 53, 21));

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(shape, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SUB; sy++)
        for (let sx = 0; sx < SUB; sx++) if (shape(x + (sx + 0.5) / SUB, y + (sy + 0.5) / SUB)) hits++;
      const o = row + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((hits / (SUB * SUB)) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const icons = {
  'home.png': png(homeLine, GREY),
  'home-active.png': png(homeFill, RED),
  'mine.png': png(mineLine, GREY),
  'mine-active.png': png(mineFill, RED),
  'activity.png': png(activityLine, GREY),
  'activity-active.png': png(activityFill, RED),
  'admin.png': png(adminLine, GREY),
  'admin-active.png': png(adminFill, RED),
};
for (const [name, data] of Object.entries(icons)) {
  writeFileSync(path.join(here, name), data);
  console.log(name, data.length, 'bytes');
}
