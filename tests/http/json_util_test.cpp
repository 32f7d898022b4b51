// Request bodies read as an attacker would write them: nesting deep enough to overflow the
// stack of whatever copies or prints the value, and integers past int64_t.
#include <gtest/gtest.h>

#include "http/json_util.hpp"
#include "http/problem.hpp"

namespace jixu::http {
namespace {

Request Body(std::string body) {
  Request r;
  r.method = "POST";
  r.body = std::move(body);
  return r;
}

TEST(ParseBody, NestingPastTheLimitIsA400NamingTheBody) {
  const std::string deep = "{\"a\":" + std::string(1'000'000, '[') + std::string(1'000'000, ']') + "}";
  try {
    ParseBody(Body(deep));
    FAIL() << "a million levels were accepted";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.errors().at(0).field, "body");
    EXPECT_EQ(e.errors().at(0).code, "invalid_json");
    EXPECT_NE(e.errors().at(0).message_en.find("deeper than 64"), std::string::npos);
  }
  // Exactly at the limit is fine; brackets inside strings do not count.
  const std::string at_limit = "{\"a\":" + std::string(63, '[') + std::string(63, ']') + "}";
  EXPECT_TRUE(ParseBody(Body(at_limit)).contains("a"));
  const std::string in_string = "{\"a\":\"" + std::string(1000, '[') + "\\\"{{{\"}";
  EXPECT_EQ(ParseBody(Body(in_string))["a"].get<std::string>().size(), 1004u);
  EXPECT_THROW(ParseBody(Body("{\"a\":" + std::string(64, '[') + std::string(64, ']') + "}")),
               ApiError);
}

TEST(FieldReader, AnUnsignedPastInt64IsOutOfRangeNotAWrappedNegative) {
  // 2^64 - 1 read as int64_t wrapped to -1, inside [-10, 10].
  const json body = ParseBody(Body(R"({"delta": 18446744073709551615, "ok": 9223372036854775807})"));
  FieldReader r(body);
  EXPECT_FALSE(r.Int("delta", true, -10, 10).has_value());
  EXPECT_EQ(r.Int("ok", true, 0, INT64_MAX), INT64_MAX);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_EQ(r.errors()[0].field, "delta");
  EXPECT_EQ(r.errors()[0].code, "out_of_range");
}

// A full disk is not an internal error: 507 with a message that says nothing was written.
TEST(Guard, AFullDiskIs507SayingNothingWasWritten) {
  const Response r = Guard([]() -> Response { throw Fault("storage_full", "sqlite: database or disk is full"); },
                           [](const std::string&) {});
  EXPECT_EQ(r.status, 507);
  const auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["code"], "storage_full");
  EXPECT_NE(body["message_zh"].get<std::string>().find("未写入"), std::string::npos);
  EXPECT_NE(body["message_en"].get<std::string>().find("nothing of this request was written"), std::string::npos);
  // Any other storage fault stays a bare 500 that names nothing of the database.
  const Response other = Guard([]() -> Response { throw Fault("storage_error", "sqlite: no such table: x"); },
                               [](const std::string&) {});
  EXPECT_EQ(other.status, 500);
  EXPECT_EQ(other.body.find("no such table"), std::string::npos);
}

}  // namespace
}  // namespace jixu::http
