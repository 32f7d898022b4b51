#pragma once
// A ZIP archive built in memory with libzip: the batch of certificate PDFs HR downloads as one
// file. Entries are stored, not deflated: a PDF's streams are compressed already.
#include <string>
#include <vector>

namespace jixu::app {

struct ZipEntry {
  std::string name;   ///< path inside the archive, UTF-8 (flagged as such for unzip and Windows)
  std::string bytes;
};

/// The archive's bytes. Throws Fault("zip_failed") if libzip fails.
std::string ZipArchive(const std::vector<ZipEntry>& entries);

}  // namespace jixu::app
