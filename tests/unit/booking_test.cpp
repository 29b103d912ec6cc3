// Unit tests of the booking domain's value checks: enum string forms, UTF-8, phones, e-mails and
// validate_client_fields, including that error details never echo personal data back.
#include "okno/booking.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace okno {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// ---- string forms --------------------------------------------------------------------------

template <class E, class Parse>
void expect_round_trip(std::initializer_list<std::pair<E, std::string_view>> table, Parse parse) {
  for (const auto& [value, text] : table) {
    EXPECT_EQ(to_string(value), text);
    const auto parsed = parse(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(*parsed, value) << text;
    // Parsing is exact: case and surrounding spaces are not forgiven.
    std::string upper(text);
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    EXPECT_FALSE(parse(upper).has_value()) << upper;
    EXPECT_FALSE(parse(" " + std::string(text)).has_value()) << text;
  }
  EXPECT_FALSE(parse("").has_value());
  EXPECT_FALSE(parse("unknown").has_value());
}

TEST(BookingStrings, R_VISIT_1_BookingChannelRoundTrip) {
  expect_round_trip<BookingChannel>({{BookingChannel::web, "web"},
                                     {BookingChannel::portal, "portal"},
                                     {BookingChannel::operator_line, "operator"},
                                     {BookingChannel::kiosk, "kiosk"}},
                                    [](std::string_view s) { return parse_booking_channel(s); });
  EXPECT_FALSE(parse_booking_channel("operator_line").has_value());
}

TEST(BookingStrings, R_CHAN_1_NotifyChannelRoundTrip) {
  expect_round_trip<NotifyChannel>({{NotifyChannel::portal, "portal"},
                                    {NotifyChannel::email, "email"},
                                    {NotifyChannel::sms, "sms"}},
                                   [](std::string_view s) { return parse_notify_channel(s); });
  EXPECT_FALSE(parse_notify_channel("e-mail").has_value());
}

TEST(BookingStrings, R_VISIT_3_ReminderRoundTrip) {
  expect_round_trip<Reminder>({{Reminder::before_24h, "24h"}, {Reminder::before_2h, "2h"}},
                              [](std::string_view s) { return parse_reminder(s); });
  EXPECT_FALSE(parse_reminder("1d").has_value());
  EXPECT_FALSE(parse_reminder("before_2h").has_value());
}

TEST(BookingStrings, R_VISIT_12_NeedRoundTrip) {
  expect_round_trip<Need>({{Need::sign_language, "sign_language"},
                           {Need::tactile_interpreter, "tactile_interpreter"},
                           {Need::wheelchair, "wheelchair"},
                           {Need::large_print, "large_print"}},
                          [](std::string_view s) { return parse_need(s); });
}

TEST(BookingStrings, BookingStatusRoundTrip) {
  expect_round_trip<BookingStatus>(
      {{BookingStatus::booked, "booked"}, {BookingStatus::cancelled, "cancelled"}},
      [](std::string_view s) { return parse_booking_status(s); });
  EXPECT_FALSE(parse_booking_status("canceled").has_value());
}

// ---- NotifyChoice::all ---------------------------------------------------------------------

TEST(NotifyChoice, R_CHAN_2_MandatoryFirstThenExtras) {
  NotifyChoice choice{NotifyChannel::portal, {NotifyChannel::email, NotifyChannel::sms}};
  EXPECT_EQ(choice.all(),
            (std::vector{NotifyChannel::portal, NotifyChannel::email, NotifyChannel::sms}));
}

TEST(NotifyChoice, R_CHAN_2_NoDuplicates) {
  NotifyChoice choice{NotifyChannel::portal,
                      {NotifyChannel::portal, NotifyChannel::email, NotifyChannel::email}};
  EXPECT_EQ(choice.all(), (std::vector{NotifyChannel::portal, NotifyChannel::email}));
}

TEST(NotifyChoice, R_CHAN_1_ExtrasOnlyOrNothing) {
  EXPECT_EQ((NotifyChoice{std::nullopt, {NotifyChannel::sms}}.all()),
            (std::vector{NotifyChannel::sms}));
  EXPECT_TRUE(NotifyChoice{}.all().empty());
}

// ---- UTF-8 ---------------------------------------------------------------------------------

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("Ivanov Ivan"));
  EXPECT_TRUE(is_valid_utf8("Иванов Иван Иванович"));
  EXPECT_TRUE(is_valid_utf8("Արամ Պետրոսյան"));    // R-VISIT-11: Armenian
  EXPECT_TRUE(is_valid_utf8("Әсел Нұрланқызы"));   // Kazakh
  EXPECT_TRUE(is_valid_utf8("Үмүт Өмүрбеков"));    // Kyrgyz
  EXPECT_TRUE(is_valid_utf8("Ўладзімір"));         // Belarusian
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600, 4 bytes
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBF"));      // U+FFFF: a noncharacter, still well-formed
  EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));
}

