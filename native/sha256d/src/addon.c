/* N-API binding of the SHA-256d core (sha256d.c) for the hashing worker:
 *   implementation() -> "sha-ni" | "armv8-crypto" | "portable"
 *   scan(header: Uint8Array(80), nonces: Uint32Array, out: Uint32Array(8 * n))
 *   judge(header, nonces, targets: Uint32Array(24), difficulty: Float64Array(n),
 *         meetsDevice, meetsShare, meetsNetwork: Uint8Array(n), digests: Uint8Array(32 * n) | null)
 * Wrong argument types or sizes throw a TypeError / RangeError. */
#include <node_api.h>
#include <stddef.h>

#include "sha256d.h"

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, NULL, "sha256d: N-API call failed: " #call); \
      return NULL;                                                    \
    }                                                                 \
  } while (0)

typedef struct {
  void *data;
  size_t length;
} view;

/* Argument `index` as a typed array of `type` with exactly `length` elements (any length when length is -1). */
static int typed(napi_env env, napi_value value, napi_typedarray_type type, ptrdiff_t length, const char *what, view *out) {
  bool is_typed = false;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) {
    napi_throw_type_error(env, NULL, what);
    return 0;
  }
  napi_typedarray_type actual;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, value, &actual, &out->length, &out->data, &buffer, &offset) != napi_ok || actual != type) {
    napi_throw_type_error(env, NULL, what);
    return 0;
  }
  if (length >= 0 && out->length != (size_t)length) {
    napi_throw_range_error(env, NULL, what);
    return 0;
  }
  return 1;
}

static napi_value implementation(napi_env env, napi_callback_info info) {
  const sha256d_impl *impl;
  CHECK(napi_get_cb_info(env, info, NULL, NULL, NULL, (void **)&impl));
  napi_value name;
  CHECK(napi_create_string_utf8(env, sha256d_name(impl), NAPI_AUTO_LENGTH, &name));
  return name;
}

static napi_value scan(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  const sha256d_impl *impl;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, (void **)&impl));
  view header, nonces, out;
  if (argc != 3 || !typed(env, argv[0], napi_uint8_array, 80, "header must be a Uint8Array of 80 bytes", &header) ||
      !typed(env, argv[1], napi_uint32_array, -1, "nonces must be a Uint32Array", &nonces) ||
      !typed(env, argv[2], napi_uint32_array, -1, "out must be a Uint32Array", &out)) {
    return NULL;
  }
  if (out.length < 8 * nonces.length) {
    napi_throw_range_error(env, NULL, "out must hold 8 words per nonce");
    return NULL;
  }
  sha256d_scan(impl, header.data, nonces.data, nonces.length, out.data);
  return NULL;
}

static napi_value judge(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  const sha256d_impl *impl;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, (void **)&impl));
  view header, nonces, targets, difficulty, device, share, network, digests = {NULL, 0};
  if (argc != 8 || !typed(env, argv[0], napi_uint8_array, 80, "header must be a Uint8Array of 80 bytes", &header) ||
      !typed(env, argv[1], napi_uint32_array, -1, "nonces must be a Uint32Array", &nonces)) {
    return NULL;
  }
  const ptrdiff_t n = (ptrdiff_t)nonces.length;
  if (!typed(env, argv[2], napi_uint32_array, 24, "targets must be a Uint32Array of 24 words", &targets) ||
      !typed(env, argv[3], napi_float64_array, n, "difficulty must be a Float64Array, one per nonce", &difficulty) ||
      !typed(env, argv[4], napi_uint8_array, n, "meetsDevice must be a Uint8Array, one per nonce", &device) ||
      !typed(env, argv[5], napi_uint8_array, n, "meetsShare must be a Uint8Array, one per nonce", &share) ||
      !typed(env, argv[6], napi_uint8_array, n, "meetsNetwork must be a Uint8Array, one per nonce", &network)) {
    return NULL;
  }
  napi_valuetype digests_type;
  CHECK(napi_typeof(env, argv[7], &digests_type));
  if (digests_type != napi_null && !typed(env, argv[7], napi_uint8_array, 32 * n, "digests must be null or a Uint8Array of 32 bytes per nonce", &digests)) {
    return NULL;
  }
  sha256d_judge(impl, header.data, nonces.data, nonces.length, targets.data, difficulty.data, device.data, share.data, network.data,
                digests.data);
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  /* The CPU check runs once per load; every function gets the choice as its data. */
  void *impl = (void *)sha256d_select();
  napi_property_descriptor properties[] = {
      {"implementation", NULL, implementation, NULL, NULL, NULL, napi_enumerable, impl},
      {"scan", NULL, scan, NULL, NULL, NULL, napi_enumerable, impl},
      {"judge", NULL, judge, NULL, NULL, NULL, napi_enumerable, impl},
  };
  CHECK(napi_define_properties(env, exports, sizeof properties / sizeof properties[0], properties));
  return exports;
}

NAPI_MODULE_INIT() {
  return init(env, exports);
}
