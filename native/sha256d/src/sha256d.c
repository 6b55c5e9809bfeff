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

/* Compresses two independent blocks into two states: interleaving two nonces
 * keeps the SHA units busy while each round waits for the previous one. */
typedef void (*compress2_fn)(uint32_t s0[8], const uint32_t w0[16], uint32_t s1[8], const uint32_t w1[16]);

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

static void compress_portable(uint32_t s[8], const uint32_t block[16]) {
  uint32_t w[64];
  memcpy(w, block, sizeof(uint32_t) * 16);
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
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

#define SHA_NI_STORE(state, abef, cdgh)                                  \
  do {                                                                   \
    __m128i t_ = _mm_shuffle_epi32(abef, 0x1B);                          \
    cdgh = _mm_shuffle_epi32(cdgh, 0xB1);                                \
    _mm_storeu_si128((__m128i *)&(state)[0], _mm_blend_epi16(t_, cdgh, 0xF0)); \
    _mm_storeu_si128((__m128i *)&(state)[4], _mm_alignr_epi8(cdgh, t_, 8));    \
  } while (0)

/* Message group j (words 4j..4j+3) from the previous four groups, kept in x[j % 4]. */
#define SHA_NI_SCHEDULE(x, j)                                                             \
  _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(x[(j) & 3], x[((j) + 1) & 3]), \
                                     _mm_alignr_epi8(x[((j) + 3) & 3], x[((j) + 2) & 3], 4)), \
                       x[((j) + 3) & 3])

SHA_NI_TARGET static void compress2_sha_ni(uint32_t s0[8], const uint32_t w0[16], uint32_t s1[8], const uint32_t w1[16]) {
  __m128i abef0, cdgh0, abef1, cdgh1;
  SHA_NI_LOAD(s0, abef0, cdgh0);
  SHA_NI_LOAD(s1, abef1, cdgh1);
  const __m128i save_abef0 = abef0, save_cdgh0 = cdgh0, save_abef1 = abef1, save_cdgh1 = cdgh1;
  __m128i x0[4], x1[4];
  for (int j = 0; j < 16; j++) {
    if (j < 4) {
      x0[j] = _mm_loadu_si128((const __m128i *)&w0[4 * j]);
      x1[j] = _mm_loadu_si128((const __m128i *)&w1[4 * j]);
    } else {
      x0[j & 3] = SHA_NI_SCHEDULE(x0, j);
      x1[j & 3] = SHA_NI_SCHEDULE(x1, j);
    }
    const __m128i k = _mm_loadu_si128((const __m128i *)&K[4 * j]);
    const __m128i m0 = _mm_add_epi32(x0[j & 3], k);
    const __m128i m1 = _mm_add_epi32(x1[j & 3], k);
    cdgh0 = _mm_sha256rnds2_epu32(cdgh0, abef0, m0);
    cdgh1 = _mm_sha256rnds2_epu32(cdgh1, abef1, m1);
    abef0 = _mm_sha256rnds2_epu32(abef0, cdgh0, _mm_shuffle_epi32(m0, 0x0E));
    abef1 = _mm_sha256rnds2_epu32(abef1, cdgh1, _mm_shuffle_epi32(m1, 0x0E));
  }
  abef0 = _mm_add_epi32(abef0, save_abef0);
  cdgh0 = _mm_add_epi32(cdgh0, save_cdgh0);
  abef1 = _mm_add_epi32(abef1, save_abef1);
  cdgh1 = _mm_add_epi32(cdgh1, save_cdgh1);
  SHA_NI_STORE(s0, abef0, cdgh0);
  SHA_NI_STORE(s1, abef1, cdgh1);
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

struct sha256d_impl {
  const char *name;
  compress2_fn compress2;
};

static const sha256d_impl PORTABLE = {"portable", compress2_portable};

const sha256d_impl *sha256d_select(void) {
#if defined(__x86_64__) || defined(_M_X64)
  static const sha256d_impl sha_ni = {"sha-ni", compress2_sha_ni};
  if (cpu_has_sha_ni()) return &sha_ni;
#endif
#if defined(__aarch64__) || defined(_M_ARM64)
  static const sha256d_impl armv8 = {"armv8-crypto", compress2_armv8};
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

/* Second block of the header: its last 12 bytes, the nonce, then padding for 80 bytes. */
static void tail_block(const uint8_t header[80], uint32_t nonce, uint32_t block[16]) {
  memset(block, 0, sizeof(uint32_t) * 16);
  block[0] = be32(header + 64);
  block[1] = be32(header + 68);
  block[2] = be32(header + 72);
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

void sha256d_scan(const sha256d_impl *impl, const uint8_t header[80], const uint32_t *nonces, size_t count, uint32_t *out) {
  const compress2_fn compress2 = impl->compress2;
  uint32_t head[16], mid[8], unused[8];
  for (int i = 0; i < 16; i++) head[i] = be32(header + 4 * i);
  memcpy(mid, IV, sizeof mid);
  memcpy(unused, IV, sizeof unused);
  compress2(mid, head, unused, head);
  for (size_t n = 0; n < count; n += 2) {
    const size_t n1 = n + 1 < count ? n + 1 : n;
    uint32_t b0[16], b1[16], s0[8], s1[8];
    tail_block(header, nonces[n], b0);
    tail_block(header, nonces[n1], b1);
    memcpy(s0, mid, sizeof s0);
    memcpy(s1, mid, sizeof s1);
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
  enum { CHUNK = 256 };
  uint32_t words[8 * CHUNK];
  for (size_t done = 0; done < count; done += CHUNK) {
    const size_t n = count - done < CHUNK ? count - done : CHUNK;
    sha256d_scan(impl, header, nonces + done, n, words);
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
