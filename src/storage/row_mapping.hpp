#pragma once
// Column → domain mapping shared by every backend (SQLite statements, libpq results, the shared
// SQL layer's rows). Each backend hands in accessors for its own row type; the column order is
// the one of the backends' SELECT lists (`id, code, name, region_code, type[, industry]` and
// the 16 record columns starting with `id, person_id, completed_on`).
#include <cstdint>
#include <string>

#include "core/records/types.hpp"

namespace jixu::storage {

/// `cols` has `int64_t Int(int)`, `std::string Text(int)` and `Date DateAt(int)`.
template <typename Cols>
records::Employer EmployerFromColumns(const Cols& c) {
  records::Employer e;
  e.id = c.Int(0);
  e.code = c.Text(1);
  e.name = c.Text(2);
  e.region_code = c.Text(3);
  e.type = static_cast<records::EmployerType>(c.Int(4));
  e.industry = c.Text(5);
  return e;
}

template <typename Cols>
records::Provider ProviderFromColumns(const Cols& c) {
  records::Provider p;
  p.id = c.Int(0);
  p.code = c.Text(1);
  p.name = c.Text(2);
  p.region_code = c.Text(3);
  p.type = static_cast<records::ProviderType>(c.Int(4));
  return p;
}

template <typename Cols>
records::LearningRecord RecordFromColumns(const Cols& c) {
  records::LearningRecord r;
  r.id = c.Int(0);
  r.person_id = c.Int(1);
  r.date = c.DateAt(2);
  r.category = static_cast<records::Category>(c.Int(3));
  r.form = static_cast<records::Form>(c.Int(4));
  r.hours = Hours::FromCenti(c.Int(5));
  r.provider_code = c.Text(6);
  r.provider_name = c.Text(7);
  r.title = c.Text(8);
  r.source_id = c.Text(9);
  r.status = static_cast<records::RecordStatus>(c.Int(10));
  r.reject_reason = c.Text(11);
  r.origin = static_cast<records::Origin>(c.Int(12));
  r.topic = c.Text(13);
  r.activity = c.Text(14);
  r.course_code = c.Text(15);
  return r;
}

}  // namespace jixu::storage
