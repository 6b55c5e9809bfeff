/* SHA-256d of block headers with many nonces. See sha256d.h.
 * The SHA-256 definition: FIPS 180-4. The SHA-NI and ARMv8 instruction
 * sequences follow Intel's "SHA extensions" paper and Arm's ACLE. */
#include "sha256d.h"

#include <string.h>

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};
static const uint32_t IV[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

/* Compresses two independent blocks into two states (the portable and ARMv8
 * paths hash nonces two at a time through this). */
typedef void (*compress2_fn)(uint32_t s0[8], const uint32_t w0[16], uint32_t s1[8], const uint32_t w1[16]);

/* What every nonce of one header shares, computed once per call. */
typedef struct {
  uint32_t mid[8];    /* the state after the header's first 64 bytes */
  uint32_t tail[3];   /* the second block's words 0..2 (header bytes 64..75) */
  uint32_t round4[8]; /* the working variables after the second block's rounds 0..3, with the
                       * nonce word taken as 0: the nonce only adds itself to a and e there */
} sha256d_job;

static uint32_t bswap32(uint32_t x) {
  return (x >> 24) | ((x >> 8) & 0xff00) | ((x << 8) & 0xff0000) | (x << 24);
}

static uint32_t be32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* ---- portable C ---- */
static uint32_t rotr(uint32_t x, int n) {
  return (x >> n) | (x << (32 - n));
}

static uint32_t sigma0(uint32_t x) {
  return rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3);
}

static uint32_t sigma1(uint32_t x) {
  return rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10);
}

/* Rounds 0..count-1 on the working variables v (a..h), message words w[0..count-1]. */
static void rounds_portable(uint32_t v[8], const uint32_t *w, int count) {
  uint32_t a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
  for (int i = 0; i < count; i++) {
    uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  v[0] = a; v[1] = b; v[2] = c; v[3] = d; v[4] = e; v[5] = f; v[6] = g; v[7] = h;
}

static void compress_portable(uint32_t s[8], const uint32_t block[16]) {
  uint32_t w[64], v[8];
  memcpy(w, block, sizeof(uint32_t) * 16);
  for (int i = 16; i < 64; i++) w[i] = w[i - 16] + sigma0(w[i - 15]) + w[i - 7] + sigma1(w[i - 2]);
  memcpy(v, s, sizeof v);
  rounds_portable(v, w, 64);
  for (int i = 0; i < 8; i++) s[i] += v[i];
}

static void compress2_portable(uint32_t s0[8], const uint32_t w0[16], uint32_t s1[8], const uint32_t w1[16]) {
  compress_portable(s0, w0);
  compress_portable(s1, w1);
}

/* ---- x86-64 SHA extensions ---- */
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#if defined(_MSC_VER)
#include <intrin.h>
#define SHA_NI_TARGET
#else
#include <cpuid.h>
#define SHA_NI_TARGET __attribute__((target("sha,sse4.1,ssse3")))
#endif

static int cpu_has_sha_ni(void) {
#if defined(_MSC_VER)
  int r[4];
  __cpuid(r, 0);
  if (r[0] < 7) return 0;
  __cpuid(r, 1);
  int sse41 = (r[2] >> 19) & 1, ssse3 = (r[2] >> 9) & 1;
  __cpuidex(r, 7, 0);
  return sse41 && ssse3 && ((r[1] >> 29) & 1);
#else
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
  int sse41 = (c >> 19) & 1, ssse3 = (c >> 9) & 1;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
  return sse41 && ssse3 && ((b >> 29) & 1);
#endif
}

/* The state as the SHA instructions want it: ABEF and CDGH. */
#define SHA_NI_LOAD(state, abef, cdgh)                                   \
  do {                                                                   \
    __m128i t_ = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&(state)[0]), 0xB1); \
    cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&(state)[4]), 0x1B);       \
    abef = _mm_alignr_epi8(t_, cdgh, 8);                                 \
    cdgh = _mm_blend_epi16(cdgh, t_, 0xF0);                              \
  } while (0)

