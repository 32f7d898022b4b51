#include "storage/sql/privacy/key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/common/error.hpp"

namespace jixu::storage::privacy {
namespace {

[[noreturn]] void Io(const std::string& what, const std::filesystem::path& path) {
  throw Fault("data_key_io", what + " " + path.string() + ": " + std::strerror(errno));
}

void WriteNew(const std::filesystem::path& tmp, const std::vector<Kek>& keys) {
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) Io("cannot create the data key file", tmp);
  std::string text;
  for (const Kek& k : keys) {
    text += ToHex(std::string_view(reinterpret_cast<const char*>(k.key.data()), k.key.size()));
    text += '\n';
  }
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(tmp.c_str());
    Io("cannot write the data key file", tmp);
  }
}

void SyncDir(const std::filesystem::path& path) {
  const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

std::filesystem::path TmpName(const std::filesystem::path& path) {
  std::filesystem::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid());
  return tmp;
}

}  // namespace

Kek MakeKek(const Key& key) {
  return {key, ToHex(Hmac(key, "jixu data-key KEK id")).substr(0, 16)};
}

std::filesystem::path DefaultKeyFile(const std::string& sqlite_path,
                                     const std::string& database_url) {
  if (!database_url.empty()) return "jixu-data.key";
  if (sqlite_path.empty() || sqlite_path == ":memory:") return {};
  return sqlite_path + ".data-key";
}

std::optional<std::vector<Kek>> ReadKeyFile(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::nullopt;
    Io("cannot read the data key file", path);
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    throw Fault("data_key_permissions",
                "数据密钥文件对组或其他用户可访问，请 chmod 600 / the data key file " +
                    path.string() + " is accessible to group or others; chmod 600 it");
  }
  std::ifstream in(path);
  if (!in) Io("cannot read the data key file", path);
  std::vector<Kek> keys;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    keys.push_back(MakeKek(KeyFromHex(line, "invalid_data_key")));
  }
  if (keys.empty()) {
    throw Fault("invalid_data_key", "数据密钥文件为空 / the data key file " + path.string() +
                                        " holds no key");
  }
  return keys;
}

std::vector<Kek> CreateKeyFile(const std::filesystem::path& path) {
  if (auto existing = ReadKeyFile(path)) return *existing;
  // link() never replaces a file: two processes racing here end up with one key.
  const auto tmp = TmpName(path);
  WriteNew(tmp, {MakeKek(RandomKey())});
  const int linked = ::link(tmp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    errno = link_errno;
    Io("cannot create the data key file", path);
  }
  SyncDir(path);
  auto now = ReadKeyFile(path);
  if (!now) throw Fault("data_key_io", "the data key file " + path.string() + " vanished");
  return *now;
}

void WriteKeyFile(const std::filesystem::path& path, const std::vector<Kek>& keys) {
  const auto tmp = TmpName(path);
  WriteNew(tmp, keys);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    Io("cannot replace the data key file", path);
  }
  SyncDir(path);
}

}  // namespace jixu::storage::privacy
