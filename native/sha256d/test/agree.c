/* C-level check of the SHA-256d core, run by test/core/hashing/native.test.ts:
 * the genesis block with every implementation this CPU runs, then the chosen
 * one against the portable C on pseudo-random headers and nonces, for every
 * count 1..9 (the lanes' partial last pass) and longer runs. Nothing past
 * out[8 * count] may be written. Prints one line; exits 1 on a mismatch. */
#include <stdio.h>
#include <string.h>

#include "../src/sha256d.h"

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t next_random(void) { /* xorshift64 */
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)(rng >> 32);
}

static int genesis_ok(const sha256d_impl *impl) {
  static const char hex[] =
      "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c";
  /* Bitcoin Core chainparams.cpp: the genesis hash read as a little-endian integer, least significant word first. */
  static const uint32_t want[8] = {0x0a8ce26f, 0x72b3f1b6, 0x46a2a6c1, 0x4ff763ae, 0x65831e93, 0x9c085ae1, 0x0019d668, 0x00000000};
  uint8_t header[80];
  for (int i = 0; i < 80; i++) sscanf(hex + 2 * i, "%2hhx", &header[i]);
  const uint32_t nonce = 0x7c2bac1d;
  uint32_t out[8];
  sha256d_scan(impl, header, &nonce, 1, out);
  return memcmp(out, want, sizeof want) == 0;
}

int main(void) {
  enum { MAX = 1000, SENTINEL = 0xdeadbeef };
  static uint32_t nonces[MAX], got[8 * MAX + 8], want[8 * MAX];
  const sha256d_impl *chosen = sha256d_select(), *portable = sha256d_portable();
  if (!genesis_ok(chosen) || !genesis_ok(portable)) {
    printf("genesis block: %s wrong\n", genesis_ok(portable) ? sha256d_name(chosen) : "portable");
    return 1;
  }
  static const size_t counts[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 256, 999, 1000};
  size_t cases = 0;
  for (int h = 0; h < 20; h++) {
    uint8_t header[80];
    for (int i = 0; i < 80; i++) header[i] = (uint8_t)next_random();
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
      const size_t count = counts[c];
      for (size_t i = 0; i < count; i++) nonces[i] = next_random();
      for (size_t i = 0; i < 8 * count + 8; i++) got[i] = SENTINEL;
      sha256d_scan(chosen, header, nonces, count, got);
      sha256d_scan(portable, header, nonces, count, want);
      if (memcmp(got, want, sizeof(uint32_t) * 8 * count) != 0) {
        printf("%s disagrees with portable: header %d, count %zu\n", sha256d_name(chosen), h, count);
        return 1;
      }
      for (size_t i = 8 * count; i < 8 * count + 8; i++) {
        if (got[i] != SENTINEL) {
          printf("%s wrote past the end: header %d, count %zu\n", sha256d_name(chosen), h, count);
          return 1;
        }
      }
      cases += count;
    }
  }
  printf("ok: %s and portable agree on %zu nonces, genesis block right\n", sha256d_name(chosen), cases);
  return 0;
}
