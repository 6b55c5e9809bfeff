/* The plain C reference for bench/hashing.ts: the addon's own SHA-256d core
 * (src/sha256d.c, SHA-NI where the CPU has it) hashing one header with
 * consecutive nonces in a tight loop, with no Node, no worker, no verdicts.
 * Usage: shani-loop <milliseconds>; prints "<implementation> <rate> MH/s". */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../src/sha256d.h"

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  enum { BATCH = 1 << 14 };
  static uint32_t nonces[BATCH], out[8 * BATCH];
  const double duration = argc > 1 ? atof(argv[1]) : 1000;
  uint8_t header[80] = {1};
  const sha256d_impl *impl = sha256d_select();
  uint32_t next = 0, check = 0;
  unsigned long long hashed = 0;
  const double start = now_ms();
  double elapsed;
  do {
    for (int i = 0; i < BATCH; i++) nonces[i] = next++;
    sha256d_scan(impl, header, nonces, BATCH, out);
    check ^= out[7]; /* keeps the work observable */
    hashed += BATCH;
  } while ((elapsed = now_ms() - start) < duration);
  printf("%s %.3f MH/s (check %08x)\n", sha256d_name(impl), hashed / elapsed / 1000, check);
  return 0;
}
