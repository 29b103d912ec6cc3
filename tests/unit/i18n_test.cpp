// Tests for the locale catalogs: the real locales/ folder is complete in all six languages
// (R-VISIT-11), texts are plain and consistent (R-CHAN-3), and the loader reports bad files as
// error values.
#include "okno/i18n.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include "okno/office.hpp"
#include "okno/source_root.hpp"

namespace okno {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const fs::path kLocales = OKNO_SOURCE_ROOT "/locales";

const Hotline& demo_hotline() {
  static const Hotline hotline = [] {
    auto offices = load_offices_file(OKNO_SOURCE_ROOT "/assets/offices/demo.toml");
    if (!offices) ADD_FAILURE() << offices.error().detail;
    return offices ? offices->hotline : Hotline{};
  }();
  return hotline;
}

// The catalogs as the server and the kiosk use them: with the configured hotline filled in.
const Catalog& real_catalog() {
  static const Catalog catalog = [] {
    auto loaded = Catalog::load_directory(kLocales);
    if (!loaded) {
      ADD_FAILURE() << "locales/ does not load: " << loaded.error().detail;
      return Catalog{};
    }
    loaded->set_constants(hotline_constants(demo_hotline()));
    return *std::move(loaded);
  }();
  return catalog;
}

// The {name} placeholders a text uses.
std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> names;
  size_t pos = 0;
  while ((pos = text.find('{', pos)) != std::string::npos) {
    size_t close = text.find('}', pos);
    if (close == std::string::npos) break;
    names.insert(text.substr(pos + 1, close - pos - 1));
    pos = close + 1;
  }
  return names;
}

