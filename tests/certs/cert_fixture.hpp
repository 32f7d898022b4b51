#pragma once
// A small registry for certificate tests: one employer, one provider, one person with 2024
// records (60 h professional from the provider, 30 h public: 24 of them count), in a database of
// its own on the backend of the test parameter (a SQLite file, or a fresh PostgreSQL database),
// with a fixed clock (2025-03-01).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/compliance_service.hpp"
#include "app/data_files.hpp"
#include "certs/certificate_service.hpp"
#include "storage/factory.hpp"
#include "storage/store_fixtures.hpp"
#include "support/pg_test_db.hpp"
#include "support/test_database.hpp"

namespace jixu::certs::testing {

using namespace jixu::storage::testing;  // NOLINT: builders of test rows

inline std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Runs a shell command and returns its standard output.
inline std::string Capture(const std::string& cmd) {
  std::string out;
  FILE* f = popen(cmd.c_str(), "r");
  if (f == nullptr) return out;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  pclose(f);
  return out;
}

class CertFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    JIXU_SKIP_UNLESS_AVAILABLE(GetParam());
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '-');
    dir_ = std::filesystem::temp_directory_path() /
           ("jixu-certs-" + std::to_string(getpid()) + "-" + name);
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    storage::StoreConfig cfg;
    cfg.sqlite_path = (dir_ / "t.db").string();
    if (GetParam() == "postgresql") {
      pg_ = std::make_unique<ScopedPgTestDatabase>(*PgAdminUrl());
      cfg.database_url = pg_->url();
    }
    store_ = storage::OpenStore(cfg);
    data_ = app::LoadDataFiles(JIXU_SOURCE_DIR);
    clock_ = std::make_shared<FixedClock>(Ymd(2025, 3, 1), 1740787200);
    compliance_ = std::make_unique<app::ComplianceService>(*store_, data_->policies, clock_);
    Seed();
    keys_ = std::make_unique<KeyRing>(*store_, clock_, std::nullopt);
    service_ = MakeService(CertConfig{});
  }
  void TearDown() override {
    service_.reset();
    keys_.reset();
    compliance_.reset();
    store_.reset();
    pg_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<CertificateService> MakeService(CertConfig config) {
    return std::make_unique<CertificateService>(*store_, *compliance_, *keys_, std::move(config),
                                                clock_);
  }

  void Seed() {
    employer_ = TestEmployer(1);
    employer_.name = "成都锦江软件科技有限公司";
    store_->employers().Upsert(std::span(&employer_, 1));
    provider_ = TestProvider(1);
    store_->providers().Upsert(std::span(&provider_, 1));
    person_ = TestPerson(7, employer_);
    person_.name = "王芳";
    store_->persons().Upsert(std::span(&person_, 1));
    person_ = *store_->persons().FindByIdNumber(person_.id_number);
    std::vector<records::LearningRecord> rs;
    for (int i = 0; i < 5; ++i) {
      auto r = TestRecord(person_.id, Ymd(2024, 3, 1 + i), 12, "课程" + std::to_string(i));
      r.provider_code = provider_.code;
      r.provider_name = provider_.name;
      rs.push_back(r);
    }
    for (int i = 0; i < 3; ++i) {
      auto r = TestRecord(person_.id, Ymd(2024, 6, 1 + i), 10, "公需" + std::to_string(i));
      r.category = records::Category::kPublic;
      r.form = records::Form::kOnlineCourse;
      rs.push_back(r);
    }
    store_->records().Insert(rs);
  }

  std::filesystem::path dir_;
  std::unique_ptr<ScopedPgTestDatabase> pg_;
  storage::StorePtr store_;
  std::shared_ptr<const app::DataFiles> data_;
  std::shared_ptr<FixedClock> clock_;
  std::unique_ptr<app::ComplianceService> compliance_;
  std::unique_ptr<KeyRing> keys_;
  std::unique_ptr<CertificateService> service_;
  records::Employer employer_;
  records::Provider provider_;
  records::Person person_;
};

}  // namespace jixu::certs::testing
