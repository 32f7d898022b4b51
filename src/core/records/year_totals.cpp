#include "core/records/year_totals.hpp"

#include <string_view>

namespace jixu::records {
namespace {

// FNV-1a 64-bit: stable across platforms and releases, which the stored keys depend on.
class Fnv1a {
 public:
  void Add(std::string_view s) {
    for (unsigned char c : s) {
      h_ ^= c;
      h_ *= kPrime;
    }
    h_ ^= 0x1f;  // field separator, so ("ab","c") and ("a","bc") differ
    h_ *= kPrime;
  }
  void Add(int64_t v) { Add(std::string_view(reinterpret_cast<const char*>(&v), sizeof v)); }
  uint64_t value() const { return h_; }

 private:
  static constexpr uint64_t kPrime = 1099511628211ULL;
  uint64_t h_ = 14695981039346656037ULL;
};

}  // namespace

void YearTotals::Apply(const LearningRecord& r, int sign) {
  if (r.status == RecordStatus::kApproved) {
    at(r.category, r.form) += Hours::FromCenti(sign * r.hours.centi());
    approved_records += sign;
  } else if (r.status == RecordStatus::kPending) {
    pending += Hours::FromCenti(sign * r.hours.centi());
  }
}

uint64_t RecordKey(const LearningRecord& r) {
  Fnv1a h;
  if (!r.source_id.empty()) {
    h.Add("src");
    h.Add(r.provider_code.empty() ? r.provider_name : r.provider_code);
    h.Add(r.source_id);
  } else {
    h.Add("content");
    h.Add(static_cast<int64_t>(r.date.days()));
    h.Add(static_cast<int64_t>(r.category));
    h.Add(static_cast<int64_t>(r.form));
    h.Add(r.hours.centi());
    h.Add(r.provider_code.empty() ? r.provider_name : r.provider_code);
    h.Add(r.title);
  }
  // Stored in a signed 64-bit column; keep the top bit clear so every backend sees the same value.
  return h.value() & 0x7fffffffffffffffULL;
}

}  // namespace jixu::records
