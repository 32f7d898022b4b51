#pragma once
// Operating the keys that seal persons' ID numbers on an open store, for `jixu keys`
// (docs/operations.md#keys-for-personal-data): what is sealed under which key, rotating the data
// key (rows re-encrypted in short transactions while servers keep serving), and rotating the
// key-encryption key in the key file (the data keys re-wrapped; no row changes).
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/storage/store.hpp"

namespace jixu::storage {

struct PersonalKeyStatus {
  std::filesystem::path key_file;  ///< empty: in memory (":memory:")
  std::vector<std::string> kek_ids;  ///< the key file's KEKs, current first
  uint32_t active_key = 0;
  std::map<uint32_t, int64_t> rows_by_key;  ///< sealed rows per data key
};
PersonalKeyStatus PersonalKeys(Store& store);

struct DataKeyRotation {
  uint32_t new_key = 0;
  int64_t resealed = 0;
};
/// A new active data key, then every row re-encrypted under it, `batch` rows per transaction.
DataKeyRotation RotateDataKey(Store& store, int batch = 1000);
/// Re-encrypts rows still sealed under an older key (after an interrupted rotation, or rows
/// written meanwhile by a process that had not yet seen the new key).
int64_t ResealOldRows(Store& store, int batch = 1000);
/// A new KEK in the key file; every data key re-wrapped under it; the old KEK then leaves the
/// file and its wrappings the table. Each step leaves a state the next open can read. Returns
/// the new KEK's id.
std::string RotateKek(Store& store);

}  // namespace jixu::storage
