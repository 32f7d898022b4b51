// RFC 6238 (TOTP) and RFC 4226 (HOTP) test vectors, base32, recovery codes.
#include <gtest/gtest.h>

#include <set>

#include "app/accounts/totp.hpp"

namespace jixu::app {
namespace {

const std::string kSeed20 = "12345678901234567890";
const std::string kSeed32 = "12345678901234567890123456789012";
const std::string kSeed64 =
    "1234567890123456789012345678901234567890123456789012345678901234";

TEST(Totp, Rfc4226AppendixDVectors) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (uint64_t i = 0; i < 10; ++i) EXPECT_EQ(Hotp(kSeed20, i), expected[i]) << i;
}

TEST(Totp, Rfc6238AppendixBVectors) {
  struct Case {
    int64_t time;
    const char* sha1;
    const char* sha256;
    const char* sha512;
  };
  const Case cases[] = {
      {59, "94287082", "46119246", "90693936"},
      {1111111109, "07081804", "68084774", "25091201"},
      {1111111111, "14050471", "67062674", "99943326"},
      {1234567890, "89005924", "91819424", "93441116"},
      {2000000000, "69279037", "90698825", "38618901"},
      {20000000000, "65353130", "77737706", "47863826"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Totp(kSeed20, c.time, 8, TotpHash::kSha1), c.sha1) << c.time;
    EXPECT_EQ(Totp(kSeed32, c.time, 8, TotpHash::kSha256), c.sha256) << c.time;
    EXPECT_EQ(Totp(kSeed64, c.time, 8, TotpHash::kSha512), c.sha512) << c.time;
  }
}

TEST(Totp, SixDigitCodesAreTheLastSixOfTheEightDigitOnes) {
  // Authenticator apps show 6 digits: the same truncation, modulo 10^6.
  EXPECT_EQ(Totp(kSeed20, 59), "287082");
  EXPECT_EQ(Totp(kSeed20, 1111111109), "081804");
}

TEST(Totp, MatchAcceptsOneStepEitherSideAndNoMore) {
  const int64_t now = 1'700'000'000;
  const int64_t step = TotpStep(now);
  EXPECT_EQ(MatchTotp(kSeed20, Totp(kSeed20, now), now), step);
  EXPECT_EQ(MatchTotp(kSeed20, Totp(kSeed20, now - 30), now), step - 1);
  EXPECT_EQ(MatchTotp(kSeed20, Totp(kSeed20, now + 30), now), step + 1);
  EXPECT_EQ(MatchTotp(kSeed20, Totp(kSeed20, now - 60), now), std::nullopt);
  EXPECT_EQ(MatchTotp(kSeed20, Totp(kSeed20, now + 60), now), std::nullopt);
  EXPECT_EQ(MatchTotp(kSeed20, "12345", now), std::nullopt) << "wrong length";
  EXPECT_EQ(MatchTotp(kSeed20, "", now), std::nullopt);
}

TEST(Totp, Base32RoundTripsAndMatchesRfc4648) {
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");  // RFC 4648 §10, without padding
  EXPECT_EQ(Base32Decode("MZXW6YTBOI======"), "foobar");
  EXPECT_EQ(Base32Decode("mzxw 6ytb oi"), "foobar") << "case and spaces ignored";
  EXPECT_EQ(Base32Decode("MZXW1"), std::nullopt) << "1 is not base32";
  const std::string secret = NewTotpSecret();
  EXPECT_EQ(secret.size(), 32u) << "160 bits";
  EXPECT_EQ(Base32Decode(secret)->size(), 20u);
  EXPECT_NE(NewTotpSecret(), secret);
}

TEST(Totp, UriCarriesIssuerAccountAndParameters) {
  EXPECT_EQ(OtpauthUri("jixu", "王 admin", "ABC"),
            "otpauth://totp/jixu:%E7%8E%8B%20admin?secret=ABC&issuer=jixu&algorithm=SHA1&digits=6&period=30");
}

TEST(Totp, TenDistinctRecoveryCodesHashedWithoutCaseOrDashes) {
  const auto codes = NewRecoveryCodes();
  ASSERT_EQ(codes.size(), 10u);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 10u);
  for (const auto& c : codes) EXPECT_EQ(c.size(), 11u) << c;
  std::string upper = codes[0];
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  upper.erase(5, 1);
  EXPECT_EQ(RecoveryCodeHash(upper), RecoveryCodeHash(codes[0]));
  EXPECT_NE(RecoveryCodeHash(codes[0]), RecoveryCodeHash(codes[1]));
  EXPECT_EQ(RecoveryCodeHash(codes[0]).size(), 64u);
}

}  // namespace
}  // namespace jixu::app