TEST(Utf8, RejectsIllFormedText) {
  struct Case {
    std::string_view bytes;
    const char* why;
  };
  const Case cases[] = {
      {"\xC0\xAF", "overlong '/' (2 bytes)"},
      {"\xC1\xBF", "overlong (C1 lead)"},
      {"\xE0\x80\xAF", "overlong '/' (3 bytes)"},
      {"\xE0\x9F\xBF", "overlong U+07FF"},
      {"\xF0\x80\x80\xAF", "overlong '/' (4 bytes)"},
      {"\xF0\x8F\xBF\xBF", "overlong U+FFFF"},
      {"\xED\xA0\x80", "surrogate U+D800"},
      {"\xED\xBF\xBF", "surrogate U+DFFF"},
      {"\xF4\x90\x80\x80", "U+110000"},
      {"\xF5\x80\x80\x80", "F5 lead"},
      {"\xFF", "FF byte"},
      {"\x80", "stray continuation"},
      {"\xD0", "truncated 2-byte"},
      {"\xE2\x82", "truncated 3-byte"},
      {"\xF0\x9F\x98", "truncated 4-byte"},
      {"Иван\xD0", "truncated at end of text"},
      {"\xD0\x41", "lead followed by ASCII"},
      {"\xE2\x28\xA1", "bad second byte"},
  };
  for (const Case& c : cases) EXPECT_FALSE(is_valid_utf8(c.bytes)) << c.why;
}

// ---- phones --------------------------------------------------------------------------------

TEST(Phone, R_CHAN_1_AcceptedForms) {
  struct Case {
    std::string_view in;
    std::string_view out;
  };
  const Case cases[] = {
      {"+7 999 123-45-67", "+79991234567"},
      {"8 (999) 123 45 67", "+79991234567"},
      {"+79991234567", "+79991234567"},
      {"89991234567", "+79991234567"},
      {"8.999.123.45.67", "+79991234567"},
      {"+7 (111) 111 1111", "+71111111111"},     // the consultation line (R-VISIT-1)
      {"+37491234567", "+37491234567"},          // Armenia
      {"+77011234567", "+77011234567"},          // Kazakhstan shares +7
      {"+996 555 123 456", "+996555123456"},     // Kyrgyzstan
      {"+375 29 123-45-67", "+375291234567"},    // Belarus
      {"+44 20 7946 0958", "+442079460958"},     // 12 digits
      {"+1 202 555 0143", "+12025550143"},       // 11 digits, not zone 7
      {"+123456789012345", "+123456789012345"},  // 15 digits, the E.164 maximum
      {"+1234567890", "+1234567890"},            // 10 digits, the minimum
  };
  for (const Case& c : cases) {
    const auto r = normalize_phone(c.in);
    ASSERT_TRUE(r.has_value()) << c.in << ": " << r.error().detail;
    EXPECT_EQ(*r, c.out) << c.in;
  }
}

