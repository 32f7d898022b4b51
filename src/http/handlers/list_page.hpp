#pragma once
// Lists at national scale (core/storage/list_repos.hpp): totals counted up to a limit, and
// pages past the first read by key (`?after=` the last row's id, answered `next_cursor`).
#include <string>

#include "core/storage/list_repos.hpp"
#include "http/handlers/common.hpp"

namespace jixu::http {

/// `?after=`: the opaque id (of type `type`) of the last row already shown; 0 when absent. 400
/// naming `after` when it is not such an id, or when the list is sorted (keys follow the
/// default order, by id).
int64_t AfterParam(Call& call, char type, const storage::Page& page);

/// The keyset reader of the store, or null when it has none (then `after` is refused).
storage::KeysetRepository* KeysetOf(Call& call);

/// The list body every list has (items, total, page, page_size), plus `total_exact` (false:
/// more rows than kExactTotalLimit match, and `total` is that limit, a lower bound) and
/// `next_cursor` (pass as `after` for the next page; null on the last page or when sorted).
Response KeyedListResponse(json items, int64_t total, const storage::Page& page,
                           const std::string& next_cursor);

}  // namespace jixu::http