/* How many nonces one pass hashes side by side: each SHA256RNDS2 waits for the
 * one before it, so independent nonces fill those waits. */
#ifndef SHA_NI_LANES
#define SHA_NI_LANES 3
#endif

/* The lane loops must be unrolled (at -O2 too) for the lanes' vectors to stay in registers. */
#if defined(__GNUC__)
#define SHA_NI_EACH_LANE _Pragma("GCC unroll 8") for (int l = 0; l < SHA_NI_LANES; l++)
#else
#define SHA_NI_EACH_LANE for (int l = 0; l < SHA_NI_LANES; l++)
#endif

#define SHA_NI_K(j) _mm_loadu_si128((const __m128i *)&K[4 * (j)])

/* Rounds 4j..4j+3: kw holds message words 4j..4j+3 plus their K. */
#define SHA_NI_ROUNDS(abef, cdgh, kw)                                         \
  do {                                                                        \
    const __m128i kw_ = (kw);                                                 \
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, kw_);                            \
    abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(kw_, 0x0E));   \
  } while (0)

/* Message group j (words 4j..4j+3) from the previous four groups, kept in x[j % 4]. */
#define SHA_NI_SCHEDULE(x, j)                                                             \
  _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(x[(j) & 3], x[((j) + 1) & 3]), \
                                     _mm_alignr_epi8(x[((j) + 3) & 3], x[((j) + 2) & 3], 4)), \
                       x[((j) + 3) & 3])

/* Group j of every lane: its message words, then its rounds. */
#define SHA_NI_GROUP(j)                                                              \
  SHA_NI_EACH_LANE {                                                                 \
    x[l][(j) & 3] = SHA_NI_SCHEDULE(x[l], j);                                        \
    SHA_NI_ROUNDS(abef[l], cdgh[l], _mm_add_epi32(x[l][(j) & 3], SHA_NI_K(j)));      \
  }

/* Groups 8..15 have no constant words left to fold. */
#define SHA_NI_GROUPS_8_TO_15 \
  SHA_NI_GROUP(8) SHA_NI_GROUP(9) SHA_NI_GROUP(10) SHA_NI_GROUP(11) SHA_NI_GROUP(12) SHA_NI_GROUP(13) SHA_NI_GROUP(14) SHA_NI_GROUP(15)

/* Both hashes of SHA_NI_LANES nonces at a time, straight from the job: the
 * second block's rounds 0..3 and its constant message words are done once per
 * call, and the second hash's message is built in registers from the first
 * one's state. In the comments, w[i] is word i of the message being hashed. */
