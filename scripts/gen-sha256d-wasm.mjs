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
//   context address of `contextBytes` bytes of scratch space (16-byte aligned):
//           hoisted values, and the loops' message words
//   limit   u32 k = 7 is always written; u32 0..6 only for the groups of LANES
//           nonces in which some nonce's u32 7 is at most `limit` (unsigned):
//           the rest of the second hash is skipped for the others
//   hits    address of a u32 count followed by a list: the `out` address of each
//           group computed whole is appended there (the caller zeroes the count)
// Two variants come from the same code: SIMD (four nonces per i32x4 vector)
// and scalar (one nonce per i32), for engines without WebAssembly SIMD.
//
// The code is built from a tiny expression compiler that folds constants (the
// padding words, the second hash's IV) and hoists everything that does not
// depend on the nonce (the first block's midstate, the first three rounds of
// the second block, parts of the message schedule) out of the nonce loop.
// Rounds 0..15 and message words 16..31 of each hash, where the constant words
// fold, are straight-line; the other rounds and words run in small loops over
// the context area (see loopOver). The second hash's most significant word is
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
  localTee: 0x22, i32Ne: 0x47, i32Load: 0x28, i32Store: 0x36, i32Const: 0x41, i32Eqz: 0x45, i32LeU: 0x4d,
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
const PTR = PARAMS; // the one i32 local: a loop's pointer into the context area
const FIRST_LANE_LOCAL = PARAMS + 1;

