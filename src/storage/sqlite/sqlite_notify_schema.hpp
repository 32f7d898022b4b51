#pragma once
// Migration 15 (issue 13 item 3): notices and the e-mail addresses users give for them
// (core/storage/notify_repos.hpp). The unique key (rule_id, period, recipient) is what keeps a
// reminder from being sent twice for the same rule and period.
#include <string_view>

namespace jixu::storage::sqlite {

inline constexpr std::string_view kNotifySchemaSql = R"sql(
CREATE TABLE notices (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL,
  rule_id        TEXT NOT NULL,
  period         TEXT NOT NULL,
  recipient_kind INTEGER NOT NULL,            -- 0 user, 1 person, 2 employer
  recipient_id   INTEGER NOT NULL DEFAULT 0,
  recipient_code TEXT NOT NULL DEFAULT '',
  subject_zh     TEXT NOT NULL,
  body_zh        TEXT NOT NULL,
  subject_en     TEXT NOT NULL,
  body_en        TEXT NOT NULL,
  sender         TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  read_at        INTEGER NOT NULL DEFAULT 0,
  email_state    INTEGER NOT NULL DEFAULT 0,  -- 0 pending, 1 sent, 2 no address, 3 failed
  UNIQUE (rule_id, period, recipient_kind, recipient_id, recipient_code)
);
CREATE INDEX notices_recipient ON notices(recipient_kind, recipient_id, recipient_code, id);
CREATE INDEX notices_email_pending ON notices(id) WHERE email_state = 0;

CREATE TABLE notice_contacts (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  email   TEXT NOT NULL
);
)sql";

}  // namespace jixu::storage::sqlite
