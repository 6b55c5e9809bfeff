import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { JsonFile } from '../../../electron/core/storage/json-file.js';

const Schema = z.object({ name: z.string(), n: z.number().int() });

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-json-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('a missing file loads as nothing, with no problems', async (t) => {
  const dir = await tempDir(t);
  const file = new JsonFile(join(dir, 'x.json'), Schema);
  assert.deepEqual(await file.load(), { value: undefined, from: 'none', problems: [] });
});

test('save writes the document and keeps the previous version as .bak; no temp files remain', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'sub', 'x.json');
  const file = new JsonFile(path, Schema);
  await file.save({ name: 'first', n: 1 });
  await file.save({ name: 'second', n: 2 });
  assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), { name: 'second', n: 2 });
  assert.deepEqual(JSON.parse(await readFile(`${path}.bak`, 'utf8')), { name: 'first', n: 1 });
  assert.deepEqual((await readdir(join(dir, 'sub'))).sort(), ['x.json', 'x.json.bak']);
  const loaded = await new JsonFile(path, Schema).load();
  assert.deepEqual(loaded, { value: { name: 'second', n: 2 }, from: 'file', problems: [] });
});

test('concurrent saves land in call order: the last one wins', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'x.json');
  const file = new JsonFile(path, Schema);
  await Promise.all(Array.from({ length: 20 }, (_, n) => file.save({ name: 'n', n })));
  assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), { name: 'n', n: 19 });
  assert.deepEqual(JSON.parse(await readFile(`${path}.bak`, 'utf8')), { name: 'n', n: 18 });
});

test('a value that does not match the schema is refused before anything is written', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'x.json');
  const file = new JsonFile(path, Schema);
  await file.save({ name: 'good', n: 1 });
  await assert.rejects(file.save({ name: 'bad', n: 1.5 } as never));
  assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), { name: 'good', n: 1 });
  // The queue still works after a failed save.
  await file.save({ name: 'later', n: 3 });
  assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), { name: 'later', n: 3 });
});

test('a corrupt file is moved aside, reported, and the backup is used', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'x.json');
  const file = new JsonFile(path, Schema, { now: () => Date.UTC(2026, 11, 1, 4, 30, 0, 123) });
  await file.save({ name: 'old', n: 1 });
  await file.save({ name: 'new', n: 2 });
  await writeFile(path, '{"name": "new", "n": 2'); // cut off mid-write by something else
  const loaded = await file.load();
  assert.equal(loaded.from, 'backup');
  assert.deepEqual(loaded.value, { name: 'old', n: 1 });
  assert.equal(loaded.problems.length, 1);
  const problem = loaded.problems[0]!;
  assert.equal(problem.file, path);
  assert.equal(problem.movedTo, `${path}.corrupt-2026-12-01T04-30-00-123Z`);
  assert.match(problem.reason, /^not valid JSON/);
  assert.equal(await readFile(problem.movedTo, 'utf8'), '{"name": "new", "n": 2');
});

test('a file of the wrong shape is kept aside with the schema problem; both copies bad -> nothing, two problems', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'x.json');
  await writeFile(path, JSON.stringify({ name: 'x', n: 'seven' }));
  await writeFile(`${path}.bak`, 'not json');
  const loaded = await new JsonFile(path, Schema).load();
  assert.equal(loaded.value, undefined);
  assert.equal(loaded.from, 'none');
  assert.equal(loaded.problems.length, 2);
  assert.match(loaded.problems[0]!.reason, /unexpected content: n: .*expected number/);
  assert.equal(loaded.problems[1]!.file, `${path}.bak`);
  const names = (await readdir(dir)).sort();
  assert.equal(names.length, 2);
  assert.ok(names.every((n) => /^x\.json(\.bak)?\.corrupt-/.test(n)), names.join(','));
});

test('two corruptions at the same instant never overwrite each other', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'x.json');
  const file = new JsonFile(path, Schema, { now: () => 0 });
  await writeFile(path, 'bad 1');
  const first = await file.load();
  await writeFile(path, 'bad 2');
  const second = await file.load();
  assert.notEqual(first.problems[0]!.movedTo, second.problems[0]!.movedTo);
  assert.equal(await readFile(first.problems[0]!.movedTo, 'utf8'), 'bad 1');
  assert.equal(await readFile(second.problems[0]!.movedTo, 'utf8'), 'bad 2');
});
