// Booking codes: short, read-aloud friendly (no look-alike characters), unguessable.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace okno {

// The alphabet: digits and Latin capitals without 0/O, 1/I/L and other look-alikes.
std::string_view booking_code_alphabet();
inline constexpr int kBookingCodeLength = 10;  // characters, without the separator
// Entropy in bits of a random code (length * log2(alphabet size)); at least 40.
double booking_code_entropy_bits();

// A fresh random code from libsodium's CSPRNG, shown as "XXXXX-XXXXX".
std::string generate_booking_code();

// Reads what a person typed or a scanner sent: any case, spaces and dashes ignored, Cyrillic
// look-alikes (А В Е К М Н Р С Т Х) taken as their Latin twins. Canonical "XXXXX-XXXXX" or
// nothing when it cannot be a code.
std::optional<std::string> normalize_booking_code(std::string_view typed);

}  // namespace okno
