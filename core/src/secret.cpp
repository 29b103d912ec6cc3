// SHA-256, constant-time comparison, random tokens and link secrets (secret.hpp), over libsodium.
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

std::string link_secret(std::string_view key, std::string_view code) {
  sodium_ready();
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(code.data()),
                                code.size());
  crypto_auth_hmacsha256_final(&state, mac);
  // 15 bytes (120 bits) is far beyond guessing and keeps the link short: 20 characters.
  constexpr std::size_t kBytes = 15;
  std::string out(sodium_base64_ENCODED_LEN(kBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), mac, kBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

}  // namespace okno