SHA_NI_TARGET static void hash_sha_ni(const sha256d_job *job, const uint32_t *nonces, size_t count, uint32_t *out) {
  __m128i mid_abef, mid_cdgh, round4_abef, round4_cdgh, iv_abef, iv_cdgh;
  SHA_NI_LOAD(job->mid, mid_abef, mid_cdgh);
  SHA_NI_LOAD(job->round4, round4_abef, round4_cdgh);
  SHA_NI_LOAD(IV, iv_abef, iv_cdgh);
  const __m128i zero = _mm_setzero_si128();
  /* The first hash's second block: w[0..2] from the header, w[3] the nonce, then padding for 80 bytes. */
  const __m128i tail = _mm_setr_epi32((int)job->tail[0], (int)job->tail[1], (int)job->tail[2], 0);
  const __m128i pad = _mm_setr_epi32((int)0x80000000, 0, 0, 0); /* w[4..7] here, w[8..11] in the second hash */
  const __m128i length1 = _mm_setr_epi32(0, 0, 0, 640);         /* w[12..15], 80 bytes */
  const __m128i length2 = _mm_setr_epi32(0, 0, 0, 256);         /* w[12..15] of the second hash, 32 bytes */
  const __m128i kw1 = _mm_add_epi32(pad, SHA_NI_K(1)), kw2 = SHA_NI_K(2), kw3 = _mm_add_epi32(length1, SHA_NI_K(3));
  const __m128i kw2_second = _mm_add_epi32(pad, SHA_NI_K(2)), kw3_second = _mm_add_epi32(length2, SHA_NI_K(3));
  /* MSG1 (w[i] + sigma0(w[i + 1])) where it sees no nonce-dependent word: w[4..8] for group 5,
   * w[12..16] for group 7 (w[16] = sigma0(w[1]) + w[0]), and the second hash's w[8..12] for its group 6. */
  const __m128i fold5 = _mm_sha256msg1_epu32(pad, zero);
  const __m128i fold7 = _mm_sha256msg1_epu32(length1, _mm_cvtsi32_si128((int)(job->tail[0] + sigma0(job->tail[1]))));
  const __m128i fold6_second = _mm_sha256msg1_epu32(pad, length2);
  /* Lanes of unpack{hi,lo}(abef, cdgh) (b a d c, f e h g) to a b c d, e f g h, each word byte-swapped. */
  const __m128i to_digest = _mm_setr_epi8(7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8);
  for (size_t n = 0; n < count; n += SHA_NI_LANES) {
    __m128i abef[SHA_NI_LANES], cdgh[SHA_NI_LANES], x[SHA_NI_LANES][4];
    size_t at[SHA_NI_LANES];
    SHA_NI_EACH_LANE {
      /* Past the end, a lane repeats the last nonce and rewrites its (identical) result. */
      at[l] = n + l < count ? n + l : count - 1;
      const int nonce = (int)bswap32(nonces[at[l]]); /* stored little-endian, read big-endian */
      x[l][0] = _mm_insert_epi32(tail, nonce, 3);
      abef[l] = _mm_add_epi32(round4_abef, _mm_setr_epi32(0, nonce, 0, nonce)); /* f e b a: a and e */
      cdgh[l] = round4_cdgh;
      SHA_NI_ROUNDS(abef[l], cdgh[l], kw1);
    }
    SHA_NI_EACH_LANE SHA_NI_ROUNDS(abef[l], cdgh[l], kw2);
    SHA_NI_EACH_LANE SHA_NI_ROUNDS(abef[l], cdgh[l], kw3);
    SHA_NI_EACH_LANE { /* w[9..12] are zero */
      x[l][0] = _mm_sha256msg2_epu32(_mm_sha256msg1_epu32(x[l][0], pad), length1);
      SHA_NI_ROUNDS(abef[l], cdgh[l], _mm_add_epi32(x[l][0], SHA_NI_K(4)));
    }
    SHA_NI_EACH_LANE {
      x[l][1] = _mm_sha256msg2_epu32(_mm_add_epi32(fold5, _mm_alignr_epi8(x[l][0], length1, 4)), x[l][0]);
      SHA_NI_ROUNDS(abef[l], cdgh[l], _mm_add_epi32(x[l][1], SHA_NI_K(5)));
    }
    SHA_NI_EACH_LANE { /* MSG1 of w[8..12] is zero */
      x[l][2] = _mm_sha256msg2_epu32(_mm_alignr_epi8(x[l][1], x[l][0], 4), x[l][1]);
      SHA_NI_ROUNDS(abef[l], cdgh[l], _mm_add_epi32(x[l][2], SHA_NI_K(6)));
    }
    SHA_NI_EACH_LANE {
      x[l][3] = _mm_sha256msg2_epu32(_mm_add_epi32(fold7, _mm_alignr_epi8(x[l][2], x[l][1], 4)), x[l][2]);
      SHA_NI_ROUNDS(abef[l], cdgh[l], _mm_add_epi32(x[l][3], SHA_NI_K(7)));
    }
    SHA_NI_GROUPS_8_TO_15
    SHA_NI_EACH_LANE {
      /* The first digest's state words are the second hash's w[0..7]. */
      abef[l] = _mm_add_epi32(abef[l], mid_abef);
      cdgh[l] = _mm_add_epi32(cdgh[l], mid_cdgh);
      x[l][0] = _mm_shuffle_epi32(_mm_unpackhi_epi64(abef[l], cdgh[l]), 0xB1);
      x[l][1] = _mm_shuffle_epi32(_mm_unpacklo_epi64(abef[l], cdgh[l]), 0xB1);
      abef[l] = iv_abef;
      cdgh[l] = iv_cdgh;
      SHA_NI_ROUNDS(abef[l], cdgh[l], _mm_add_epi32(x[l][0], SHA_NI_K(0)));
    }
    SHA_NI_EACH_LANE SHA_NI_ROUNDS(abef[l], cdgh[l], _mm_add_epi32(x[l][1], SHA_NI_K(1)));
    SHA_NI_EACH_LANE SHA_NI_ROUNDS(abef[l], cdgh[l], kw2_second);
    SHA_NI_EACH_LANE SHA_NI_ROUNDS(abef[l], cdgh[l], kw3_second);
    SHA_NI_EACH_LANE { /* w[9..12] are zero */
      x[l][0] = _mm_sha256msg2_epu32(_mm_sha256msg1_epu32(x[l][0], x[l][1]), length2);
      SHA_NI_ROUNDS(abef[l], cdgh[l], _mm_add_epi32(x[l][0], SHA_NI_K(4)));
    }
    SHA_NI_EACH_LANE {
      x[l][1] = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(x[l][1], pad), _mm_alignr_epi8(x[l][0], length2, 4)), x[l][0]);
      SHA_NI_ROUNDS(abef[l], cdgh[l], _mm_add_epi32(x[l][1], SHA_NI_K(5)));
    }
    SHA_NI_EACH_LANE {
      x[l][2] = _mm_sha256msg2_epu32(_mm_add_epi32(fold6_second, _mm_alignr_epi8(x[l][1], x[l][0], 4)), x[l][1]);
      SHA_NI_ROUNDS(abef[l], cdgh[l], _mm_add_epi32(x[l][2], SHA_NI_K(6)));
    }
    SHA_NI_EACH_LANE {
      x[l][3] = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(length2, x[l][0]), _mm_alignr_epi8(x[l][2], x[l][1], 4)), x[l][2]);
      SHA_NI_ROUNDS(abef[l], cdgh[l], _mm_add_epi32(x[l][3], SHA_NI_K(7)));
    }
    SHA_NI_GROUPS_8_TO_15
    SHA_NI_EACH_LANE {
      abef[l] = _mm_add_epi32(abef[l], iv_abef);
      cdgh[l] = _mm_add_epi32(cdgh[l], iv_cdgh);
      _mm_storeu_si128((__m128i *)&out[8 * at[l]], _mm_shuffle_epi8(_mm_unpackhi_epi64(abef[l], cdgh[l]), to_digest));
      _mm_storeu_si128((__m128i *)&out[8 * at[l] + 4], _mm_shuffle_epi8(_mm_unpacklo_epi64(abef[l], cdgh[l]), to_digest));
    }
  }
}
#endif