TEST(Phone, R_CHAN_1_RejectedForms) {
  const std::string_view cases[] = {
      "",
      "   ",
      "+",
      "()-",
      "+7 999 123-45-6",          // +7 with 10 digits
      "+7 999 123-45-678",        // +7 with 12 digits
      "8 999 123 45 6",           // 8 with 9 digits
      "8 999 123 45 678",         // 8 with 11 digits
      "79991234567",              // no '+' and no trunk 8: not guessed
      "9991234567",               // ten digits without country code
      "+123456789",               // 9 digits
      "+1234567890123456",        // 16 digits
      "+12345678901234567890",    // far too long
      "++79991234567",            // two '+'
      "+7+9991234567",            // two '+'
      "7+9991234567",             // '+' after digits
      "+7 999 ABC 45 67",         // letters
      "8-800-FLOWERS",            // letters
      "+7 999 123 45 67 ext 1",   // letters
      "+7\t9991234567",           // tab is not a separator
      "+7_999_123_45_67",         // underscore
      "+0 999 123 45 67",         // no country code starts with 0
      "+７９９９１２３４５６７",  // full-width digits
  };
  for (std::string_view in : cases) {
    const auto r = normalize_phone(in);
    ASSERT_FALSE(r.has_value()) << in << " -> " << *r;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_phone) << in;
  }
}

TEST(Phone, PersonalDataNotInErrorDetail) {
  // 152-FZ: details go to logs, so they name the problem, never the number.
  const std::string_view cases[] = {"+7 999 123-45-6", "+79991234567890123", "+7 999 ABC 45 67",
                                    "++79991234567",   "79991234567",        "+0 999 123 45 67",
                                    "+7999123456"};
  for (std::string_view in : cases) {
    const auto r = normalize_phone(in);
    ASSERT_FALSE(r.has_value()) << in;
    EXPECT_FALSE(r.error().detail.empty());
    EXPECT_THAT(r.error().detail, Not(HasSubstr("999"))) << in;
    EXPECT_THAT(r.error().detail, Not(HasSubstr(std::string(in)))) << in;
  }
}

// ---- e-mails -------------------------------------------------------------------------------

TEST(Email, R_CHAN_2_Accepted) {
  const std::string_view cases[] = {
      "ivan@example.ru",
      "ivan.petrov+okno@mail.example.com",
      "a@b.co",
      "o'brien@example.org",
      "user_name-1@sub-domain.example.kz",
      "иван@почта.рф",    // IDN and RFC 6531 local part
      "aram@օրինակ.հայ",  // Armenian IDN
      "IVAN@EXAMPLE.RU",
      "1@2.ru",
  };
  for (std::string_view e : cases) EXPECT_TRUE(is_valid_email(e)) << e;
}

TEST(Email, R_CHAN_2_Rejected) {
  const std::string local64(64, 'a');
  const std::string local65(65, 'a');
  const std::string long_total = "a@" + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                                 std::string(63, 'd') + "." + std::string(61, 'e');  // 255
  const std::string label64 = "a@" + std::string(64, 'b') + ".ru";
  ASSERT_EQ(long_total.size(), 255u);
  const std::string cases[] = {
      "",
      "ivan",
      "ivan@",
      "@example.ru",
      "ivan@example",  // no dot in domain
      "ivan@@example.ru",
      "ivan@home@example.ru",
      "ivan petrov@example.ru",  // space
      "ivan@exa mple.ru",
      " ivan@example.ru",
      "ivan@example.ru\n",
      std::string("ivan\0@example.ru", 16),
      "ivan\t@example.ru",
      "ivan@-example.ru",
      "ivan@example-.ru",
      "ivan@example..ru",
      "ivan@.example.ru",
      "ivan@example.ru.",
      "ivan@exam_ple.ru",
      "ivan@[192.168.0.1]",
      "ivan@192.168.0.1",
      ".ivan@example.ru",
      "ivan.@example.ru",
      "iv..an@example.ru",
      "\"ivan\"@example.ru",
      "iv,an@example.ru",
      "ivan@example.ru\xC0\xAF",     // overlong UTF-8
      "ivan@пример\xED\xA0\x80.рф",  // surrogate
      "ivan\xC2\xA0@example.ru",     // no-break space
      local65 + "@example.ru",
      long_total,
      label64,
  };
  for (const std::string& e : cases) EXPECT_FALSE(is_valid_email(e)) << e;
  EXPECT_TRUE(is_valid_email(local64 + "@example.ru"));
}

