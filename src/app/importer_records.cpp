// Row handler of the learning-record import: the hot path of a national import (ten million
// rows), so the person index is a map of packed integers and batch slots are reused.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "app/importer_check.hpp"
#include "app/importer_index.hpp"
#include "core/validate/credit_code.hpp"
#include "core/validate/id_number.hpp"

namespace jixu::app::import {
namespace {

// Rows are written in batches sorted by person (stable, so among duplicates the first in the file
// wins): consecutive inserts then walk the record-key index, the persons table (foreign key) and
// the summary buffer in ascending order instead of jumping at random, which is what bounds a
// bulk load. 64k rows keep the batch around 25 MB.
constexpr size_t kBatch = 65536;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class RecordHandler : public KindHandler {
 public:
  explicit RecordHandler(const ImportContext& ctx)
      : ctx_(ctx),
        categories_(Allowed<records::Category>(records::kCategoryCount, records::CategoryZh,
                                               records::CategoryCode)),
        forms_(Allowed<records::Form>(records::kFormCount, records::FormZh, records::FormCode)),
        statuses_(Allowed<records::RecordStatus>(3, records::RecordStatusZh,
                                                 records::RecordStatusCode)),
        batch_(kBatch),
        sealed_(kBatch) {}

  void Prepare(storage::Store& store) override {
    persons_.Reserve(static_cast<size_t>(store.persons().Count({})));
    store.persons().ForEachIdNumber([&](std::string_view id, int64_t person_id) {
      if (auto key = PackIdNumber(id)) persons_.Insert(*key, person_id);
    });
    for (auto& p : store.providers().List("")) providers_.emplace(p.code, std::move(p.name));
    if (Restricted(ctx_)) LoadScope(store, *ctx_.scope);
  }

  void Row(RowCheck& check) override {
    records::LearningRecord& r = batch_[count_];
    r.person_id = ResolvePerson(check);
    const auto date = check.DateOf(Col::kDate, true);
    if (date && ctx_.today && *date > *ctx_.today) {
      check.Fail(Col::kDate, "date_in_future", "完成日期晚于今天：" + date->ToString(),
                 "date: completion date " + date->ToString() + " is in the future");
    }
    const auto category = check.Enum<records::Category>(Col::kCategory, records::ParseCategory,
                                                        std::nullopt, categories_);
    const auto form =
        check.Enum<records::Form>(Col::kForm, records::ParseForm, std::nullopt, forms_);
    const auto hours = ParseHours(check);
    ResolveProvider(check, r);
    if (Restricted(ctx_)) CheckScope(check, r);
    r.title.assign(check.Text(Col::kTitle, true));
    r.source_id.assign(check.Text(Col::kSourceId, false));
    r.topic.assign(check.Text(Col::kTopic, false));
    r.activity.assign(check.Text(Col::kActivity, false));
    r.course_code.assign(check.Text(Col::kCourseCode, false));
    const auto status = check.Enum<records::RecordStatus>(
        Col::kStatus, records::ParseRecordStatus, records::RecordStatus::kApproved, statuses_);
    if (!check.ok()) return;
    r.date = *date;
    r.category = *category;
    r.form = *form;
    r.hours = *hours;
    r.status = *status;
    r.reject_reason.clear();
    r.origin = records::Origin::kImport;
    ++count_;
    if (ctx_.changes != nullptr && named_.insert(r.person_id).second &&
        named_list_.size() < ctx_.changes->list_cap) {
      named_list_.push_back(r.person_id);
    }
  }

  void Done(ImportChanges& changes) override {
    changes.persons = named_list_;
    changes.persons_count = static_cast<int64_t>(named_.size());
  }

  bool BatchFull() const override { return count_ == kBatch; }

  void Flush(storage::Store& store, bool write, storage::WriteStats& stats) override {
    if (write && count_ > 0) {
      SortByPerson(batch_, count_);
      Write(store, batch_, count_, stats);
    }
    count_ = 0;
  }

  // The parsing thread sorts (its share of the work) and swaps buffers; the writing thread
  // only inserts.
  bool Pipelined() const override { return true; }

  void Seal() override {
    SortByPerson(batch_, count_);
    batch_.swap(sealed_);
    sealed_count_ = count_;
    count_ = 0;
  }

  void FlushSealed(storage::Store& store, bool write, storage::WriteStats& stats) override {
    if (write) Write(store, sealed_, sealed_count_, stats);
    sealed_count_ = 0;
  }

 private:
  static void Write(storage::Store& store, const std::vector<records::LearningRecord>& batch,
                    size_t n, storage::WriteStats& stats) {
    if (n == 0) return;
    const auto s = store.records().Insert(std::span(batch.data(), n));
    stats.inserted += s.inserted;
    stats.unchanged += s.unchanged;
  }

  /// Stable sort by person of batch[0, n): sorts (person, position) pairs, then moves each
  /// record once along the permutation's cycles (sorting the records themselves moved each
  /// ~log n times and was a sixth of the import's CPU time).
  void SortByPerson(std::vector<records::LearningRecord>& batch, size_t n) {
    order_.resize(n);
    for (size_t i = 0; i < n; ++i) order_[i] = {batch[i].person_id, static_cast<int64_t>(i)};
    std::sort(order_.begin(), order_.end());
    // Position i receives the record now at order_[i].second; a done position points to itself.
    for (size_t i = 0; i < n; ++i) {
      if (static_cast<size_t>(order_[i].second) == i) continue;
      records::LearningRecord held = std::move(batch[i]);
      size_t j = i;
      for (;;) {
        const auto from = static_cast<size_t>(order_[j].second);
        order_[j].second = static_cast<int64_t>(j);
        if (from == i) break;
        batch[j] = std::move(batch[from]);
        j = from;
      }
      batch[j] = std::move(held);
    }
  }

  /// The persons a limited caller may add records for: those it can read (PersonInScope's
  /// predicate, as a filter). A provider adds records only as itself and only for persons on its
  /// roster (enrolled in one of its classes), as its own report (POST /records/report) does.
  void LoadScope(storage::Store& store, const storage::Scope& scope) {
    if (!scope.provider_code.empty()) {
      in_scope_ = store.market().lifecycle().RosterPersons(scope.provider_code);
      return;
    }
    if (scope.person_id != 0) {
      in_scope_.push_back(scope.person_id);
      return;
    }
    storage::PersonFilter filter;
    filter.region_prefix = scope.region_prefix;
    filter.employer_code = scope.employer_code;
    filter.industry = scope.industry;
    store.persons().ForEach(filter, [&](const storage::PersonFacts& f) {
      in_scope_.push_back(f.person_id);
    });
    std::sort(in_scope_.begin(), in_scope_.end());  // ForEach streams in id order already
  }

  void CheckScope(RowCheck& check, const records::LearningRecord& r) {
    const std::string& provider = ctx_.scope->provider_code;
    if (!provider.empty()) {
      if (r.provider_code != provider) OutOfScope(check, Col::kProvider);
      if (r.person_id != 0 && !std::binary_search(in_scope_.begin(), in_scope_.end(), r.person_id)) {
        check.Fail(Col::kIdNumber, "not_enrolled", "该人员未报名本机构的任何班级，不能为其上报学时",
                   "id_number: the person is not enrolled in any class of yours; no hours may be reported");
      }
    } else if (r.person_id != 0 && !std::binary_search(in_scope_.begin(), in_scope_.end(), r.person_id)) {
      OutOfScope(check, Col::kIdNumber);
    }
  }

  int64_t ResolvePerson(RowCheck& check) {
    const std::string_view id = check.cols().Get(check.row(), Col::kIdNumber);
    if (auto key = PackIdNumber(id)) {
      if (const int64_t person_id = persons_.Find(*key); person_id != 0) return person_id;
    }
    // Not registered: say whether the number itself is wrong or only unknown.
    auto valid = validate::ValidateIdNumber(id);
    if (!valid.ok()) {
      check.Fail(valid.error());
    } else {
      check.Fail(Col::kIdNumber, "unknown_person",
                 "人员未登记：" + validate::MaskIdNumber(valid.value().normalized) +
                     "（请先导入人员）",
                 "id_number: no person registered with " +
                     validate::MaskIdNumber(valid.value().normalized) + " (import persons first)");
    }
    return 0;
  }

  std::optional<Hours> ParseHours(RowCheck& check) {
    const std::string_view v = check.cols().Get(check.row(), Col::kHours);
    if (v.empty()) {
      check.Missing(Col::kHours);
      return std::nullopt;
    }
    const auto h = Hours::Parse(v);
    if (!h || h->IsZero()) {
      check.Fail(Col::kHours, "invalid_hours",
                 "学时应为大于0的数，最多两位小数：“" + std::string(v) + "”",
                 "hours: must be a number greater than 0 with at most two decimals: \"" +
                     std::string(v) + "\"");
      return std::nullopt;
    }
    if (*h > Hours::FromWhole(kMaxRecordHours)) {
      check.Fail(Col::kHours, "hours_too_large",
                 "单条记录学时不能超过" + std::to_string(kMaxRecordHours) + "：" + std::string(v),
                 "hours: one record may carry at most " + std::to_string(kMaxRecordHours) +
                     " hours, got " + std::string(v));
      return std::nullopt;
    }
    return h;
  }

  /// A registered provider's code gives code and name; anything else is an outside
  /// institution's name — unless it is a well-formed credit code, which is a reference to a
  /// provider that is not registered, i.e. a mistake.
  void ResolveProvider(RowCheck& check, records::LearningRecord& r) {
    const std::string_view v = check.Text(Col::kProvider, false);
    r.provider_code.clear();
    r.provider_name.clear();
    code_scratch_.assign(v);
    for (char& c : code_scratch_) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    if (auto it = providers_.find(code_scratch_); it != providers_.end()) {
      r.provider_code = it->first;
      r.provider_name = it->second;
      return;
    }
    if (v.size() == 18 && validate::ValidateCreditCode(v, "provider").ok()) {
      check.Fail(Col::kProvider, "unknown_provider",
                 "施教机构代码未登记：" + code_scratch_ + "（请先导入施教机构，或填写机构名称）",
                 "provider: no provider registered with code " + code_scratch_ +
                     " (import providers first, or give the institution's name)");
      return;
    }
    r.provider_name.assign(v);
  }

  const ImportContext& ctx_;
  std::string categories_, forms_, statuses_;
  PersonIndex persons_;
  std::vector<int64_t> in_scope_;  ///< a limited caller's persons, sorted (LoadScope): 8 B each
  std::unordered_set<int64_t> named_;     ///< persons the rows name (for ImportChanges)
  std::vector<int64_t> named_list_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> providers_;
  std::string code_scratch_;
  std::vector<records::LearningRecord> batch_;   ///< being filled by Row()
  std::vector<records::LearningRecord> sealed_;  ///< sorted, waiting for FlushSealed()
  std::vector<std::pair<int64_t, int64_t>> order_;
  size_t count_ = 0;
  size_t sealed_count_ = 0;
};

}  // namespace

std::unique_ptr<KindHandler> MakeRecordHandler(const ImportContext& ctx) {
  return std::make_unique<RecordHandler>(ctx);
}

}  // namespace jixu::app::import
