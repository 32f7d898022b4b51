// Row handlers of the registry imports: employers, providers, persons.
#include <unordered_map>
#include <unordered_set>

#include "app/importer_check.hpp"
#include "core/validate/credit_code.hpp"
#include "core/validate/id_number.hpp"

namespace jixu::app::import {
namespace {

constexpr size_t kBatch = 4096;

/// Within one file a key may appear once: a second row for the same code or resident ID is
/// a contradiction the user must resolve (which one is right?), not something to guess.
template <typename Key>
class SeenKeys {
 public:
  /// The line that already used `key`, or nullopt (and remembers `line`).
  std::optional<int64_t> Claim(const Key& key, int64_t line) {
    auto [it, inserted] = lines_.try_emplace(key, line);
    if (inserted) return std::nullopt;
    return it->second;
  }

 private:
  std::unordered_map<Key, int64_t> lines_;
};

void Duplicate(RowCheck& check, Col c, int64_t first_line) {
  check.Fail(c, "duplicate_row", "与第" + std::to_string(first_line) + "行重复（同一文件中只能出现一次）",
             std::string(ColumnName(c)) + ": duplicates line " + std::to_string(first_line) +
                 " (each may appear once per file)");
}

/// Employers and providers share their columns (code, name, region_code, type).
template <typename Org, typename Type>
class OrgHandler : public KindHandler {
 public:
  using Parse = std::optional<Type> (*)(std::string_view);
  OrgHandler(const ImportContext& ctx, Parse parse, std::string allowed,
             void (*write)(storage::Store&, std::span<const Org>, storage::WriteStats&))
      : ctx_(ctx), parse_(parse), allowed_(std::move(allowed)), write_(write) {}

  void Prepare(storage::Store&) override {}

  void Row(RowCheck& check) override {
    Org org;
    auto code = check.Take(validate::ValidateCreditCode(check.cols().Get(check.row(), Col::kCode),
                                                        ColumnName(Col::kCode)));
    org.name = check.Text(Col::kName, true);
    auto region = check.Region(Col::kRegionCode, ctx_);
    auto type = check.Enum<Type>(Col::kType, parse_, Type::kOther, allowed_);
    if constexpr (requires { org.industry; }) org.industry = check.Text(Col::kIndustry, false);
    if (code) {
      if (auto first = seen_.Claim(*code, check.line())) Duplicate(check, Col::kCode, *first);
    }
    if (!check.ok()) return;
    org.code = std::move(*code);
    org.region_code = std::move(*region);
    org.type = *type;
    batch_.push_back(std::move(org));
  }

  bool BatchFull() const override { return batch_.size() >= kBatch; }

  void Flush(storage::Store& store, bool write, storage::WriteStats& stats) override {
    if (write && !batch_.empty()) write_(store, batch_, stats);
    batch_.clear();
  }

 private:
  const ImportContext& ctx_;
  Parse parse_;
  std::string allowed_;
  void (*write_)(storage::Store&, std::span<const Org>, storage::WriteStats&);
  SeenKeys<std::string> seen_;
  std::vector<Org> batch_;
};

void AddStats(storage::WriteStats& into, const storage::WriteStats& s) {
  into.inserted += s.inserted;
  into.updated += s.updated;
  into.unchanged += s.unchanged;
}

class PersonHandler : public KindHandler {
 public:
  explicit PersonHandler(const ImportContext& ctx)
      : ctx_(ctx),
        titles_(Allowed<records::TitleLevel>(5, records::TitleLevelZh, records::TitleLevelCode)) {}

  void Prepare(storage::Store& store) override {
    for (const auto& e : store.employers().List("")) employers_.insert(e.code);
  }

  void Row(RowCheck& check) override {
    records::Person p;
    auto id = check.Take(validate::ValidateIdNumber(check.cols().Get(check.row(), Col::kIdNumber)));
    p.name = check.Text(Col::kName, true);
    auto employer = check.Take(validate::ValidateCreditCode(
        check.cols().Get(check.row(), Col::kEmployerCode), ColumnName(Col::kEmployerCode)));
    if (employer && !employers_.contains(*employer)) {
      check.Fail(Col::kEmployerCode, "unknown_employer",
                 "用人单位未登记：" + *employer + "（请先导入单位）",
                 "employer_code: no employer registered with code " + *employer +
                     " (import employers first)");
    }
    auto region = check.Region(Col::kRegionCode, ctx_);
    p.field = check.Text(Col::kField, true);
    auto level = check.Enum<records::TitleLevel>(Col::kTitleLevel, records::ParseTitleLevel,
                                                 std::nullopt, titles_);
    p.title_since = check.DateOf(Col::kTitleSince, false);
    p.joined = check.DateOf(Col::kJoined, false);
    if (id) {
      if (auto first = seen_.Claim(*PackIdNumber(id->normalized), check.line())) {
        Duplicate(check, Col::kIdNumber, *first);
      }
    }
    if (!check.ok()) return;
    p.id_number = std::move(id->normalized);
    p.employer_code = std::move(*employer);
    p.region_code = std::move(*region);
    p.title_level = *level;
    batch_.push_back(std::move(p));
  }

  bool BatchFull() const override { return batch_.size() >= kBatch; }

  void Flush(storage::Store& store, bool write, storage::WriteStats& stats) override {
    if (write && !batch_.empty()) AddStats(stats, store.persons().Upsert(batch_));
    batch_.clear();
  }

 private:
  const ImportContext& ctx_;
  std::string titles_;
  std::unordered_set<std::string> employers_;
  SeenKeys<uint64_t> seen_;
  std::vector<records::Person> batch_;
};

}  // namespace

std::unique_ptr<KindHandler> MakeEmployerHandler(const ImportContext& ctx) {
  return std::make_unique<OrgHandler<records::Employer, records::EmployerType>>(
      ctx, records::ParseEmployerType,
      Allowed<records::EmployerType>(7, records::EmployerTypeZh, records::EmployerTypeCode),
      [](storage::Store& s, std::span<const records::Employer> b, storage::WriteStats& st) {
        AddStats(st, s.employers().Upsert(b));
      });
}

std::unique_ptr<KindHandler> MakeProviderHandler(const ImportContext& ctx) {
  return std::make_unique<OrgHandler<records::Provider, records::ProviderType>>(
      ctx, records::ParseProviderType,
      Allowed<records::ProviderType>(8, records::ProviderTypeZh, records::ProviderTypeCode),
      [](storage::Store& s, std::span<const records::Provider> b, storage::WriteStats& st) {
        AddStats(st, s.providers().Upsert(b));
      });
}

std::unique_ptr<KindHandler> MakePersonHandler(const ImportContext& ctx) {
  return std::make_unique<PersonHandler>(ctx);
}

}  // namespace jixu::app::import
