#pragma once
// Lists at national scale (issue 16). A list's total is counted only up to kExactTotalLimit
// rows: past that the count stops and the total is a lower bound (the API says
// `total_exact: false`), so no request counts a province's ten million records. Pages past the
// first few are read by key: `after` = the last row's id, the rows with a greater id in the
// default order (by id), one index range however deep — instead of OFFSET, which reads and
// drops every row before the page.
#include <cstdint>

#include "core/storage/server_repos.hpp"

namespace jixu::storage {

inline constexpr int64_t kExactTotalLimit = 10000;

/// True when `total` is exact; otherwise it is kExactTotalLimit + 1 ("more than the limit").
inline bool TotalIsExact(int64_t total) { return total <= kExactTotalLimit; }

class KeysetRepository {
 public:
  virtual ~KeysetRepository() = default;
  /// The `limit` persons after person id `after_id`, by id; total as QueryRepository::Persons
  /// (0 unless `with_total`; it is counted anyway, to choose the plan).
  virtual PageOf<PersonRow> PersonsAfter(const PersonQuery& query, int64_t after_id,
                                         int64_t limit, bool with_total = true) = 0;
  /// The `limit` records after record id `after_id`, by id; total as QueryRepository::Records.
  virtual PageOf<RecordRow> RecordsAfter(const RecordQuery& query, int64_t after_id,
                                         int64_t limit) = 0;
};

/// Implemented by stores that read lists by key (both SQL backends); handlers reach it with
/// dynamic_cast.
class KeysetSource {
 public:
  virtual ~KeysetSource() = default;
  virtual KeysetRepository& keyset() = 0;
};

}  // namespace jixu::storage
