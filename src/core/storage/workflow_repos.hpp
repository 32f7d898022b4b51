#pragma once
// Storage interfaces of the workflows added after the server landed: exemption requests with
// approval (SPEC §3.3 "with evidence and approval") and a provider's classes with their
// enrolments (SPEC §3.9-10). Written once in src/storage/sql/sql_workflow.cpp for both backends;
// tests/storage/workflow_contract_test.cpp runs them on SQLite and PostgreSQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.hpp"
#include "core/common/hours.hpp"
#include "core/records/types.hpp"
#include "core/storage/server_repos.hpp"

namespace jixu::storage {

/// Where an exemption request stands. Only approved exemptions count (exemptions.approved).
enum class RequestStatus : uint8_t { kPending = 0, kApproved, kRejected };
std::string_view RequestStatusCode(RequestStatus s);
std::optional<RequestStatus> ParseRequestStatus(std::string_view text);

/// The approval trail of one exemption. Exemptions entered directly by a manager have none and
/// read as approved.
struct ExemptionReview {
  int64_t exemption_id = 0;
  int64_t person_id = 0;
  RequestStatus status = RequestStatus::kPending;
  std::string requested_by;
  int64_t requested_at = 0;
  std::string evidence_sha256;
  std::string evidence_filename;
  std::string decided_by;
  int64_t decided_at = 0;
  std::string reason;
};

/// An exemption as the approval queue shows it.
struct ExemptionRow {
  records::Exemption exemption;
  ExemptionReview review;  ///< status approved/pending from exemptions.approved if no trail
  bool has_review = false;
  std::string person_name;
  std::string person_region;
  std::string employer_code;
};

struct ExemptionQuery {
  Scope scope;
  int64_t person_id = 0;
  std::optional<RequestStatus> status;
};

class ExemptionReviewRepository {
 public:
  virtual ~ExemptionReviewRepository() = default;
  virtual void Create(const ExemptionReview& review) = 0;
  virtual std::optional<ExemptionReview> Find(int64_t exemption_id) = 0;
  virtual void SetEvidence(int64_t exemption_id, std::string_view sha256,
                           std::string_view filename) = 0;
  /// Decides a pending request (and sets exemptions.approved); false if it is not pending.
  virtual bool Decide(int64_t exemption_id, RequestStatus status, std::string_view by,
                      int64_t at, std::string_view reason) = 0;
  /// Exemptions of persons inside the scope, newest first.
  virtual PageOf<ExemptionRow> List(const ExemptionQuery& query, const Page& page) = 0;
};

/// 班级: one run of a provider's course.
struct TrainingClass {
  int64_t id = 0;
  std::string provider_code;
  int64_t course_id = 0;
  std::string name;
  Date starts_on;
  Date ends_on;
  Hours hours;
  int64_t capacity = 0;  ///< 0 = unlimited
  int64_t created_at = 0;
  int64_t enrolled = 0;   ///< read only: enrolments
  int64_t completed = 0;  ///< read only: completions reported
};

struct Enrolment {
  int64_t class_id = 0;
  int64_t person_id = 0;
  std::string person_name;
  std::string id_number;  ///< full; the HTTP layer masks it
  int64_t enrolled_at = 0;
  int64_t completed_at = 0;  ///< 0 = not reported
  int64_t record_id = 0;
  std::string certificate_serial;
};

struct ClassQuery {
  std::string provider_code;  ///< the provider's scope; empty = all (admin)
  int64_t course_id = 0;
};

class ClassRepository {
 public:
  virtual ~ClassRepository() = default;
  virtual int64_t Create(const TrainingClass& c) = 0;
  virtual std::optional<TrainingClass> FindById(int64_t id) = 0;
  virtual PageOf<TrainingClass> List(const ClassQuery& query, const Page& page) = 0;
  /// Enrols the person; false when already enrolled.
  virtual bool Enroll(int64_t class_id, int64_t person_id, int64_t at) = 0;
  virtual std::vector<Enrolment> Enrolments(int64_t class_id) = 0;
  virtual std::optional<Enrolment> FindEnrolment(int64_t class_id, int64_t person_id) = 0;
  /// Marks the enrolment completed with the record that carries its hours (idempotent).
  virtual void Complete(int64_t class_id, int64_t person_id, int64_t record_id, int64_t at) = 0;
  virtual void SetCertificate(int64_t class_id, int64_t person_id, std::string_view serial) = 0;
};

}  // namespace jixu::storage
