// Locale catalogs (locales/<lang>.json): every string shown to people, in six languages.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "okno/error.hpp"
#include "okno/language.hpp"

namespace okno {

class Catalog {
 public:
  // Loads locales/<lang>.json for every language. Files are flat objects {"key": "text"}.
  static Result<Catalog> load_directory(const std::filesystem::path& dir);

  // The text for `key` in `lang`, with {name} placeholders replaced from `args`. Falls back to
  // Russian, then to the key itself (a test makes sure that never happens).
  std::string text(Language lang, std::string_view key,
                   const std::map<std::string, std::string>& args = {}) const;
  bool has(Language lang, std::string_view key) const;

  // Facts from the configuration that any text may name, e.g. {hotline}: the catalogs never
  // spell them out, so changing the hotline is a configuration change (issue 16 item 6). A
  // call's own `args` win over them.
  void set_constants(std::map<std::string, std::string, std::less<>> constants) {
    constants_ = std::move(constants);
  }

  // Keys present in some catalog but missing in `lang`.
  std::vector<std::string> missing_keys(Language lang) const;
  std::vector<std::string> all_keys() const;

  // The user-facing message for an error (key "error.<code>").
  std::string error_message(Language lang, ErrorCode code) const;

 private:
  std::array<std::map<std::string, std::string, std::less<>>, kAllLanguages.size()> texts_;
  std::map<std::string, std::string, std::less<>> constants_;
};

}  // namespace okno
