// `jixu compliance`: who has met the year's requirement, as a table, JSON or CSV.
#include <map>
#include <ostream>

#include "app/compliance_service.hpp"
#include "app/csv_writer.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "core/validate/id_number.hpp"

namespace jixu::cli {
namespace {

using app::CsvField;
using compliance::YearResult;
using storage::PersonFacts;

enum class Format { kTable, kJson, kCsv };

Format ParseFormat(const std::string& f) {
  if (f == "json") return Format::kJson;
  if (f == "csv") return Format::kCsv;
  return Format::kTable;  // the option's check allows nothing else
}

void WriteJson(std::string& buf, const PersonFacts& p, const YearResult& r, bool explain) {
  buf += "{\"id_number\":" + JsonString(p.id_number) + ",\"name\":" + JsonString(p.name) +
         ",\"year\":" + std::to_string(r.year) + ",\"policy\":" + JsonString(r.policy_id) +
         ",\"required_hours\":" + r.required.ToString() +
         ",\"professional_hours\":" + r.professional_hours.ToString() +
         ",\"public_hours\":" + r.public_hours.ToString() +
         ",\"counted_hours\":" + r.counted_hours.ToString() +
         ",\"shortfall_hours\":" + r.shortfall_hours.ToString() + ",\"status\":\"" +
         std::string(compliance::StatusCode(r.status)) + "\"";
  if (r.required_credits) buf += ",\"required_credits\":" + r.required_credits->ToString();
  if (r.counted_credits) buf += ",\"counted_credits\":" + r.counted_credits->ToString();
  if (explain) {
    buf += ",\"sentence_zh\":" + JsonString(r.sentence_zh) +
           ",\"sentence_en\":" + JsonString(r.sentence_en) + ",\"notes\":[";
    for (size_t i = 0; i < r.notes.size(); ++i) {
      const auto& n = r.notes[i];
      buf += (i ? ",{" : "{") + std::string("\"rule\":") + JsonString(n.rule) +
             ",\"before\":" + n.before.ToString() + ",\"after\":" + n.after.ToString() +
             ",\"zh\":" + JsonString(n.zh) + ",\"en\":" + JsonString(n.en) + "}";
    }
    buf += "]";
  }
  buf += "}";
}

constexpr const char* kCsvHeader =
    "id_number,name,year,policy,required_hours,professional_hours,public_hours,counted_hours,"
    "shortfall_hours,status\n";

void WriteCsv(std::string& buf, const PersonFacts& p, const YearResult& r) {
  buf += p.id_number + ',' + CsvField(p.name) + ',' + std::to_string(r.year) + ',' +
         CsvField(r.policy_id) + ',' + r.required.ToString() + ',' +
         r.professional_hours.ToString() + ',' + r.public_hours.ToString() + ',' +
         r.counted_hours.ToString() + ',' + r.shortfall_hours.ToString() + ',' +
         std::string(compliance::StatusCode(r.status)) + '\n';
}

std::vector<std::string> TableRow(const PersonFacts& p, const YearResult& r) {
  return {validate::MaskIdNumber(p.id_number), p.name, std::to_string(r.year), r.policy_id,
          r.required.ToString(), r.professional_hours.ToString(), r.public_hours.ToString(),
          r.counted_hours.ToString(), r.shortfall_hours.ToString(),
          std::string(compliance::StatusZh(r.status))};
}

Table MakeTable() {
  return Table({"身份证号", "姓名", "年度", "政策", "应修", "专业科目", "公需科目", "计入",
                "尚差", "状态"});
}

/// Counts by status, overall and per province, for `--summary` (and `make run`).
class Summary {
 public:
  void Add(const PersonFacts& p, const YearResult& r) {
    auto& row = by_province_[p.region_code.substr(0, 2)];
    ++row[static_cast<int>(r.status)];
    ++total_[static_cast<int>(r.status)];
  }
  void Print(std::ostream& out, const app::DataFiles& data, int year) const {
    out << year << "年度继续教育达标情况 / compliance summary for " << year << '\n';
    Table t({"地区 region", "人数 persons", "已达标 compliant", "进行中 in progress",
             "未达标 not compliant", "免修 exempt", "达标率 rate"});
    for (const auto& [prefix, counts] : by_province_) {
      const auto* region = data.regions.Find(prefix + "0000");
      t.Add(Row(region != nullptr ? region->name : prefix, counts));
    }
    t.Add(Row("合计 total", total_));
    t.Print(out);
  }

