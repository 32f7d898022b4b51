#pragma once
// The web UI's files, read once at start into a table keyed by the exact relative paths that
// exist in the build (web/dist). A request is served only on an exact key match: no request can
// name another file on the machine, however its path is spelled (`//etc/passwd`, `%2F..`, the
// database file's name), and the server never opens a file while serving.
//
// Compressible files carry a gzip copy (the build's `.gz` sibling, else made here) and a brotli
// copy (the build's `.br` sibling), chosen by Accept-Encoding. Vite's hashed assets
// (`/assets/…`) are cached for a year as immutable; everything else (index.html) is revalidated
// on each use (`no-cache` with an ETag, answered 304 when unchanged).
#include <filesystem>
#include <string>
#include <unordered_map>

#include "http/request.hpp"

namespace jixu::http {

class StaticFiles {
 public:
  /// Reads every regular file under `root` (symbolic links are skipped). An empty root serves a
  /// placeholder page at "/" that points to the API.
  static StaticFiles Load(const std::filesystem::path& root);

  /// GET or HEAD of an exact path ("/" is "/index.html"); 404 for anything else, 405 for other
  /// methods.
  Response Serve(const Request& req) const;
  size_t size() const { return files_.size(); }
  /// Bytes held (all variants), for the start-up log.
  size_t bytes() const;

 private:
  struct File {
    std::string content_type;
    std::string identity;
    std::string gzip;    ///< empty: none smaller than identity
    std::string brotli;  ///< empty: none
    std::string etag;
    bool immutable = false;
  };
  std::unordered_map<std::string, File> files_;
};

/// The encoding to send for an Accept-Encoding header value: "br", "gzip" or "".
std::string ChooseEncoding(std::string_view accept_encoding, bool have_br, bool have_gzip);

}  // namespace jixu::http
