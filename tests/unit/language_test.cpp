// Tests for the six languages (R-VISIT-11): tag parsing, Accept-Language negotiation with
// Russian as the fallback (168-FZ), and LocalizedText falling back to Russian.
#include "okno/language.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace okno {
namespace {

TEST(Language, R_VISIT_11_SixLanguagesRussianFirst) {
  ASSERT_EQ(kAllLanguages.size(), 6u);
  EXPECT_EQ(kAllLanguages.front(), Language::ru);
  std::set<std::string> codes;
  for (Language lang : kAllLanguages) codes.emplace(to_string(lang));
  EXPECT_EQ(codes, (std::set<std::string>{"ru", "en", "hy", "be", "kk", "ky"}));
}

TEST(Language, R_VISIT_11_ToStringParsesBack) {
  for (Language lang : kAllLanguages) {
    EXPECT_EQ(parse_language(to_string(lang)), lang) << to_string(lang);
  }
}

TEST(Language, R_VISIT_11_ParseIsCaseInsensitiveAndAcceptsRegions) {
  EXPECT_EQ(parse_language("KK"), Language::kk);
  EXPECT_EQ(parse_language("Ky"), Language::ky);
  EXPECT_EQ(parse_language("en-US"), Language::en);
  EXPECT_EQ(parse_language("en-gb"), Language::en);
  EXPECT_EQ(parse_language("ru_RU"), Language::ru);
  EXPECT_EQ(parse_language("hy-AM"), Language::hy);
  EXPECT_EQ(parse_language("be-BY"), Language::be);
  EXPECT_EQ(parse_language("kk-Cyrl-KZ"), Language::kk);
  EXPECT_EQ(parse_language("ky-KG"), Language::ky);
}

TEST(Language, R_VISIT_11_ParseRejectsOthers) {
  for (const char* tag : {"", "de", "uk", "tt", "rus", "russian", "r", "ru-", "ru--RU", "-ru",
                          "ru RU", " ru", "ru-RU-toolongsubtag", "ru-R!", "*", "en;q=1"}) {
    EXPECT_EQ(parse_language(tag), std::nullopt) << '"' << tag << '"';
  }
}

TEST(Negotiate, R_VISIT_11_EmptyHeaderIsRussian) {
  EXPECT_EQ(negotiate_language(""), Language::ru);
  EXPECT_EQ(negotiate_language("   "), Language::ru);
}

TEST(Negotiate, R_VISIT_11_UnsupportedOnlyIsRussian) {
  EXPECT_EQ(negotiate_language("de-DE,fr;q=0.9"), Language::ru);
}

TEST(Negotiate, R_VISIT_11_RegionSubtagMatchesLanguage) {
  EXPECT_EQ(negotiate_language("kk-KZ,ru;q=0.8"), Language::kk);
  EXPECT_EQ(negotiate_language("en-US"), Language::en);
  EXPECT_EQ(negotiate_language("hy-AM,hy;q=0.9,ru;q=0.5"), Language::hy);
}

TEST(Negotiate, R_VISIT_11_HighestQValueWins) {
  EXPECT_EQ(negotiate_language("ru;q=0.5,be;q=0.9,en;q=0.7"), Language::be);
  EXPECT_EQ(negotiate_language("en;q=0.1, ky"), Language::ky);
  EXPECT_EQ(negotiate_language("en;q=0.001,ru;q=0"), Language::en);
  EXPECT_EQ(negotiate_language("en;q=1.000,ru;q=0.999"), Language::en);
}

TEST(Negotiate, R_VISIT_11_EqualWeightsKeepTheClientsOrder) {
  EXPECT_EQ(negotiate_language("ky,kk"), Language::ky);
  EXPECT_EQ(negotiate_language("kk;q=0.5,ky;q=0.5"), Language::kk);
}

TEST(Negotiate, R_VISIT_11_UnsupportedPreferredFallsToNextSupported) {
  EXPECT_EQ(negotiate_language("de-DE,de;q=0.9,en;q=0.8,ru;q=0.7"), Language::en);
}

TEST(Negotiate, R_VISIT_11_ZeroQualityMeansNotAcceptable) {
  EXPECT_EQ(negotiate_language("en;q=0"), Language::ru);
  EXPECT_EQ(negotiate_language("ru;q=0,*;q=0.1"), Language::en);
}

TEST(Negotiate, R_VISIT_11_WildcardMeansRussian) {
  EXPECT_EQ(negotiate_language("*"), Language::ru);
  EXPECT_EQ(negotiate_language("de,*;q=0.5"), Language::ru);
  // A named language above the wildcard is preferred to what "*" stands for.
  EXPECT_EQ(negotiate_language("*;q=0.5,hy"), Language::hy);
}

TEST(Negotiate, R_VISIT_11_CaseAndWhitespaceTolerated) {
  EXPECT_EQ(negotiate_language("  EN-us ; Q=0.9 ,\tRU ; q=0.3"), Language::en);
}

TEST(Negotiate, R_VISIT_11_GarbageIsToleratedAndFallsBackToRussian) {
  EXPECT_EQ(negotiate_language("garbage"), Language::ru);
  EXPECT_EQ(negotiate_language(",,,;;;==="), Language::ru);
  EXPECT_EQ(negotiate_language("\xff\xfe\x00"), Language::ru);
  EXPECT_EQ(negotiate_language(";q=0.9"), Language::ru);
  EXPECT_EQ(negotiate_language(std::string(100000, ',')), Language::ru);
}

TEST(Negotiate, R_VISIT_11_MalformedQValueDropsOnlyThatElement) {
  // q must be 0..1 with at most three decimals (RFC 9110); a bad one does not win.
  EXPECT_EQ(negotiate_language("en;q=2,be;q=0.5"), Language::be);
  EXPECT_EQ(negotiate_language("en;q=0.5555,kk;q=0.1"), Language::kk);
  EXPECT_EQ(negotiate_language("en;q=abc,ky;q=0.2"), Language::ky);
  EXPECT_EQ(negotiate_language("en;q=-1"), Language::ru);
  EXPECT_EQ(negotiate_language("en;q=1.5"), Language::ru);
  // Parameters other than q are ignored.
  EXPECT_EQ(negotiate_language("en;level=1"), Language::en);
}

TEST(LocalizedText, R_VISIT_11_FallsBackToRussianWhenEmpty) {
  LocalizedText text;
  text.set(Language::ru, "Главный офис");
  text.set(Language::kk, "Бас кеңсе");
  EXPECT_EQ(text.get(Language::kk), "Бас кеңсе");
  EXPECT_EQ(text.get(Language::ru), "Главный офис");
  EXPECT_EQ(text.get(Language::ky), "Главный офис");
  EXPECT_EQ(text.get(Language::en), "Главный офис");
}

TEST(LocalizedText, AllEmptyGivesEmpty) {
  LocalizedText text;
  EXPECT_EQ(text.get(Language::hy), "");
}

}  // namespace
}  // namespace okno
