// Secrets' small helpers in one place (libsodium): the SHA-256 that stores tokens and keys
// hashed (staff sessions, kiosk device keys, Idempotency-Key bodies), the constant-time
// comparison, fresh random tokens, and the secret of a booking's links.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace okno {

// Lower-case hex SHA-256 of `data` (64 characters).
std::string sha256_hex(std::string_view data);

// Whether two secrets are equal, in time that depends only on their length (never on where
// they differ); an empty secret never matches.
bool equal_secret(std::string_view a, std::string_view b);

// `bytes` random bytes from libsodium's CSPRNG, base64url without padding.
std::string random_token(std::size_t bytes = 32);

// The secret a booking's links carry (manage and survey pages, issue 12): HMAC-SHA256 of the
// booking code under the server's link key, base64url, 20 characters. Nothing is stored: the
// page recomputes it, and a new key invalidates every link sent before.
std::string link_secret(std::string_view key, std::string_view code);

}  // namespace okno
