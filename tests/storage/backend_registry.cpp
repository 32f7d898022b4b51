#include "storage/backend_registry.hpp"

#include <stdexcept>

namespace jixu::storage::testing {
namespace {

// A function-local static: registrations run from other files' static initializers, whose
// order relative to this file's is unspecified.
std::vector<Backend>& Registry() {
  static std::vector<Backend> backends;
  return backends;
}

}  // namespace

bool RegisterBackend(std::string name, std::function<StorePtr()> fresh_store) {
  Registry().push_back({std::move(name), std::move(fresh_store)});
  return true;
}

const std::vector<Backend>& Backends() { return Registry(); }

std::vector<std::string> BackendNames() {
  std::vector<std::string> names;
  for (const auto& b : Registry()) names.push_back(b.name);
  return names;
}

StorePtr FreshStore(const std::string& name) {
  for (const auto& b : Registry()) {
    if (b.name == name) return b.fresh_store();
  }
  throw std::runtime_error("no storage backend registered as " + name);
}

}  // namespace jixu::storage::testing
