// Tests for the e-mail text: RFC 2047 subjects that decode back to the UTF-8 original, line
// lengths, the multipart layout with the .ics attachment, and the stable Message-ID.
#include "okno/email_mime.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include "okno/slots.hpp"

namespace okno {
namespace {

using ::testing::HasSubstr;

std::string unbase64(std::string_view b64) {
  std::string out(b64.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(),
                        b64.size(), "\r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return "<bad base64>";
  }
  out.resize(len);
  return out;
}

// Decodes a header value made of "=?UTF-8?B?...?=" words separated by folding whitespace.
std::string decode_words(std::string_view value) {
  std::string out;
  size_t pos = 0;
  while ((pos = value.find("=?UTF-8?B?", pos)) != std::string_view::npos) {
    const size_t start = pos + 10;
    const size_t end = value.find("?=", start);
    out += unbase64(value.substr(start, end - start));
    pos = end + 2;
  }
  return out;
}

EmailParts parts() {
  EmailParts p;
  p.from = "okno@example.ru";
  p.from_name = "Ведомство";
  p.to = "ivan@example.org";
  p.subject = "Вы записаны на приём: вторник, 1 декабря 2026 г. в 09:00 — Գերատեսչություն";
  p.body = "Вы записаны на приём.\n\nКод записи: ABCDE-FGHJK";
  p.ics = "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n";
  p.ics_name = "okno-ABCDE-FGHJK.ics";
  p.message_id = "0123456789abcdef0123456789abcdef@okno.example.ru";
  p.date = *parse_iso_instant("2026-11-28T06:00:00Z");
  return p;
}

TEST(EmailMime, R_CHAN_3_Utf8SubjectInEncodedWordsDecodesBack) {
  const EmailParts p = parts();
  const std::string encoded = encode_header_words(p.subject, 9);
  EXPECT_EQ(decode_words(encoded), p.subject);
  size_t used = 9;  // "Subject: "
  for (size_t start = 0, end; start < encoded.size(); start = end + 2, used = 0) {
    end = encoded.find("\r\n", start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(used + end - start, 78u);
  }
  EXPECT_EQ(encode_header_words("Plain ASCII"), "Plain ASCII");
}

TEST(EmailMime, HeaderValuesCannotInjectHeaders) {
  EXPECT_EQ(encode_header_words("a\r\nBcc: x@y"), "a  Bcc: x@y");
}

TEST(EmailMime, R_VISIT_5_MultipartWithBodyAndIcsAttachment) {
  const EmailParts p = parts();
  const std::string mail = build_email(p);
  EXPECT_THAT(mail, HasSubstr("Message-ID: <" + p.message_id + ">\r\n"));
  EXPECT_THAT(mail, HasSubstr("To: <ivan@example.org>\r\n"));
  EXPECT_THAT(mail, HasSubstr("Date: Sat, 28 Nov 2026 06:00:00 +0000\r\n"));
  EXPECT_THAT(mail, HasSubstr("MIME-Version: 1.0\r\n"));
  EXPECT_THAT(mail, HasSubstr("Content-Type: multipart/mixed;\r\n boundary="));
  EXPECT_THAT(mail, HasSubstr("Content-Type: text/plain; charset=UTF-8\r\n"));
  EXPECT_THAT(mail, HasSubstr("Content-Type: text/calendar; charset=UTF-8; method=PUBLISH"));
  EXPECT_THAT(mail,
              HasSubstr("Content-Disposition: attachment;\r\n filename=\"okno-ABCDE-FGHJK.ics\""));
  // Every line within the 78-character recommendation, none bare LF.
  size_t start = 0;
  while (start < mail.size()) {
    const size_t end = mail.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 78u) << mail.substr(start, end - start);
    EXPECT_EQ(mail.substr(start, end - start).find('\n'), std::string::npos);
    start = end + 2;
  }
  // The body decodes back to the text with CRLF line ends.
  const size_t body_at = mail.find("base64\r\n\r\n") + 10;
  const size_t body_end = mail.find("--", body_at);
  EXPECT_EQ(unbase64(mail.substr(body_at, body_end - body_at)),
            "Вы записаны на приём.\r\n\r\nКод записи: ABCDE-FGHJK");
}

TEST(EmailMime, WithoutAttachmentASinglePart) {
  EmailParts p = parts();
  p.ics.clear();
  const std::string mail = build_email(p);
  EXPECT_THAT(mail, HasSubstr("Content-Type: text/plain; charset=UTF-8\r\n"));
  EXPECT_EQ(mail.find("multipart"), std::string::npos);
}

TEST(EmailMime, SameMessageSameBytes) {
  EXPECT_EQ(build_email(parts()), build_email(parts()));
}

}  // namespace
}  // namespace okno