// ---- validate_client_fields ----------------------------------------------------------------

constexpr std::string_view kPhone = "+7 999 123-45-67";
constexpr std::string_view kEmail = "ivan.petrov@example.ru";

BookingRequest valid_request() {
  BookingRequest r;
  r.office_id = "msk-1";
  r.service_id = "consult";
  r.channel = BookingChannel::web;
  r.client = Client{"Иванов Иван", std::string(kPhone), std::string(kEmail)};
  r.notify = NotifyChoice{NotifyChannel::portal, {NotifyChannel::email, NotifyChannel::sms}};
  r.reminders = {Reminder::before_24h, Reminder::before_2h};
  r.needs = {Need::sign_language};
  r.consent = Consent{true, "pd-2025-09", {}};
  return r;
}

void expect_error(const BookingRequest& r, ErrorCode code) {
  const auto result = validate_client_fields(r);
  ASSERT_FALSE(result.has_value()) << "expected " << to_string(code);
  EXPECT_EQ(result.error().code, code) << result.error().detail;
  EXPECT_FALSE(result.error().detail.empty());
}

TEST(BookingValidation, ValidRequestPasses) {
  const auto r = validate_client_fields(valid_request());
  EXPECT_TRUE(r.has_value()) << r.error().detail;
}

TEST(BookingValidation, R_CHAN_1_MinimalRequestPasses) {
  // Portal only: no phone or e-mail needed; no reminders.
  BookingRequest r = valid_request();
  r.client.phone.clear();
  r.client.email.clear();
  r.notify = NotifyChoice{NotifyChannel::portal, {}};
  r.reminders.clear();
  EXPECT_TRUE(validate_client_fields(r).has_value());
  r.notify = NotifyChoice{};
  EXPECT_TRUE(validate_client_fields(r).has_value());
}

TEST(BookingValidation, R_CHAN_1_ExtraWithoutMandatoryPasses) {
  BookingRequest r = valid_request();
  r.notify = NotifyChoice{std::nullopt, {NotifyChannel::sms}};
  EXPECT_TRUE(validate_client_fields(r).has_value());
}

TEST(BookingValidation, NameEmpty) {
  BookingRequest r = valid_request();
  r.client.name = "";
  expect_error(r, ErrorCode::invalid_name);
  r.client.name = " \t \n";
  expect_error(r, ErrorCode::invalid_name);
}

// At the kiosk the visitor books in person: no name is needed (data minimisation), but a name
// that is given is still checked; every other channel needs one.
TEST(BookingValidation, NameMayBeLeftOutOnlyAtTheKiosk) {
  BookingRequest r = valid_request();
  r.client.name = "";
  r.channel = BookingChannel::kiosk;
  EXPECT_TRUE(validate_client_fields(r).has_value());
  r.client.name = "\x01";
  expect_error(r, ErrorCode::invalid_name);
  for (auto channel :
       {BookingChannel::web, BookingChannel::portal, BookingChannel::operator_line}) {
    r.client.name = "";
    r.channel = channel;
    expect_error(r, ErrorCode::invalid_name);
  }
}

TEST(BookingValidation, NameTrimmedBeforeChecks) {
  BookingRequest r = valid_request();
  r.client.name = "  Иванов Иван\n";
  EXPECT_TRUE(validate_client_fields(r).has_value());
}

