#pragma once
// The part of a Store that both backends share: the server and workflow repositories, written
// once over SqlConn, and the Store accessors for them. The SQLite and PostgreSQL stores derive
// from this and call AttachSql once their connection adapter exists.
#include <memory>

#include "core/storage/notify_repos.hpp"
#include "core/storage/statistics_repos.hpp"
#include "core/storage/store.hpp"
#include "storage/sql/sql_repos.hpp"
#include "storage/sql/market/sql_market.hpp"
#include "storage/sql/notify/sql_notices.hpp"
#include "storage/sql/sql_workflow.hpp"
#include "storage/sql/statistics/sql_statistics.hpp"

namespace jixu::storage::sql {

class SqlBackedStore : public Store, public StatisticsSource, public KeysetSource,
                       public NotifySource {
 public:
  UserRepository& users() override { return server_->users; }
  SessionRepository& sessions() override { return server_->sessions; }
  AuditRepository& audit() override { return server_->audit; }
  EvidenceRepository& evidence() override { return server_->evidence; }
  CourseRepository& courses() override { return server_->courses; }
  ReviewRepository& reviews() override { return server_->reviews; }
  SettingsRepository& settings() override { return server_->settings; }
  QueryRepository& queries() override { return server_->queries; }
  ExemptionReviewRepository& exemption_reviews() override { return workflow_->exemption_reviews; }
  ClassRepository& classes() override { return workflow_->classes; }
  TransferRepository& transfers() override { return workflow_->transfers; }
  MarketRepositories& market() override { return *market_; }
  StatisticsRepository& statistics() override { return *statistics_; }
  KeysetRepository& keyset() override { return server_->queries; }
  NoticeRepository& notices() override { return *notices_; }
  /// The connection adapter the shared repositories use (and its key ring, SqlConn::keys()).
  SqlConn& sql() { return *sql_; }

 protected:
  /// `conn` must outlive the store's use of these repositories (it is the derived store's member).
  void AttachSql(SqlConn& conn) {
    sql_ = &conn;
    server_ = std::make_unique<SqlServerRepos>(conn);
    workflow_ = std::make_unique<SqlWorkflowRepos>(conn);
    market_ = std::make_unique<SqlMarketRepos>(conn);
    statistics_ = std::make_unique<SqlStatistics>(conn, backend() == "postgresql");
    notices_ = std::make_unique<SqlNotices>(conn);
  }

 private:
  SqlConn* sql_ = nullptr;
  std::unique_ptr<SqlServerRepos> server_;
  std::unique_ptr<SqlWorkflowRepos> workflow_;
  std::unique_ptr<SqlMarketRepos> market_;
  std::unique_ptr<SqlStatistics> statistics_;
  std::unique_ptr<SqlNotices> notices_;
};

}  // namespace jixu::storage::sql
