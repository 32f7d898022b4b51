// `jixu promotion` (title-promotion eligibility) and `jixu history` (a person's years side by side).
#include <ostream>

#include "app/compliance_service.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "core/validate/id_number.hpp"

namespace jixu::cli {
namespace {

/// Resolves --person to a registered person; prints the problem and returns nullopt otherwise.
std::optional<storage::PersonFacts> FindPerson(const Env& env, storage::Store& store,
                                               const std::string& id_text, int& exit_code) {
  auto id = validate::ValidateIdNumber(id_text);
  if (!id) throw InvalidInput({id.error()});
  auto person = store.persons().FindByIdNumber(id.value().normalized);
  if (!person) {
    env.err << "jixu: 未登记的人员 / person not registered: "
            << validate::MaskIdNumber(id.value().normalized) << '\n';
    exit_code = kExitNotFound;
    return std::nullopt;
  }
  return app::FactsOf(*person);
}

void PrintYears(const Env& env, const std::vector<compliance::YearResult>& years) {
  Table t({"年度 year", "政策 policy", "应修 required", "计入 counted", "尚差 shortfall",
           "状态 status"});
  for (const auto& y : years) {
    t.Add({std::to_string(y.year), y.policy_id, y.required.ToString(), y.counted_hours.ToString(),
           y.shortfall_hours.ToString(),
           std::string(compliance::StatusZh(y.status)) + " " +
               std::string(compliance::StatusCode(y.status))});
  }
  t.Print(env.out);
}

struct PersonYears {
  std::string person;
  int64_t year = 0;  // promotion
  int64_t from = 0;  // history
  int64_t to = 0;
};

int RunPromotion(const Env& env, const PersonYears& args) {
  auto store = storage::OpenStore(env.store);
  int code = kExitOk;
  auto person = FindPerson(env, *store, args.person, code);
  if (!person) return code;
  if (!person->title_since) {
    throw InvalidInput({MakeError("title_since_missing", "title_since",
                                  "未登记现任职称的取得日期，无法判断晋升条件",
                                  "the date of the current title is not recorded, so eligibility "
                                  "cannot be checked")});
  }
  app::ComplianceService service(*store, env.data().policies, env.clock);
  const auto result = service.Promotion(*person, static_cast<int>(args.year));
  PrintYears(env, result.years);
  env.out << '\n' << result.sentence_zh << '\n' << result.sentence_en << '\n';
  return result.eligible ? kExitOk : kExitNotEligible;
}

int RunHistory(const Env& env, const PersonYears& args) {
  if (args.to < args.from) throw UsageError{"--to must not be before --from"};
  auto store = storage::OpenStore(env.store);
  int code = kExitOk;
  auto person = FindPerson(env, *store, args.person, code);
  if (!person) return code;
  app::ComplianceService service(*store, env.data().policies, env.clock);
  const auto years =
      service.PersonSpan(*person, static_cast<int>(args.from), static_cast<int>(args.to));
  PrintYears(env, years);
  for (const auto& y : years) env.out << y.sentence_zh << '\n';
  return kExitOk;
}

}  // namespace

void AddHistory(CommandSet& set) {
  auto a = std::make_shared<PersonYears>();
  CLI::App* c = set.root().add_subcommand(
      "history", "历年情况 / one person's years side by side (carry-over, cycles)");
  c->add_option("--person", a->person, "the person's ID number")->required();
  c->add_option("--from", a->from, "first year")->required()->check(WholeNumber(1990, 2100));
  c->add_option("--to", a->to, "last year")->required()->check(WholeNumber(1990, 2100));
  set.Add(c, [a](const Env& env) { return RunHistory(env, *a); });
}

void AddPromotion(CommandSet& set) {
  auto a = std::make_shared<PersonYears>();
  CLI::App* c = set.root().add_subcommand(
      "promotion", "晋升条件 / may the person apply for the next title in year Y? (exit 5: not yet)");
  c->add_option("--person", a->person, "the person's ID number")->required();
  c->add_option("--year", a->year, "the year of the application")
      ->required()
      ->check(WholeNumber(1990, 2100));
  set.Add(c, [a](const Env& env) { return RunPromotion(env, *a); });
}

}  // namespace jixu::cli