TEST(BookingValidation, NameTooLong) {
  BookingRequest r = valid_request();
  // 200 Cyrillic letters are 400 bytes and still allowed: the limit is in characters.
  r.client.name.clear();
  for (int k = 0; k < 200; ++k) r.client.name += "Ж";
  EXPECT_TRUE(validate_client_fields(r).has_value());
  r.client.name += "Ж";
  expect_error(r, ErrorCode::invalid_name);
  r.client.name = std::string(201, 'a');
  expect_error(r, ErrorCode::invalid_name);
}

TEST(BookingValidation, NameNotUtf8) {
  BookingRequest r = valid_request();
  r.client.name = "Иван\xC0\xAF";
  expect_error(r, ErrorCode::invalid_name);
  r.client.name = "\xED\xA0\x80";
  expect_error(r, ErrorCode::invalid_name);
  r.client.name = "Ива\xD0";
  expect_error(r, ErrorCode::invalid_name);
}

TEST(BookingValidation, NameControlCharacters) {
  BookingRequest r = valid_request();
  for (const std::string& name : {std::string("Иван\nИванов"), std::string("Иван\tИванов"),
                                  std::string("Ivan\x7F"), std::string("Ivan\xC2\x85"),  // U+0085
                                  std::string("Iv\0an", 5), std::string("Ivan\x1B[31m")}) {
    r.client.name = name;
    expect_error(r, ErrorCode::invalid_name);
  }
}

TEST(BookingValidation, R_VISIT_11_NamesInEveryLanguageScript) {
  BookingRequest r = valid_request();
  for (const char* name :
       {"Արամ Պետրոսյան", "Әсел Нұрланқызы", "Үмүт Өмүрбеков", "Ўладзімір", "John O'Neill-Smith"}) {
    r.client.name = name;
    EXPECT_TRUE(validate_client_fields(r).has_value()) << name;
  }
}

TEST(BookingValidation, PhoneInvalid) {
  BookingRequest r = valid_request();
  r.client.phone = "+7 999 123";
  expect_error(r, ErrorCode::invalid_phone);
  r.client.phone = " ";
  expect_error(r, ErrorCode::invalid_phone);
}

TEST(BookingValidation, EmailInvalid) {
  BookingRequest r = valid_request();
  r.client.email = "ivan.petrov@example";
  expect_error(r, ErrorCode::invalid_email);
}

TEST(BookingValidation, R_CHAN_1_SmsWithoutPhone) {
  BookingRequest r = valid_request();
  r.client.phone.clear();
  expect_error(r, ErrorCode::contact_missing);
}

TEST(BookingValidation, R_CHAN_1_EmailWithoutAddress) {
  BookingRequest r = valid_request();
  r.client.email.clear();
  expect_error(r, ErrorCode::contact_missing);
}

TEST(BookingValidation, R_CHAN_2_OnlyPortalCanBeMandatory) {
  BookingRequest r = valid_request();
  r.notify = NotifyChoice{NotifyChannel::email, {NotifyChannel::sms}};
  expect_error(r, ErrorCode::invalid_channel);
  r.notify = NotifyChoice{NotifyChannel::sms, {}};
  expect_error(r, ErrorCode::invalid_channel);
}

TEST(BookingValidation, R_CHAN_2_ExtraChannelDuplicatesMandatory) {
  BookingRequest r = valid_request();
  r.notify = NotifyChoice{NotifyChannel::portal, {NotifyChannel::portal}};
  expect_error(r, ErrorCode::invalid_channel);
}

TEST(BookingValidation, R_CHAN_2_ExtraChannelRepeated) {
  BookingRequest r = valid_request();
  r.notify = NotifyChoice{NotifyChannel::portal, {NotifyChannel::email, NotifyChannel::email}};
  expect_error(r, ErrorCode::invalid_channel);
  r.notify =
      NotifyChoice{std::nullopt, {NotifyChannel::sms, NotifyChannel::email, NotifyChannel::sms}};
  expect_error(r, ErrorCode::invalid_channel);
}

