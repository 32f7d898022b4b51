#pragma once
// A person's approved hours in one year, by (category, form) bucket. This is what the
// per-person-year summary stores, kept in step with every record write, so that compliance under
// any policy whose rules work on totals is one lookup instead of a scan of the records.
#include <array>
#include <cstdint>

#include "core/common/hours.hpp"
#include "core/records/types.hpp"

namespace jixu::records {

struct YearTotals {
  static constexpr int kBuckets = kCategoryCount * kFormCount;
  static constexpr int Index(Category c, Form f) {
    return static_cast<int>(c) * kFormCount + static_cast<int>(f);
  }

  std::array<Hours, kBuckets> approved{};  ///< approved hours per bucket
  Hours pending;                           ///< declared, awaiting review (not counted)
  int32_t approved_records = 0;

  Hours& at(Category c, Form f) { return approved[Index(c, f)]; }
  Hours at(Category c, Form f) const { return approved[Index(c, f)]; }
  Hours CategoryTotal(Category c) const {
    Hours sum;
    for (int f = 0; f < kFormCount; ++f) sum += approved[Index(c, static_cast<Form>(f))];
    return sum;
  }
  Hours FormTotal(Form f) const {
    return approved[Index(Category::kProfessional, f)] + approved[Index(Category::kPublic, f)];
  }
  Hours Total() const {
    Hours sum;
    for (const Hours& h : approved) sum += h;
    return sum;
  }
  /// Adds (sign = +1) or removes (sign = -1) one record's contribution.
  void Apply(const LearningRecord& r, int sign);
  bool operator==(const YearTotals&) const = default;
};

/// Natural key of a record within its person: the submitter's source_id when given (so a provider
/// re-sending the same record is recognised), else a hash of its content. Re-importing a file
/// therefore inserts nothing the second time.
uint64_t RecordKey(const LearningRecord& r);

}  // namespace jixu::records
