// Booking codes: the alphabet avoids look-alikes, codes are random enough and well-formed, and
// what people type (any case, spaces, dashes, a Russian keyboard layout) reads back as the code.
#include "okno/booking_code.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <string>

namespace {

using okno::booking_code_alphabet;
using okno::generate_booking_code;
using okno::normalize_booking_code;
using ::testing::Optional;

bool well_formed(const std::string& code) {
  if (code.size() != okno::kBookingCodeLength + 1) return false;
  for (size_t i = 0; i < code.size(); ++i) {
    if (i == okno::kBookingCodeLength / 2) {
      if (code[i] != '-') return false;
    } else if (booking_code_alphabet().find(code[i]) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

TEST(BookingCode, AlphabetHasNoLookAlikes) {
  const std::string_view alphabet = booking_code_alphabet();
  for (const char bad : std::string_view("0O1IL")) {
    EXPECT_EQ(alphabet.find(bad), std::string_view::npos) << "look-alike in alphabet: " << bad;
  }
  // Also out by choice: Q (0), J (1), S (5), Z (2), G (6), B (8), U/V.
  for (const char bad : std::string_view("QJSZGBUV")) {
    EXPECT_EQ(alphabet.find(bad), std::string_view::npos) << "confusable in alphabet: " << bad;
  }
  std::set<char> seen;
  for (const char c : alphabet) {
    EXPECT_TRUE((c >= '2' && c <= '9') || (c >= 'A' && c <= 'Z')) << c;
    EXPECT_TRUE(seen.insert(c).second) << "duplicate " << c;
  }
}

TEST(BookingCode, EntropyAtLeast40Bits) {
  EXPECT_GE(okno::booking_code_entropy_bits(), 40.0);
  EXPECT_DOUBLE_EQ(
      okno::booking_code_entropy_bits(),
      okno::kBookingCodeLength * std::log2(static_cast<double>(booking_code_alphabet().size())));
}

TEST(BookingCode, GeneratedCodesAreDistinctWellFormedAndCanonical) {
  constexpr int kCount = 10'000;
  std::set<std::string> codes;
  std::map<char, int> counts;
  for (int i = 0; i < kCount; ++i) {
    const std::string code = generate_booking_code();
    ASSERT_TRUE(well_formed(code)) << code;
    ASSERT_THAT(normalize_booking_code(code), Optional(code));
    EXPECT_TRUE(codes.insert(code).second) << "duplicate " << code;
    for (const char c : code) {
      if (c != '-') ++counts[c];
    }
  }
  EXPECT_EQ(codes.size(), static_cast<size_t>(kCount));

  // Rough uniformity: every character appears, each within 10% of its share. With 100,000
  // draws over 16 symbols the standard deviation is ~77 against an expected 6,250, so the bound
  // sits ~8 sigma out and does not flake, while a biased generator would miss it.
  const double expected = static_cast<double>(kCount) * okno::kBookingCodeLength /
                          static_cast<double>(booking_code_alphabet().size());
  for (const char c : booking_code_alphabet()) {
    EXPECT_GT(counts[c], 0) << "never drawn: " << c;
    EXPECT_NEAR(counts[c], expected, expected * 0.1) << "character " << c;
  }
}

TEST(BookingCode, NormalizesCaseSpacesAndDashes) {
  EXPECT_THAT(normalize_booking_code("AC3K7-MPTX2"), Optional(std::string("AC3K7-MPTX2")));
  EXPECT_THAT(normalize_booking_code("ac3k7-mptx2"), Optional(std::string("AC3K7-MPTX2")));
  EXPECT_THAT(normalize_booking_code("ac3k7mptx2"), Optional(std::string("AC3K7-MPTX2")));
  EXPECT_THAT(normalize_booking_code("  Ac3 k7 - Mp tx2 \n"), Optional(std::string("AC3K7-MPTX2")));
  EXPECT_THAT(normalize_booking_code("AC-3K-7M-PT-X2"), Optional(std::string("AC3K7-MPTX2")));
  // Dashes and spaces from word processors and copy-paste: en dash, no-break space.
  EXPECT_THAT(normalize_booking_code("AC3K7\u2013MPTX2"), Optional(std::string("AC3K7-MPTX2")));
  EXPECT_THAT(normalize_booking_code("AC3K7\u00A0MPTX2"), Optional(std::string("AC3K7-MPTX2")));
}

TEST(BookingCode, NormalizesCyrillicLookAlikes) {
  // Typed on a Russian layout: А С К М Р Т Х Е are Cyrillic here.
  EXPECT_THAT(normalize_booking_code("АС3К7-МРТХ2"), Optional(std::string("AC3K7-MPTX2")));
  EXPECT_THAT(normalize_booking_code("ас3к7 мртх2"), Optional(std::string("AC3K7-MPTX2")));
  EXPECT_THAT(normalize_booking_code("Е2345-6789е"), Optional(std::string("E2345-6789E")));
  // Mixed scripts in one code, as happens when the layout is switched halfway.
  EXPECT_THAT(normalize_booking_code("AС3K7-МPТX2"), Optional(std::string("AC3K7-MPTX2")));
  // В and Н have Latin twins (B, H) that the alphabet leaves out, so they still cannot be a code.
  EXPECT_EQ(normalize_booking_code("В2345-67892"), std::nullopt);
  EXPECT_EQ(normalize_booking_code("Н2345-67892"), std::nullopt);
}

TEST(BookingCode, RejectsWhatCannotBeACode) {
  EXPECT_EQ(normalize_booking_code(""), std::nullopt);
  EXPECT_EQ(normalize_booking_code("   - -  "), std::nullopt);
  EXPECT_EQ(normalize_booking_code("AC3K7-MPTX"), std::nullopt);    // too short
  EXPECT_EQ(normalize_booking_code("AC3K7-MPTX22"), std::nullopt);  // too long
  EXPECT_EQ(normalize_booking_code("AC3K7-MPTX0"), std::nullopt);   // wrong length and 0
  EXPECT_EQ(normalize_booking_code("AC3K7-MPTO2"), std::nullopt);   // O is not in the alphabet
  EXPECT_EQ(normalize_booking_code("AC3K7-MPT12"), std::nullopt);   // nor 1
  EXPECT_EQ(normalize_booking_code("AC3K7-MPTI2"), std::nullopt);   // nor I
  EXPECT_EQ(normalize_booking_code("AC3K7-MPTL2"), std::nullopt);   // nor L
  EXPECT_EQ(normalize_booking_code("AC3K7_MPTX2"), std::nullopt);   // underscore is not a dash
  EXPECT_EQ(normalize_booking_code("AC3K7-MPTД2"), std::nullopt);   // Cyrillic without a twin
  EXPECT_EQ(normalize_booking_code("AC3K7-MPT\U0001F600"), std::nullopt);     // emoji
  EXPECT_EQ(normalize_booking_code("AC3K7-MPTX\xD0"), std::nullopt);          // truncated UTF-8
  EXPECT_EQ(normalize_booking_code("AC3K7-MPTX\xC0\xB2"), std::nullopt);      // overlong '2'
  EXPECT_EQ(normalize_booking_code("AC3K7-MPT\xED\xA0\x80X"), std::nullopt);  // surrogate
  EXPECT_EQ(normalize_booking_code(std::string("AC3K7\0MPTX2", 11)), std::nullopt);
  EXPECT_EQ(normalize_booking_code(std::string(10'000, ' ') + "AC3K7MPTX2"), std::nullopt);
}

}  // namespace
