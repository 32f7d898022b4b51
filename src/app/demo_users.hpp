#pragma once
// Demo accounts for every role (`jixu demo --users`, `make run`), bound to the demo data just
// loaded: the first employer, its first two staff, the first provider, that employer's province
// and city. The passwords are printed; they are for demonstrations only.
#include <string>
#include <vector>

#include "app/audit_key.hpp"
#include "app/crypto.hpp"
#include "core/storage/store.hpp"

namespace jixu::app {

struct DemoLogin {
  std::string username;
  std::string password;
  std::string role;
  std::string scope;  ///< human-readable binding
};

/// Hashes with `cost`: the server's configured cost (PasswordCost{} by default), so a demo
/// account answers a wrong password as slowly as an unknown user does.
std::vector<DemoLogin> AddDemoUsers(storage::Store& store, const AuditKey& audit_key,
                                    int64_t now, const PasswordCost& cost);

}  // namespace jixu::app
