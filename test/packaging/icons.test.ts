// The committed icon set: every PNG is the size its name says, the .ico and
// .icns hold the sizes each platform asks for, and all come from the SVG.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const icons = join(import.meta.dirname, '..', '..', 'assets', 'icons');
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): [number, number] {
  assert.ok(png.subarray(0, 8).equals(SIGNATURE), 'PNG signature');
  assert.equal(png.toString('latin1', 12, 16), 'IHDR');
  assert.equal(png[25], 6, 'RGBA, so the rounded corners stay transparent');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

test('Linux PNGs: named by size, of that size, 16 to 1024 px', () => {
  const files = readdirSync(join(icons, 'png')).sort((a, b) => parseInt(a) - parseInt(b));
  assert.deepEqual(files, ['16x16.png', '24x24.png', '32x32.png', '48x48.png', '64x64.png', '128x128.png', '256x256.png', '512x512.png', '1024x1024.png']);
  for (const f of files) {
    const n = parseInt(f);
    assert.deepEqual(pngSize(readFileSync(join(icons, 'png', f))), [n, n], f);
  }
  assert.deepEqual(pngSize(readFileSync(join(icons, 'icon.png'))), [512, 512]);
});

test('Windows .ico: a directory of PNG images from 16 to 256 px', () => {
  const ico = readFileSync(join(icons, 'icon.ico'));
  assert.equal(ico.readUInt16LE(0), 0);
  assert.equal(ico.readUInt16LE(2), 1, 'type 1 = icon');
  const count = ico.readUInt16LE(4);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const e = 6 + i * 16;
    const declared = ico[e] === 0 ? 256 : ico[e]!;
    const length = ico.readUInt32LE(e + 8);
    const offset = ico.readUInt32LE(e + 12);
    assert.ok(offset + length <= ico.length);
    assert.deepEqual(pngSize(ico.subarray(offset, offset + length)), [declared, declared]);
    sizes.push(declared);
  }
  assert.deepEqual(sizes, [16, 24, 32, 48, 64, 128, 256]);
});

test('macOS .icns: PNG elements from 16 to 1024 px under their type codes', () => {
  const icns = readFileSync(join(icons, 'icon.icns'));
  assert.equal(icns.toString('latin1', 0, 4), 'icns');
  assert.equal(icns.readUInt32BE(4), icns.length);
  const found: [string, number][] = [];
  for (let at = 8; at < icns.length; ) {
    const type = icns.toString('latin1', at, at + 4);
    const length = icns.readUInt32BE(at + 4);
    assert.ok(length > 8 && at + length <= icns.length, type);
    found.push([type, pngSize(icns.subarray(at + 8, at + length))[0]]);
    at += length;
  }
  assert.deepEqual(found, [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]]);
});

test('the SVG source draws the renderer logo path', () => {
  const svg = readFileSync(join(icons, '..', 'icon.svg'), 'utf8');
  const ui = readFileSync(join(import.meta.dirname, '..', '..', 'renderer', 'src', 'components', 'Icons.tsx'), 'utf8');
  const flame = /FlameIcon[\s\S]*?<path d="([^"]+)"/.exec(ui)?.[1];
  assert.ok(flame, 'the flame path in Icons.tsx');
  assert.ok(svg.includes(`d="${flame}"`), 'the same flame as the sidebar logo');
});