/* ---- arm64 crypto extensions ---- */
#if defined(__aarch64__) || defined(_M_ARM64)
#include <arm_neon.h>
#if defined(__linux__)
#include <sys/auxv.h>
#ifndef HWCAP_SHA2
#define HWCAP_SHA2 (1 << 6)
#endif
#endif

static int cpu_has_armv8_sha2(void) {
#if defined(__APPLE__)
  return 1; /* every Apple arm64 CPU has them */
#elif defined(__linux__)
  return (getauxval(AT_HWCAP) & HWCAP_SHA2) != 0;
#else
  return 0;
#endif
}

#if defined(__GNUC__) && !defined(__clang__)
#define ARM_SHA2_TARGET __attribute__((target("+crypto")))
#elif defined(__clang__)
#define ARM_SHA2_TARGET __attribute__((target("sha2")))
#else
#define ARM_SHA2_TARGET
#endif

ARM_SHA2_TARGET static void compress_armv8(uint32_t s[8], const uint32_t w[16]) {
  uint32x4_t abcd = vld1q_u32(&s[0]), efgh = vld1q_u32(&s[4]);
  const uint32x4_t save_abcd = abcd, save_efgh = efgh;
  uint32x4_t x[4];
  for (int j = 0; j < 16; j++) {
    if (j < 4) x[j] = vld1q_u32(&w[4 * j]);
    else x[j & 3] = vsha256su1q_u32(vsha256su0q_u32(x[j & 3], x[(j + 1) & 3]), x[(j + 2) & 3], x[(j + 3) & 3]);
    const uint32x4_t m = vaddq_u32(x[j & 3], vld1q_u32(&K[4 * j]));
    const uint32x4_t before = abcd;
    abcd = vsha256hq_u32(abcd, efgh, m);
    efgh = vsha256h2q_u32(efgh, before, m);
  }
  vst1q_u32(&s[0], vaddq_u32(abcd, save_abcd));
  vst1q_u32(&s[4], vaddq_u32(efgh, save_efgh));
}

