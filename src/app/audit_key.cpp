#include "app/audit_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "app/audit_log.hpp"
#include "app/crypto.hpp"
#include "core/common/error.hpp"

namespace jixu::app {
namespace {

constexpr std::string_view kKeyIdLabel = "jixu-audit-key-id";

std::string SysError(const std::string& what, const std::filesystem::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

void WriteAll(int fd, const std::string& text, const std::filesystem::path& path) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Fault("audit_key_io", SysError("cannot write", path));
    done += static_cast<size_t>(n);
  }
}

void SyncDirectory(const std::filesystem::path& file) {
  const auto dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

AuditFiles DefaultAuditFiles(const storage::StoreConfig& store) {
  if (!store.database_url.empty()) return {"jixu-audit.key", "jixu-audit-checkpoints.jsonl"};
  return {store.sqlite_path + ".audit-key", store.sqlite_path + ".audit-checkpoints.jsonl"};
}

AuditKey AuditKey::Generate() {
  CryptoInit();
  AuditKey k;
  randombytes_buf(k.key_.data(), k.key_.size());
  k.set_ = true;
  return k;
}

AuditKey AuditKey::FromHex(std::string_view hex) {
  CryptoInit();
  AuditKey k;
  size_t len = 0;
  if (hex.size() != 64 || sodium_hex2bin(k.key_.data(), k.key_.size(), hex.data(), hex.size(),
                                         nullptr, &len, nullptr) != 0 ||
      len != k.key_.size()) {
    throw Fault("invalid_audit_key", "the audit key must be 64 hex digits");
  }
  k.set_ = true;
  return k;
}

std::string AuditKey::Hex() const {
  std::string out(key_.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), key_.data(), key_.size());
  out.pop_back();
  return out;
}

std::string AuditKey::Mac(std::string_view text) const {
  if (!set_) throw Fault("audit_key_missing", "no audit key loaded (docs/operations.md)");
  CryptoInit();
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                         key_.data());
  std::string out(sizeof mac * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), mac, sizeof mac);
  out.pop_back();
  return out;
}

std::string AuditKey::Id() const { return Mac(kKeyIdLabel).substr(0, 16); }

std::optional<AuditKey> ReadAuditKey(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::nullopt;
    throw Fault("audit_key_io", SysError("cannot read the audit key", path));
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    throw Fault("audit_key_permissions",
                "审计密钥文件对组或其他用户可访问，请 chmod 600 / the audit key " + path.string() +
                    " is accessible to group or others; chmod 600 it (docs/operations.md)");
  }
  std::ifstream in(path);
  std::string hex;
  if (!in || !std::getline(in, hex)) {
    throw Fault("audit_key_io", "cannot read the audit key " + path.string());
  }
  try {
    return AuditKey::FromHex(hex);
  } catch (const Fault&) {
    throw Fault("invalid_audit_key",
                "审计密钥文件格式不对 / the audit key " + path.string() +
                    " is not 64 hex digits (damaged file?)");
  }
}

AuditKey CreateAuditKey(const std::filesystem::path& path) {
  if (auto existing = ReadAuditKey(path)) return *existing;
  // Written under a temporary name and linked into place: link() never replaces a file, so two
  // processes racing here end up with one key, and no reader ever sees half a key.
  const AuditKey key = AuditKey::Generate();
  std::filesystem::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw Fault("audit_key_io", SysError("cannot create the audit key", tmp));
  try {
    WriteAll(fd, key.Hex() + "\n", tmp);
    if (::fsync(fd) != 0) throw Fault("audit_key_io", SysError("cannot sync", tmp));
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  const int linked = ::link(tmp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    errno = link_errno;
    throw Fault("audit_key_io", SysError("cannot create the audit key", path));
  }
  SyncDirectory(path);
  auto now = ReadAuditKey(path);
  if (!now) throw Fault("audit_key_io", "the audit key " + path.string() + " vanished");
  return *now;
}

AuditKey OpenAuditKeyForWriting(storage::Store& store, const std::filesystem::path& path) {
  if (auto key = ReadAuditKey(path)) return *key;
  if (HasKeyedEntries(store)) {
    throw Fault("audit_key_missing",
                "审计密钥文件缺失而审计链已有用密钥写入的条目，请从备份恢复 / the audit key " +
                    path.string() +
                    " is missing but the audit chain has keyed entries: restore the key file from "
                    "its backup, or pass --audit-key (docs/operations.md)");
  }
  return CreateAuditKey(path);
}

}  // namespace jixu::app
