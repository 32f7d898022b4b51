#include "storage/sql/privacy/key_ring.hpp"

#include <charconv>
#include <ctime>
#include <optional>

#include "core/common/error.hpp"
#include "storage/sql/sql_conn.hpp"

namespace jixu::storage::privacy {
namespace {

// Serialises the creation of the first keys across processes (PostgreSQL advisory lock).
constexpr int64_t kDataKeysLock = 0x6a69786b;  // "jixk"
constexpr uint32_t kIndexKeyId = 1;
constexpr uint32_t kFirstDataKeyId = 2;

// Built by appending: `"literal" + std::to_string(…)` trips GCC 12's -Wrestrict false positive.
std::string KeyLabel(uint32_t key_id) {
  std::string out("k");
  out += std::to_string(key_id);
  return out;
}

std::string Aad(uint32_t key_id) {
  std::string out("jixu persons.id_number ");
  out += KeyLabel(key_id);
  return out;
}

std::string WrapAad(uint32_t key_id, std::string_view purpose) {
  std::string out("jixu data_keys ");
  out += std::to_string(key_id);
  out += ' ';
  out += purpose;
  return out;
}

struct WrappedRow {
  uint32_t key_id;
  std::string kek_id;
  std::string purpose;
  std::string wrapped;
  bool active;
};

std::vector<WrappedRow> ReadRows(sql::SqlConn& c) {
  std::vector<WrappedRow> rows;
  c.Query("SELECT key_id, kek_id, purpose, wrapped, active FROM data_keys ORDER BY key_id", {},
          [&](const sql::Row& r) {
            rows.push_back({static_cast<uint32_t>(r.Int(0)), r.Text(1), r.Text(2), r.Text(3),
                            r.Int(4) != 0});
          });
  return rows;
}

void InsertWrapped(sql::SqlConn& c, const Kek& kek, uint32_t id, std::string_view purpose,
                   const Key& key, bool active) {
  c.Exec("INSERT INTO data_keys (key_id, kek_id, purpose, wrapped, created_at, active)"
         " VALUES ($1, $2, $3, $4, $5, $6)",
         {int64_t{id}, kek.id, std::string(purpose), WrapKey(kek, id, purpose, key),
          static_cast<int64_t>(std::time(nullptr)), int64_t{active ? 1 : 0}});
}

}  // namespace

std::string WrapKey(const Kek& kek, uint32_t key_id, std::string_view purpose, const Key& key) {
  const std::string_view raw(reinterpret_cast<const char*>(key.data()), key.size());
  return ToBase64(privacy::Seal(kek.key, raw, WrapAad(key_id, purpose)));
}

uint32_t KeyRing::KeyIdOf(std::string_view sealed) {
  if (sealed.size() < 3 || sealed[0] != 'k') return 0;
  const auto colon = sealed.find(':');
  if (colon == std::string_view::npos) return 0;
  uint32_t id = 0;
  auto [p, ec] = std::from_chars(sealed.data() + 1, sealed.data() + colon, id);
  if (ec != std::errc() || p != sealed.data() + colon) return 0;
  return id;
}

void KeyRing::Load() {
  std::unique_lock lock(mu_);
  LoadLocked();
}

void KeyRing::EnsureLoaded() {
  if (loaded_.load(std::memory_order_acquire)) return;
  std::unique_lock lock(mu_);
  if (!loaded_.load(std::memory_order_relaxed)) LoadLocked();
}

void KeyRing::LoadLocked() {
  if (conn_ == nullptr) throw Fault("data_key_missing", "the key ring has no database attached");
  sql::SqlConn& c = *conn_;
  std::map<uint32_t, Key> data;
  std::optional<Key> index;
  uint32_t active = 0;
  // Read without a write transaction (a server's read connections load here); only a database
  // without keys takes the write lock, and checks again under it.
  std::vector<WrappedRow> rows = ReadRows(c);
  if (rows.empty()) {
    c.Atomically([&] {
      c.LockKey(kDataKeysLock);
      rows = ReadRows(c);
      if (!rows.empty()) return;
      // A fresh (or just-upgraded) database: its first keys, under the file's KEK (created
      // now if need be). A missing file is only ever created here, never beside existing keys.
      if (keks_.empty()) keks_ = key_file_.empty() ? std::vector<Kek>{MakeKek(RandomKey())}
                                                   : CreateKeyFile(key_file_);
      InsertWrapped(c, keks_.front(), kIndexKeyId, "index", RandomKey(), false);
      InsertWrapped(c, keks_.front(), kFirstDataKeyId, "data", RandomKey(), true);
      rows = ReadRows(c);
    });
  }
  {
    if (!key_file_.empty()) {
      auto file = ReadKeyFile(key_file_);
      if (!file) {
        throw Fault("data_key_missing",
                    "数据库中的个人信息密钥需要密钥文件 " + key_file_.string() +
                        "，请从备份恢复 / the database's personal-data keys need the key file " +
                        key_file_.string() + ", which is missing: restore it from the backup "
                        "(docs/operations.md#keys-for-personal-data)");
      }
      keks_ = *file;
    }
    for (const WrappedRow& row : rows) {
      const bool have = row.purpose == "index" ? index.has_value() : data.contains(row.key_id);
      if (have) continue;
      for (const Kek& kek : keks_) {
        if (kek.id != row.kek_id) continue;
        const std::string raw =
            privacy::Open(kek.key, FromBase64(row.wrapped), WrapAad(row.key_id, row.purpose));
        Key k{};
        std::copy(raw.begin(), raw.end(), k.begin());
        if (row.purpose == "index") {
          index = k;
        } else {
          data.emplace(row.key_id, k);
          if (row.active) active = row.key_id;
        }
      }
    }
    for (const WrappedRow& row : rows) {
      const bool have = row.purpose == "index" ? index.has_value() : data.contains(row.key_id);
      if (!have) {
        throw Fault("data_key_mismatch",
                    "密钥文件 " + key_file_.string() + " 无法解开此数据库的个人信息密钥 / no key in " +
                        key_file_.string() + " unwraps this database's personal-data key " +
                        std::to_string(row.key_id) + " (wrong key file?)");
      }
    }
  }
  if (!index || active == 0) {
    throw Fault("data_key_mismatch", "the data_keys table has no index key or no active data key");
  }
  data_keys_ = std::move(data);
  index_key_ = *index;
  active_ = active;
  loaded_.store(true, std::memory_order_release);
}

std::string KeyRing::Seal(std::string_view id_number) {
  EnsureLoaded();
  std::shared_lock lock(mu_);
  const Key& key = data_keys_.at(active_);
  std::string out = KeyLabel(active_);
  out += ':';
  out += ToBase64(privacy::Seal(key, id_number, Aad(active_)));
  return out;
}

std::string KeyRing::Open(std::string_view sealed) {
  EnsureLoaded();
  const uint32_t id = KeyIdOf(sealed);
  const auto body = sealed.substr(sealed.find(':') + 1);
  {
    std::shared_lock lock(mu_);
    if (auto it = data_keys_.find(id); it != data_keys_.end()) {
      return privacy::Open(it->second, FromBase64(body), Aad(id));
    }
  }
  if (id == 0) {
    throw Fault("sealed_value_invalid",
                "证件号码未加密存储 / an ID number is stored without encryption");
  }
  Load();  // a key made by a rotation in another process since this one loaded
  std::shared_lock lock(mu_);
  auto it = data_keys_.find(id);
  if (it == data_keys_.end()) {
    throw Fault("sealed_value_invalid", "unknown personal-data key " + KeyLabel(id));
  }
  return privacy::Open(it->second, FromBase64(body), Aad(id));
}

std::string KeyRing::Index(std::string_view id_number) {
  EnsureLoaded();
  std::shared_lock lock(mu_);
  return ToHex(Hmac(index_key_, id_number).substr(0, 16));
}

uint32_t KeyRing::active_key() {
  EnsureLoaded();
  std::shared_lock lock(mu_);
  return active_;
}

std::vector<Kek> KeyRing::keks() {
  EnsureLoaded();
  std::shared_lock lock(mu_);
  return keks_;
}

std::vector<KeyRing::Wrapped> KeyRing::WrapAllUnder(const Kek& kek) {
  EnsureLoaded();
  std::shared_lock lock(mu_);
  std::vector<Wrapped> out;
  out.push_back({kIndexKeyId, "index", WrapKey(kek, kIndexKeyId, "index", index_key_), false});
  for (const auto& [id, key] : data_keys_) {
    out.push_back({id, "data", WrapKey(kek, id, "data", key), id == active_});
  }
  return out;
}

}  // namespace jixu::storage::privacy
