// The six languages of every screen, message and announcement (R-VISIT-11). Russian comes first.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace okno {

enum class Language { ru, en, hy, be, kk, ky };

inline constexpr std::array<Language, 6> kAllLanguages = {Language::ru, Language::en, Language::hy,
                                                          Language::be, Language::kk, Language::ky};

std::string_view to_string(Language lang);
std::optional<Language> parse_language(std::string_view tag);  // "ru", "en-US", "KK" ...

// Picks the best supported language from an Accept-Language header (q-values honoured);
// Russian when nothing matches (Federal Law 168-FZ: Russian first).
Language negotiate_language(std::string_view accept_language);

// A text given per language, as offices and services are configured. Falls back to Russian.
struct LocalizedText {
  std::array<std::string, kAllLanguages.size()> by_language{};
  const std::string& get(Language lang) const;
  void set(Language lang, std::string text) {
    by_language[static_cast<size_t>(lang)] = std::move(text);
  }
};

}  // namespace okno
