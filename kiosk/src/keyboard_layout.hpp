// The on-screen keyboard's layout (R-VISIT-13), apart from its drawing: which character keys a
// language gets, how many of them are letters, and what a key types with shift on. Plain
// functions over strings (ICU for the capitals), testable without a window.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "okno/language.hpp"

namespace okno::kiosk {

// The on-screen keyboard's character keys for a language: its letters (or Latin), then digits
// and punctuation. Labels and typed text are the characters themselves.
std::vector<std::string> keyboard_keys(Language lang, bool latin);
size_t keyboard_letter_count(Language lang, bool latin);
// What a key types with shift on: its capital in the alphabet's own casing rules (digits and
// punctuation unchanged). Armenian և gives two letters: Եվ once, ԵՎ with capitals locked.
std::string keyboard_capital(Language lang, bool latin, std::string_view key, bool locked);
// At most this many keys a row: the ten digits and five punctuation marks make one row.
// Fewer at large print.
inline constexpr int kKeyboardColumns = 15;

}  // namespace okno::kiosk
