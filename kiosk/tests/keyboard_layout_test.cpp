// The on-screen keyboard's layout (keyboard_layout.hpp, R-VISIT-13) without a window: each
// alphabet's letters in alphabet order, then the digits and the punctuation, every key one
// character, and the counts the drawing relies on (three rows of letters, one of digits and
// punctuation). Glyphs and capitals in the fonts are glyphs_test.cpp's.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "fonts.hpp"
#include "keyboard_layout.hpp"

namespace okno::kiosk {
namespace {

std::string joined(const std::vector<std::string>& keys, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) out += keys[i];
  return out;
}

TEST(KeyboardLayout, R_VISIT_13_EachAlphabetInOrderThenDigitsThenPunctuation) {
  struct Expected {
    Language lang;
    const char* letters;
    const char* punctuation;
  };
  const Expected expected[] = {
      {Language::ru, "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", ",.?!-"},
      {Language::be, "абвгдеёжзійклмнопрстуўфхцчшыьэюя’", ",.?!-"},
      {Language::kk, "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя", ",.?!-"},
      {Language::ky, "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя", ",.?!-"},
      {Language::hy, "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆև", ",։՞!-"},
      {Language::en, "abcdefghijklmnopqrstuvwxyz", ",.?!-"},
  };
  for (const auto& e : expected) {
    const auto keys = keyboard_keys(e.lang, false);
    const size_t letters = keyboard_letter_count(e.lang, false);
    ASSERT_EQ(keys.size(), letters + 10 + 5) << to_string(e.lang);
    EXPECT_EQ(joined(keys, 0, letters), e.letters) << to_string(e.lang);
    EXPECT_EQ(joined(keys, letters, letters + 10), "1234567890") << to_string(e.lang);
    EXPECT_EQ(joined(keys, letters + 10, keys.size()), e.punctuation) << to_string(e.lang);
  }
  EXPECT_EQ(keyboard_letter_count(Language::ru, false), 33u);
  EXPECT_EQ(keyboard_letter_count(Language::kk, false), 42u);
  EXPECT_EQ(keyboard_letter_count(Language::hy, false), 39u);
}

TEST(KeyboardLayout, R_VISIT_13_LatinIsTheEnglishAlphabetWithLatinPunctuation) {
  const auto english = keyboard_keys(Language::en, false);
  for (Language lang : kAllLanguages) {
    EXPECT_EQ(keyboard_keys(lang, true), english) << to_string(lang);
    EXPECT_EQ(keyboard_letter_count(lang, true), 26u) << to_string(lang);
  }
}

// Every key types exactly one character (the drawing labels a key with it and the comment
// grows by it), no key appears twice, and the rows fit: the letters in at most three rows of
// kKeyboardColumns, the digits and the punctuation in exactly one.
TEST(KeyboardLayout, R_VISIT_13_EveryKeyIsOneCharacterOnceAndTheRowsFit) {
  for (Language lang : kAllLanguages) {
    for (bool latin : {false, true}) {
      const auto keys = keyboard_keys(lang, latin);
      const size_t letters = keyboard_letter_count(lang, latin);
      std::set<std::string> seen;
      for (const auto& key : keys) {
        EXPECT_EQ(decode_utf8(key).size(), 1u) << to_string(lang) << " " << key;
        EXPECT_TRUE(seen.insert(key).second) << to_string(lang) << " twice: " << key;
      }
      EXPECT_LE(letters, 3u * kKeyboardColumns) << to_string(lang);
      EXPECT_EQ(keys.size() - letters, static_cast<size_t>(kKeyboardColumns)) << to_string(lang);
    }
  }
}

// What shift types: the alphabet's own capital, the whole key in title case once and in upper
// case when locked (only Armenian և differs), digits and punctuation as they are.
TEST(KeyboardLayout, R_VISIT_13_ShiftTypesTheCapitalInTheAlphabetsOwnRules) {
  EXPECT_EQ(keyboard_capital(Language::ru, false, "ё", false), "Ё");
  EXPECT_EQ(keyboard_capital(Language::ru, false, "я", true), "Я");
  EXPECT_EQ(keyboard_capital(Language::be, false, "ў", false), "Ў");
  EXPECT_EQ(keyboard_capital(Language::be, false, "’", true), "’");
  EXPECT_EQ(keyboard_capital(Language::kk, false, "і", false), "І");
  EXPECT_EQ(keyboard_capital(Language::kk, false, "һ", true), "Һ");
  EXPECT_EQ(keyboard_capital(Language::ky, false, "ң", false), "Ң");
  EXPECT_EQ(keyboard_capital(Language::ky, false, "ө", true), "Ө");
  EXPECT_EQ(keyboard_capital(Language::hy, false, "ա", false), "Ա");
  EXPECT_EQ(keyboard_capital(Language::hy, false, "և", false), "Եվ");
  EXPECT_EQ(keyboard_capital(Language::hy, false, "և", true), "ԵՎ");
  EXPECT_EQ(keyboard_capital(Language::en, true, "i", false), "I");
  EXPECT_EQ(keyboard_capital(Language::kk, true, "i", false), "I");  // Latin: not Turkish İ
  for (const char* unchanged : {"7", "0", ",", "։", "՞", "-"}) {
    EXPECT_EQ(keyboard_capital(Language::hy, false, unchanged, false), unchanged);
    EXPECT_EQ(keyboard_capital(Language::hy, false, unchanged, true), unchanged);
  }
}

}  // namespace
}  // namespace okno::kiosk
