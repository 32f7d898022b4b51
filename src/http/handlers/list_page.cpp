#include "http/handlers/list_page.hpp"

namespace jixu::http {

int64_t AfterParam(Call& call, char type, const storage::Page& page) {
  const std::string after = QueryStr(call.req, "after");
  if (after.empty()) return 0;
  if (!page.sort.empty()) {
    ThrowBadRequest("after", "按游标翻页只用于默认排序（不能与 sort 同用）",
                    "after pages the default order only (not with sort)");
  }
  const int64_t id = call.api.ids.Decode(type, after);
  if (id == 0 || KeysetOf(call) == nullptr) {
    ThrowBadRequest("after", "after 须为上一页 next_cursor 的值",
                    "after must be the next_cursor of the page before");
  }
  return id;
}

storage::KeysetRepository* KeysetOf(Call& call) {
  auto* source = dynamic_cast<storage::KeysetSource*>(&call.store);
  return source == nullptr ? nullptr : &source->keyset();
}

Response KeyedListResponse(json items, int64_t total, const storage::Page& page,
                           const std::string& next_cursor) {
  const bool exact = storage::TotalIsExact(total);
  return JsonResponse(200, json{{"items", std::move(items)},
                                {"total", exact ? total : storage::kExactTotalLimit},
                                {"total_exact", exact},
                                {"page", page.offset / page.limit + 1},
                                {"page_size", page.limit},
                                {"next_cursor", next_cursor.empty() ? json(nullptr)
                                                                    : json(next_cursor)}});
}

}  // namespace jixu::http
