#include "app/demo.hpp"

#include "app/demo_generator.hpp"

namespace jixu::app {
namespace detail {

void Generator::MakePersons(DemoSink& sink, const std::function<void(int64_t)>& progress) {
  std::vector<records::Person> batch;
  batch.reserve(kBatch);
  seeds_.reserve(static_cast<size_t>(opt_.persons));
  const int last = opt_.last_year;
  for (int64_t i = 0; i < opt_.persons; ++i) {
    PersonSeed seed;
    // The first person (demo person1) works in the home city, at a unit of the first field, and
    // learns thoroughly: a compliant past year to show and certify.
    const bool first = i == 0;
    const bool home = first || Chance(kHomeProvinceShare);
    seed.province = static_cast<uint8_t>(home ? home_ : Uniform(0, static_cast<int>(provinces_.size()) - 1));
    seed.field = static_cast<uint8_t>(first ? 0 : Uniform(0, demo_names::kFields.size() - 1));
    const int roll = Uniform(0, 99);
    seed.diligence = first ? 0 : roll < 62 ? 0 : roll < 82 ? 1 : roll < 94 ? 2 : 3;
    seed.first = first;

    records::Person p;
    const auto& employers =
        employers_by_province_field_[seed.province * demo_names::kFields.size() + seed.field];
    // Home-city persons work at the field's unit there (the first of the list).
    const bool in_city = seed.province == home_ && (first || Chance(kHomeCityShare));
    p.employer_code = in_city ? employers.front() : Pick(employers);
    // A person lives in their employer's region, so a page that places persons by their own
    // region and one that places them by their employer's count the same demo persons.
    p.region_code = employer_region_.at(p.employer_code);
    const int birth_year = Uniform(last - 58, last - 23);
    const Date birth = *Date::FromYmd(birth_year, Uniform(1, 12), Uniform(1, 28));
    p.id_number = IdNumber(p.region_code, birth, i);
    p.name = PersonName();
    p.field = std::string(demo_names::kFields[seed.field].name);
    const int age = last - birth_year;
    p.title_level = age < 28   ? records::TitleLevel::kJunior
                    : age < 38 ? records::TitleLevel::kIntermediate
                    : age < 48 ? records::TitleLevel::kAssociateSenior
                               : (Chance(0.4) ? records::TitleLevel::kSenior
                                              : records::TitleLevel::kAssociateSenior);
    p.title_since = *Date::FromYmd(std::max(birth_year + 23, last - Uniform(1, 8)), 12, 31);
    // A few persons joined during the current year (part-year obligation).
    const bool new_entrant = !first && Chance(0.03);
    seed.joined = new_entrant ? *Date::FromYmd(last, Uniform(1, 10), 1)
                              : *Date::FromYmd(birth_year + 22, 7, 1);
    p.joined = seed.joined;
    seed.id_number = p.id_number;
    seeds_.push_back(seed);
    batch.push_back(std::move(p));
    if (static_cast<int64_t>(batch.size()) == kBatch) {
      sink.Persons(batch);
      batch.clear();
      if (progress) progress(i + 1);
    }
  }
  if (!batch.empty()) sink.Persons(batch);
  counts_.persons = opt_.persons;
}

void Generator::RecordsForYear(const PersonSeed& p, int year,
                               std::vector<records::LearningRecord>& out) {
  if (p.diligence == 3) return;
  const Date first = std::max(YearStart(year), p.joined);
  const Date last = std::min(YearEnd(year), opt_.today);
  if (last < first) return;
  // Targets in hours: thorough persons meet 72 with a margin, partial ones fall short,
  // public-heavy ones exceed the 24-hour public cap.
  int professional = p.diligence == 0 ? Uniform(50, 80) : p.diligence == 1 ? Uniform(12, 45)
                                                                             : Uniform(36, 60);
  int pub = p.diligence == 2 ? Uniform(28, 42) : Uniform(12, 24);
  if (p.first) {  // demo person1: comfortably compliant under every bundled policy
    professional = 84;
    pub = 24;
  }
  const auto& field = demo_names::kFields[p.field];
  const int span = last.days() - first.days();
  int n = 0;
  auto add = [&](Category cat, int hours) {
    records::LearningRecord r;
    r.category = cat;
    r.date = first.AddDays(Uniform(0, span));
    r.hours = Hours::FromWhole(hours);
    if (Chance(0.1)) r.hours += Hours::FromCenti(50);
    const records::Provider& prov = providers_[p.province * 4 + Uniform(0, 3)];
    if (cat == Category::kPublic) {
      r.form = Chance(0.7) ? Form::kOnlineCourse : Form::kCentralizedTraining;
      r.title = std::string(demo_names::kPublicCourses[Uniform(0, 7)]);
    } else {
      static constexpr std::array<Form, 8> kForms{
          Form::kCentralizedTraining, Form::kSeminar,       Form::kAdvancedStudy,
          Form::kAcademicConference,  Form::kSelfStudy,     Form::kOnlineCourse,
          Form::kCaseTeaching,        Form::kTechnicalVisit};
      r.form = kForms[Uniform(0, 7)];
      r.title = std::string(field.courses[Uniform(0, 5)]);
    }
    if (r.form == Form::kSelfStudy) {
      r.origin = records::Origin::kSelf;
      r.provider_name = "个人自学";
      // Recent declarations still wait for review.
      r.status = opt_.today.days() - r.date.days() < 30 ? records::RecordStatus::kPending
                                                        : records::RecordStatus::kApproved;
    } else {
      r.origin = records::Origin::kProvider;
      r.provider_code = prov.code;
      r.provider_name = prov.name;
      r.source_id = p.id_number.substr(12) + "-" + std::to_string(year) + "-" + std::to_string(n);
    }
    ++n;
    out.push_back(std::move(r));
  };
  // A year still under way is only partly done: spread by the share of the year elapsed.
  const double elapsed = std::min(1.0, (span + 1) / 365.0);
  professional = static_cast<int>(professional * elapsed + 0.5);
  pub = static_cast<int>(pub * elapsed + 0.5);
  while (professional > 0) {
    const int h = std::min(professional, Uniform(6, 24));
    add(Category::kProfessional, h);
    professional -= h;
  }
  while (pub > 0) {
    const int h = std::min(pub, Uniform(3, 12));
    add(Category::kPublic, h);
    pub -= h;
  }
}

void Generator::MakeRecords(DemoSink& sink, const std::function<void(int64_t)>& progress) {
  std::vector<records::LearningRecord> batch;
  std::vector<std::string> ids;
  std::vector<records::Exemption> exemptions;
  std::vector<std::string> exemption_ids;
  auto flush = [&] {
    sink.Records(batch, ids);
    counts_.records += static_cast<int64_t>(batch.size());
    batch.clear();
    ids.clear();
  };
  for (size_t i = 0; i < seeds_.size(); ++i) {
    const PersonSeed& p = seeds_[i];
    for (int y = opt_.first_year; y <= opt_.last_year; ++y) {
      const size_t before = batch.size();
      if (!p.first && Chance(0.004)) {  // maternity leave covering the year: exempt
        records::Exemption e;
        e.kind = records::ExemptionKind::kMaternity;
        e.from = YearStart(y);
        e.to = YearEnd(y);
        e.approved = true;
        e.note = "产假";
        exemptions.push_back(e);
        exemption_ids.push_back(p.id_number);
        continue;
      }
      RecordsForYear(p, y, batch);
      ids.insert(ids.end(), batch.size() - before, p.id_number);
    }
    if (static_cast<int64_t>(batch.size()) >= kBatch) flush();
    if (progress && (i + 1) % kBatch == 0) progress(static_cast<int64_t>(i + 1));
  }
  if (!batch.empty()) flush();
  sink.Exemptions(exemptions, exemption_ids);
  counts_.exemptions = static_cast<int64_t>(exemptions.size());
}

}  // namespace detail

DemoCounts GenerateDemo(const DemoOptions& options, const validate::RegionTable& regions,
                        DemoSink& sink, const std::function<void(int64_t)>& progress) {
  DemoOptions o = options;
  if (o.last_year == 0) o.last_year = o.today.year();
  if (o.first_year == 0) o.first_year = o.last_year - 2;
  detail::Generator g(o, regions);
  return g.Run(sink, progress);
}

}  // namespace jixu::app
