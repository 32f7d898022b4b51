// Operations and components of the notification centre (handlers/notify/notices.cpp).
#include "http/openapi/schema.hpp"

namespace jixu::http::openapi {

json NotifySchemas() {
  return json{
      {"Notice",
       Obj({{"id", Id()},
            {"kind", Enum({"person_shortfall", "employer_digest", "review_overdue", "urge"})},
            {"rule_id", Str("the rule of data/reminders.toml, or urge")},
            {"period", Str("with the rule and the recipient, the key that is sent once")},
            {"subject_zh", Str()},
            {"body_zh", Str()},
            {"subject_en", Str()},
            {"body_en", Str()},
            {"sender", Str("system, or the username of the authority that sent a 催办")},
            {"created_at", Instant()},
            {"read", Bool()},
            {"read_at", Nullable(Instant())},
            {"email", Enum({"pending", "sent", "no_address", "failed"})}})},
  };
}

void AddNotifyOperations(Operations& ops) {
  Operation list = Answers(200, ListOf(Ref("Notice")));
  list.query = {{"unread", Enum({"true", "false"})}};
  ops["GET /api/v1/notices"] = list;
  ops["GET /api/v1/notices/unread-count"] = Answers(200, Obj({{"unread", Int()}}));
  ops["POST /api/v1/notices/{id}/read"] = Answers(200, Ref("Notice"));
  ops["POST /api/v1/notices/read-all"] = Answers(200, Obj({{"marked", Int()}}));
  ops["GET /api/v1/notices/contact"] = Answers(200, Obj({{"email", Str("\"\": none")}}));
  ops["PUT /api/v1/notices/contact"] =
      Takes(Body({{"email", Str("\"\" removes the address")}}), 200, Obj({{"email", Str()}}));
  ops["POST /api/v1/notices/urge"] =
      Takes(Body({{"employer_ids", Array(Id())}, {"subject", Str()}, {"message", Str()}}), 201,
            Obj({{"sent", Int()}, {"employer_ids", Array(Id())}}));
}

}  // namespace jixu::http::openapi
