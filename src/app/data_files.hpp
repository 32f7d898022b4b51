#pragma once
// Locates and loads the deployment's data files: the GB/T 2260 region table, the region sets
// (West/Northeast/Central) and the policy files. Loaded once at start; a broken file stops the
// program at start-up (configuration errors are not recoverable at run time).
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/policy/policy_set.hpp"
#include "core/validate/region.hpp"

namespace jixu::app {

struct DataFiles {
  validate::RegionTable regions;
  validate::RegionSets region_sets;
  policy::PolicySet policies;
  /// The policy files as loaded, (file name, TOML text) sorted by name: a what-if candidate is
  /// loaded beside them so it may `extends` one (app/what_if/what_if.hpp).
  std::vector<std::pair<std::string, std::string>> policy_files;
  /// Fingerprint of the files compliance depends on (policies, region sets): statistics cells
  /// computed under another one are rebuilt (app/statistics_cells.hpp).
  std::string digest;
};

/// The folder holding data/ and policies/: $JIXU_DATA_DIR, else the folder beside the executable
/// (share/jixu), else the source tree the binary was built from.
std::filesystem::path DataRoot();

/// Reads and parses every data file under `root` (default DataRoot()). Throws InvalidInput naming
/// the file and the problem.
std::shared_ptr<const DataFiles> LoadDataFiles(const std::filesystem::path& root = DataRoot());

/// Whole file as a string. Throws Fault if it cannot be read.
std::string ReadFile(const std::filesystem::path& path);

}  // namespace jixu::app
