#pragma once
// Provisioning user accounts (CLI `jixu user add` and the admin API): validates the role and its
// binding (a person by ID number, an employer or provider by code, an authority's region prefix
// and/or industry) and hashes the password.
#include <string>

#include "app/crypto.hpp"
#include "core/storage/store.hpp"

namespace jixu::app {

struct NewUser {
  std::string username;
  std::string password;
  std::string role;
  std::string display_name;
  std::string person_id_number;
  std::string employer_code;
  std::string provider_code;
  std::string region_prefix;
  std::string industry;
  bool demo = false;  ///< `jixu demo --users`: skips the second factor and password expiry
};

/// The user to insert; throws InvalidInput listing every bad field (the password against the
/// stored security policy's rules, each broken rule named).
storage::User PrepareUser(storage::Store& store, const NewUser& n, const PasswordCost& cost,
                          int64_t now);

}  // namespace jixu::app
