// The secrets' helpers (secret.hpp): the links' secret is HMAC-SHA256 as RFC 4231 defines it,
// so a link made by one server is checked by another with the same key (issue 12).
#include "okno/secret.hpp"

#include <gtest/gtest.h>

namespace okno {
namespace {

TEST(LinkSecret, IsTheRfc4231HmacSha256TruncatedToFifteenBytesBase64url) {
  // RFC 4231, test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?") =
  // 5bdcc146bf60754e6a042426089575c7 5a003f08...; its first 15 bytes in base64url (Python's
  // hmac module gives the same).
  EXPECT_EQ(link_secret("Jefe", "what do ya want for nothing?"), "W9zBRr9gdU5qBCQmCJV1");
}

TEST(LinkSecret, DependsOnTheKeyAndTheCode) {
  const std::string a = link_secret("key-1", "ABCDE-FGHJK");
  EXPECT_EQ(a.size(), 20u);
  EXPECT_EQ(a, link_secret("key-1", "ABCDE-FGHJK"));
  EXPECT_NE(a, link_secret("key-2", "ABCDE-FGHJK"));
  EXPECT_NE(a, link_secret("key-1", "ABCDE-FGHJM"));
  for (char c : a) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
}

TEST(EqualSecret, EmptyNeverMatches) {
  EXPECT_FALSE(equal_secret("", ""));
  EXPECT_TRUE(equal_secret("abc", "abc"));
  EXPECT_FALSE(equal_secret("abc", "abd"));
  EXPECT_FALSE(equal_secret("abc", "abcd"));
}

}  // namespace
}  // namespace okno
