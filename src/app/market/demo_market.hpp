#pragma once
// Demo data of the training market (`jixu demo`): providers in every lifecycle state with their
// applications and history (approved, awaiting review, returned, rejected, suspended, revoked),
// and the first provider's courses and classes with a roster of the first demo persons, one class
// finished and reported. Runs after the registry's demo data; a second run adds nothing.
#include <cstdint>

#include "app/audit_key.hpp"
#include "core/common/date.hpp"
#include "core/storage/store.hpp"

namespace jixu::app::market {

struct MarketDemoCounts {
  int64_t providers_with_history = 0, courses = 0, classes = 0, enrolments = 0, completions = 0;
  int64_t public_subjects = 0, textbooks = 0;
};

/// Writes in one transaction; every lifecycle step also goes to the audit chain as "cli:demo".
MarketDemoCounts AddDemoMarket(storage::Store& store, const AuditKey& audit_key, Date today, int64_t now);

}  // namespace jixu::app::market
