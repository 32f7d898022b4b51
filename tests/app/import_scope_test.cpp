// Imports run for a caller with a limited scope (an employer admin, an authority, a provider):
// every row is checked by the rule of the single-row route, an existing entity outside the scope
// is neither changed nor moved into it, one such row refuses the whole file, and the error names
// the line and field but nothing of the entity. ImportChanges names what a committed import did.
#include "app/import_fixture.hpp"

namespace jixu::app {
namespace {

const std::string kPersons = "id_number,name,employer_code,region_code,field,title_level\n";
const std::string kRecords = "id_number,date,category,form,hours,provider,title,source_id\n";

class ImportScopeTest : public ImportTest {
 protected:
  /// SeedRegistry, plus employer Code(2) in Beijing (110105) with person Id(5) 王五 there, and
  /// employer Code(3) in 510104.
  void SeedTwoPlaces() {
    SeedRegistry();
    ASSERT_TRUE(Run(ImportKind::kEmployers, "code,name,region_code,type\n" + Code(2) +
                                                ",北京测试单位,110105,事业单位\n" + Code(3) +
                                                ",锦江第二单位,510104,事业单位\n")
                    .committed);
    ASSERT_TRUE(Run(ImportKind::kPersons, kPersons + Id(5) + ",王五," + Code(2) + ",110105,工程,中级\n")
                    .committed);
  }
  static storage::Scope Employer(const std::string& code) {
    storage::Scope s;
    s.employer_code = code;
    return s;
  }
  static storage::Scope Authority(const std::string& prefix) {
    storage::Scope s;
    s.region_prefix = prefix;
    return s;
  }
  /// Id(5) is where SeedTwoPlaces put it, under its old name.
  void ExpectWangWuUntouched() {
    auto p = store_->persons().FindByIdNumber(Id(5));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->name, "王五");
    EXPECT_EQ(p->employer_code, Code(2));
    EXPECT_EQ(p->region_code, "110105");
  }
  static void ExpectOutOfScope(const ImportReport& r, int64_t line, const std::string& field) {
    EXPECT_FALSE(r.committed);
    ASSERT_EQ(r.error_count, 1) << First(r).message_en;
    EXPECT_EQ(First(r).line, line);
    EXPECT_EQ(First(r).field, field);
    EXPECT_EQ(First(r).code, "out_of_scope");
    EXPECT_FALSE(First(r).message_zh.empty());
    // Nothing of the person or employer the row touched.
    for (const auto& text : {First(r).message_zh, First(r).message_en}) {
      EXPECT_EQ(text.find("王五"), std::string::npos) << text;
      EXPECT_EQ(text.find(Code(2)), std::string::npos) << text;
      EXPECT_EQ(text.find("110105"), std::string::npos) << text;
    }
  }
};

TEST_P(ImportScopeTest, EmployerAdminCannotTakeAnotherEmployersPerson) {
  SeedTwoPlaces();
  ctx_.scope = Employer(Code(1));
  // Line 2 alone would be fine; line 3 takes 王五 from Code(2) into Code(1) under a new name.
  auto r = Run(ImportKind::kPersons, kPersons + Id(6) + ",新人," + Code(1) + ",510104,工程,中级\n" +
                                         Id(5) + ",改名," + Code(1) + ",510104,工程,中级\n");
  ExpectOutOfScope(r, 3, "id_number");
  ExpectWangWuUntouched();
  EXPECT_FALSE(store_->persons().FindByIdNumber(Id(6))) << "the whole file is refused";
}

TEST_P(ImportScopeTest, EmployerAdminCannotEvenRenameInPlace) {
  SeedTwoPlaces();
  ctx_.scope = Employer(Code(1));
  auto r = Run(ImportKind::kPersons, kPersons + Id(5) + ",改名," + Code(2) + ",110105,工程,中级\n");
  // The row's own employer is outside the scope, and so is the person: the person is named.
  EXPECT_FALSE(r.committed);
  EXPECT_EQ(First(r).code, "out_of_scope");
  EXPECT_EQ(First(r).line, 2);
  ExpectWangWuUntouched();
}

TEST_P(ImportScopeTest, EmployerAdminRegistersOnlyAtItsOwnEmployer) {
  SeedTwoPlaces();
  ctx_.scope = Employer(Code(1));
  auto r = Run(ImportKind::kPersons, kPersons + Id(6) + ",新人," + Code(3) + ",510104,工程,中级\n");
  ExpectOutOfScope(r, 2, "employer_code");
  EXPECT_FALSE(store_->persons().FindByIdNumber(Id(6)));
}

TEST_P(ImportScopeTest, AuthorityCannotMoveAPersonAcrossProvinces) {
  SeedTwoPlaces();
  ctx_.scope = Authority("5101");
  auto r = Run(ImportKind::kPersons, kPersons + Id(1) + ",张1," + Code(1) + ",510104,工程,中级\n" +
                                         Id(5) + ",王五," + Code(1) + ",510104,工程,中级\n");
  ExpectOutOfScope(r, 3, "id_number");
  ExpectWangWuUntouched();
}

TEST_P(ImportScopeTest, AuthorityCannotPlaceAPersonOutsideItsRegion) {
  SeedTwoPlaces();
  ctx_.scope = Authority("5101");
  auto r = Run(ImportKind::kPersons, kPersons + Id(1) + ",张1," + Code(2) + ",110105,工程,中级\n");
  ExpectOutOfScope(r, 2, "region_code");
  EXPECT_EQ(store_->persons().FindByIdNumber(Id(1))->region_code, "510104");
}

TEST_P(ImportScopeTest, IndustryAuthorityOnlyPlacesPersonsAtItsIndustrysEmployers) {
  SeedTwoPlaces();
  auto s = Authority("51");
  s.industry = "卫生";
  ctx_.scope = s;
  // Code(1) has no industry: neither its persons nor a new one there are the authority's.
  auto r = Run(ImportKind::kPersons, kPersons + Id(6) + ",新人," + Code(1) + ",510104,工程,中级\n");
  ExpectOutOfScope(r, 2, "employer_code");
}

TEST_P(ImportScopeTest, InScopeImportNamesCreatedUpdatedAndMovedPersons) {
  SeedTwoPlaces();
  ctx_.scope = Authority("5101");
  ImportChanges changes;
  ctx_.changes = &changes;
  auto r = Run(ImportKind::kPersons, kPersons + Id(7) + ",新人," + Code(1) + ",510104,工程,中级\n" +
                                         Id(1) + ",张一（改名）," + Code(1) + ",510104,工程,中级\n" +
                                         Id(2) + ",张2," + Code(3) + ",510104,工程,中级\n" +
                                         Id(3) + ",张3," + Code(1) + ",510104,工程,中级\n");
  ASSERT_TRUE(r.committed) << First(r).message_en;
  EXPECT_EQ(r.inserted, 1);
  EXPECT_EQ(r.updated, 2);
  EXPECT_EQ(r.unchanged, 1);
  ASSERT_TRUE(store_->persons().FindByIdNumber(Id(7)));
  EXPECT_EQ(changes.created, std::vector<int64_t>{PersonId(7)});
  EXPECT_EQ(changes.created_count, 1);
  EXPECT_EQ(changes.updated, std::vector<int64_t>{PersonId(1)});
  EXPECT_EQ(changes.updated_count, 1);
  ASSERT_EQ(changes.moved.size(), 1u);
  EXPECT_EQ(changes.moved[0].id, PersonId(2));
  EXPECT_EQ(changes.moved[0].from_employer, Code(1));
  EXPECT_EQ(changes.moved[0].to_employer, Code(3));
  EXPECT_EQ(changes.moved[0].from_region, "510104");
  EXPECT_EQ(changes.moved[0].to_region, "510104");
}

TEST_P(ImportScopeTest, ListsAreCappedButEveryMoveIsNamed) {
  SeedTwoPlaces();
  ImportChanges changes;
  changes.list_cap = 1;
  ctx_.changes = &changes;  // the admin: no scope to check, the changes still named
  auto r = Run(ImportKind::kPersons, kPersons + Id(7) + ",甲," + Code(1) + ",510104,工程,中级\n" +
                                         Id(8) + ",乙," + Code(1) + ",510104,工程,中级\n" +
                                         Id(1) + ",张1," + Code(3) + ",510104,工程,中级\n" +
                                         Id(2) + ",张2," + Code(3) + ",510104,工程,中级\n" +
                                         Id(5) + ",王五," + Code(1) + ",510104,工程,中级\n");
  ASSERT_TRUE(r.committed) << First(r).message_en;
  EXPECT_EQ(changes.created.size(), 1u);
  EXPECT_EQ(changes.created_count, 2);
  ASSERT_EQ(changes.moved.size(), 3u);
  EXPECT_EQ(changes.moved[2].id, PersonId(5));
  EXPECT_EQ(changes.moved[2].from_employer, Code(2));
  EXPECT_EQ(changes.moved[2].from_region, "110105");
}

TEST_P(ImportScopeTest, WithoutAScopeTheCliMayMoveAnyone) {
  SeedTwoPlaces();
  auto r = Run(ImportKind::kPersons, kPersons + Id(5) + ",王五," + Code(1) + ",510104,工程,中级\n");
  ASSERT_TRUE(r.committed) << First(r).message_en;
  EXPECT_EQ(store_->persons().FindByIdNumber(Id(5))->employer_code, Code(1));
}

TEST_P(ImportScopeTest, RecordsOnlyForPersonsInScope) {
  SeedTwoPlaces();
  ctx_.scope = Employer(Code(1));
  std::string id5 = Id(5);
  for (char& c : id5) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto r = Run(ImportKind::kRecords, kRecords + Id(1) + ",2024-03-01,public,seminar,3,某机构,a,\n" +
                                         id5 + ",2024-03-01,public,seminar,3,某机构,b,\n");
  ExpectOutOfScope(r, 3, "id_number");
  EXPECT_TRUE(store_->records().ListForPerson(PersonId(1), 0).empty());
  EXPECT_TRUE(store_->records().ListForPerson(PersonId(5), 0).empty());
  ctx_.scope = Authority("5101");
  ExpectOutOfScope(Run(ImportKind::kRecords, kRecords + Id(5) + ",2024-03-01,public,seminar,3,某机构,b,\n"),
                   2, "id_number");
  ImportChanges changes;
  ctx_.changes = &changes;
  r = Run(ImportKind::kRecords, kRecords + Id(1) + ",2024-03-01,public,seminar,3,某机构,a,\n" +
                                    Id(1) + ",2024-03-02,public,seminar,3,某机构,c,\n");
  ASSERT_TRUE(r.committed) << First(r).message_en;
  EXPECT_EQ(changes.persons, std::vector<int64_t>{PersonId(1)});
  EXPECT_EQ(changes.persons_count, 1);
}

/// Enrols the person in a class of the provider: its roster (issue 11).
void EnrolWithProvider(storage::Store& store, const std::string& provider_code, int64_t person_id) {
  storage::Course course;
  course.provider_code = provider_code;
  course.code = "K" + std::to_string(person_id);
  course.title = "课程";
  course.hours = Hours::FromWhole(3);
  course.id = *store.courses().Create(course);
  storage::TrainingClass k;
  k.provider_code = course.provider_code;
  k.course_id = course.id;
  k.name = "一期";
  k.starts_on = *Date::FromYmdInt(20240301);
  k.ends_on = k.starts_on;
  k.hours = course.hours;
  store.classes().Enroll(store.classes().Create(k), person_id, 1);
}

TEST_P(ImportScopeTest, ProviderRecordsOnlyAsItself) {
  SeedTwoPlaces();
  EnrolWithProvider(*store_, ProviderCode(), PersonId(5));
  EnrolWithProvider(*store_, ProviderCode(), PersonId(1));
  storage::Scope s;
  s.provider_code = ProviderCode();
  ctx_.scope = s;
  // Persons on its roster (as POST /records/report), but only under its own code.
  auto r = Run(ImportKind::kRecords, kRecords + Id(5) + ",2024-03-01,public,seminar,3," +
                                         ProviderCode() + ",a,\n" + Id(1) +
                                         ",2024-03-01,public,seminar,3,另一机构,b,\n");
  ExpectOutOfScope(r, 3, "provider");
  EXPECT_TRUE(store_->records().ListForPerson(PersonId(5), 0).empty());
}

TEST_P(ImportScopeTest, ProviderRecordsOnlyForPersonsOnItsRoster) {
  SeedTwoPlaces();
  EnrolWithProvider(*store_, ProviderCode(), PersonId(1));
  storage::Scope s;
  s.provider_code = ProviderCode();
  ctx_.scope = s;
  const std::string row = ",2024-03-01,public,seminar,3," + ProviderCode() + ",";
  auto r = Run(ImportKind::kRecords, kRecords + Id(1) + row + "a,\n" + Id(2) + row + "b,\n");
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.error_count, 1) << First(r).message_en;
  EXPECT_EQ(First(r).line, 3);
  EXPECT_EQ(First(r).code, "not_enrolled");
  EXPECT_TRUE(store_->records().ListForPerson(PersonId(1), 0).empty()) << "all or nothing";
  r = Run(ImportKind::kRecords, kRecords + Id(1) + row + "a,\n");
  EXPECT_TRUE(r.committed) << First(r).message_en;
  EXPECT_EQ(store_->records().ListForPerson(PersonId(1), 0).size(), 1u);
}