 private:
  using Counts = std::array<int64_t, 4>;
  static std::vector<std::string> Row(const std::string& name, const Counts& c) {
    const int64_t n = c[0] + c[1] + c[2] + c[3];
    const int64_t due = n - c[3];
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.1f%%", due > 0 ? 100.0 * c[0] / due : 0.0);
    return {name, std::to_string(n), std::to_string(c[0]), std::to_string(c[1]),
            std::to_string(c[2]), std::to_string(c[3]), rate};
  }
  std::map<std::string, Counts> by_province_;
  Counts total_{};
};

int RunForPerson(const Env& env, app::ComplianceService& service, storage::Store& store,
                 const std::string& id_text, int year, Format format) {
  auto id = validate::ValidateIdNumber(id_text);
  if (!id) throw InvalidInput({id.error()});
  auto person = store.persons().FindByIdNumber(id.value().normalized);
  if (!person) {
    env.err << "jixu: 未登记的人员 / person not registered: "
            << validate::MaskIdNumber(id.value().normalized) << '\n';
    return kExitNotFound;
  }
  const PersonFacts facts = app::FactsOf(*person);
  const YearResult r = service.PersonYear(facts, year);
  std::string buf;
  if (format == Format::kJson) {
    buf = "[";
    WriteJson(buf, facts, r, true);
    buf += "]\n";
  } else if (format == Format::kCsv) {
    buf = kCsvHeader;
    WriteCsv(buf, facts, r);
  } else {
    Table t = MakeTable();
    t.Add(TableRow(facts, r));
    t.Print(env.out);
    buf = "\n" + r.sentence_zh + "\n" + r.sentence_en + "\n";
    for (const auto& n : r.notes) buf += "  · " + n.zh + " / " + n.en + "\n";
    for (const auto& n : r.unmet) buf += "  ✗ " + n.zh + " / " + n.en + "\n";
  }
  env.out << buf;
  return kExitOk;
}

struct ComplianceArgs {
  int64_t year = 0;
  std::optional<std::string> person;
  std::string format = "table";
  std::string region, employer, field;
  std::optional<std::string> policy;
  bool summary = false;
  bool explain = false;
};

int RunCompliance(const Env& env, const ComplianceArgs& args) {
  const int year = static_cast<int>(args.year);
  const Format format = ParseFormat(args.format);
  const bool explain = args.explain;

  auto store = storage::OpenStore(env.store);
  app::ComplianceService service(*store, env.data().policies, env.clock);
  if (auto id = args.policy) {
    const policy::Policy* forced = env.data().policies.Find(*id);
    if (forced == nullptr) throw UsageError{"unknown policy '" + *id + "' (see policies/)"};
    service.ForcePolicy(forced);
  }
  if (auto id = args.person) {
    return RunForPerson(env, service, *store, *id, year, format);
  }
  storage::PersonFilter filter;
  filter.region_prefix = args.region;
  filter.employer_code = args.employer;
  filter.field = args.field;

  Summary summary;
  const bool summary_only = args.summary;
  Table table = MakeTable();
  std::string buf;
  bool first = true;
  if (!summary_only && format == Format::kJson) buf = "[";
  if (!summary_only && format == Format::kCsv) buf = kCsvHeader;
  constexpr size_t kFlushBytes = 1 << 20;
  service.ForEachInYear(
      year, filter, explain, [&](const PersonFacts& p, const YearResult& r) {
        summary.Add(p, r);
        if (summary_only) return;
        if (format == Format::kJson) {
          if (!first) buf += ",\n";
          WriteJson(buf, p, r, explain);
        } else if (format == Format::kCsv) {
          WriteCsv(buf, p, r);
        } else {
          table.Add(TableRow(p, r));
        }
        first = false;
        if (buf.size() > kFlushBytes) {
          env.out << buf;
          buf.clear();
        }
      });
  if (summary_only) {
    summary.Print(env.out, env.data(), year);
    return kExitOk;
  }
  if (format == Format::kJson) buf += "]\n";
  if (format == Format::kTable) table.Print(env.out);
  env.out << buf;
  return kExitOk;
}

}  // namespace

void AddCompliance(CommandSet& set) {
  auto a = std::make_shared<ComplianceArgs>();
  CLI::App* c = set.root().add_subcommand(
      "compliance", "达标情况 / who has met the annual requirement, as a table, JSON or CSV");
  c->add_option("--year", a->year, "the year")->required()->check(WholeNumber(1990, 2100));
  c->add_option("--person", a->person, "one person (ID number) instead of everyone, explained");
  c->add_option("--format", a->format, "table masks ID numbers; json and csv carry them in full")
      ->check(OneOf({"table", "json", "csv"}))
      ->capture_default_str();
  c->add_flag("--summary", a->summary, "counts and rates by province instead of one row a person");
  c->add_option("--policy", a->policy, "evaluate under this policy (policies/) instead");
  AddPersonFilterOptions(*c, a->region, a->employer, a->field);
  c->add_flag("--explain", a->explain, "json: add the sentences and the rules applied");
  set.Add(c, [a](const Env& env) { return RunCompliance(env, *a); });
}

}  // namespace jixu::cli
