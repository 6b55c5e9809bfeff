// Renders assets/icon.svg into the icon set electron-builder packages:
//   assets/icons/png/<N>x<N>.png  (Linux: one file per size, named by size)
//   assets/icons/icon.png         (512 px, the window icon)
//   assets/icons/icon.ico         (Windows: PNG-compressed entries 16-256 px)
//   assets/icons/icon.icns        (macOS: PNG entries 16-1024 px)
// The outputs are committed: building the app never runs this. Run it after
// changing the SVG: `node scripts/make-icons.mjs` (needs rsvg-convert from
// librsvg, or ImageMagick's convert/magick, on PATH).
import { execFileSync } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const source = join(root, 'assets', 'icon.svg');
const outDir = join(root, 'assets', 'icons');
const pngDir = join(outDir, 'png');

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS element types holding PNG data, by pixel size (Apple's icns format; see docs/packaging.md).
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
function pngSize(png) {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('the rasteriser did not produce a PNG');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function tryRun(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    return true;
  } catch {
    return false;
  }
}

/** Rasterises the SVG at `size` px with the first tool that works and yields a PNG of that size. */
function rasterise(size, file) {
  const attempts = [
    ['rsvg-convert', ['-w', String(size), '-h', String(size), '-o', file, source]],
    ['magick', ['-background', 'none', '-density', String(Math.ceil((72 * size) / 1024) * 4), source, '-resize', `${size}x${size}`, file]],
    ['convert', ['-background', 'none', '-density', String(Math.ceil((72 * size) / 1024) * 4), source, '-resize', `${size}x${size}`, file]],
  ];
  for (const [cmd, args] of attempts) {
    if (!tryRun(cmd, args)) continue;
    let png;
    try {
      png = readFileSync(file);
      const { width, height } = pngSize(png);
      if (width === size && height === size) return png;
    } catch {
      // A stand-in tool, or a wrong size: try the next one.
    }
  }
  throw new Error(`could not rasterise ${source} at ${size} px: install librsvg (rsvg-convert) or ImageMagick`);
}

/** ICO with PNG-compressed images (Windows Vista and later read these). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2); // no palette
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    entries.push(e);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** ICNS: "icns" + total length, then (type, length including its 8-byte header, PNG data) per element. */
function icns(elements) {
  const parts = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

const work = mkdtempSync(join(tmpdir(), 'hearth-icons-'));
try {
  mkdirSync(pngDir, { recursive: true });
  const pngs = new Map();
  for (const size of SIZES) {
    const png = rasterise(size, join(work, `${size}.png`));
    pngs.set(size, png);
    writeFileSync(join(pngDir, `${size}x${size}.png`), png);
  }
  writeFileSync(join(outDir, 'icon.png'), pngs.get(512));
  writeFileSync(join(outDir, 'icon.ico'), ico(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  writeFileSync(join(outDir, 'icon.icns'), icns(ICNS_TYPES.map(([type, size]) => ({ type, png: pngs.get(size) }))));
  console.log(`icons written to ${outDir}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
