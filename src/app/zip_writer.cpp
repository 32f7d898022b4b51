#include "app/zip_writer.hpp"

#include <zip.h>

#include <cstdio>
#include <memory>

#include "core/common/error.hpp"

namespace jixu::app {
namespace {

[[noreturn]] void Fail(const char* what, zip_error_t* error) {
  throw Fault("zip_failed", std::string(what) + ": " + zip_error_strerror(error));
}

struct SourceDeleter {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};

}  // namespace

std::string ZipArchive(const std::vector<ZipEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  // The archive is written into this buffer source, which must outlive zip_close to be read.
  std::unique_ptr<zip_source_t, SourceDeleter> buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) Fail("zip buffer", &error);
  zip_t* zip = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
  if (zip == nullptr) Fail("zip open", &error);
  zip_source_keep(buffer.get());
  for (const auto& e : entries) {
    zip_source_t* file = zip_source_buffer(zip, e.bytes.data(), e.bytes.size(), 0);
    const zip_int64_t index =
        file == nullptr ? -1 : zip_file_add(zip, e.name.c_str(), file, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      if (file != nullptr) zip_source_free(file);
      const std::string message = zip_strerror(zip);
      zip_discard(zip);
      throw Fault("zip_failed", "zip add " + e.name + ": " + message);
    }
    zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(zip) != 0) {
    const std::string message = zip_strerror(zip);
    zip_discard(zip);
    throw Fault("zip_failed", "zip close: " + message);
  }
  zip_source_t* src = buffer.get();
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0) {
    Fail("zip read", zip_source_error(src));
  }
  std::string out(static_cast<size_t>(st.size), '\0');
  const zip_int64_t got = zip_source_read(src, out.data(), out.size());
  zip_source_close(src);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) Fail("zip read", zip_source_error(src));
  return out;
}

}  // namespace jixu::app
