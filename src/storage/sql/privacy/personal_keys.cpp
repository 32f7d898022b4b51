#include "storage/personal_keys.hpp"

#include "core/common/error.hpp"
#include "storage/sql/privacy/sealed_ids.hpp"
#include "storage/sql/sql_backed_store.hpp"

namespace jixu::storage {
namespace {

sql::SqlConn& SqlOf(Store& store) {
  auto* s = dynamic_cast<sql::SqlBackedStore*>(&store);
  if (s == nullptr) throw Fault("backend_unavailable", "this store keeps no personal-data keys");
  return s->sql();
}

}  // namespace

PersonalKeyStatus PersonalKeys(Store& store) {
  sql::SqlConn& c = SqlOf(store);
  PersonalKeyStatus out;
  out.key_file = c.keys().key_file();
  for (const privacy::Kek& k : c.keys().keks()) out.kek_ids.push_back(k.id);
  out.active_key = c.keys().active_key();
  out.rows_by_key = privacy::SealedRowsByKey(c);
  return out;
}

DataKeyRotation RotateDataKey(Store& store, int batch) {
  sql::SqlConn& c = SqlOf(store);
  const privacy::Rotation r = privacy::RotateDataKey(c, c.keys(), batch);
  return {r.new_key, r.resealed};
}

int64_t ResealOldRows(Store& store, int batch) {
  sql::SqlConn& c = SqlOf(store);
  c.keys().Load();
  return privacy::ResealOldRows(c, c.keys(), batch);
}

std::string RotateKek(Store& store) {
  sql::SqlConn& c = SqlOf(store);
  privacy::KeyRing& keys = c.keys();
  keys.Load();
  if (keys.key_file().empty()) {
    throw Fault("invalid_config", "an in-memory database has no key file to rotate");
  }
  std::vector<privacy::Kek> keks = keys.keks();
  const privacy::Kek fresh = privacy::MakeKek(privacy::RandomKey());
  keks.insert(keks.begin(), fresh);
  privacy::WriteKeyFile(keys.key_file(), keks);  // new first, old still there
  privacy::RewrapKeys(c, keys);                   // wrappings under the new one
  privacy::WriteKeyFile(keys.key_file(), {fresh});
  privacy::RewrapKeys(c, keys);                   // the old ones' wrappings dropped
  return fresh.id;
}

}  // namespace jixu::storage
