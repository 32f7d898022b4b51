#include <fstream>
#include <unordered_map>

#include "app/csv_writer.hpp"
#include "app/demo.hpp"
#include "core/common/error.hpp"
#include "core/storage/store.hpp"

namespace jixu::app {
namespace {

class CsvDemoSink final : public DemoSink {
 public:
  explicit CsvDemoSink(const std::filesystem::path& dir)
      : employers_(Open(dir / "employers.csv", "code,name,region_code,type")),
        providers_(Open(dir / "providers.csv", "code,name,region_code,type")),
        persons_(Open(dir / "persons.csv",
                      "id_number,name,employer_code,region_code,field,title_level,title_since,"
                      "joined")),
        records_(Open(dir / "records.csv",
                      "id_number,date,category,form,hours,provider,title,source_id,status")) {}

  void Employers(std::span<const records::Employer> rows) override {
    for (const auto& e : rows) {
      employers_ << e.code << ',' << CsvField(e.name) << ',' << e.region_code << ','
                 << records::EmployerTypeCode(e.type) << '\n';
    }
  }
  void Providers(std::span<const records::Provider> rows) override {
    for (const auto& p : rows) {
      providers_ << p.code << ',' << CsvField(p.name) << ',' << p.region_code << ','
                 << records::ProviderTypeCode(p.type) << '\n';
    }
  }
  void Persons(std::span<const records::Person> rows) override {
    for (const auto& p : rows) {
      persons_ << p.id_number << ',' << CsvField(p.name) << ',' << p.employer_code << ','
               << p.region_code << ',' << CsvField(p.field) << ','
               << records::TitleLevelCode(p.title_level) << ','
               << (p.title_since ? p.title_since->ToString() : "") << ','
               << (p.joined ? p.joined->ToString() : "") << '\n';
    }
  }
  void Records(std::span<const records::LearningRecord> rows,
               std::span<const std::string> ids) override {
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      records_ << ids[i] << ',' << r.date.ToString() << ',' << records::CategoryCode(r.category)
               << ',' << records::FormCode(r.form) << ',' << r.hours.ToString() << ','
               << CsvField(r.provider_code.empty() ? r.provider_name : r.provider_code) << ','
               << CsvField(r.title) << ',' << r.source_id << ','
               << records::RecordStatusCode(r.status) << '\n';
    }
  }
  void Exemptions(std::span<const records::Exemption>, std::span<const std::string>) override {
    // The CSV import contract (SPEC §5) has no exemption file; exemptions are entered by review.
  }

 private:
  static std::ofstream Open(const std::filesystem::path& path, std::string_view header) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw Fault("file_unwritable", "cannot write " + path.string());
    out << header << '\n';
    return out;
  }
  std::ofstream employers_, providers_, persons_, records_;
};

class StoreDemoSink final : public DemoSink {
 public:
  explicit StoreDemoSink(storage::Store& store) : store_(store) {}

  void Employers(std::span<const records::Employer> rows) override {
    store_.employers().Upsert(rows);
  }
  void Providers(std::span<const records::Provider> rows) override {
    store_.providers().Upsert(rows);
  }
  void Persons(std::span<const records::Person> rows) override { store_.persons().Upsert(rows); }
  void Records(std::span<const records::LearningRecord> rows,
               std::span<const std::string> ids) override {
    LoadIndex();
    std::vector<records::LearningRecord> batch(rows.begin(), rows.end());
    for (size_t i = 0; i < batch.size(); ++i) batch[i].person_id = person_ids_.at(ids[i]);
    store_.records().Insert(batch);
  }
  void Exemptions(std::span<const records::Exemption> rows,
                  std::span<const std::string> ids) override {
    LoadIndex();
    for (size_t i = 0; i < rows.size(); ++i) {
      records::Exemption e = rows[i];
      e.person_id = person_ids_.at(ids[i]);
      store_.exemptions().Add(e);
    }
  }

 private:
  void LoadIndex() {
    if (!person_ids_.empty()) return;
    store_.persons().ForEachIdNumber(
        [&](std::string_view id, int64_t pid) { person_ids_.emplace(std::string(id), pid); });
  }
  storage::Store& store_;
  std::unordered_map<std::string, int64_t> person_ids_;
};

}  // namespace

std::unique_ptr<DemoSink> MakeCsvDemoSink(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  return std::make_unique<CsvDemoSink>(dir);
}

std::unique_ptr<DemoSink> MakeStoreDemoSink(storage::Store& store) {
  return std::make_unique<StoreDemoSink>(store);
}

}  // namespace jixu::app
