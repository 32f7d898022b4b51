#pragma once
// The workflow repositories (core/storage/workflow_repos.hpp) written once over SqlConn.
#include "core/storage/transfer_repos.hpp"
#include "core/storage/workflow_repos.hpp"
#include "storage/sql/sql_repos.hpp"

namespace jixu::storage::sql {

class SqlExemptionReviews final : public ExemptionReviewRepository {
 public:
  explicit SqlExemptionReviews(SqlConn& c) : c_(c) {}
  void Create(const ExemptionReview& review) override;
  std::optional<ExemptionReview> Find(int64_t exemption_id) override;
  void SetEvidence(int64_t exemption_id, std::string_view sha256,
                   std::string_view filename) override;
  bool Decide(int64_t exemption_id, RequestStatus status, std::string_view by, int64_t at,
              std::string_view reason) override;
  PageOf<ExemptionRow> List(const ExemptionQuery& query, const Page& page) override;

 private:
  SqlConn& c_;
};

class SqlClasses final : public ClassRepository {
 public:
  explicit SqlClasses(SqlConn& c) : c_(c) {}
  int64_t Create(const TrainingClass& c) override;
  std::optional<TrainingClass> FindById(int64_t id) override;
  PageOf<TrainingClass> List(const ClassQuery& query, const Page& page) override;
  bool Enroll(int64_t class_id, int64_t person_id, int64_t at) override;
  std::vector<Enrolment> Enrolments(int64_t class_id) override;
  std::optional<Enrolment> FindEnrolment(int64_t class_id, int64_t person_id) override;
  void Complete(int64_t class_id, int64_t person_id, int64_t record_id, int64_t at) override;
  void SetCertificate(int64_t class_id, int64_t person_id, std::string_view serial) override;

 private:
  SqlConn& c_;
};

class SqlTransfers final : public TransferRepository {
 public:
  explicit SqlTransfers(SqlConn& c) : c_(c) {}
  int64_t Create(const Transfer& t) override;
  std::optional<Transfer> Find(int64_t id) override;
  std::optional<Transfer> OpenFor(int64_t person_id) override;
  bool Close(int64_t id, TransferStatus status, std::string_view to_employer,
             std::string_view by, int64_t at) override;
  PageOf<Transfer> List(const TransferQuery& query, const Page& page) override;

 private:
  SqlConn& c_;
};

/// All over one connection adapter; a backend's Store holds one of these.
struct SqlWorkflowRepos {
  explicit SqlWorkflowRepos(SqlConn& c) : exemption_reviews(c), classes(c), transfers(c) {}
  SqlExemptionReviews exemption_reviews;
  SqlClasses classes;
  SqlTransfers transfers;
};

}  // namespace jixu::storage::sql
