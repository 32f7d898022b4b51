#include "app/data_files.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/common/error.hpp"

#ifndef JIXU_DATA_DIR
#define JIXU_DATA_DIR "."
#endif

namespace jixu::app {
namespace fs = std::filesystem;
namespace {

bool HasData(const fs::path& root) {
  std::error_code ec;
  return fs::exists(root / "data" / "regions.csv", ec) && fs::is_directory(root / "policies", ec);
}

fs::path ExecutableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

[[noreturn]] void ThrowFileError(const fs::path& path, const Error& e) {
  throw InvalidInput({MakeError(e.code, path.filename().string() + ": " + e.field,
                                path.string() + "：" + e.message_zh,
                                path.string() + ": " + e.message_en)});
}

}  // namespace

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Fault("file_unreadable", "cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

fs::path DataRoot() {
  if (const char* env = std::getenv("JIXU_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  const fs::path exe_dir = ExecutableDir();
  for (const fs::path& candidate :
       {exe_dir / ".." / "share" / "jixu", exe_dir / "..", fs::path(JIXU_DATA_DIR)}) {
    if (HasData(candidate)) return fs::weakly_canonical(candidate);
  }
  return JIXU_DATA_DIR;
}

std::shared_ptr<const DataFiles> LoadDataFiles(const fs::path& root) {
  const fs::path regions_path = root / "data" / "regions.csv";
  auto regions = validate::RegionTable::Parse(ReadFile(regions_path));
  if (!regions) ThrowFileError(regions_path, regions.error());

  const fs::path sets_path = root / "data" / "region_sets.toml";
  const std::string sets_text = ReadFile(sets_path);
  auto sets = validate::RegionSets::Parse(sets_text);
  if (!sets) ThrowFileError(sets_path, sets.error());

  std::vector<std::pair<std::string, std::string>> policy_files;
  for (const auto& entry : fs::directory_iterator(root / "policies")) {
    if (entry.path().extension() == ".toml") {
      policy_files.emplace_back(entry.path().filename().string(), ReadFile(entry.path()));
    }
  }
  std::sort(policy_files.begin(), policy_files.end());
  auto policies = policy::PolicySet::Load(policy_files);
  if (!policies) ThrowFileError(root / "policies", policies.error());

  // FNV-1a, 64-bit: a change detector, not a security measure.
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&](std::string_view text) {
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;  // separator: ("ab","c") differs from ("a","bc")
  };
  mix(sets_text);
  for (const auto& [name, text] : policy_files) {
    mix(name);
    mix(text);
  }
  char digest[17];
  std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(h));
  return std::make_shared<const DataFiles>(DataFiles{std::move(regions).value(),
                                                     std::move(sets).value(),
                                                     std::move(policies).value(),
                                                     std::move(policy_files), digest});
}

}  // namespace jixu::app