// A scratch folder with one catalog file per language, removed at the end of the test.
class TempLocales {
 public:
  TempLocales() {
    auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    dir_ = fs::temp_directory_path() /
           ("okno-i18n-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            std::to_string(stamp));
    fs::create_directories(dir_);
    for (Language lang : kAllLanguages) write(lang, R"({"greeting": "hi"})");
  }
  ~TempLocales() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  TempLocales(const TempLocales&) = delete;
  TempLocales& operator=(const TempLocales&) = delete;

  void write(Language lang, const std::string& content) const {
    std::ofstream(dir_ / (std::string(to_string(lang)) + ".json"), std::ios::binary) << content;
  }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

// ---- the real catalogs ----

TEST(Catalog, R_VISIT_11_RealFolderLoads) {
  auto loaded = Catalog::load_directory(kLocales);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().detail;
  EXPECT_FALSE(loaded->all_keys().empty());
}

TEST(Catalog, R_VISIT_11_EveryKeyInAllSixLanguages) {
  const Catalog& catalog = real_catalog();
  for (Language lang : kAllLanguages) {
    EXPECT_THAT(catalog.missing_keys(lang), IsEmpty()) << "missing in " << to_string(lang);
  }
}

TEST(Catalog, R_VISIT_11_EveryErrorCodeHasTextInEveryLanguage) {
  const Catalog& catalog = real_catalog();
  for (ErrorCode code : all_error_codes()) {
    const std::string key = "error." + std::string(to_string(code));
    for (Language lang : kAllLanguages) {
      EXPECT_TRUE(catalog.has(lang, key)) << key << " in " << to_string(lang);
      EXPECT_NE(catalog.error_message(lang, code), key) << key << " in " << to_string(lang);
    }
  }
}

TEST(Catalog, R_VISIT_11_KeysTheProductUsesExist) {
  const Catalog& catalog = real_catalog();
  for (const char* key : {"ics.summary",
                          "ics.alarm",
                          "ics.description",
                          "booking.status.booked",
                          "booking.status.cancelled",
                          "channel.web",
                          "channel.portal",
                          "channel.operator",
                          "channel.kiosk",
                          "notify.portal",
                          "notify.email",
                          "notify.sms",
                          "reminder.24h",
                          "reminder.2h",
                          "need.sign_language",
                          "need.tactile_interpreter",
                          "need.wheelchair",
                          "need.large_print",
                          "language.name",
                          "directions.transit",
                          "directions.entrance",
                          "directions.floor"}) {
    for (Language lang : kAllLanguages) {
      EXPECT_TRUE(catalog.has(lang, key)) << key << " in " << to_string(lang);
    }
  }
}

TEST(Catalog, R_VISIT_11_NoTextIsEmpty) {
  const Catalog& catalog = real_catalog();
  for (const auto& key : catalog.all_keys()) {
    for (Language lang : kAllLanguages) {
      EXPECT_FALSE(catalog.text(lang, key).empty()) << key << " in " << to_string(lang);
    }
  }
}

TEST(Catalog, R_VISIT_11_PlaceholdersMatchRussian) {
  const Catalog& catalog = real_catalog();
  for (const auto& key : catalog.all_keys()) {
    const auto expected = placeholders(catalog.text(Language::ru, key));
    for (Language lang : kAllLanguages) {
      EXPECT_EQ(placeholders(catalog.text(lang, key)), expected)
          << key << " in " << to_string(lang);
    }
  }
}

TEST(Catalog, R_VISIT_11_IcsPlaceholdersAreTheAgreedOnes) {
  const Catalog& catalog = real_catalog();
  using Names = std::set<std::string>;
  EXPECT_EQ(placeholders(catalog.text(Language::ru, "ics.summary")), (Names{"service", "office"}));
  EXPECT_EQ(placeholders(catalog.text(Language::ru, "ics.alarm")), (Names{"time", "office"}));
  EXPECT_EQ(placeholders(catalog.text(Language::ru, "ics.description")),
            (Names{"code", "directions"}));
}

TEST(Catalog, R_CHAN_3_ErrorTextsHaveNoPlaceholdersAndNoLegalReferences) {
  const Catalog& catalog = real_catalog();
  for (ErrorCode code : all_error_codes()) {
    for (Language lang : kAllLanguages) {
      const std::string text = catalog.error_message(lang, code);
      SCOPED_TRACE(std::string(to_string(code)) + " in " + std::string(to_string(lang)));
      EXPECT_EQ(text.find('{'), std::string::npos);
      EXPECT_EQ(text.find('}'), std::string::npos);
      // A refusal explains itself; it never sends the client to read a law (R-CHAN-3).
      for (const char* legal : {"ФЗ", "закон", "Закон", "стать", "постановлен", "law", "Law",
                                "article", "Article", "օրենք", "заң", "Заң", "мыйзам"}) {
        EXPECT_THAT(text, ::testing::Not(HasSubstr(legal)));
      }
    }
  }
}

TEST(Catalog, R_CHAN_3_ErrorTextsSayWhatToDoNext) {
  // Every error text is at least two sentences: what happened, then what to do. Checked on the
  // Russian original; the translations carry the same content (tested by review).
  const Catalog& catalog = real_catalog();
  for (ErrorCode code : all_error_codes()) {
    const std::string text = catalog.error_message(Language::ru, code);
    size_t sentences = 0;
    for (size_t i = 0; i + 1 < text.size(); ++i) {
      if ((text[i] == '.' || text[i] == ':') && text[i + 1] == ' ') ++sentences;
    }
    EXPECT_GE(sentences, 1u) << to_string(code) << ": " << text;
  }
}

// Issue 16 item 6: the hotline is configuration. No catalog spells the number or its hours
// out; the texts name {hotline} / {hotline_hours}, and another configured line shows up in them.
TEST(Catalog, R_LINE_1_TheHotlineComesFromTheConfigurationNotTheCatalogs) {
  auto raw = Catalog::load_directory(kLocales);
  ASSERT_TRUE(raw.has_value());
  ASSERT_EQ(demo_hotline().phone, "+7 111 111 1111");
  ASSERT_EQ(demo_hotline().hours, "8:00–18:00");
  size_t naming = 0;
  for (const auto& key : raw->all_keys()) {
    for (Language lang : kAllLanguages) {
      const std::string text = raw->text(lang, key);
      EXPECT_THAT(text, Not(HasSubstr("111 111"))) << key << " in " << to_string(lang);
      EXPECT_THAT(text, Not(HasSubstr("18:00"))) << key << " in " << to_string(lang);
      if (text.find("{hotline}") != std::string::npos) ++naming;
    }
  }
  EXPECT_GE(naming, 6u * 10) << "the texts that tell people to call name the line";
  raw->set_constants({{"hotline", "8 800 000-00-00"}, {"hotline_hours", "9:00–21:00"}});
  const std::string text = raw->error_message(Language::kk, ErrorCode::internal);
  EXPECT_THAT(text, HasSubstr("8 800 000-00-00"));
  EXPECT_THAT(text, HasSubstr("9:00–21:00"));
  // A call's own argument wins over a constant.
  EXPECT_THAT(raw->text(Language::en, "notify.help", {{"hotline", "112"}}), HasSubstr("112"));
}

TEST(Catalog, R_VISIT_1_CallingHelpsTextsGiveTheConsultationLine) {
  const Catalog& catalog = real_catalog();
  for (ErrorCode code : {ErrorCode::internal, ErrorCode::booking_not_found,
                         ErrorCode::unknown_office, ErrorCode::bad_request}) {
    for (Language lang : kAllLanguages) {
      const std::string text = catalog.error_message(lang, code);
      EXPECT_THAT(text, HasSubstr("+7 111 111 1111")) << to_string(code) << " " << to_string(lang);
      EXPECT_THAT(text, HasSubstr("8:00")) << to_string(code) << " " << to_string(lang);
      EXPECT_THAT(text, HasSubstr("18:00")) << to_string(code) << " " << to_string(lang);
    }
  }
}

TEST(Catalog, R_VISIT_11_LanguageNamesInThemselves) {
  const Catalog& catalog = real_catalog();
  EXPECT_EQ(catalog.text(Language::ru, "language.name"), "Русский");
  EXPECT_EQ(catalog.text(Language::en, "language.name"), "English");
  EXPECT_EQ(catalog.text(Language::hy, "language.name"), "Հայերեն");
  EXPECT_EQ(catalog.text(Language::be, "language.name"), "Беларуская");
  EXPECT_EQ(catalog.text(Language::kk, "language.name"), "Қазақша");
  EXPECT_EQ(catalog.text(Language::ky, "language.name"), "Кыргызча");
}

TEST(Catalog, R_VISIT_11_TranslationsAreNotRussianCopies) {
  // Short labels may legitimately coincide ("Сайт"); a long text equal to Russian is a copy.
  const Catalog& catalog = real_catalog();
  for (const auto& key : catalog.all_keys()) {
    const std::string ru = catalog.text(Language::ru, key);
    if (ru.size() < 40) continue;
    for (Language lang : kAllLanguages) {
      if (lang == Language::ru) continue;
      EXPECT_NE(catalog.text(lang, key), ru) << key << " in " << to_string(lang);
    }
  }
}

TEST(Catalog, R_VISIT_11_ErrorMessageExample) {
  const Catalog& catalog = real_catalog();
  EXPECT_EQ(catalog.error_message(Language::ru, ErrorCode::slot_taken),
            "Это время только что заняли. Выберите, пожалуйста, другое время из свободных.");
}

TEST(Catalog, R_VISIT_11_IcsSummarySubstitutes) {
  const Catalog& catalog = real_catalog();
  EXPECT_EQ(catalog.text(Language::ru, "ics.summary",
                         {{"service", "Консультация"}, {"office", "Центральном офисе"}}),
            "Приём в Центральном офисе: Консультация");
  EXPECT_EQ(catalog.text(Language::ru, "ics.description",
                         {{"code", "AB12-CD34"}, {"directions", "Метро «Центр»"}}),
            "Код записи: AB12-CD34\nМетро «Центр»");
}

// ---- text(): substitution and fallback, on a small catalog ----

TEST(CatalogText, R_VISIT_11_SubstitutesPlaceholders) {
  TempLocales dir;
  dir.write(Language::ru, R"({"greeting": "Здравствуйте, {name}! Код {code}, ещё раз {name}."})");
  auto catalog = Catalog::load_directory(dir.dir());
  ASSERT_TRUE(catalog) << catalog.error().detail;
  EXPECT_EQ(catalog->text(Language::ru, "greeting", {{"name", "Анна"}, {"code", "7"}}),
            "Здравствуйте, Анна! Код 7, ещё раз Анна.");
}

TEST(CatalogText, UnknownPlaceholderStaysAsIs) {
  TempLocales dir;
  dir.write(Language::ru, R"({"greeting": "{a} {missing} {} { b } {unclosed"})");
  auto catalog = Catalog::load_directory(dir.dir());
  ASSERT_TRUE(catalog) << catalog.error().detail;
  EXPECT_EQ(catalog->text(Language::ru, "greeting", {{"a", "A"}, {"b", "B"}}),
            "A {missing} {} { b } {unclosed");
}

TEST(CatalogText, SubstitutedValuesAreNotScannedAgain) {
  TempLocales dir;
  dir.write(Language::ru, R"({"greeting": "{a}-{b}"})");
  auto catalog = Catalog::load_directory(dir.dir());
  ASSERT_TRUE(catalog) << catalog.error().detail;
  EXPECT_EQ(catalog->text(Language::ru, "greeting", {{"a", "{b}"}, {"b", "x"}}), "{b}-x");
}

TEST(CatalogText, R_VISIT_11_FallsBackToRussianThenToKey) {
  TempLocales dir;
  dir.write(Language::ru, R"({"greeting": "Здравствуйте", "only.ru": "Только по-русски, {n}"})");
  dir.write(Language::kk, R"({"greeting": "Сәлеметсіз бе"})");
  auto catalog = Catalog::load_directory(dir.dir());
  ASSERT_TRUE(catalog) << catalog.error().detail;
  EXPECT_EQ(catalog->text(Language::kk, "greeting"), "Сәлеметсіз бе");
  EXPECT_EQ(catalog->text(Language::kk, "only.ru", {{"n", "1"}}), "Только по-русски, 1");
  EXPECT_EQ(catalog->text(Language::kk, "no.such.key"), "no.such.key");
  EXPECT_TRUE(catalog->has(Language::ru, "only.ru"));
  EXPECT_FALSE(catalog->has(Language::kk, "only.ru"));
}

TEST(CatalogText, R_VISIT_11_MissingKeysAndAllKeys) {
  TempLocales dir;
  dir.write(Language::ru, R"({"greeting": "a", "b": "b"})");
  dir.write(Language::ky, R"({"greeting": "a", "c": "c"})");
  auto catalog = Catalog::load_directory(dir.dir());
  ASSERT_TRUE(catalog) << catalog.error().detail;
  EXPECT_EQ(catalog->all_keys(), (std::vector<std::string>{"b", "c", "greeting"}));
  EXPECT_EQ(catalog->missing_keys(Language::ru), (std::vector<std::string>{"c"}));
  EXPECT_EQ(catalog->missing_keys(Language::ky), (std::vector<std::string>{"b"}));
  EXPECT_EQ(catalog->missing_keys(Language::en), (std::vector<std::string>{"b", "c"}));
}

TEST(CatalogText, ErrorMessageFallsBackToTheKeyWhenAbsent) {
  TempLocales dir;
  auto catalog = Catalog::load_directory(dir.dir());
  ASSERT_TRUE(catalog) << catalog.error().detail;
  EXPECT_EQ(catalog->error_message(Language::en, ErrorCode::slot_taken), "error.slot_taken");
}

// ---- malformed catalogs are error values ----

void expect_load_error(const TempLocales& dir, const std::string& file, const std::string& what) {
  auto catalog = Catalog::load_directory(dir.dir());
  ASSERT_FALSE(catalog.has_value()) << "expected an error for " << what;
  EXPECT_EQ(catalog.error().code, ErrorCode::invalid_value);
  EXPECT_THAT(catalog.error().detail, HasSubstr(file)) << what;
}

TEST(CatalogLoad, MalformedJsonIsAnErrorValue) {
  TempLocales dir;
  dir.write(Language::hy, R"({"greeting": "hi",)");
  expect_load_error(dir, "hy.json", "truncated JSON");
}

TEST(CatalogLoad, MissingFileIsAnErrorValue) {
  TempLocales dir;
  fs::remove(dir.dir() / "be.json");
  expect_load_error(dir, "be.json", "missing file");
}

TEST(CatalogLoad, MissingDirectoryIsAnErrorValue) {
  auto catalog = Catalog::load_directory(fs::temp_directory_path() / "okno-no-such-dir-xyz");
  ASSERT_FALSE(catalog.has_value());
  EXPECT_EQ(catalog.error().code, ErrorCode::invalid_value);
}

TEST(CatalogLoad, NonStringValueIsAnErrorValue) {
  TempLocales dir;
  dir.write(Language::en, R"({"greeting": 5})");
  expect_load_error(dir, "en.json", "number value");
  dir.write(Language::en, R"({"greeting": {"nested": "x"}})");
  expect_load_error(dir, "en.json", "nested object");
  dir.write(Language::en, R"({"greeting": null})");
  expect_load_error(dir, "en.json", "null value");
}

TEST(CatalogLoad, TopLevelMustBeAnObject) {
  TempLocales dir;
  dir.write(Language::kk, R"(["greeting", "hi"])");
  expect_load_error(dir, "kk.json", "array");
  dir.write(Language::kk, R"("greeting")");
  expect_load_error(dir, "kk.json", "string");
}

TEST(CatalogLoad, InvalidUtf8IsAnErrorValue) {
  TempLocales dir;
  dir.write(Language::ky, "{\"greeting\": \"\xd0\"}");  // truncated two-byte sequence
  expect_load_error(dir, "ky.json", "truncated UTF-8");
  dir.write(Language::ky, "{\"greeting\": \"\xc0\xaf\"}");  // overlong '/'
  expect_load_error(dir, "ky.json", "overlong UTF-8");
  dir.write(Language::ky, "{\"greeting\": \"\xed\xa0\x80\"}");  // a surrogate
  expect_load_error(dir, "ky.json", "surrogate");
  dir.write(Language::ky, R"({"greeting": "\ud800"})");  // a lone surrogate escape
  expect_load_error(dir, "ky.json", "lone surrogate escape");
}

TEST(CatalogLoad, EmptyTextIsAnErrorValue) {
  TempLocales dir;
  dir.write(Language::ru, R"({"greeting": ""})");
  expect_load_error(dir, "ru.json", "empty text");
}

TEST(CatalogLoad, DuplicateKeyIsAnErrorValue) {
  TempLocales dir;
  dir.write(Language::be, R"({"greeting": "a", "greeting": "b"})");
  expect_load_error(dir, "be.json", "duplicate key");
}

TEST(CatalogLoad, ValidUtf8InAllScriptsLoads) {
  TempLocales dir;
  dir.write(Language::hy, R"({"greeting": "Բարև ձեզ"})");
  dir.write(Language::be, R"({"greeting": "Добры дзень, ў і"})");
  dir.write(Language::kk, R"({"greeting": "ә ғ қ ң ө ұ ү һ і"})");
  dir.write(Language::en, R"({"greeting": "\u00e9 \ud83d\ude00 😀"})");
  auto catalog = Catalog::load_directory(dir.dir());
  ASSERT_TRUE(catalog) << catalog.error().detail;
  EXPECT_EQ(catalog->text(Language::hy, "greeting"), "Բարև ձեզ");
  EXPECT_EQ(catalog->text(Language::en, "greeting"), "é 😀 😀");
}

}  // namespace
}  // namespace okno
