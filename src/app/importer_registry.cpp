// Row handlers of the registry imports: employers, providers, persons.
#include <unordered_map>
#include <unordered_set>

#include "app/importer_check.hpp"
#include "app/importer_scope.hpp"
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

/// Whether rows must be compared with what the store holds: to check them against a limited
/// scope, or to name what changed.
bool LooksUp(const ImportContext& ctx) { return ctx.changes != nullptr || Restricted(ctx); }

/// Adds one written row to the changes: created (`id` resolved lazily, only while listed),
/// updated in place, moved, or nothing if unchanged.
template <typename ResolveId>
void NoteChange(ImportChanges& c, bool existed, bool same, std::optional<ImportMove> move,
                int64_t old_id, ResolveId resolve_id) {
  if (!existed) {
    if (c.created.size() < c.list_cap) c.created.push_back(resolve_id());
    ++c.created_count;
  } else if (move) {
    move->id = old_id;
    c.moved.push_back(std::move(*move));
  } else if (!same) {
    if (c.updated.size() < c.list_cap) c.updated.push_back(old_id);
    ++c.updated_count;
  }
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
    if (ctx_.scope && !InScope(check, org)) return;
    batch_.push_back(std::move(org));
    lines_.push_back(check.line());
  }

  bool BatchFull() const override { return batch_.size() >= kBatch; }

  /// An existing organisation outside the scope may not be changed (nor taken into it).
  void Check(storage::Store& store, ErrorList& errors) override {
    olds_.assign(batch_.size(), std::nullopt);
    if (!LooksUp(ctx_)) return;
    for (size_t i = 0; i < batch_.size(); ++i) {
      olds_[i] = Find(store, batch_[i].code);
      if (olds_[i] && Restricted(ctx_) && !Visible(*olds_[i])) {
        OutOfScope(errors, lines_[i], Col::kCode);
      }
    }
  }

  void Flush(storage::Store& store, bool write, storage::WriteStats& stats) override {
    if (write && !batch_.empty()) {
      write_(store, batch_, stats);
      if (ctx_.changes != nullptr) NoteChanges(store, *ctx_.changes);
    }
    batch_.clear();
    lines_.clear();
    olds_.clear();
  }

 private:
  static std::optional<Org> Find(storage::Store& store, std::string_view code) {
    if constexpr (std::is_same_v<Org, records::Employer>) {
      return store.employers().FindByCode(code);
    } else {
      return store.providers().FindByCode(code);
    }
  }

  bool Visible(const Org& org) const {
    if constexpr (std::is_same_v<Org, records::Employer>) {
      return EmployerInScope(*ctx_.scope, org);
    } else {
      return ProviderInScope(*ctx_.scope, org);
    }
  }

  /// Where the row would put the organisation; an industry authority's employers are of its
  /// industry (an empty cell takes it, as POST /employers does).
  bool InScope(RowCheck& check, Org& org) {
    if (!OrgPlacementOutOfScope(*ctx_.scope, org.region_code).empty()) {
      OutOfScope(check, Col::kRegionCode);
      return false;
    }
    if constexpr (requires { org.industry; }) {
      const std::string& industry = ctx_.scope->industry;
      if (!industry.empty() && org.industry.empty()) org.industry = industry;
      if (!industry.empty() && org.industry != industry) {
        OutOfScope(check, Col::kIndustry);
        return false;
      }
    }
    return true;
  }

  void NoteChanges(storage::Store& store, ImportChanges& changes) {
    for (size_t i = 0; i < batch_.size(); ++i) {
      const Org& now = batch_[i];
      const auto& old = olds_[i];
      std::optional<ImportMove> move;
      if (old && old->region_code != now.region_code) {
        move = ImportMove{0, "", "", old->region_code, now.region_code};
      }
      NoteChange(changes, old.has_value(), old && Same(*old, now), std::move(move),
                 old ? old->id : 0, [&] { return Find(store, now.code)->id; });
    }
  }

  static bool Same(const Org& a, const Org& b) {
    bool same = a.name == b.name && a.region_code == b.region_code && a.type == b.type;
    if constexpr (requires { a.industry; }) same = same && a.industry == b.industry;
    return same;
  }

 private:
  const ImportContext& ctx_;
  Parse parse_;
  std::string allowed_;
  void (*write_)(storage::Store&, std::span<const Org>, storage::WriteStats&);
  SeenKeys<std::string> seen_;
  std::vector<Org> batch_;
  std::vector<int64_t> lines_;             ///< the file line of each queued row
  std::vector<std::optional<Org>> olds_;   ///< what the store held for each (when looked up)
};

