// The notification centre (issue 13 item 3): every signed-in user's notices with their read
// state, the address notices are e-mailed to, and 催办 — an authority's notice to employers of its
// scope. Reminders themselves are written by the rules (app/notify/reminder_runner.hpp).
#include <algorithm>
#include <regex>

#include "app/notify/notifier.hpp"
#include "core/notify/reminders.hpp"
#include "core/storage/notify_repos.hpp"
#include "http/handlers/common.hpp"

namespace jixu::http {
namespace {

constexpr char kNoticeId = 'n';
constexpr size_t kMaxUrgeEmployers = 1000;

storage::NoticeReader ReaderOf(const Caller& caller) {
  storage::NoticeReader r;
  r.user_id = caller.user.id;
  if (caller.user.role == Role::kPerson) r.person_id = caller.user.person_id;
  if (caller.user.role == Role::kEmployerAdmin) r.employer_code = caller.user.employer_code;
  return r;
}

json NoticeJson(const Api& api, const storage::Notice& n) {
  return json{{"id", api.ids.Encode(kNoticeId, n.id)},
              {"kind", n.kind},
              {"rule_id", n.rule_id},
              {"period", n.period},
              {"subject_zh", n.subject_zh},
              {"body_zh", n.body_zh},
              {"subject_en", n.subject_en},
              {"body_en", n.body_en},
              {"sender", n.sender},
              {"created_at", IsoTime(n.created_at)},
              {"read", n.read_at != 0},
              {"read_at", n.read_at ? json(IsoTime(n.read_at)) : json(nullptr)},
              {"email", std::string(storage::EmailStateCode(n.email_state))}};
}

Response List(Call& call) {
  bool unread_only = false;
  if (auto u = QueryStr(call.req, "unread"); !u.empty()) {
    if (u != "true" && u != "false") {
      ThrowBadRequest("unread", "unread 须为 true 或 false", "unread must be true or false");
    }
    unread_only = u == "true";
  }
  const storage::Page page = PageOf(call.req, {});
  auto& repo = storage::NoticesOf(call.store);
  const auto reader = ReaderOf(call.caller);
  auto rows = repo.List(reader, unread_only, page);
  json items = json::array();
  for (const auto& n : rows.items) items.push_back(NoticeJson(call.api, n));
  Response r = ListResponse(std::move(items), rows.total, page);
  return r;
}

Response UnreadCount(Call& call) {
  return JsonResponse(200, json{{"unread", storage::NoticesOf(call.store).UnreadCount(ReaderOf(call.caller))}});
}

Response MarkRead(Call& call) {
  const int64_t id = call.api.ids.Decode(kNoticeId, call.req.Param("id"));
  const auto reader = ReaderOf(call.caller);
  if (id == 0 || !storage::NoticesOf(call.store).Find(reader, id)) ThrowNotFound();
  json answer;
  call.api.writes.Run([&](storage::Store& s) {
    auto& repo = storage::NoticesOf(s);
    if (!repo.MarkRead(reader, id, call.now)) ThrowNotFound();
    answer = NoticeJson(call.api, *repo.Find(reader, id));
  });
  return JsonResponse(200, answer);
}

Response MarkAllRead(Call& call) {
  const auto reader = ReaderOf(call.caller);
  int64_t marked = 0;
  call.api.writes.Run([&](storage::Store& s) {
    marked = storage::NoticesOf(s).MarkAllRead(reader, call.now);
  });
  return JsonResponse(200, json{{"marked", marked}});
}

Response GetContact(Call& call) {
  return JsonResponse(200, json{{"email", storage::NoticesOf(call.store).Email(call.caller.user.id)}});
}

bool PlausibleEmail(const std::string& s) {
  static const std::regex kEmail(R"(^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$)");
  return s.size() <= 254 && std::regex_match(s, kEmail);
}

Response PutContact(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  std::string email = f.Str("email", true, 254).value_or("");
  if (!email.empty() && !PlausibleEmail(email)) {
    f.Fail("email", "invalid_email", "电子邮箱地址格式不正确", "not a valid e-mail address");
  }
  f.Finish();
  call.api.writes.Run([&](storage::Store& s) {
    const std::string before = storage::NoticesOf(s).Email(call.caller.user.id);
    storage::NoticesOf(s).SetEmail(call.caller.user.id, email);
    // The address is personal data: the audit says that it changed, not what it is.
    Audit(s, call, "notice.contact", "user", call.api.ids.Encode(kUserId, call.caller.user.id),
          PlaceOfCaller(s, call.caller), json{{"email_set", !before.empty()}},
          json{{"email_set", !email.empty()}});
  });
  return JsonResponse(200, json{{"email", email}});
}

/// 催办: the caller's notice to each employer named (all in its scope, or nothing is sent).
Response Urge(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  const std::string subject = f.Str("subject", true, 100).value_or("");
  const std::string message = f.Str("message", true, 2000).value_or("");
  const std::vector<std::string> ids = f.StrList("employer_ids");
  if (ids.empty()) {
    f.Fail("employer_ids", "required", "请至少选择一个单位", "name at least one employer");
  } else if (ids.size() > kMaxUrgeEmployers) {
    f.Fail("employer_ids", "too_many", "一次最多催办1000个单位", "at most 1000 employers at a time");
  }
  f.Finish();
  std::vector<records::Employer> employers;
  Errors errors;
  for (size_t i = 0; i < ids.size(); ++i) {
    const int64_t eid = call.api.ids.Decode(kEmployerId, ids[i]);
    auto e = eid ? call.store.queries().EmployerById(eid) : std::nullopt;
    // Another scope's employer reads exactly like an unknown one.
    if (!e || !EmployerVisible(call, *e)) {
      errors.push_back(MakeError("out_of_scope", "employer_ids[" + std::to_string(i) + "]",
                                 "单位 " + ids[i] + " 不存在或不在您的管辖范围内",
                                 "employer " + ids[i] + " does not exist or is outside your scope"));
      continue;
    }
    if (std::none_of(employers.begin(), employers.end(),
                     [&](const records::Employer& o) { return o.code == e->code; })) {
      employers.push_back(*e);
    }
  }
  if (!errors.empty()) throw ApiError(422, std::move(errors));
  const std::string authority =
      call.caller.user.display_name.empty() ? call.caller.user.username : call.caller.user.display_name;
  const auto text = notify::UrgeNotice(authority, subject, message);
  int64_t sent = 0;
  json sent_to = json::array();
  call.api.writes.Run([&](storage::Store& s) {
    std::vector<storage::Notice> notices;
    // One send is one period: the caller and the moment, so a repeated click in the same second
    // sends nothing twice, and a later 催办 is a new notice.
    const std::string period = "u" + std::to_string(call.caller.user.id) + "@" + std::to_string(call.now);
    for (const auto& e : employers) {
      storage::Notice n;
      n.kind = "urge";
      n.rule_id = "urge";
      n.period = period;
      n.recipient_kind = storage::RecipientKind::kEmployer;
      n.recipient_code = e.code;
      n.subject_zh = text.subject_zh;
      n.body_zh = text.body_zh;
      n.subject_en = text.subject_en;
      n.body_en = text.body_en;
      n.sender = call.caller.user.username;
      n.created_at = call.now;
      notices.push_back(std::move(n));
      sent_to.push_back(call.api.ids.Encode(kEmployerId, e.id));
    }
    sent = storage::NoticesOf(s).AddMany(notices);
    Audit(s, call, "notice.urge", "employer", sent_to.size() == 1 ? sent_to[0].get<std::string>() : "",
          PlaceOfCaller(s, call.caller), json(nullptr),
          json{{"employer_ids", sent_to}, {"subject", subject}});
  });
  if (call.api.notifier != nullptr) call.api.notifier->Wake();
  return JsonResponse(201, json{{"sent", sent}, {"employer_ids", sent_to}});
}

}  // namespace

void AddNoticeRoutes(Router& r) {
  r.Add({"GET", "/api/v1/notices", List, "notices",
         "the caller's notices (reminders, digests, 催办), newest first, with their read state",
         false, {}, {"unread", "page", "page_size"}});
  r.Add({"GET", "/api/v1/notices/unread-count", UnreadCount, "notices",
         "how many of the caller's notices are unread (the bell)"});
  r.Add({"POST", "/api/v1/notices/{id}/read", MarkRead, "notices", "mark one notice read"});
  r.Add({"POST", "/api/v1/notices/read-all", MarkAllRead, "notices",
         "mark every notice of the caller read"});
  r.Add({"GET", "/api/v1/notices/contact", GetContact, "notices",
         "the address the caller's notices are e-mailed to (\"\": none)"});
  r.Add({"PUT", "/api/v1/notices/contact", PutContact, "notices",
         "set the address notices are e-mailed to {email} (\"\" removes it)", false, {}, {}, "json"});
  r.Add({"POST", "/api/v1/notices/urge", Urge, "notices",
         "催办: a notice to employers of your scope {employer_ids, subject, message}", false,
         {Role::kAuthority, Role::kAdmin}, {}, "json"});
}

}  // namespace jixu::http
