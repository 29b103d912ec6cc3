// Locale catalogs: loads locales/<lang>.json and renders texts with {name} placeholders.
// R-VISIT-11: every text exists in six languages; Russian is the fallback (168-FZ).
#include "okno/i18n.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace okno {

namespace {

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
// Returns the offset of the first bad byte, or npos when the text is valid.
size_t find_invalid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;  // allowed range of the second byte
    if (b0 < 0x80) {
      len = 1;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3;
      if (b0 == 0xE0) lo = 0xA0;  // overlong
      if (b0 == 0xED) hi = 0x9F;  // surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4;
      if (b0 == 0xF0) lo = 0x90;  // overlong
      if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      const unsigned char min = k == 1 ? lo : 0x80;
      const unsigned char max = k == 1 ? hi : 0xBF;
      if (b < min || b > max) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

bool is_placeholder_name(std::string_view name) {
  if (name.empty()) return false;
  return std::ranges::all_of(name, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

using Texts = std::map<std::string, std::string, std::less<>>;

Result<Texts> load_file(const std::filesystem::path& file) {
  const std::string name = file.filename().string();
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::invalid_value, name + ": cannot open " + file.string());
  std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return fail(ErrorCode::invalid_value, name + ": read error");

  // Checked before parsing so that the message names the byte offset, not a parser state.
  if (size_t bad = find_invalid_utf8(content); bad != std::string_view::npos) {
    return fail(ErrorCode::invalid_value,
                name + ": not valid UTF-8 at byte " + std::to_string(bad));
  }

  // A repeated key would silently keep only the last text; a translator's copy-paste slip
  // should stop the load instead.
  std::string duplicate;
  std::set<std::string, std::less<>> seen;
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(
        content, [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          if (depth == 1 && event == nlohmann::json::parse_event_t::key && parsed.is_string()) {
            auto key = parsed.get<std::string>();
            if (!seen.insert(key).second && duplicate.empty()) duplicate = key;
          }
          return true;
        });
  } catch (const nlohmann::json::exception& e) {
    return fail(ErrorCode::invalid_value, name + ": " + e.what());
  }
  if (!duplicate.empty()) {
    return fail(ErrorCode::invalid_value, name + ": key \"" + duplicate + "\" appears twice");
  }
  if (!doc.is_object()) {
    return fail(ErrorCode::invalid_value,
                name + ": top level must be an object {\"key\": \"text\"}");
  }

  Texts texts;
  for (const auto& [key, value] : doc.items()) {
    if (key.empty()) return fail(ErrorCode::invalid_value, name + ": empty key");
    if (!value.is_string()) {
      return fail(ErrorCode::invalid_value,
                  name + ": \"" + key + "\" must be a string, not " + value.type_name());
    }
    auto text = value.get<std::string>();
    // An empty text is a missing translation in disguise: people would see a blank.
    if (text.empty()) return fail(ErrorCode::invalid_value, name + ": \"" + key + "\" is empty");
    texts.emplace(key, std::move(text));
  }
  return texts;
}

}  // namespace

Result<Catalog> Catalog::load_directory(const std::filesystem::path& dir) {
  Catalog catalog;
  for (Language lang : kAllLanguages) {
    auto file = dir / (std::string(to_string(lang)) + ".json");
    auto texts = load_file(file);
    if (!texts) return std::unexpected(std::move(texts.error()));
    catalog.texts_[static_cast<size_t>(lang)] = std::move(*texts);
  }
  return catalog;
}

std::string Catalog::text(Language lang, std::string_view key,
                          const std::map<std::string, std::string>& args) const {
  const auto& own = texts_[static_cast<size_t>(lang)];
  const auto& russian = texts_[static_cast<size_t>(Language::ru)];
  std::string_view pattern = key;
  if (auto it = own.find(key); it != own.end()) {
    pattern = it->second;
  } else if (auto ru = russian.find(key); ru != russian.end()) {
    pattern = ru->second;
  }

  // One pass, left to right: substituted values are never scanned again, so a value that
  // happens to contain "{code}" stays as the client typed it.
  std::string out;
  out.reserve(pattern.size());
  size_t pos = 0;
  while (pos < pattern.size()) {
    size_t open = pattern.find('{', pos);
    if (open == std::string_view::npos) break;
    size_t close = pattern.find('}', open + 1);
    if (close == std::string_view::npos) break;
    std::string_view name = pattern.substr(open + 1, close - open - 1);
    out.append(pattern.substr(pos, open - pos));
    auto arg = is_placeholder_name(name) ? args.find(std::string(name)) : args.end();
    auto constant = arg == args.end() ? constants_.find(name) : constants_.end();
    if (arg != args.end()) {
      out.append(arg->second);
      pos = close + 1;
    } else if (constant != constants_.end()) {
      out.append(constant->second);
      pos = close + 1;
    } else {
      // Unknown placeholder stays visible, so a missing argument is noticed, not hidden.
      out.push_back('{');
      pos = open + 1;
    }
  }
  out.append(pattern.substr(pos));
  return out;
}

bool Catalog::has(Language lang, std::string_view key) const {
  return texts_[static_cast<size_t>(lang)].contains(key);
}

std::vector<std::string> Catalog::all_keys() const {
  std::set<std::string, std::less<>> keys;
  for (const auto& texts : texts_) {
    for (const auto& [key, text] : texts) keys.insert(key);
  }
  return {keys.begin(), keys.end()};
}

std::vector<std::string> Catalog::missing_keys(Language lang) const {
  std::vector<std::string> missing;
  for (auto& key : all_keys()) {
    if (!has(lang, key)) missing.push_back(std::move(key));
  }
  return missing;
}

std::string Catalog::error_message(Language lang, ErrorCode code) const {
  return text(lang, "error." + std::string(to_string(code)));
}

}  // namespace okno