static void compress2_armv8(uint32_t s0[8], const uint32_t w0[16], uint32_t s1[8], const uint32_t w1[16]) {
  compress_armv8(s0, w0);
  compress_armv8(s1, w1);
}
#endif

/* Second block of the header: its last 12 bytes, the nonce, then padding for 80 bytes. */
static void tail_block(const sha256d_job *job, uint32_t nonce, uint32_t block[16]) {
  memset(block, 0, sizeof(uint32_t) * 16);
  memcpy(block, job->tail, sizeof job->tail);
  block[3] = bswap32(nonce); /* stored little-endian, read big-endian by SHA-256 */
  block[4] = 0x80000000;
  block[15] = 640;
}

/* The block that hashes a 32-byte digest (the state words) a second time. */
static void digest_block(const uint32_t state[8], uint32_t block[16]) {
  memcpy(block, state, sizeof(uint32_t) * 8);
  memset(block + 8, 0, sizeof(uint32_t) * 8);
  block[8] = 0x80000000;
  block[15] = 256;
}

/* The portable and ARMv8 paths: the blocks written out, two nonces per call of compress2. */
static void hash_blocks(compress2_fn compress2, const sha256d_job *job, const uint32_t *nonces, size_t count, uint32_t *out) {
  for (size_t n = 0; n < count; n += 2) {
    const size_t n1 = n + 1 < count ? n + 1 : n;
    uint32_t b0[16], b1[16], s0[8], s1[8];
    tail_block(job, nonces[n], b0);
    tail_block(job, nonces[n1], b1);
    memcpy(s0, job->mid, sizeof s0);
    memcpy(s1, job->mid, sizeof s1);
    compress2(s0, b0, s1, b1);
    digest_block(s0, b0);
    digest_block(s1, b1);
    memcpy(s0, IV, sizeof s0);
    memcpy(s1, IV, sizeof s1);
    compress2(s0, b0, s1, b1);
    for (int k = 0; k < 8; k++) {
      out[8 * n + k] = bswap32(s0[k]);
      out[8 * n1 + k] = bswap32(s1[k]);
    }
  }
}

static void hash_portable(const sha256d_job *job, const uint32_t *nonces, size_t count, uint32_t *out) {
  hash_blocks(compress2_portable, job, nonces, count, out);
}

#if defined(__aarch64__) || defined(_M_ARM64)
static void hash_armv8(const sha256d_job *job, const uint32_t *nonces, size_t count, uint32_t *out) {
  hash_blocks(compress2_armv8, job, nonces, count, out);
}
#endif

struct sha256d_impl {
  const char *name;
  /* out[8*i .. 8*i+7]: the digest words of nonces[i], as sha256d_scan gives them. */
  void (*hash)(const sha256d_job *job, const uint32_t *nonces, size_t count, uint32_t *out);
};

static const sha256d_impl PORTABLE = {"portable", hash_portable};

