#include "core/records/types.hpp"

#include <array>
#include <cctype>

namespace jixu::records {
namespace {

template <typename E>
struct Name {
  E value;
  std::string_view code;
  std::string_view zh;
  std::string_view alias;  ///< a second accepted spelling ("" if none)
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

template <typename E, size_t N>
const Name<E>& Find(const std::array<Name<E>, N>& table, E value) {
  for (const auto& n : table) {
    if (n.value == value) return n;
  }
  return table.back();
}

template <typename E, size_t N>
std::optional<E> Parse(const std::array<Name<E>, N>& table, std::string_view text) {
  for (const auto& n : table) {
    if (EqualsIgnoreCase(text, n.code) || text == n.zh ||
        (!n.alias.empty() && EqualsIgnoreCase(text, n.alias))) {
      return n.value;
    }
  }
  return std::nullopt;
}

constexpr std::array<Name<Category>, 2> kCategories{{
    {Category::kProfessional, "professional", "专业科目", "专业"},
    {Category::kPublic, "public", "公需科目", "公需"},
}};

constexpr std::array<Name<Form>, kFormCount> kForms{{
    {Form::kCentralizedTraining, "centralized_training", "集中培训", "training"},
    {Form::kSeminar, "seminar", "研讨", "研讨会"},
    {Form::kAdvancedStudy, "advanced_study", "进修", ""},
    {Form::kSelfStudy, "self_study", "自修", "自学"},
    {Form::kCaseTeaching, "case_teaching", "案例教学", ""},
    {Form::kTechnicalVisit, "technical_visit", "技术考察", ""},
    {Form::kConsulting, "consulting", "咨询服务", ""},
    {Form::kPairedTraining, "paired_training", "对口培训", ""},
    {Form::kSpecialTraining, "special_training", "特殊培养", ""},
    {Form::kOnlineCourse, "online_course", "网络课程", "online"},
    {Form::kAcademicConference, "academic_conference", "学术会议", "conference"},
    {Form::kAdvancedSeminar, "advanced_seminar", "高级研修", "高级研修班"},
    {Form::kOther, "other", "其他", ""},
}};

constexpr std::array<Name<TitleLevel>, 5> kTitles{{
    {TitleLevel::kJunior, "junior", "初级", ""},
    {TitleLevel::kIntermediate, "intermediate", "中级", ""},
    {TitleLevel::kAssociateSenior, "associate_senior", "副高级", "副高"},
    {TitleLevel::kSenior, "senior", "正高级", "正高"},
    {TitleLevel::kNone, "none", "无", ""},
}};

constexpr std::array<Name<RecordStatus>, 3> kStatuses{{
    {RecordStatus::kPending, "pending", "待审核", ""},
    {RecordStatus::kApproved, "approved", "已通过", ""},
    {RecordStatus::kRejected, "rejected", "已退回", ""},
}};

constexpr std::array<Name<Origin>, 3> kOrigins{{
    {Origin::kProvider, "provider", "机构报送", ""},
    {Origin::kSelf, "self", "个人申报", ""},
    {Origin::kImport, "import", "批量导入", ""},
}};

constexpr std::array<Name<ExemptionKind>, 6> kExemptions{{
    {ExemptionKind::kIllness, "illness", "病休", ""},
    {ExemptionKind::kMaternity, "maternity", "产假", ""},
    {ExemptionKind::kStudyAbroad, "study_abroad", "出国(境)学习", "出国学习"},
    {ExemptionKind::kMilitaryService, "military_service", "服兵役", ""},
    {ExemptionKind::kNearRetirement, "near_retirement", "临近退休", ""},
    {ExemptionKind::kOther, "other", "其他", ""},
}};

constexpr std::array<Name<EmployerType>, 7> kEmployerTypes{{
    {EmployerType::kGovernmentAgency, "government_agency", "机关", ""},
    {EmployerType::kPublicInstitution, "public_institution", "事业单位", ""},
    {EmployerType::kStateEnterprise, "state_enterprise", "国有企业", ""},
    {EmployerType::kPrivateEnterprise, "private_enterprise", "民营企业", "非公有制企业"},
    {EmployerType::kForeignEnterprise, "foreign_enterprise", "外资企业", ""},
    {EmployerType::kAssociation, "association", "社会团体", "协会"},
    {EmployerType::kOther, "other", "其他", ""},
}};

constexpr std::array<Name<ProviderType>, 8> kProviderTypes{{
    {ProviderType::kUniversity, "university", "高等院校", ""},
    {ProviderType::kResearchInstitute, "research_institute", "科研院所", ""},
    {ProviderType::kEnterpriseTraining, "enterprise_training", "企业培训机构", ""},
    {ProviderType::kAssociation, "association", "学术团体", "协会"},
    {ProviderType::kPrivateSchool, "private_school", "民办培训机构", ""},
    {ProviderType::kForeignInvested, "foreign_invested", "外资施教机构", ""},
    {ProviderType::kGovernmentCentre, "government_centre", "继续教育中心", ""},
    {ProviderType::kOther, "other", "其他", ""},
}};

}  // namespace

#define JIXU_ENUM_NAMES(E, table)                                                  \
  std::string_view E##Code(E v) { return Find(table, v).code; }                    \
  std::string_view E##Zh(E v) { return Find(table, v).zh; }                        \
  std::optional<E> Parse##E(std::string_view t) { return Parse(table, t); }

JIXU_ENUM_NAMES(Category, kCategories)
JIXU_ENUM_NAMES(Form, kForms)
JIXU_ENUM_NAMES(TitleLevel, kTitles)
JIXU_ENUM_NAMES(RecordStatus, kStatuses)
JIXU_ENUM_NAMES(ExemptionKind, kExemptions)
JIXU_ENUM_NAMES(EmployerType, kEmployerTypes)
JIXU_ENUM_NAMES(ProviderType, kProviderTypes)
#undef JIXU_ENUM_NAMES

std::string_view OriginCode(Origin v) { return Find(kOrigins, v).code; }
std::optional<Origin> ParseOrigin(std::string_view t) { return Parse(kOrigins, t); }

}  // namespace jixu::records