void AddStats(storage::WriteStats& into, const storage::WriteStats& s) {
  into.inserted += s.inserted;
  into.updated += s.updated;
  into.unchanged += s.unchanged;
}

bool SamePerson(const records::Person& a, const records::Person& b) {
  return a.name == b.name && a.employer_code == b.employer_code &&
         a.region_code == b.region_code && a.field == b.field &&
         a.title_level == b.title_level && a.title_since == b.title_since && a.joined == b.joined;
}

class PersonHandler : public KindHandler {
 public:
  explicit PersonHandler(const ImportContext& ctx)
      : ctx_(ctx),
        titles_(Allowed<records::TitleLevel>(5, records::TitleLevelZh, records::TitleLevelCode)) {}

  void Prepare(storage::Store& store) override {
    for (auto& e : store.employers().List("")) {
      employers_.emplace(e.code, std::make_pair(std::move(e.industry), std::move(e.region_code)));
    }
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
    // The column is checked, but a person works where the employer is: its region is theirs
    // (docs/architecture.md#a-persons-region), for the scope check and the write alike.
    p.region_code = employers_.at(p.employer_code).second;
    p.title_level = *level;
    if (ctx_.scope) {
      // Where the row puts the person: the rule of POST /persons and PATCH /persons/{id}.
      const auto field =
          PersonPlacementOutOfScope(*ctx_.scope, p, employers_.at(p.employer_code).first);
      if (!field.empty()) {
        OutOfScope(check, field == "region_code" ? Col::kRegionCode : Col::kEmployerCode);
        return;
      }
    }
    batch_.push_back(std::move(p));
    lines_.push_back(check.line());
  }

  bool BatchFull() const override { return batch_.size() >= kBatch; }

  /// A registered person outside the scope may not be changed, nor moved into it: the rule of
  /// PATCH /persons/{id}, whose lookup is scoped (404 outside). The error says only that the
  /// row is out of scope, nothing of the person.
  void Check(storage::Store& store, ErrorList& errors) override {
    olds_.assign(batch_.size(), std::nullopt);
    if (!LooksUp(ctx_)) return;
    for (size_t i = 0; i < batch_.size(); ++i) {
      olds_[i] = store.persons().FindByIdNumber(batch_[i].id_number);
      if (olds_[i] && Restricted(ctx_) &&
          !store.queries().PersonInScope(olds_[i]->id, *ctx_.scope)) {
        OutOfScope(errors, lines_[i], Col::kIdNumber);
      }
    }
  }

  void Flush(storage::Store& store, bool write, storage::WriteStats& stats) override {
    if (write && !batch_.empty()) {
      AddStats(stats, store.persons().Upsert(batch_));
      if (ctx_.changes != nullptr) NoteChanges(store, *ctx_.changes);
    }
    batch_.clear();
    lines_.clear();
    olds_.clear();
  }

 private:
  void NoteChanges(storage::Store& store, ImportChanges& changes) {
    for (size_t i = 0; i < batch_.size(); ++i) {
      const records::Person& now = batch_[i];
      const auto& old = olds_[i];
      std::optional<ImportMove> move;
      if (old && (old->employer_code != now.employer_code || old->region_code != now.region_code)) {
        move = ImportMove{0, old->employer_code, now.employer_code, old->region_code,
                          now.region_code};
      }
      NoteChange(changes, old.has_value(), old && SamePerson(*old, now), std::move(move),
                 old ? old->id : 0,
                 [&] { return store.persons().FindByIdNumber(now.id_number)->id; });
    }
  }

  const ImportContext& ctx_;
  std::string titles_;
  /// code → (industry, region)
  std::unordered_map<std::string, std::pair<std::string, std::string>> employers_;
  SeenKeys<uint64_t> seen_;
  std::vector<records::Person> batch_;
  std::vector<int64_t> lines_;                          ///< the file line of each queued row
  std::vector<std::optional<records::Person>> olds_;   ///< the registered person, if any
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