const sha256d_impl *sha256d_select(void) {
#if defined(__x86_64__) || defined(_M_X64)
  static const sha256d_impl sha_ni = {"sha-ni", hash_sha_ni};
  if (cpu_has_sha_ni()) return &sha_ni;
#endif
#if defined(__aarch64__) || defined(_M_ARM64)
  static const sha256d_impl armv8 = {"armv8-crypto", hash_armv8};
  if (cpu_has_armv8_sha2()) return &armv8;
#endif
  return &PORTABLE;
}

const sha256d_impl *sha256d_portable(void) {
  return &PORTABLE;
}

const char *sha256d_name(const sha256d_impl *impl) {
  return impl->name;
}

static void prepare(const uint8_t header[80], sha256d_job *job) {
  uint32_t head[16];
  for (int i = 0; i < 16; i++) head[i] = be32(header + 4 * i);
  memcpy(job->mid, IV, sizeof job->mid);
  compress_portable(job->mid, head);
  for (int i = 0; i < 3; i++) job->tail[i] = be32(header + 64 + 4 * i);
  const uint32_t first[4] = {job->tail[0], job->tail[1], job->tail[2], 0};
  memcpy(job->round4, job->mid, sizeof job->round4);
  rounds_portable(job->round4, first, 4);
}

void sha256d_scan(const sha256d_impl *impl, const uint8_t header[80], const uint32_t *nonces, size_t count, uint32_t *out) {
  sha256d_job job;
  prepare(header, &job);
  impl->hash(&job, nonces, count, out);
}

static uint8_t at_most(const uint32_t w[8], const uint32_t t[8]) {
  for (int k = 7; k >= 0; k--) {
    if (w[k] != t[k]) return w[k] < t[k];
  }
  return 1;
}

/* cgminer's share_diff: truediffone / le256todouble(hash), limb by limb in the same order. */
static double share_difficulty(const uint32_t w[8]) {
  const double truediffone = 26959535291011309493156476344723991336010898738574164086137773096960.0;
  const double limb3 = (double)(((uint64_t)w[7] << 32) | w[6]);
  const double limb2 = (double)(((uint64_t)w[5] << 32) | w[4]);
  const double limb1 = (double)(((uint64_t)w[3] << 32) | w[2]);
  const double limb0 = (double)(((uint64_t)w[1] << 32) | w[0]);
  const double bits192 = 6277101735386680763835789423207666416102355444464034512896.0;
  const double bits128 = 340282366920938463463374607431768211456.0;
  const double bits64 = 18446744073709551616.0;
  return truediffone / (limb3 * bits192 + limb2 * bits128 + limb1 * bits64 + limb0);
}

void sha256d_judge(const sha256d_impl *impl, const uint8_t header[80], const uint32_t *nonces, size_t count, const uint32_t targets[24],
                   double *difficulty, uint8_t *meets_device, uint8_t *meets_share, uint8_t *meets_network,
                   uint8_t *digests) {
  enum { CHUNK = 240 }; /* a multiple of 2, 3 and 4: no implementation's last pass of a chunk is partial */
  uint32_t words[8 * CHUNK];
  sha256d_job job;
  prepare(header, &job);
  for (size_t done = 0; done < count; done += CHUNK) {
    const size_t n = count - done < CHUNK ? count - done : CHUNK;
    impl->hash(&job, nonces + done, n, words);
    for (size_t i = 0; i < n; i++) {
      const uint32_t *w = words + 8 * i;
      meets_device[done + i] = at_most(w, targets);
      /* A hardware error's difficulty is never used: 0, as the WebAssembly path gives it. */
      difficulty[done + i] = meets_device[done + i] ? share_difficulty(w) : 0.0;
      meets_share[done + i] = at_most(w, targets + 8);
      meets_network[done + i] = at_most(w, targets + 16);
      if (digests) {
        for (int k = 0; k < 8; k++) {
          uint8_t *d = digests + 32 * (done + i) + 4 * k;
          d[0] = (uint8_t)w[k];
          d[1] = (uint8_t)(w[k] >> 8);
          d[2] = (uint8_t)(w[k] >> 16);
          d[3] = (uint8_t)(w[k] >> 24);
        }
      }
    }
  }
}
