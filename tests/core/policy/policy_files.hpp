#pragma once
// Test helper: reads the shipped policy files (tests may do I/O; src/core may not).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace jixu::testing {

inline std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::filesystem::path SourceDir() { return std::filesystem::path(JIXU_SOURCE_DIR); }

/// (file name, text) of every policies/*.toml, sorted by name.
inline std::vector<std::pair<std::string, std::string>> ShippedPolicyFiles() {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& e : std::filesystem::directory_iterator(SourceDir() / "policies")) {
    if (e.path().extension() == ".toml") {
      files.emplace_back(e.path().filename().string(), ReadText(e.path()));
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace jixu::testing
