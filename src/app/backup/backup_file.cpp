#include "app/backup/backup_file.hpp"

#include <openssl/evp.h>

#include "core/common/error.hpp"

namespace jixu::app::backup {
namespace {

namespace privacy = storage::privacy;

constexpr std::string_view kMagic = "JIXUBK01";
constexpr size_t kChunk = size_t{1} << 20;
constexpr uint32_t kFinalBit = 0x80000000u;

std::string Le(uint64_t v, int bytes) {
  std::string out;
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  return out;
}

uint32_t ReadLe32(std::string_view b) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[static_cast<size_t>(i)]);
  return v;
}

std::string ChunkAad(const std::string& header, uint64_t index, bool final) {
  return header + Le(index, 8) + (final ? "F" : "C");
}

[[noreturn]] void Tampered(const std::string& why) {
  throw Fault("backup_tampered",
              "备份文件已被篡改、截断或密钥不对，未恢复任何数据 / the backup file was altered or "
              "truncated, or the key is wrong (" + why + "); nothing was restored");
}

privacy::Key FromBytes(const std::string& raw) {
  privacy::Key k{};
  std::copy(raw.begin(), raw.begin() + static_cast<long>(k.size()), k.begin());
  return k;
}

}  // namespace

std::string Header::Encode() const {
  std::string out(kMagic);
  out.push_back(static_cast<char>(backend));
  out.push_back(static_cast<char>(source));
  std::string s = salt;
  s.resize(16, '\0');
  std::string k = kek_id;
  k.resize(16, '\0');
  out += s + k + std::string(8, '\0');
  return out;
}

Header Header::Decode(std::string_view b) {
  if (b.size() != kSize || b.substr(0, kMagic.size()) != kMagic) {
    throw Fault("backup_invalid", "不是 jixu 备份文件 / not a jixu backup file");
  }
  Header h;
  h.backend = static_cast<Backend>(b[8]);
  h.source = static_cast<KeySource>(b[9]);
  if ((h.backend != Backend::kSqlite && h.backend != Backend::kPostgres) ||
      (h.source != KeySource::kKeyFile && h.source != KeySource::kPassphrase)) {
    throw Fault("backup_invalid", "备份文件头无效 / the backup file's header is invalid");
  }
  h.salt = std::string(b.substr(10, 16));
  h.kek_id = std::string(b.substr(26, 16));
  return h;
}

privacy::Key KeyFromPassphrase(std::string_view passphrase, const Header& header) {
  privacy::Key k{};
  if (EVP_PBE_scrypt(passphrase.data(), passphrase.size(),
                     reinterpret_cast<const unsigned char*>(header.salt.data()), header.salt.size(),
                     uint64_t{1} << 15, 8, 1, uint64_t{64} << 20, k.data(), k.size()) != 1) {
    throw Fault("crypto_failed", "scrypt failed");
  }
  return k;
}

BackupKey KeyFromPassphrase(std::string_view passphrase, Backend backend) {
  if (passphrase.size() < 12) {
    throw Fault("invalid_input", "口令至少 12 个字符 / the passphrase needs at least 12 characters");
  }
  BackupKey out;
  out.header.backend = backend;
  out.header.source = KeySource::kPassphrase;
  out.header.salt = privacy::RandomBytes(16);
  out.key = KeyFromPassphrase(passphrase, out.header);
  return out;
}

privacy::Key KeyFromKek(const std::vector<privacy::Kek>& keks, const Header& header) {
  for (const privacy::Kek& kek : keks) {
    if (kek.id == header.kek_id) return FromBytes(privacy::Hmac(kek.key, "jixu backup key v1"));
  }
  throw Fault("backup_key_wrong", "密钥文件中没有此备份所用的密钥 (" + header.kek_id +
                                      ") / the key file holds no KEK " + header.kek_id +
                                      ", which this backup was made with");
}

BackupKey KeyFromKek(const std::vector<privacy::Kek>& keks, Backend backend) {
  BackupKey out;
  out.header.backend = backend;
  out.header.source = KeySource::kKeyFile;
  out.header.kek_id = keks.front().id;
  out.key = KeyFromKek(keks, out.header);
  return out;
}

void Encrypt(std::istream& plain, std::ostream& out, const BackupKey& key) {
  const std::string header = key.header.Encode();
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  std::string buf(kChunk, '\0');
  std::string next(kChunk, '\0');
  plain.read(buf.data(), static_cast<std::streamsize>(kChunk));
  size_t have = static_cast<size_t>(plain.gcount());
  for (uint64_t index = 0;; ++index) {
    // Read ahead one chunk to know whether this one is the last.
    plain.read(next.data(), static_cast<std::streamsize>(kChunk));
    const size_t got = static_cast<size_t>(plain.gcount());
    const bool final = got == 0;
    const std::string sealed = privacy::Seal(key.key, std::string_view(buf.data(), have),
                                             ChunkAad(header, index, final));
    const std::string len = Le(sealed.size() | (final ? kFinalBit : 0), 4);
    out.write(len.data(), 4);
    out.write(sealed.data(), static_cast<std::streamsize>(sealed.size()));
    if (final) break;
    buf.swap(next);
    have = got;
  }
  out.flush();
  if (!out) throw Fault("backup_io", "cannot write the backup file");
}

Header ReadHeader(std::istream& in) {
  std::string b(Header::kSize, '\0');
  in.read(b.data(), static_cast<std::streamsize>(b.size()));
  if (static_cast<size_t>(in.gcount()) != b.size()) {
    throw Fault("backup_invalid", "不是 jixu 备份文件 / not a jixu backup file (too short)");
  }
  return Header::Decode(b);
}

void Decrypt(std::istream& in, const Header& header, const privacy::Key& key,
             std::ostream& plain) {
  const std::string h = header.Encode();
  std::string sealed;
  for (uint64_t index = 0;; ++index) {
    char len_bytes[4];
    in.read(len_bytes, 4);
    if (in.gcount() != 4) Tampered("ends before its last chunk");
    const uint32_t word = ReadLe32(std::string_view(len_bytes, 4));
    const bool final = (word & kFinalBit) != 0;
    const size_t len = word & ~kFinalBit;
    if (len > kChunk + privacy::kNonceBytes + privacy::kTagBytes) Tampered("chunk too long");
    sealed.resize(len);
    in.read(sealed.data(), static_cast<std::streamsize>(len));
    if (static_cast<size_t>(in.gcount()) != len) Tampered("chunk cut short");
    try {
      const std::string chunk = privacy::Open(key, sealed, ChunkAad(h, index, final));
      plain.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    } catch (const Fault&) {
      Tampered("chunk " + std::to_string(index) + " does not verify");
    }
    if (final) break;
  }
  if (in.peek() != std::char_traits<char>::eof()) Tampered("data after the last chunk");
  plain.flush();
  if (!plain) throw Fault("backup_io", "cannot write the restored data");
}

}  // namespace jixu::app::backup
