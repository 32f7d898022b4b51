#pragma once
// What a person owes in one year before any hours are looked at: the base requirement for their
// title and roles, reduced for a part year (new entrants) and for approved exemptions.
#include "core/compliance/engine.hpp"
#include "core/compliance/explainer.hpp"
#include "core/policy/fraction.hpp"

namespace jixu::compliance {

struct Obligation {
  Hours base;                  ///< annual total (or cycle minimum per year) for title and roles
  policy::Fraction share{1, 1};  ///< part of the year owed, after joining and exemptions
  Hours required;              ///< base × share
  bool exempt = false;         ///< an approved exemption (or not yet joined) exempts the year
  bool waived = false;         ///< new entrant's total waived; non-waivable minimums still apply
};

Obligation ComputeObligation(const policy::Policy& policy, const PersonContext& person, int year,
                             Explainer& explain);

/// The period total a person owes for title and roles (annual total, or the whole cycle's).
Hours BaseTotal(const policy::Rules& rules, const PersonContext& person);

}  // namespace jixu::compliance
