// Generates the WebAssembly SHA-256d nonce scanner at build time and writes it
// as base64 into electron/core/hashing/sha256d-wasm.generated.ts (committed, so
// tests and `npm install` need neither this step nor any assembler package).
//
//   node scripts/gen-sha256d-wasm.mjs           write the generated module
//   node scripts/gen-sha256d-wasm.mjs --print   print it to stdout instead
//
// One exported function per module, `scan(header, nonces, out, groups, context, limit, hits)`:
//   header  address of the 80-byte block header (bytes 76..79 are ignored)
//   nonces  address of `groups * LANES` little-endian u32 nonce values
//   out     address of `groups * LANES * 32` bytes of results: for nonce
//           n = g*LANES + lane, u32 k (k = 0..7) of the hash read as a 256-bit
//           little-endian integer (k = 7 is the most significant) lives at
//           out + (g*8 + k)*LANES*4 + lane*4
//   context address of `contextBytes` bytes of scratch space (16-byte aligned)
//   limit   u32 k = 7 is always written; u32 0..6 only for the groups of LANES
//           nonces in which some nonce's u32 7 is at most `limit` (unsigned):
//           the rest of the second hash is skipped for the others
//   hits    address of a u32 count followed by a list: the `out` address of each
//           group computed whole is appended there (the caller zeroes the count)
// Two variants come from the same code: SIMD (four nonces per i32x4 vector)
// and scalar (one nonce per i32), for engines without WebAssembly SIMD.
//
// The code is straight-line per compression, built from a tiny expression
// compiler that folds constants (the padding words, the second hash's IV) and
// hoists everything that does not depend on the nonce (the first block's
// midstate, the first three rounds of the second block, parts of the message
// schedule) out of the nonce loop. The second hash's most significant word is
// final after round 60; its other words are computed only when it passes `limit`.
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// FIPS 180-4 section 4.2.2 (round constants) and 5.3.3 (initial hash value).
const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

// --- WebAssembly binary encoding (core spec 5.x; SIMD opcodes from the fixed-width SIMD proposal) ---
const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: 0x02, loop: 0x03, if: 0x04, end: 0x0b, br: 0x0c, brIf: 0x0d,
  localGet: 0x20, localSet: 0x21,
  i32Load: 0x28, i32Store: 0x36, i32Const: 0x41, i32Eqz: 0x45, i32LeU: 0x4d,
  i32Add: 0x6a, i32Sub: 0x6b, i32And: 0x71, i32Or: 0x72, i32Xor: 0x73, i32Shl: 0x74, i32ShrU: 0x76, i32Rotr: 0x78,
};
const simd = {
  load: 0x00, load32Splat: 0x09, store: 0x0b, const: 0x0c, shuffle: 0x0d, i32x4Splat: 0x11, i32x4LeU: 0x3e,
  and: 0x4e, or: 0x50, xor: 0x51, bitselect: 0x52, anyTrue: 0x53, shl: 0xab, shrU: 0xad, add: 0xae,
};

