// Quirk sources: /work/shared/docs/avalon-protocol.md section 1.8, which cites
// pyasic `pyasic/rpc/base.py` `_load_api_data` (UpstreamData/pyasic) and
// cgminer `api.c` (ckolivas/cgminer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLenientJson, repairJson } from '../../../electron/core/cgminer-api/lenient-json.js';
import { CgminerError } from '../../../electron/core/cgminer-api/errors.js';
import { capture } from '../support/loopback-server.js';

function invalid(text: string): CgminerError {
  try {
    parseLenientJson(text);
  } catch (e) {
    assert.ok(e instanceof CgminerError, `expected CgminerError, got ${String(e)}`);
    assert.equal(e.kind, 'invalid-reply');
    return e;
  }
  assert.fail(`expected ${JSON.stringify(text)} to be rejected`);
}

const captures = ['a1566-version.json', 'a1566-estats.json', 'a1566-pools.json', 'avalonq_stats.json', 'avalonq_summary.json'];

test('well-formed captures parse exactly as JSON.parse does', () => {
  for (const name of captures) {
    const text = capture(name);
    assert.deepEqual(parseLenientJson(text), JSON.parse(text), name);
    // The repair pass alone must not change the meaning of valid JSON either.
    assert.deepEqual(JSON.parse(repairJson(text)), JSON.parse(text), name);
  }
});

test('1.8 item 1: the trailing NUL (cgminer api.c send_result) is dropped', () => {
  const text = capture('a1566-version.json');
  assert.deepEqual(parseLenientJson(`${text}\0`), JSON.parse(text));
});

test('1.8 item 2: bare inf / nan / -nan from the C printer become null', () => {
  const text = '{"SUMMARY":[{"MHS av":nan,"MHS 5s":inf,"MHS 1m":-nan,"Work Utility":-inf,"Elapsed":975}]}';
  assert.deepEqual(parseLenientJson(text), {
    SUMMARY: [{ 'MHS av': null, 'MHS 5s': null, 'MHS 1m': null, 'Work Utility': null, Elapsed: 975 }],
  });
  // The quoted forms are valid JSON strings and are left for the parsers to judge.
  assert.deepEqual(parseLenientJson('{"a":"nan"}'), { a: 'nan' });
});

test('1.8 item 3: a reply starting with `,"id":1}` gets its opening brace back', () => {
  assert.deepEqual(parseLenientJson(',"id":1}'), { id: 1 });
  invalid(',,"id":1}');
});

test('1.8 item 4: missing comma between objects `}{` is inserted', () => {
  const text = '{"STATUS":[{"STATUS":"S","Code":7}],"POOLS":[{"POOL":0,"URL":"stratum+tcp://a:3333"}{"POOL":1,"URL":"stratum+tcp://b:3333"}],"id":1}';
  const parsed = parseLenientJson(text) as { POOLS: { POOL: number }[] };
  assert.deepEqual(
    parsed.POOLS.map((p) => p.POOL),
    [0, 1],
  );
});

test('1.8 item 4: trailing commas `,}` `,]` and a leading `[,{` are dropped', () => {
  assert.deepEqual(parseLenientJson('{"a":1,"b":[1,2,],}'), { a: 1, b: [1, 2] });
  assert.deepEqual(parseLenientJson('{"DEVS":[,{"ASC":0}]}'), { DEVS: [{ ASC: 0 }] });
});

test('1.8 item 4: stray newlines and control characters inside strings are kept as escapes', () => {
  assert.deepEqual(parseLenientJson('{"Msg":"line one\nline two\ttab","id":1}'), { Msg: 'line one\nline two\ttab', id: 1 });
  assert.deepEqual(parseLenientJson('{"a":"x\u0001y"}'), { a: 'x\u0001y' });
});

test('NUL bytes inside a reply are dropped (C strings cannot hold them)', () => {
  assert.deepEqual(parseLenientJson('{"a":"b\0c"}\0\0'), { a: 'bc' });
});

test('a backslash that starts no valid escape is kept literally', () => {
  // An unescaped Windows-style path or a stray `\,` from the text-mode escaper.
  assert.deepEqual(parseLenientJson('{"a":"C:\\dir\\x","b":"1\\,2","c":"\\u12"}'), { a: 'C:\\dir\\x', b: '1\\,2', c: '\\u12' });
  assert.deepEqual(parseLenientJson('{"a":"\\u0041\\n"}'), { a: 'A\n' });
});

test('a real capture with the quirks injected parses to the same value', () => {
  const text = capture('a1566-estats.json');
  // Trailing comma in the STATS array and in the top object, then the NUL.
  const broken = `${text.replace(/\]\s*,\s*"id"/, ',],"id"').replace(/\}\s*$/, ',}')}\0`;
  assert.throws(() => JSON.parse(broken), SyntaxError);
  assert.deepEqual(parseLenientJson(broken), JSON.parse(text));
});

test('what is not a known quirk is invalid-reply', () => {
  // A truncated reply: guessing its tail would hide lost data.
  invalid(capture('a1566-estats.json').slice(0, 4000));
  invalid('{"a":1,,"b":2}');
  invalid('{"a":[,,1]}');
  invalid('{"a":[1,,]}');
  invalid('{"a":1 "b":2}');
  invalid('{"a":"unterminated');
  invalid('<html><body>Avalon Device</body></html>');
  invalid('STATUS=S,When=1,Code=22,Msg=CGMiner versions|');
  invalid('');
  invalid('\0');
  invalid('   ');
  invalid('{"a":undefined}');
  const error = invalid('{"a":tru}');
  assert.match(error.message, /even after repair/);
});

test('fuzz: mutated captures never throw anything but invalid-reply', () => {
  // Deterministic PRNG (mulberry32) so a failure can be replayed.
  let seed = 0x5eed;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const alphabet = '{}[],:"\\\0\n\t naif-0123456789e.+';
  const sources = captures.map((name) => capture(name));
  let parsed = 0;
  let rejected = 0;
  for (let round = 0; round < 3000; round++) {
    const source = sources[round % sources.length] as string;
    const chars = source.split('');
    const edits = 1 + Math.floor(random() * 6);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(random() * chars.length);
      const op = random();
      const ch = alphabet[Math.floor(random() * alphabet.length)] as string;
      if (op < 0.4) chars.splice(at, 1);
      else if (op < 0.8) chars.splice(at, 0, ch);
      else chars[at] = ch;
    }
    const text = round % 7 === 0 ? chars.join('').slice(0, Math.floor(random() * chars.length)) : chars.join('');
    try {
      parseLenientJson(text);
      parsed++;
    } catch (e) {
      assert.ok(e instanceof CgminerError && e.kind === 'invalid-reply', `round ${round}: ${String(e)}`);
      rejected++;
    }
  }
  // Both outcomes occur, so the fuzz exercises repair and rejection alike.
  assert.ok(parsed > 100 && rejected > 100, `parsed ${parsed}, rejected ${rejected}`);
});

test('fuzz: random byte soup never throws anything but invalid-reply', () => {
  let seed = 12345;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  for (let round = 0; round < 2000; round++) {
    const length = Math.floor(random() * 200);
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(Math.floor(random() * 0x80));
    try {
      parseLenientJson(text);
    } catch (e) {
      assert.ok(e instanceof CgminerError && e.kind === 'invalid-reply', `round ${round}: ${String(e)}`);
    }
  }
  // Deep nesting is bounded by the reply size cap, and handled without recursion.
  assert.deepEqual(parseLenientJson(`${'['.repeat(5000)}${']'.repeat(5000)}`) instanceof Array, true);
});
