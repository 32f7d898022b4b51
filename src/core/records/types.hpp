#pragma once
// The registry's domain model (SPEC §2). Plain values; no I/O, no JSON, no SQL.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.hpp"
#include "core/common/hours.hpp"

namespace jixu::records {

/// 专业科目 / 公需科目 (Art. 6).
enum class Category : uint8_t { kProfessional = 0, kPublic = 1 };
inline constexpr int kCategoryCount = 2;

/// 培训形式 (Art. 12), plus kOther for what fits none of them.
enum class Form : uint8_t {
  kCentralizedTraining = 0,  // 集中培训
  kSeminar,                  // 研讨
  kAdvancedStudy,            // 进修
  kSelfStudy,                // 自修
  kCaseTeaching,             // 案例教学
  kTechnicalVisit,           // 技术考察
  kConsulting,               // 咨询服务
  kPairedTraining,           // 对口培训
  kSpecialTraining,          // 特殊培养
  kOnlineCourse,             // 网络课程
  kAcademicConference,       // 学术会议
  kAdvancedSeminar,          // 高级研修
  kOther,                    // 其他
};
inline constexpr int kFormCount = 13;

enum class TitleLevel : uint8_t { kNone = 0, kJunior, kIntermediate, kAssociateSenior, kSenior };

enum class RecordStatus : uint8_t { kPending = 0, kApproved, kRejected };

/// Where a record came from: reported by a provider (counts on arrival), declared by the person
/// (reviewed), or bulk-imported by an employer or authority (counts on arrival).
enum class Origin : uint8_t { kProvider = 0, kSelf, kImport };

enum class ExemptionKind : uint8_t {
  kIllness = 0,      // 病休
  kMaternity,        // 产假
  kStudyAbroad,      // 出国(境)学习
  kMilitaryService,  // 服兵役
  kNearRetirement,   // 临近退休
  kOther,
};

enum class EmployerType : uint8_t {
  kGovernmentAgency = 0,  // 机关
  kPublicInstitution,     // 事业单位
  kStateEnterprise,       // 国有企业
  kPrivateEnterprise,     // 民营企业 (non-public, Art. 8)
  kForeignEnterprise,     // 外资企业
  kAssociation,           // 社会团体/协会 (Art. 15)
  kOther,
};

enum class ProviderType : uint8_t {
  kUniversity = 0,        // 高等院校
  kResearchInstitute,     // 科研院所
  kEnterpriseTraining,    // 企业培训机构
  kAssociation,           // 学术团体/协会
  kPrivateSchool,         // 民办培训机构
  kForeignInvested,       // 外资施教机构
  kGovernmentCentre,      // 政府继续教育中心
  kOther,
};

struct Employer {
  int64_t id = 0;
  std::string code;         ///< unified social credit code (GB 32100), 18 chars
  std::string name;
  std::string region_code;  ///< GB/T 2260, 6 digits
  EmployerType type = EmployerType::kOther;
  std::string industry;     ///< optional industry authority key, e.g. "卫生"
};

struct Provider {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string region_code;
  ProviderType type = ProviderType::kOther;
};

struct Person {
  int64_t id = 0;
  std::string id_number;    ///< 18-digit resident ID (GB 11643); sensitive
  std::string name;
  std::string employer_code;
  std::string region_code;
  std::string field;        ///< professional series: 工程, 卫生, 教育 …
  TitleLevel title_level = TitleLevel::kNone;
  std::optional<Date> title_since;  ///< when the current title was obtained
  std::optional<Date> joined;       ///< start of CE obligation (first employment); pro-rating
};

struct LearningRecord {
  int64_t id = 0;
  int64_t person_id = 0;
  Date date;                ///< completion date; decides the record's year
  Category category = Category::kProfessional;
  Form form = Form::kOther;
  Hours hours;
  std::string provider_code;  ///< registered provider's code, or empty
  std::string provider_name;  ///< free-text outside institution, or the provider's name
  std::string title;
  std::string source_id;      ///< the submitter's own id for the record, for idempotency
  RecordStatus status = RecordStatus::kApproved;
  std::string reject_reason;
  Origin origin = Origin::kImport;
  std::string topic;          ///< mandatory-topic tag, e.g. "medical_errors"; optional
  std::string activity;       ///< lookup-table key, e.g. "conference.national"; optional
  std::string course_code;    ///< same course counts once per period; optional
};

struct Exemption {
  int64_t id = 0;
  int64_t person_id = 0;
  ExemptionKind kind = ExemptionKind::kOther;
  Date from;
  Date to;
  bool approved = false;
  std::string note;
};

struct TitleChange {
  int64_t person_id = 0;
  TitleLevel level = TitleLevel::kNone;
  Date since;
};

/// Codes in English (API, CSV) and Chinese (UI, CSV). Parse accepts either.
std::string_view CategoryCode(Category c);
std::string_view CategoryZh(Category c);
std::optional<Category> ParseCategory(std::string_view text);

std::string_view FormCode(Form f);
std::string_view FormZh(Form f);
std::optional<Form> ParseForm(std::string_view text);

std::string_view TitleLevelCode(TitleLevel t);
std::string_view TitleLevelZh(TitleLevel t);
std::optional<TitleLevel> ParseTitleLevel(std::string_view text);

std::string_view RecordStatusCode(RecordStatus s);
std::string_view RecordStatusZh(RecordStatus s);
std::optional<RecordStatus> ParseRecordStatus(std::string_view text);

std::string_view OriginCode(Origin o);
std::optional<Origin> ParseOrigin(std::string_view text);

std::string_view ExemptionKindCode(ExemptionKind k);
std::string_view ExemptionKindZh(ExemptionKind k);
std::optional<ExemptionKind> ParseExemptionKind(std::string_view text);

std::string_view EmployerTypeCode(EmployerType t);
std::string_view EmployerTypeZh(EmployerType t);
std::optional<EmployerType> ParseEmployerType(std::string_view text);

std::string_view ProviderTypeCode(ProviderType t);
std::string_view ProviderTypeZh(ProviderType t);
std::optional<ProviderType> ParseProviderType(std::string_view text);

}  // namespace jixu::records