function uleb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n) {
  const out = [];
  n |= 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const name = (s) => [...uleb(s.length), ...Buffer.from(s, 'ascii')];
const section = (id, body) => [id, ...uleb(body.length), ...body];
const vec = (items) => [...uleb(items.length), ...items.flat()];

// --- A small expression compiler over one lane type -------------------------------
// A value is a known constant, a local, or a not-yet-emitted expression. "Uniform"
// values do not depend on the nonce: their code goes to the preamble, once per call.
const PARAM_HEADER = 0;
const PARAM_NONCES = 1;
const PARAM_OUT = 2;
const PARAM_GROUPS = 3;
const PARAM_CONTEXT = 4;
const PARAM_LIMIT = 5;
const PARAM_HITS = 6;
const PARAMS = 7;

class Kernel {
  constructor(lanes) {
    this.lanes = lanes;
    this.vector = lanes > 1;
    this.localCount = 0;
    this.preamble = [];
    this.body = [];
    this.contextSlots = new Map();
  }

  constant(v) {
    return { kind: 'const', value: v >>> 0, uniform: true };
  }

  laneOp(code) {
    return this.vector ? [0xfd, ...uleb(code)] : [code];
  }

  push(v) {
    if (v.kind === 'const') {
      if (!this.vector) return [op.i32Const, ...sleb(v.value)];
      const bytes = [];
      for (let i = 0; i < 4; i++) bytes.push(v.value & 0xff, (v.value >>> 8) & 0xff, (v.value >>> 16) & 0xff, v.value >>> 24);
      return [0xfd, ...uleb(simd.const), ...bytes];
    }
    if (v.kind === 'local') return [op.localGet, ...uleb(v.index)];
    return v.code;
  }

  materialize(v) {
    if (v.kind !== 'expr') return v;
    const index = PARAMS + this.localCount++;
    (v.uniform ? this.preamble : this.body).push(...v.code, op.localSet, ...uleb(index));
    return { kind: 'local', index, uniform: v.uniform };
  }

  // Combines operands into an expression. A nonce-dependent expression reads its
  // nonce-independent operands from the context area, where the preamble stored
  // them: kept in locals, V8 would sink their computation into the loop.
  expr(args, tail) {
    const uniform = args.every((a) => a.uniform);
    const ready = uniform ? args : args.map((a) => (a.uniform ? this.fromContext(a) : a));
    return { kind: 'expr', uniform, code: [...ready.flatMap((a) => this.push(a)), ...tail] };
  }

  fromContext(v) {
    if (v.kind === 'const' && !this.vector) return v;
    const m = this.materialize(v);
    const key = m.kind === 'const' ? `c${m.value}` : `l${m.index}`;
    let offset = this.contextSlots.get(key);
    if (offset === undefined) {
      offset = this.contextSlots.size * 4 * this.lanes;
      this.contextSlots.set(key, offset);
      this.preamble.push(op.localGet, PARAM_CONTEXT, ...this.push(m), ...this.storeOp(offset));
    }
    return { kind: 'expr', uniform: false, code: [op.localGet, PARAM_CONTEXT, ...this.loadOp(offset)] };
  }

  loadOp(offset) {
    return this.vector ? [0xfd, ...uleb(simd.load), 0, ...uleb(offset)] : [op.i32Load, 0, ...uleb(offset)];
  }

  storeOp(offset) {
    return this.vector ? [0xfd, ...uleb(simd.store), 0, ...uleb(offset)] : [op.i32Store, 0, ...uleb(offset)];
  }

  binary(a, b, scalarOp, vectorOp, fold) {
    if (a.kind === 'const' && b.kind === 'const') return this.constant(fold(a.value, b.value));
    return this.expr([a, b], this.vector ? this.laneOp(vectorOp) : [scalarOp]);
  }

  add(a, b) {
    return this.binary(a, b, op.i32Add, simd.add, (x, y) => x + y);
  }

  xor(a, b) {
    return this.binary(a, b, op.i32Xor, simd.xor, (x, y) => x ^ y);
  }

  and(a, b) {
    return this.binary(a, b, op.i32And, simd.and, (x, y) => x & y);
  }

  or(a, b) {
    return this.binary(a, b, op.i32Or, simd.or, (x, y) => x | y);
  }

  shift(x, n, scalarOp, vectorOp, fold) {
    if (x.kind === 'const') return this.constant(fold(x.value, n));
    return this.expr([x], [op.i32Const, ...sleb(n), ...(this.vector ? this.laneOp(vectorOp) : [scalarOp])]);
  }

  shr(x, n) {
    return this.shift(x, n, op.i32ShrU, simd.shrU, (v, s) => v >>> s);
  }

  shl(x, n) {
    return this.shift(x, n, op.i32Shl, simd.shl, (v, s) => v << s);
  }

  rotr(x, n) {
    if (x.kind === 'const') return this.constant((x.value >>> n) | (x.value << (32 - n)));
    if (!this.vector) return this.expr([x], [op.i32Const, ...sleb(n), op.i32Rotr]);
    const m = this.materialize(x);
    return this.or(this.shr(m, n), this.shl(m, 32 - n));
  }

  // (a & mask) | (b & ~mask)
  bitselect(a, b, mask) {
    if (a.kind === 'const' && b.kind === 'const' && mask.kind === 'const') {
      return this.constant((a.value & mask.value) | (b.value & ~mask.value));
    }
    if (this.vector) return this.expr([a, b, mask], this.laneOp(simd.bitselect));
    const bm = this.materialize(b);
    return this.xor(bm, this.and(this.xor(a, bm), mask));
  }

  bswap(x) {
    if (x.kind === 'const') {
      const v = x.value;
      return this.constant(((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24));
    }
    if (this.vector) {
      const m = this.materialize(x);
      const lanes = [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12];
      return this.expr([m, m], [0xfd, ...uleb(simd.shuffle), ...lanes]);
    }
    const m = this.materialize(x);
    return this.or(this.and(this.rotr(m, 8), this.constant(0xff00ff00)), this.and(this.rotr(m, 24), this.constant(0x00ff00ff)));
  }

  // Sum with constants folded and nonce-independent terms added first, so that
  // their part is computed once; varying terms keep the caller's order (latest last).
  sum(...terms) {
    let constant = 0;
    let uniform = null;
    const varying = [];
    for (const t of terms) {
      if (t.kind === 'const') constant = (constant + t.value) >>> 0;
      else if (t.uniform) uniform = uniform ? this.add(uniform, t) : t;
      else varying.push(t);
    }
    let acc = uniform ? (constant === 0 ? uniform : this.add(uniform, this.constant(constant))) : this.constant(constant);
    for (const t of varying) acc = acc.kind === 'const' && acc.value === 0 ? t : this.add(acc, t);
    return acc;
  }

  // Header word i (bytes 4i..4i+3) as SHA-256 reads it: big-endian.
  headerWord(i) {
    const load = this.vector
      ? [op.localGet, PARAM_HEADER, 0xfd, ...uleb(simd.load32Splat), 0, ...uleb(4 * i)]
      : [op.localGet, PARAM_HEADER, op.i32Load, 0, ...uleb(4 * i)];
    return this.bswap({ kind: 'expr', uniform: true, code: load });
  }

  nonceWord() {
    return this.bswap({ kind: 'expr', uniform: false, code: [op.localGet, PARAM_NONCES, ...this.loadOp(0)] });
  }

  // Emits `if (some lane of v <= limit, unsigned) { body(); record this group in hits }` into the loop.
  ifAnyAtMostLimit(v, body) {
    const limit = this.vector
      ? { kind: 'expr', uniform: true, code: [op.localGet, PARAM_LIMIT, ...this.laneOp(simd.i32x4Splat)] }
      : { kind: 'expr', uniform: false, code: [op.localGet, PARAM_LIMIT] };
    const test = this.vector ? this.expr([v, limit], [...this.laneOp(simd.i32x4LeU), ...this.laneOp(simd.anyTrue)]) : this.expr([v, limit], [op.i32LeU]);
    const outer = this.body;
    this.body = [];
    body();
    const inner = this.body;
    this.body = outer;
    // hits[1 + count] = out; count++
    const count = [op.localGet, PARAM_HITS, op.i32Load, 2, 0];
    const record = [
      op.localGet, PARAM_HITS, ...count, op.i32Const, 2, op.i32Shl, op.i32Add, op.localGet, PARAM_OUT, op.i32Store, 2, 4,
      op.localGet, PARAM_HITS, ...count, op.i32Const, 1, op.i32Add, op.i32Store, 2, 0,
    ];
    this.body.push(...test.code, op.if, 0x40, ...inner, ...record, op.end);
  }

  storeOut(k, v) {
    this.body.push(op.localGet, PARAM_OUT, ...this.push(this.materialize(v)), ...this.storeOp(k * 4 * this.lanes));
  }
}

// --- SHA-256 in terms of the compiler ----------------------------------------------
function bigSigma0(k, x) {
  const m = k.materialize(x);
  return k.xor(k.xor(k.rotr(m, 2), k.rotr(m, 13)), k.rotr(m, 22));
}

function bigSigma1(k, x) {
  const m = k.materialize(x);
  return k.xor(k.xor(k.rotr(m, 6), k.rotr(m, 11)), k.rotr(m, 25));
}

function smallSigma0(k, x) {
  const m = k.materialize(x);
  return k.xor(k.xor(k.rotr(m, 7), k.rotr(m, 18)), k.shr(m, 3));
}

function smallSigma1(k, x) {
  const m = k.materialize(x);
  return k.xor(k.xor(k.rotr(m, 17), k.rotr(m, 19)), k.shr(m, 10));
}

// One compression, round by round. Round i makes t1[i], E(i) = A(i-4) + t1[i]
// and A(i) = t1[i] + Σ0(A(i-1)) + Maj, where a, b, c, d = A(i-1..i-4) and
// e, f, g, h = E(i-1..i-4). Callers ask for E(i) and A(i) in round order; a
// value nobody asks for costs nothing, so the second hash can stop at E(60)
// and finish the other rounds in a branch.
function compression(k, state, block) {
  const w = block.map((v) => k.materialize(v));
  const t1 = [];
  // Indexed from round -4 (the input state) up.
  const a = [state[3], state[2], state[1], state[0]];
  const e = [state[7], state[6], state[5], state[4]];
  const word = (i) => (w[i] ??= k.materialize(k.sum(w[i - 16], w[i - 7], smallSigma0(k, w[i - 15]), smallSigma1(k, w[i - 2]))));
  const E = (i) => {
    if (e[i + 4] === undefined) {
      const wi = word(i);
      const ch = k.bitselect(E(i - 2), E(i - 3), E(i - 1));
      t1[i] = k.materialize(k.sum(E(i - 4), k.constant(K[i]), wi, ch, bigSigma1(k, E(i - 1))));
      e[i + 4] = k.materialize(k.add(A(i - 4), t1[i]));
    }
    return e[i + 4];
  };
  const A = (i) => {
    if (a[i + 4] === undefined) {
      E(i);
      const maj = k.bitselect(A(i - 3), A(i - 2), k.xor(A(i - 1), A(i - 2)));
      a[i + 4] = k.materialize(k.add(t1[i], k.add(bigSigma0(k, A(i - 1)), maj)));
    }
    return a[i + 4];
  };
  // Chaining word j (0..7): the input state plus the working variable it ends as.
  const out = (j) => k.materialize(k.add(state[j], j < 4 ? A(63 - j) : E(67 - j)));
  return { E, A, out };
}

// One whole compression: the eight new chaining words.
function compress(k, state, block) {
  const c = compression(k, state, block);
  for (let i = 0; i < 64; i++) c.A(i);
  return [0, 1, 2, 3, 4, 5, 6, 7].map(c.out);
}

function buildScan(lanes) {
  const k = new Kernel(lanes);
  const c = (v) => k.constant(v);
  const iv = IV.map(c);
  const head = Array.from({ length: 16 }, (_, i) => k.headerWord(i));
  const midstate = compress(k, iv, head);
  const tail = [k.headerWord(16), k.headerWord(17), k.headerWord(18), k.nonceWord(), c(0x80000000)];
  const first = compress(k, midstate, [...tail, ...Array(10).fill(c(0)), c(640)]);
  const second = compression(k, iv, [...first, c(0x80000000), ...Array(6).fill(c(0)), c(256)]);
  // Digest bytes are the state words big-endian; as a little-endian 256-bit
  // integer, u32 k of the number is state word k byte-swapped. Word 7 (the most
  // significant) needs rounds up to 60 only; hardly any nonce gets past `limit`.
  for (let i = 0; i <= 60; i++) (i <= 56 ? second.A : second.E)(i);
  const top = k.materialize(k.bswap(second.out(7)));
  k.storeOut(7, top);
  k.ifAnyAtMostLimit(top, () => {
    for (let i = 57; i < 64; i++) second.A(i);
    for (let i = 0; i < 7; i++) k.storeOut(i, k.bswap(second.out(i)));
  });

  const step = (param, by) => [op.localGet, param, op.i32Const, ...sleb(by), op.i32Add, op.localSet, param];
  const code = [
    ...k.preamble,
    op.block, 0x40, op.loop, 0x40,
    op.localGet, PARAM_GROUPS, op.i32Eqz, op.brIf, 1,
    ...k.body,
    ...step(PARAM_NONCES, 4 * lanes),
    ...step(PARAM_OUT, 32 * lanes),
    op.localGet, PARAM_GROUPS, op.i32Const, 1, op.i32Sub, op.localSet, PARAM_GROUPS,
    op.br, 0, op.end, op.end, op.end,
  ];
  const locals = vec([[...uleb(k.localCount), lanes > 1 ? V128 : I32]]);
  const body = [...locals, ...code];
  const params = vec(Array(PARAMS).fill([I32]));
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...params, 0x00]])),
    ...section(3, vec([[0x00]])),
    ...section(5, vec([[0x00, 0x01]])),
    ...section(7, vec([[...name('memory'), 0x02, 0x00], [...name('scan'), 0x00, 0x00]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ];
  return { base64: Buffer.from(bytes).toString('base64'), contextBytes: k.contextSlots.size * 4 * lanes };
}

function generatedSource() {
  const variant = (lanes, doc) => {
    const { base64, contextBytes } = buildScan(lanes);
    return `/** ${doc} */\nexport const SHA256D_${lanes > 1 ? 'SIMD' : 'SCALAR'}_WASM = {\n  lanes: ${lanes},\n  contextBytes: ${contextBytes},\n  base64:\n    '${base64}',\n} as const;\n`;
  };
  return [
    '// Generated by scripts/gen-sha256d-wasm.mjs: do not edit (a test checks that it is up to date).',
    "// The SHA-256d nonce scanner as WebAssembly; scan()'s arguments are described in the generator.",
    '',
    variant(4, 'Four nonces per loop step in i32x4 vectors: needs WebAssembly SIMD.'),
    variant(1, 'One nonce per loop step: the same code with scalar i32 lanes.'),
  ].join('\n');
}

const source = generatedSource();
if (process.argv.includes('--print')) {
  process.stdout.write(source);
} else {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  writeFileSync(join(root, 'electron', 'core', 'hashing', 'sha256d-wasm.generated.ts'), source);
}
