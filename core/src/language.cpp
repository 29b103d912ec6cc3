// The six supported languages (R-VISIT-11): names, tag parsing and Accept-Language negotiation.
#include "okno/language.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace okno {

namespace {

constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_ows(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// RFC 9110 qvalue: "0" ["." 0*3DIGIT] / "1" ["." 0*3"0"], kept as thousandths so that
// comparing weights needs no floating point. nullopt for anything else.
std::optional<int> parse_qvalue(std::string_view s) {
  if (s.empty() || (s[0] != '0' && s[0] != '1')) return std::nullopt;
  const bool one = s[0] == '1';
  if (s.size() == 1) return one ? 1000 : 0;
  if (s[1] != '.' || s.size() > 5) return std::nullopt;
  int thousandths = 0;
  int scale = 100;
  for (size_t i = 2; i < s.size(); ++i, scale /= 10) {
    if (!is_digit(s[i])) return std::nullopt;
    thousandths += (s[i] - '0') * scale;
  }
  if (one && thousandths != 0) return std::nullopt;  // "1.5" is not a qvalue
  return one ? 1000 : thousandths;
}

// One element of an Accept-Language list: "kk-KZ;q=0.8". Unknown parameters are ignored;
// an element with a malformed q is dropped (tolerated, not guessed at).
struct Range {
  std::string_view tag;
  int weight = 1000;
};

std::optional<Range> parse_range(std::string_view element) {
  Range r;
  size_t semi = element.find(';');
  r.tag = trim(element.substr(0, semi));
  if (r.tag.empty()) return std::nullopt;
  while (semi != std::string_view::npos) {
    element.remove_prefix(semi + 1);
    semi = element.find(';');
    std::string_view param = trim(element.substr(0, semi));
    size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (!iequals(trim(param.substr(0, eq)), "q")) continue;
    auto q = parse_qvalue(trim(param.substr(eq + 1)));
    if (!q) return std::nullopt;
    r.weight = *q;
  }
  return r;
}

}  // namespace

std::string_view to_string(Language lang) {
  switch (lang) {
    case Language::ru:
      return "ru";
    case Language::en:
      return "en";
    case Language::hy:
      return "hy";
    case Language::be:
      return "be";
    case Language::kk:
      return "kk";
    case Language::ky:
      return "ky";
  }
  return "ru";
}

std::optional<Language> parse_language(std::string_view tag) {
  // A BCP 47 shaped tag: a two-letter primary subtag, then subtags of 1-8 letters or digits
  // ("en-US", "ru_RU", "kk-Cyrl-KZ"). Only the primary subtag picks the language.
  size_t end = tag.find_first_of("-_");
  std::string_view primary = tag.substr(0, end);
  if (primary.size() != 2 || !is_alpha(primary[0]) || !is_alpha(primary[1])) return std::nullopt;
  while (end != std::string_view::npos) {
    tag.remove_prefix(end + 1);
    end = tag.find_first_of("-_");
    std::string_view sub = tag.substr(0, end);
    if (sub.empty() || sub.size() > 8) return std::nullopt;
    for (char c : sub) {
      if (!is_alpha(c) && !is_digit(c)) return std::nullopt;
    }
  }
  for (Language lang : kAllLanguages) {
    if (iequals(primary, to_string(lang))) return lang;
  }
  return std::nullopt;
}

Language negotiate_language(std::string_view accept_language) {
  // Weight given to each supported language by the header; -1 = not mentioned. The first
  // mention of a language counts, as in RFC 4647 lookup a more specific range comes first.
  std::array<int, kAllLanguages.size()> weight{};
  weight.fill(-1);
  std::optional<int> wildcard;
  // Order of first mention breaks ties between equal weights: the client listed them so.
  std::array<size_t, kAllLanguages.size()> order{};
  size_t position = 0;

  while (!accept_language.empty()) {
    size_t comma = accept_language.find(',');
    std::string_view element = accept_language.substr(0, comma);
    accept_language.remove_prefix(comma == std::string_view::npos ? accept_language.size()
                                                                  : comma + 1);
    auto range = parse_range(element);
    if (!range) continue;
    ++position;
    if (range->tag == "*") {
      if (!wildcard) wildcard = range->weight;
      continue;
    }
    auto lang = parse_language(range->tag);
    if (!lang) continue;
    auto i = static_cast<size_t>(*lang);
    if (weight[i] < 0) {
      weight[i] = range->weight;
      order[i] = position;
    }
  }

  // "*" stands for every language the header does not name; Russian comes first among those.
  if (wildcard) {
    for (size_t i = 0; i < kAllLanguages.size(); ++i) {
      if (weight[i] < 0) {
        weight[i] = *wildcard;
        order[i] = position + 1 + i;
      }
    }
  }

  std::optional<size_t> best;
  for (size_t i = 0; i < kAllLanguages.size(); ++i) {
    if (weight[i] <= 0) continue;  // q=0 means "not acceptable"
    if (!best || weight[i] > weight[*best] ||
        (weight[i] == weight[*best] && order[i] < order[*best])) {
      best = i;
    }
  }
  // Federal Law 168-FZ: Russian first, so it is the answer when nothing else fits.
  return best ? kAllLanguages[*best] : Language::ru;
}

const std::string& LocalizedText::get(Language lang) const {
  const std::string& text = by_language[static_cast<size_t>(lang)];
  return text.empty() ? by_language[static_cast<size_t>(Language::ru)] : text;
}

}  // namespace okno
