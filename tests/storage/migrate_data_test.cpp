// migrate-data: every table copied without loss between backends, verified by counts and
// checksums; a target that differs is never committed.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "core/common/error.hpp"
#include "storage/backend_registry.hpp"
#include "storage/migrate_data.hpp"
#include "support/pg_test_db.hpp"
#include "storage/postgres/pg_store.hpp"
#include "storage/store_fixtures.hpp"

namespace jixu::storage::testing {
namespace {

using records::RecordStatus;

/// The server's tables: a user, a course, a signing key and a certificate, a declared record
/// with review and evidence, an audit entry, a setting and a pending provider.
void PopulateServerTables(Store& s, const std::string& provider_code, int64_t person_id) {
  User u;
  u.username = "zhang1";
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.role = Role::kPerson;
  u.display_name = "张1";
  u.person_id = person_id;
  u.created_at = 1700000000;
  ASSERT_TRUE(s.users().Create(u).has_value());
  Course c;
  c.provider_code = provider_code;
  c.code = "C-001";
  c.title = "新技术";
  c.hours = Hours::FromWhole(8);
  c.published = true;
  ASSERT_TRUE(s.courses().Create(c).has_value());
  s.signing_keys().Insert({"ed25519-01", "ed25519", "cHVi", "cHJpdg", "none", 1700000000, {}});
  s.certificates().Insert({"JX-2024-AAAA-BBBB-CCCC", "annual_hours", person_id, 2024, "{}",
                           "ed25519", "ed25519-01", "c2ln", 1700000001, {}, ""});
  auto declared = TestRecord(person_id, Ymd(2024, 6, 1), 6, "自修");
  declared.origin = records::Origin::kSelf;
  declared.status = RecordStatus::kPending;
  s.records().Insert(std::span(&declared, 1));
  const int64_t record_id = *s.queries().RecordIdByKey(person_id, records::RecordKey(declared));
  s.reviews().Create({record_id, ReviewStage::kEmployer, true, 1700000002, "", 0, "", 0});
  s.evidence().PutBlob("ab12", "application/pdf", std::string("%PDF-1.4\0binary", 15));
  s.evidence().Attach(record_id, {"ab12", "application/pdf", 15, "证明.pdf", 1700000003});
  AuditEntry a;
  a.at = 1700000004;
  a.actor = "admin";
  a.action = "record.declare";
  a.entity = "record";
  a.after_json = "{}";
  a.hash = "h1";
  s.audit().Insert(a);
  s.settings().PutIfAbsent("id_secret", "00112233445566778899aabbccddeeff");
  s.queries().SetProviderApproved(provider_code, false);
}

/// A small registry touching every table and every optional field.
void Populate(Store& s) {
  std::vector<records::Employer> employers = {TestEmployer(1, "510104"), TestEmployer(2, "110105")};
  employers[1].industry = "卫生";
  s.employers().Upsert(employers);
  std::vector<records::Provider> providers = {TestProvider(1), TestProvider(2, "110105")};
  s.providers().Upsert(providers);
  std::vector<records::Person> persons;
  for (int i = 1; i <= 30; ++i) persons.push_back(TestPerson(i, employers[i % 2]));
  persons[3].employer_code.clear();  // no employer
  persons[4].joined = Ymd(2023, 9, 1);
  persons[5].title_since.reset();
  s.persons().Upsert(persons);
  std::vector<records::LearningRecord> recs;
  for (int i = 0; i < 30; ++i) {
    const int64_t id = s.persons().FindByIdNumber(persons[i].id_number)->id;
    if (i % 7 == 0) s.persons().AddTitleChange({id, records::TitleLevel::kIntermediate, Ymd(2020, 1, 1)});
    if (i % 9 == 0) {
      s.exemptions().Add({0, id, records::ExemptionKind::kMaternity, Ymd(2024, 2, 1),
                          Ymd(2024, 7, 31), i % 2 == 0, "产假"});
    }
    for (int k = 0; k < i % 6; ++k) {
      auto r = TestRecord(id, Ymd(2023 + k % 2, 1 + k, 1 + i % 28), 1.5 * (k + 1),
                          "课程" + std::to_string(k));
      r.category = k % 3 == 0 ? records::Category::kPublic : records::Category::kProfessional;
      r.form = static_cast<records::Form>((i + k) % records::kFormCount);
      r.status = static_cast<RecordStatus>((i + k) % 3);
      if (r.status == RecordStatus::kRejected) r.reject_reason = "证明不全";
      if (k == 1) {
        r.provider_code = providers[i % 2].code;
        r.provider_name = providers[i % 2].name;
        r.source_id = "SRC-" + std::to_string(i);
        r.origin = records::Origin::kProvider;
      }
      if (k == 2) {
        r.topic = "medical_errors";
        r.activity = "conference.national";
        r.course_code = "C-" + std::to_string(i);
        r.origin = records::Origin::kSelf;
      }
      recs.push_back(std::move(r));
    }
  }
  s.records().Insert(recs);
  PopulateServerTables(s, providers[0].code,
                       s.persons().FindByIdNumber(persons[0].id_number)->id);
}

void ExpectSameRegistry(Store& a, Store& b) {
  const auto da = DigestStore(a);
  const auto db = DigestStore(b);
  ASSERT_EQ(da.size(), 16u);
  for (size_t i = 0; i < da.size(); ++i) {
    EXPECT_EQ(da[i].rows, db[i].rows) << da[i].table;
    EXPECT_EQ(da[i].checksum, db[i].checksum) << da[i].table;
  }
  EXPECT_EQ(a.records().Count(), b.records().Count());
  EXPECT_EQ(a.persons().Count({}), b.persons().Count({}));
}

class MigrateDataTest : public ::testing::Test {
 protected:
  StorePtr Pg() {
    auto url = PgAdminUrl();
    if (!url) return nullptr;
    return FreshPgStore(*url);
  }
};

TEST_F(MigrateDataTest, DigestCoversEveryTable) {
  StorePtr s = FreshStore("sqlite");
  Populate(*s);
  auto d = DigestStore(*s);
  std::vector<std::string> names;
  for (const auto& t : d) {
    names.push_back(t.table);
    EXPECT_GT(t.rows, 0) << t.table;
  }
  EXPECT_EQ(names, (std::vector<std::string>{
                       "employers", "providers", "persons", "title_changes", "learning_records",
                       "exemptions", "person_year_totals", "users", "audit_log", "evidence_blobs",
                       "record_evidence", "record_reviews", "courses", "settings", "signing_keys",
                       "certificates"}));
}

TEST_F(MigrateDataTest, SqliteToSqliteKeepsEverything) {
  StorePtr from = FreshStore("sqlite");
  StorePtr to = FreshStore("sqlite");
  Populate(*from);
  int progress_calls = 0;
  auto report = MigrateData(*from, *to, [&](const MigrateProgress&) { ++progress_calls; });
  EXPECT_TRUE(report.ok());
  EXPECT_GT(progress_calls, 0);
  ExpectSameRegistry(*from, *to);
}

TEST_F(MigrateDataTest, NonEmptyTargetIsRefused) {
  StorePtr from = FreshStore("sqlite");
  StorePtr to = FreshStore("sqlite");
  Populate(*from);
  records::Employer e = TestEmployer(9);
  to->employers().Upsert(std::span(&e, 1));
  try {
    MigrateData(*from, *to);
    FAIL() << "expected Fault";
  } catch (const Fault& f) {
    EXPECT_EQ(f.code(), "target_not_empty");
  }
}

TEST_F(MigrateDataTest, ProviderClassesAreRefusedRatherThanLeftBehind) {
  StorePtr from = FreshStore("sqlite");
  StorePtr to = FreshStore("sqlite");
  Populate(*from);
  const auto providers = from->providers().List("");
  ASSERT_FALSE(providers.empty());
  Course course;
  course.provider_code = providers.front().code;
  course.code = "C-MIG";
  course.title = "迁移测试课程";
  course.hours = Hours::FromWhole(12);
  TrainingClass c;
  c.provider_code = course.provider_code;
  c.course_id = *from->courses().Create(course);
  c.name = "第1期";
  c.starts_on = *Date::FromYmd(2026, 10, 10);
  c.ends_on = *Date::FromYmd(2026, 10, 11);
  c.hours = Hours::FromWhole(12);
  from->classes().Create(c);
  try {
    MigrateData(*from, *to);
    FAIL() << "expected Fault";
  } catch (const Fault& f) {
    EXPECT_EQ(f.code(), "migration_unsupported");
  }
  EXPECT_EQ(to->persons().Count({}), 0);
  EXPECT_EQ(to->records().Count(), 0);
}

TEST_F(MigrateDataTest, SqliteToPostgresAndBackKeepsEverything) {
  StorePtr pg = Pg();
  if (!pg) GTEST_SKIP() << "JIXU_TEST_DATABASE_URL is not set";
  StorePtr from = FreshStore("sqlite");
  Populate(*from);
  auto report = MigrateData(*from, *pg);
  ASSERT_TRUE(report.ok());
  for (const auto& t : report.target) EXPECT_GT(t.rows, 0) << t.table;
  ExpectSameRegistry(*from, *pg);
  StorePtr back = FreshStore("sqlite");
  EXPECT_TRUE(MigrateData(*pg, *back).ok());
  ExpectSameRegistry(*from, *back);
}

TEST_F(MigrateDataTest, MismatchRollsTheTargetBack) {
  auto url = PgAdminUrl();
  if (!url) GTEST_SKIP() << "JIXU_TEST_DATABASE_URL is not set";
  // A PostgreSQL source whose summary table disagrees with its records: the target, whose
  // summaries are computed from the records, cannot match, so nothing may be committed.
  const std::string conninfo = CreatePgTestDatabase(*url);
  {
    StorePtr from = OpenPostgresStore(conninfo);
    from->Migrate();
    Populate(*from);
    PGconn* conn = PQconnectdb(conninfo.c_str());
    PQclear(PQexec(conn, "UPDATE person_year_totals SET pro_other = pro_other + 100"));
    PQfinish(conn);
    StorePtr to = FreshStore("sqlite");
    try {
      MigrateData(*from, *to);
      ADD_FAILURE() << "expected Fault";
    } catch (const Fault& f) {
      EXPECT_EQ(f.code(), "migration_mismatch");
      EXPECT_NE(std::string(f.what()).find("person_year_totals"), std::string::npos) << f.what();
    }
    EXPECT_EQ(to->persons().Count({}), 0);
    EXPECT_EQ(to->records().Count(), 0);
  }
  DropPgTestDatabase(*url, conninfo);
}

}  // namespace
}  // namespace jixu::storage::testing