TEST(BookingValidation, R_VISIT_3_RemindersWithoutChannel) {
  BookingRequest r = valid_request();
  r.notify = NotifyChoice{};
  r.reminders = {Reminder::before_2h};
  expect_error(r, ErrorCode::invalid_channel);
}

TEST(BookingValidation, R_VISIT_4_MandatoryReminderDuplicatedOnExtra) {
  BookingRequest r = valid_request();
  r.notify = NotifyChoice{NotifyChannel::portal, {NotifyChannel::email}};
  r.reminders = {Reminder::before_24h};
  EXPECT_TRUE(validate_client_fields(r).has_value());
}

TEST(BookingValidation, ConsentNotGiven) {
  BookingRequest r = valid_request();
  r.consent.given = false;
  expect_error(r, ErrorCode::consent_missing);
}

TEST(BookingValidation, ConsentWithoutTextVersion) {
  BookingRequest r = valid_request();
  r.consent.text_version = "";
  expect_error(r, ErrorCode::consent_missing);
  r.consent.text_version = "  ";
  expect_error(r, ErrorCode::consent_missing);
}

TEST(BookingValidation, FirstErrorInDocumentedOrder) {
  // Everything wrong at once: the errors surface one by one in the documented order.
  BookingRequest r = valid_request();
  r.client = Client{"", "+7 12", "not-an-email"};
  r.notify = NotifyChoice{NotifyChannel::sms, {NotifyChannel::sms}};
  r.consent = Consent{};
  expect_error(r, ErrorCode::invalid_name);
  r.client.name = "Иван";
  expect_error(r, ErrorCode::invalid_phone);
  r.client.phone.clear();
  expect_error(r, ErrorCode::invalid_email);
  r.client.email.clear();
  expect_error(r, ErrorCode::invalid_channel);
  r.notify = NotifyChoice{NotifyChannel::portal, {NotifyChannel::sms}};
  expect_error(r, ErrorCode::contact_missing);
  r.notify = NotifyChoice{NotifyChannel::portal, {}};
  expect_error(r, ErrorCode::consent_missing);
  r.consent = Consent{true, "pd-2025-09", {}};
  EXPECT_TRUE(validate_client_fields(r).has_value());
}

TEST(BookingValidation, PersonalDataNotInErrorDetails) {
  // 152-FZ: error details are logged, so no phone, e-mail or name may appear in them.
  const std::string phone = "+7 999 765-43-2";  // one digit short
  const std::string email = "petrova.secret@example";
  const std::string name = "Петрова Секретная\x01";
  std::vector<BookingRequest> requests;
  BookingRequest r = valid_request();
  r.client.name = name;
  requests.push_back(r);
  r = valid_request();
  r.client.phone = phone;
  requests.push_back(r);
  r = valid_request();
  r.client.phone = "+7 999 765-43-21 доб. 5";
  requests.push_back(r);
  r = valid_request();
  r.client.email = email;
  requests.push_back(r);
  r = valid_request();
  r.client.email = "petrova.secret@exa mple.ru";
  requests.push_back(r);
  r = valid_request();
  r.client.name = std::string(300, 'x');
  requests.push_back(r);
  for (const BookingRequest& req : requests) {
    const auto result = validate_client_fields(req);
    ASSERT_FALSE(result.has_value());
    const std::string& detail = result.error().detail;
    EXPECT_THAT(detail, Not(HasSubstr("765"))) << detail;
    EXPECT_THAT(detail, Not(HasSubstr("9997654"))) << detail;
    EXPECT_THAT(detail, Not(HasSubstr("petrova"))) << detail;
    EXPECT_THAT(detail, Not(HasSubstr("Петрова"))) << detail;
    EXPECT_THAT(detail, Not(HasSubstr("xxxx"))) << detail;
    EXPECT_THAT(detail, Not(HasSubstr(req.client.phone))) << detail;
    EXPECT_THAT(detail, Not(HasSubstr(req.client.email))) << detail;
  }
}

}  // namespace
}  // namespace okno
