#pragma once
// Every storage backend registers itself here (one small file per backend, e.g.
// sqlite_backend.cpp), and the contract suites run once per registered backend. A backend that
// needs a server registers only when one is configured (e.g. JIXU_TEST_DATABASE_URL).
#include <functional>
#include <string>
#include <vector>

#include "core/storage/store.hpp"

namespace jixu::storage::testing {

struct Backend {
  std::string name;
  /// A new, empty, migrated store, independent of every store returned before.
  std::function<StorePtr()> fresh_store;
};

/// Call from a static initializer: `const bool kRegistered = RegisterBackend(...);`
bool RegisterBackend(std::string name, std::function<StorePtr()> fresh_store);
const std::vector<Backend>& Backends();
std::vector<std::string> BackendNames();
/// A fresh store of the named backend; throws if none is registered under that name.
StorePtr FreshStore(const std::string& name);

}  // namespace jixu::storage::testing
