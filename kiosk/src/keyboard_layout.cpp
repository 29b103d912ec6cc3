// The on-screen keyboard's keys (keyboard_layout.hpp): each alphabet, its punctuation and its
// capitals. No drawing here; the keyboard itself is drawn by screens/feedback_comment.cpp.
#include "keyboard_layout.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "fonts.hpp"  // decode_utf8, encode_utf8

namespace okno::kiosk {
namespace {

// Each alphabet as taught, in lower case (a comment needs no capitals to be understood, and one
// case keeps every key a single tap). Belarusian writes an apostrophe where Russian has ъ;
// Armenian's և is a letter of its own.
std::string_view alphabet(Language lang) {
  switch (lang) {
    case Language::ru:
      return "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
    case Language::be:
      return "абвгдеёжзійклмнопрстуўфхцчшыьэюя’";
    case Language::kk:
      return "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";
    case Language::ky:
      return "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя";
    case Language::hy:
      return "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆև";
    case Language::en:
      break;
  }
  return "abcdefghijklmnopqrstuvwxyz";
}

// Armenian has its own full stop and question mark.
std::string_view punctuation(Language lang, bool latin) {
  return lang == Language::hy && !latin ? ",։՞!-" : ",.?!-";
}

std::vector<std::string> split_characters(std::string_view s) {
  std::vector<std::string> out;
  for (char32_t c : decode_utf8(s)) out.push_back(encode_utf8(c));
  return out;
}

}  // namespace

std::vector<std::string> keyboard_keys(Language lang, bool latin) {
  auto keys = split_characters(latin ? alphabet(Language::en) : alphabet(lang));
  for (auto& k : split_characters("1234567890")) keys.push_back(std::move(k));
  for (auto& k : split_characters(punctuation(lang, latin))) keys.push_back(std::move(k));
  return keys;
}

std::string keyboard_capital(Language lang, bool latin, std::string_view key, bool locked) {
  // ICU's full case mapping with the alphabet's own locale: Cyrillic letters beyond Russian's
  // and Armenian have no ASCII-style offset, and Armenian և has a two-letter capital: title case
  // (Եվ) starts a sentence, upper case (ԵՎ) is for capitals throughout.
  const icu::Locale locale(latin ? "en" : std::string(to_string(lang)).c_str());
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(key.data(), static_cast<int32_t>(key.size())));
  if (locked) {
    text.toUpper(locale);
  } else {
    text.toTitle(nullptr, locale);
  }
  std::string out;
  text.toUTF8String(out);
  return out;
}

size_t keyboard_letter_count(Language lang, bool latin) {
  return decode_utf8(latin ? alphabet(Language::en) : alphabet(lang)).size();
}

}  // namespace okno::kiosk
