#pragma once
// Base fixture of the storage contract suites: one fresh store of the backend named by the test
// parameter. Each suite derives its own fixture and instantiates it over Backends().
#include <gtest/gtest.h>

#include <vector>

#include "core/storage/store.hpp"
#include "storage/backend_registry.hpp"
#include "storage/store_fixtures.hpp"

namespace jixu::storage::testing {

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { store_ = FreshStore(GetParam()); }
  Store& store() { return *store_; }

  /// Two employers (Chengdu 510104, Beijing 110105) and one provider.
  void SeedOrgs() {
    employers_ = {TestEmployer(1, "510104"), TestEmployer(2, "110105")};
    store().employers().Upsert(employers_);
    provider_ = TestProvider(1);
    store().providers().Upsert(std::span(&provider_, 1));
  }

  /// `n` persons alternating between the two employers; returns their ids in input order.
  std::vector<int64_t> SeedPersons(int n) {
    if (employers_.empty()) SeedOrgs();
    std::vector<records::Person> persons;
    for (int i = 0; i < n; ++i) persons.push_back(TestPerson(i + 1, employers_[i % 2]));
    store().persons().Upsert(persons);
    std::vector<int64_t> ids;
    for (const auto& p : persons) ids.push_back(store().persons().FindByIdNumber(p.id_number)->id);
    return ids;
  }

  std::vector<records::Employer> employers_;
  records::Provider provider_;
  StorePtr store_;
};

inline std::string BackendTestName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace jixu::storage::testing

/// Runs the suite's TEST_Ps once per registered backend.
#define JIXU_INSTANTIATE_FOR_BACKENDS(Suite)                                            \
  GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Suite);                                 \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                             \
                           ::testing::ValuesIn(::jixu::storage::testing::BackendNames()), \
                           ::jixu::storage::testing::BackendTestName)