TEST_P(ImportScopeTest, AuthorityCannotTakeOverAnotherRegionsEmployer) {
  SeedTwoPlaces();
  ctx_.scope = Authority("5101");
  const std::string header = "code,name,region_code,type\n";
  auto r = Run(ImportKind::kEmployers, header + Code(2) + ",改名单位,510104,事业单位\n");
  ExpectOutOfScope(r, 2, "code");
  auto e = store_->employers().FindByCode(Code(2));
  EXPECT_EQ(e->name, "北京测试单位");
  EXPECT_EQ(e->region_code, "110105");
  ExpectOutOfScope(Run(ImportKind::kEmployers, header + Code(4) + ",新单位,110105,事业单位\n"), 2,
                   "region_code");
  ExpectOutOfScope(Run(ImportKind::kProviders, header + Code(4) + ",新机构,110105,university\n"), 2,
                   "region_code");
  // In its region: created, and named.
  ImportChanges changes;
  ctx_.changes = &changes;
  r = Run(ImportKind::kEmployers, header + Code(4) + ",新单位,510104,事业单位\n" + Code(3) +
                                      ",锦江第二单位,510105,事业单位\n");
  ASSERT_TRUE(r.committed) << First(r).message_en;
  EXPECT_EQ(changes.created, std::vector<int64_t>{store_->employers().FindByCode(Code(4))->id});
  ASSERT_EQ(changes.moved.size(), 1u);
  EXPECT_EQ(changes.moved[0].from_region, "510104");
  EXPECT_EQ(changes.moved[0].to_region, "510105");
}

TEST_P(ImportScopeTest, IndustryAuthorityEmployersTakeItsIndustry) {
  SeedTwoPlaces();
  auto s = Authority("51");
  s.industry = "卫生";
  ctx_.scope = s;
  const std::string header = "code,name,region_code,type,industry\n";
  ExpectOutOfScope(Run(ImportKind::kEmployers, header + Code(4) + ",医院,510104,事业单位,教育\n"), 2,
                   "industry");
  auto r = Run(ImportKind::kEmployers, header + Code(4) + ",医院,510104,事业单位,\n");
  ASSERT_TRUE(r.committed) << First(r).message_en;
  EXPECT_EQ(store_->employers().FindByCode(Code(4))->industry, "卫生");
  // Code(1) has no industry: not this authority's to change.
  ExpectOutOfScope(Run(ImportKind::kEmployers, header + Code(1) + ",改名,510104,事业单位,\n"), 2, "code");
}

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(ImportScopeTest);

}  // namespace
}  // namespace jixu::app
