#pragma once
// The PostgreSQL schema: versioned migrations and the summary table's column layout.
#include <array>
#include <string>
#include <string_view>

#include "core/records/year_totals.hpp"
#include "storage/postgres/pg_conn.hpp"

namespace jixu::storage::pg {

/// person_year_totals has one integer column of approved centi-hours per (category, form) bucket,
/// in YearTotals::Index order. Frozen here (not derived from FormCode) because migrations are.
inline constexpr std::array<std::string_view, records::YearTotals::kBuckets> kBucketColumns = {
    "pro_centralized_training", "pro_seminar",         "pro_advanced_study",
    "pro_self_study",           "pro_case_teaching",   "pro_technical_visit",
    "pro_consulting",           "pro_paired_training", "pro_special_training",
    "pro_online_course",        "pro_academic_conference", "pro_advanced_seminar",
    "pro_other",                "pub_centralized_training", "pub_seminar",
    "pub_advanced_study",       "pub_self_study",      "pub_case_teaching",
    "pub_technical_visit",      "pub_consulting",      "pub_paired_training",
    "pub_special_training",     "pub_online_course",   "pub_academic_conference",
    "pub_advanced_seminar",     "pub_other"};

/// "approved_records, pending_centi, pro_…, pub_…" with an optional table-alias prefix: the
/// totals columns in the order TotalsFromColumns expects.
std::string TotalsColumnList(std::string_view prefix = "");

/// The aggregate expressions, in TotalsColumnList order, that compute a summary row from a set
/// of learning_records rows (columns status, category, form, centi_hours) grouped by person-year.
std::string TotalsAggregateSql();
/// "col = t.col + EXCLUDED.col, …" for every totals column: the ON CONFLICT clause that adds.
std::string TotalsAddSql();

int LatestSchemaVersion();
/// Applies pending migrations in one transaction under an advisory lock, so several processes
/// starting at once apply each migration exactly once. Returns the version in force.
int Migrate(PgConnection& conn);

}  // namespace jixu::storage::pg
