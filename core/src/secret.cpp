// SHA-256, constant-time comparison and random tokens (secret.hpp), over libsodium.
#include "okno/secret.hpp"

#include <sodium.h>

#include <vector>

namespace okno {
namespace {

// sodium_init is idempotent and thread-safe; the library wants it before first use.
void sodium_ready() {
  [[maybe_unused]] static const int ready = sodium_init();
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  sodium_ready();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(sizeof digest * 2);
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

bool equal_secret(std::string_view a, std::string_view b) {
  sodium_ready();
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_token(std::size_t bytes) {
  sodium_ready();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

}  // namespace okno