class Kernel {
  constructor(lanes) {
    this.lanes = lanes;
    this.vector = lanes > 1;
    this.localCount = 0;
    this.preamble = [];
    this.body = [];
    this.contextSlots = new Map();
    this.contextSize = 0;
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
    const index = FIRST_LANE_LOCAL + this.localCount++;
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
      offset = this.reserve(1);
      this.contextSlots.set(key, offset);
      this.preamble.push(op.localGet, PARAM_CONTEXT, ...this.push(m), ...this.storeOp(offset));
    }
    return { kind: 'expr', uniform: false, code: [op.localGet, PARAM_CONTEXT, ...this.loadOp(offset)] };
  }

  /** Reserves `words` lane-sized words of the context area; returns the offset of the first. */
  reserve(words) {
    const offset = this.contextSize;
    this.contextSize += words * 4 * this.lanes;
    return offset;
  }

  newLocal() {
    return { kind: 'local', index: FIRST_LANE_LOCAL + this.localCount++, uniform: false };
  }

  set(local, v) {
    this.body.push(...this.push(v), op.localSet, ...uleb(local.index));
  }

  /** Stores v at context + offset: once per call when it is uniform, once per group otherwise. */
  storeContext(offset, v) {
    const code = [op.localGet, PARAM_CONTEXT, ...this.push(v.kind === 'expr' ? this.materialize(v) : v), ...this.storeOp(offset)];
    (v.uniform ? this.preamble : this.body).push(...code);
  }

  loadContext(offset) {
    return { kind: 'expr', uniform: false, code: [op.localGet, PARAM_CONTEXT, ...this.loadOp(offset)] };
  }

  storePtr(offset, v) {
    this.body.push(op.localGet, PTR, ...this.push(v), ...this.storeOp(offset));
  }

  loadPtr(offset) {
    return { kind: 'expr', uniform: false, code: [op.localGet, PTR, ...this.loadOp(offset)] };
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

// The message schedule: word(i) as asked for, in order. Words 0..15 are
// `block`; `given(i)` may supply a later word computed elsewhere.
function schedule(k, block, given = () => undefined) {
  const w = block.map((v) => k.materialize(v));
  const word = (i) => (w[i] ??= k.materialize(given(i) ?? k.sum(word(i - 16), word(i - 7), smallSigma0(k, word(i - 15)), smallSigma1(k, word(i - 2)))));
  return word;
}

// Round i of a compression, from e, f, g, h = E(i-1..i-4) and a, b, c, d =
// A(i-1..i-4): t1 = h + W[i] + K[i] + Ch(e, f, g) + Σ1(e), then E(i) = d + t1
// and A(i) = t1 + Σ0(a) + Maj(a, b, c). Shared by the straight-line rounds and
// the loops.
function roundT1(k, e, f, g, h, wk) {
  return k.materialize(k.sum(h, wk, k.bitselect(f, g, e), bigSigma1(k, e)));
}

function roundA(k, t1, a, b, c) {
  return k.materialize(k.add(t1, k.add(bigSigma0(k, a), k.bitselect(c, b, k.xor(a, b)))));
}

// Rounds from `start` on, straight-line and lazily, from the state before
// round `start` ([a, b, c, d, e, f, g, h]); `wk(i)` gives W[i] + K[i]. Callers
// ask for E(i) and A(i) in round order; a value nobody asks for costs nothing,
// so the second hash can stop at E(60) and finish the other rounds in a branch.
function compression(k, state, start, wk) {
  const t1 = [];
  const a = new Map(state.slice(0, 4).map((v, j) => [start - 1 - j, v]));
  const e = new Map(state.slice(4).map((v, j) => [start - 1 - j, v]));
  const E = (i) => {
    if (!e.has(i)) {
      t1[i] = roundT1(k, E(i - 1), E(i - 2), E(i - 3), E(i - 4), wk(i));
      e.set(i, k.materialize(k.add(A(i - 4), t1[i])));
    }
    return e.get(i);
  };
  const A = (i) => {
    if (!a.has(i)) {
      E(i);
      a.set(i, roundA(k, t1[i], A(i - 1), A(i - 2), A(i - 3)));
    }
    return a.get(i);
  };
  // The state after round i.
  const after = (i) => [A(i), A(i - 1), A(i - 2), A(i - 3), E(i), E(i - 1), E(i - 2), E(i - 3)];
  return { E, A, after };
}

// One whole compression, straight-line: the eight new chaining words.
function compress(k, state, block) {
  const word = schedule(k, block);
  const c = compression(k, state, 0, (i) => k.add(k.constant(K[i]), word(i)));
  const end = c.after(63);
  return state.map((s, j) => k.materialize(k.add(s, end[j])));
}

// Loops keep the hot code small. Straight-line code for all 122 rounds of both
// hashes is about 37 KB of x86 code per nonce group, more than the CPU's
// decoded-instruction cache and its L1 instruction cache hold, and the scan
// then waits on instruction decoding (docs/hashing.md: 5.5 MH/s straight-line,
// 7.6 with these loops). `step(at)` emits 8 rounds or words; `at(area, j)` is
// the offset, from the loop's pointer, of entry `first + 8 * pass + j` of an
// area of the context (entries from 16 before the current pass on are
// reachable, so every offset is positive).
function loopOver(k, first, blocks, step) {
  const stride = 4 * k.lanes;
  const from = (first - 16) * stride;
  const to = from + blocks * 8 * stride;
  k.body.push(op.localGet, PARAM_CONTEXT, op.i32Const, ...sleb(from), op.i32Add, op.localSet, PTR, op.loop, 0x40);
  step((area, j) => area + (16 + j) * stride);
  k.body.push(
    op.localGet, PTR, op.i32Const, ...sleb(8 * stride), op.i32Add, op.localTee, PTR,
    op.localGet, PARAM_CONTEXT, op.i32Const, ...sleb(to), op.i32Add, op.i32Ne, op.brIf, 0, op.end,
  );
}

// Message words [first, first + 8 * blocks), 8 per pass; stores W and W + K.
function scheduleLoop(k, areas, first, blocks) {
  loopOver(k, first, blocks, (at) => {
    const block = [];
    const word = (j) => (j >= 0 ? block[j] : k.loadPtr(at(areas.w, j)));
    for (let j = 0; j < 8; j++) {
      const w15 = k.materialize(word(j - 15));
      const w2 = k.materialize(word(j - 2));
      block[j] = k.materialize(k.sum(word(j - 16), word(j - 7), smallSigma0(k, w15), smallSigma1(k, w2)));
      k.storePtr(at(areas.w, j), block[j]);
      k.storePtr(at(areas.wk, j), k.add(block[j], k.loadPtr(at(areas.k, j))));
    }
  });
}

// Rounds [first, first + 8 * blocks) from `state`; returns the state after them.
function roundLoop(k, state, areas, first, blocks) {
  const vars = state.map(() => k.newLocal());
  state.forEach((v, j) => k.set(vars[j], v));
  loopOver(k, first, blocks, (at) => {
    let s = vars;
    for (let j = 0; j < 8; j++) {
      const [a, b, c, d, e, f, g, h] = s;
      const t1 = roundT1(k, e, f, g, h, k.loadPtr(at(areas.wk, j)));
      s = [roundA(k, t1, a, b, c), a, b, c, k.materialize(k.add(d, t1)), e, f, g];
    }
    s.forEach((v, j) => k.set(vars[j], v));
  });
  return vars;
}

// One hash of a second block whose words 0..15 are `block` (the nonce's, or the
// first digest), up to the state after round `last` (a multiple of 8, minus 1):
// rounds 0..15 and words 16..31 straight-line, where the block's constant words
// fold; the rest in loops. Returns the lazy rounds from `last` + 1 on, reading W
// from memory, for the caller to finish.
function hashBlock(k, state, block, last) {
  const stride = 4 * k.lanes;
  const areas = { w: k.reserve(64), wk: k.reserve(64), k: k.reserve(64) };
  const word = schedule(k, block);
  const head = compression(k, state, 0, (i) => k.add(k.constant(K[i]), word(i)));
  const s16 = head.after(15);
  for (let i = 16; i < 32; i++) {
    k.storeContext(areas.w + i * stride, word(i));
    k.storeContext(areas.wk + i * stride, k.add(k.constant(K[i]), word(i)));
  }
  for (let i = 32; i < 64; i++) k.storeContext(areas.k + i * stride, k.constant(K[i]));
  const scheduled = Math.min(63, last);
  scheduleLoop(k, areas, 32, (scheduled - 31) / 8);
  const end = roundLoop(k, s16, areas, 16, (last - 15) / 8);
  const late = schedule(k, [], (i) => (i <= scheduled ? k.loadContext(areas.w + i * stride) : undefined));
  return compression(k, end, last + 1, (i) => (i <= scheduled ? k.loadContext(areas.wk + i * stride) : k.add(k.constant(K[i]), late(i))));
}

function buildScan(lanes) {
  const k = new Kernel(lanes);
  const c = (v) => k.constant(v);
  const iv = IV.map(c);
  const head = Array.from({ length: 16 }, (_, i) => k.headerWord(i));
  const midstate = compress(k, iv, head);
  const tail = [k.headerWord(16), k.headerWord(17), k.headerWord(18), k.nonceWord(), c(0x80000000)];
  const firstRounds = hashBlock(k, midstate, [...tail, ...Array(10).fill(c(0)), c(640)], 63);
  const first = midstate.map((m, j) => k.materialize(k.add(m, firstRounds.after(63)[j])));
  // The second hash stops early: see the generator's header.
  const second = hashBlock(k, iv, [...first, c(0x80000000), ...Array(6).fill(c(0)), c(256)], 55);
  // Digest bytes are the state words big-endian; as a little-endian 256-bit
  // integer, u32 k of the number is state word k byte-swapped. Word 7 (the most
  // significant) needs rounds up to 60 only; hardly any nonce gets past `limit`.
  for (let i = 56; i <= 60; i++) (i <= 56 ? second.A : second.E)(i);
  const top = k.materialize(k.bswap(k.add(iv[7], second.E(60))));
  k.storeOut(7, top);
  k.ifAnyAtMostLimit(top, () => {
    const end = second.after(63);
    for (let i = 0; i < 7; i++) k.storeOut(i, k.bswap(k.add(iv[i], end[i])));
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
  const locals = vec([[1, I32], [...uleb(k.localCount), lanes > 1 ? V128 : I32]]);
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
  return { base64: Buffer.from(bytes).toString('base64'), contextBytes: k.contextSize };
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
  writeFileSync(process.env.OUT ?? join(root, 'electron', 'core', 'hashing', 'sha256d-wasm.generated.ts'), source);
}
