/* SHA-256d of block headers with many nonces: SHA-NI on x86-64, the ARMv8
 * crypto extensions on arm64, portable C elsewhere; chosen at run time. */
#ifndef HEARTH_SHA256D_H
#define HEARTH_SHA256D_H

#include <stddef.h>
#include <stdint.h>

typedef struct sha256d_impl sha256d_impl;

/* The fastest implementation this CPU runs (checks the CPU: call once, keep it). */
const sha256d_impl *sha256d_select(void);

/* The portable C implementation, for comparison. */
const sha256d_impl *sha256d_portable(void);

/* "sha-ni", "armv8-crypto" or "portable". */
const char *sha256d_name(const sha256d_impl *impl);

/* Hashes the 80-byte header (its bytes 76..79 ignored) with each nonce in
 * place (little-endian at offset 76). For nonce i, out[8*i + k] is u32 word k
 * of the digest read as a little-endian 256-bit integer (k = 7 most
 * significant); these words stored little-endian are the digest's bytes. */
void sha256d_scan(const sha256d_impl *impl, const uint8_t header[80], const uint32_t *nonces, size_t count, uint32_t *out);

/* Verdicts for each nonce: cgminer's share difficulty (0 when the hash misses
 * the device target) and whether the hash is at most each of three targets
 * (device, share, network: eight u32 words each, least significant first, in
 * `targets[24]`). `digests` may be NULL. */
void sha256d_judge(const sha256d_impl *impl, const uint8_t header[80], const uint32_t *nonces, size_t count, const uint32_t targets[24],
                   double *difficulty, uint8_t *meets_device, uint8_t *meets_share, uint8_t *meets_network,
                   uint8_t *digests);

#endif
