#pragma once
// Realistic, valid synthetic data for demos, tests and benchmarks: employers with valid unified
// social credit codes, providers, persons with valid resident IDs born in the region they work in,
// and learning records over several years, across eastern, western, northeastern and central
// provinces. Deterministic for a given seed.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>

#include "core/records/types.hpp"
#include "core/validate/region.hpp"

namespace jixu::app {

struct DemoOptions {
  int64_t persons = 2000;
  int first_year = 0;   ///< first year with records (default: last_year - 2)
  int last_year = 0;    ///< current year; its records stop at `today`
  Date today;           ///< records are never dated after it
  uint64_t seed = 2007;
};

/// Receives generated rows in batches; persons arrive after their employers, records after
/// their person. Implementations write to a store or to CSV files.
class DemoSink {
 public:
  virtual ~DemoSink() = default;
  virtual void Employers(std::span<const records::Employer> rows) = 0;
  virtual void Providers(std::span<const records::Provider> rows) = 0;
  virtual void Persons(std::span<const records::Person> rows) = 0;
  /// `id_numbers[i]` is the resident ID of the person of `rows[i]`.
  virtual void Records(std::span<const records::LearningRecord> rows,
                       std::span<const std::string> id_numbers) = 0;
  virtual void Exemptions(std::span<const records::Exemption> rows,
                          std::span<const std::string> id_numbers) = 0;
};

struct DemoCounts {
  int64_t employers = 0, providers = 0, persons = 0, records = 0, exemptions = 0;
};

/// Generates everything into `sink`; `progress` is called with the persons done so far.
DemoCounts GenerateDemo(const DemoOptions& options, const validate::RegionTable& regions,
                        DemoSink& sink, const std::function<void(int64_t)>& progress = {});

/// A sink writing employers.csv, providers.csv, persons.csv and records.csv (SPEC §5 columns)
/// into `dir`, ready for `jixu import`.
std::unique_ptr<DemoSink> MakeCsvDemoSink(const std::filesystem::path& dir);

}  // namespace jixu::app

namespace jixu::storage { class Store; }

namespace jixu::app {

/// A sink writing straight into a store (the caller opens the UnitOfWork around GenerateDemo).
std::unique_ptr<DemoSink> MakeStoreDemoSink(storage::Store& store);

}  // namespace jixu::app
