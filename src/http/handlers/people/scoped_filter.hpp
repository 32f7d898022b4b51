#pragma once
// The persons a statistics, list or export request asks for, narrowed by the caller's scope.
// One function so the dashboard, the employer ranking, the persons list and the exports count
// the same persons (docs/architecture.md#a-persons-region).
#include "core/storage/store.hpp"
#include "http/handlers/common.hpp"

namespace jixu::http {

/// ?region= (numeric prefix, 400 otherwise), ?employer= (opaque id; 404 outside the scope),
/// ?field=, ?title_level= (400 if unknown) and, with `with_name`, ?name= (a name prefix). A
/// region outside the scope yields nobody.
storage::PersonFilter ScopedPersonFilter(Call& call, bool with_name = false);

}  // namespace jixu::http
