// `jixu promotion` (title-promotion eligibility) and `jixu history` (a person's years side by side).
#include <ostream>

#include "app/compliance_service.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
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

}  // namespace

int RunPromotion(const Env& env, const Argv& argv) {
  Args args(argv, {"person", "year"}, {});
  const auto year = args.GetInt("year", 1990, 2100);
  const auto id = args.Get("person");
  if (!year || !id) throw UsageError{"promotion needs --person ID and --year Y"};
  auto store = storage::OpenStore(env.store);
  int code = kExitOk;
  auto person = FindPerson(env, *store, *id, code);
  if (!person) return code;
  if (!person->title_since) {
    throw InvalidInput({MakeError("title_since_missing", "title_since",
                                  "未登记现任职称的取得日期，无法判断晋升条件",
                                  "the date of the current title is not recorded, so eligibility "
                                  "cannot be checked")});
  }
  app::ComplianceService service(*store, env.data().policies, env.clock);
  const auto result = service.Promotion(*person, static_cast<int>(*year));
  PrintYears(env, result.years);
  env.out << '\n' << result.sentence_zh << '\n' << result.sentence_en << '\n';
  return result.eligible ? kExitOk : kExitNotEligible;
}

int RunHistory(const Env& env, const Argv& argv) {
  Args args(argv, {"person", "from", "to"}, {});
  const auto from = args.GetInt("from", 1990, 2100);
  const auto to = args.GetInt("to", 1990, 2100);
  const auto id = args.Get("person");
  if (!from || !to || !id) throw UsageError{"history needs --person ID --from Y --to Y"};
  if (*to < *from) throw UsageError{"--to must not be before --from"};
  auto store = storage::OpenStore(env.store);
  int code = kExitOk;
  auto person = FindPerson(env, *store, *id, code);
  if (!person) return code;
  app::ComplianceService service(*store, env.data().policies, env.clock);
  const auto years =
      service.PersonSpan(*person, static_cast<int>(*from), static_cast<int>(*to));
  PrintYears(env, years);
  for (const auto& y : years) env.out << y.sentence_zh << '\n';
  return kExitOk;
}

}  // namespace jixu::cli
