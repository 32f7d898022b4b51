// The domain's shared schemas (#/components/schemas), named after what they are: Person,
// LearningRecord, Compliance, Employer, Provider, Course, Class, Certificate, Transfer, Region,
// AuditEntry, User… Enumerations come from the core's own code tables, so a new form or status
// reaches the document (and the web UI's generated types) without an edit here.
#include "core/compliance/engine.hpp"
#include "core/market/provider_status.hpp"
#include "core/records/types.hpp"
#include "core/storage/server_repos.hpp"
#include "core/storage/transfer_repos.hpp"
#include "core/storage/workflow_repos.hpp"
#include "http/openapi/schema.hpp"

namespace jixu::http::openapi {
namespace {

template <typename E, typename Fn>
std::vector<std::string> Codes(std::initializer_list<E> values, Fn code) {
  std::vector<std::string> out;
  for (E v : values) out.emplace_back(code(v));
  return out;
}

json Enums() {
  using namespace records;
  std::vector<std::string> forms;
  for (int f = 0; f < kFormCount; ++f) forms.emplace_back(FormCode(static_cast<Form>(f)));
  std::vector<std::string> categories;
  for (int c = 0; c < kCategoryCount; ++c) categories.emplace_back(CategoryCode(static_cast<Category>(c)));
  using storage::Role;
  using market::ProviderStatus;
  using market::ProviderAction;
  return json{
      {"Form", Enum(forms)},
      {"Category", Enum(categories)},
      {"TitleLevel", Enum(Codes({TitleLevel::kJunior, TitleLevel::kIntermediate, TitleLevel::kAssociateSenior,
                                 TitleLevel::kSenior, TitleLevel::kNone}, TitleLevelCode))},
      {"RecordStatus", Enum(Codes({RecordStatus::kPending, RecordStatus::kApproved, RecordStatus::kRejected},
                                  RecordStatusCode))},
      {"Origin", Enum(Codes({Origin::kProvider, Origin::kSelf, Origin::kImport}, OriginCode))},
      {"ReviewStage", Enum(Codes({storage::ReviewStage::kEmployer, storage::ReviewStage::kAuthority,
                                  storage::ReviewStage::kDone, storage::ReviewStage::kWithdrawn,
                                  storage::ReviewStage::kResubmitted}, storage::ReviewStageCode))},
      {"ComplianceStatus", Enum(Codes({compliance::Status::kCompliant, compliance::Status::kInProgress,
                                       compliance::Status::kNotCompliant, compliance::Status::kExempt},
                                      compliance::StatusCode))},
      {"EmployerType", Enum(Codes({EmployerType::kGovernmentAgency, EmployerType::kPublicInstitution,
                                   EmployerType::kStateEnterprise, EmployerType::kPrivateEnterprise,
                                   EmployerType::kForeignEnterprise, EmployerType::kAssociation,
                                   EmployerType::kOther}, EmployerTypeCode))},
      {"ProviderType", Enum(Codes({ProviderType::kUniversity, ProviderType::kResearchInstitute,
                                   ProviderType::kEnterpriseTraining, ProviderType::kAssociation,
                                   ProviderType::kPrivateSchool, ProviderType::kForeignInvested,
                                   ProviderType::kGovernmentCentre, ProviderType::kOther}, ProviderTypeCode))},
      {"ExemptionKind", Enum(Codes({ExemptionKind::kIllness, ExemptionKind::kMaternity, ExemptionKind::kStudyAbroad,
                                    ExemptionKind::kMilitaryService, ExemptionKind::kNearRetirement,
                                    ExemptionKind::kOther}, ExemptionKindCode))},
      {"Role", Enum(Codes({Role::kPerson, Role::kEmployerAdmin, Role::kProviderAdmin, Role::kAuthority,
                           Role::kAdmin, Role::kSecurityAdmin, Role::kAuditAdmin}, storage::RoleCode))},
      {"RequestStatus", Enum(Codes({storage::RequestStatus::kPending, storage::RequestStatus::kApproved,
                                    storage::RequestStatus::kRejected}, storage::RequestStatusCode))},
      {"TransferStatus", Enum(Codes({storage::TransferStatus::kReleased, storage::TransferStatus::kCompleted,
                                     storage::TransferStatus::kCancelled}, storage::TransferStatusCode))},
      {"ProviderStatus", Enum(Codes({ProviderStatus::kPending, ProviderStatus::kReturned, ProviderStatus::kRejected,
                                     ProviderStatus::kApproved, ProviderStatus::kSuspended, ProviderStatus::kRevoked},
                                    market::ProviderStatusCode))},
      {"ProviderAction", Enum(Codes({ProviderAction::kApply, ProviderAction::kApprove, ProviderAction::kReturn,
                                     ProviderAction::kReject, ProviderAction::kSuspend, ProviderAction::kReinstate,
                                     ProviderAction::kRevoke}, market::ProviderActionCode))},
      {"ApplicationStatus", Enum({"pending", "approved", "returned", "rejected"})},
      {"ImportKind", Enum({"persons", "records", "employers", "providers"})},
      {"DocumentKind", Enum({"licence", "scope", "teachers", "facilities", "other"})},
      {"QualityListKind", Enum({"course", "project", "textbook"})},
  };
}

json Problems() {
  const json error = Obj({{"code", Str()}, {"field", Str("the request field, \"\" for none")},
                          {"message_zh", Str()}, {"message_en", Str()}});
  return json{
      {"FieldError", error},
      {"Problem", Obj({{"type", Str("urn:jixu:problem:<code>")},
                       {"title", Str()},
                       {"status", Int()},
                       {"detail", Str()},
                       {"code", Str()},
                       {"field", Str()},
                       {"message_zh", Str()},
                       {"message_en", Str()},
                       {"errors?", Array(Ref("FieldError"))}})},
  };
}

json Accounts() {
  const json user = Obj({{"id", Id()},
                         {"username", Str()},
                         {"role", Ref("Role")},
                         {"display_name", Str()},
                         {"person_id", Nullable(Id())},
                         {"employer_code", Str()},
                         {"provider_code", Str()},
                         {"region_prefix", RegionCode()},
                         {"industry", Str()},
                         {"disabled", Bool()},
                         {"must_change_password", Bool()},
                         {"demo", Bool("a demo account (jixu demo --users): no second factor, no expiry")},
                         {"second_factor", Bool("a TOTP authenticator is enrolled")}});
  return json{
      {"User", user},
      {"UserListItem", Extend(user, {{"person_name?", Str()}, {"employer_name?", Str()},
                                     {"provider_name?", Str()}, {"region_name?", Str()},
                                     {"locked?", Bool("locked after failed sign-ins")}})},
      {"SecondFactorStep", Enum({"none", "totp", "enrol"})},
      {"LoginResult", Obj({{"token", Str()},
                           {"expires_at", Instant()},
                           {"idle_timeout_s", Int()},
                           {"must_change_password", Bool()},
                           {"password_expired", Bool()},
                           {"second_factor", Ref("SecondFactorStep")},
                           {"user", Ref("User")}})},
      {"SecurityPolicy", Obj({{"password", Obj({{"min_length", Int()}, {"min_classes", Int()},
                                                {"history", Int()}, {"expiry_days", Int()}})},
                              {"second_factor_roles", Array(Ref("Role"))}})},
      {"Session", Obj({{"id", Str()}, {"user_agent", Str()}, {"address", Str()},
                       {"created_at", Instant()}, {"last_seen", Instant()},
                       {"expires_at", Instant()}, {"current", Bool()}})},
      {"OwnData", Obj({{"generated_at", Instant()},
                       {"account", Extend(user, {{"created_at", Instant()}, {"password_changed_at", Instant()}})},
                       {"sessions", Array(Ref("Session"))},
                       {"person", Nullable(Ref("Person"))},
                       {"title_history?", Array(Obj({{"title_level", Ref("TitleLevel")}, {"since", DateStr()}}))},
                       {"records?", Array(Ref("LearningRecord"))},
                       {"exemptions?", Array(Ref("PersonExemption"))},
                       {"certificates?", Array(Obj({{"serial", Str()}, {"kind", Str()}, {"year", Int()},
                                                    {"issued_at", Instant()}, {"revoked_at", Nullable(Instant())}}))}})},
  };
}

json People() {
  const json person = Obj({{"id", Id()},
                           {"name", Str()},
                           {"id_number", Str("full or masked (docs/api.md#personal-data)")},
                           {"employer_code", Str()},
                           {"region_code", RegionCode()},
                           {"field", Str()},
                           {"title_level", Ref("TitleLevel")},
                           {"title_since", Nullable(DateStr())},
                           {"joined", Nullable(DateStr())},
                           {"employer_name?", Str()}});
  const json transfer_side = Nullable(Obj({{"code", Str()}, {"name", Str()}}));
  const json exemption = Obj({{"id", Id()},
                              {"person_id", Id()},
                              {"kind", Ref("ExemptionKind")},
                              {"from", DateStr()},
                              {"to", DateStr()},
                              {"approved", Bool()},
                              {"note", Str()}});
  return json{
      {"Person", person},
      {"PersonListItem", Extend(Without(person, {"joined", "employer_name"}), {{"employer_name", Str()}})},
      {"Transfer", Obj({{"id", Id()},
                        {"person_id", Id()},
                        {"person_name", Str()},
                        {"from_employer", transfer_side},
                        {"to_employer", transfer_side},
                        {"status", Ref("TransferStatus")},
                        {"note", Str()},
                        {"released_by", Str()},
                        {"released_at", Instant()},
                        {"completed_by", Str()},
                        {"completed_at", Nullable(Instant())}})},
      {"Region", Obj({{"prefix", Str()},
                      {"code", Str()},
                      {"name", Str()},
                      {"level", Enum({"province", "city", "county"})},
                      {"leaf", Bool()}})},
      {"PersonExemption", exemption},
      {"Exemption", Extend(exemption, {{"person_name", Str()},
                                       {"employer_code", Str()},
                                       {"status", Ref("RequestStatus")},
                                       {"requested_by", Str()},
                                       {"requested_at", Nullable(Instant())},
                                       {"evidence", Nullable(Obj({{"sha256", Str()}, {"filename", Str()}}))},
                                       {"decided_by", Str()},
                                       {"decided_at", Nullable(Instant())},
                                       {"reason", Str()}})},
  };
}

/// The learning record as RecordJson writes it; the routes add their own fields.
json RecordBase() {
  return Obj({{"id", Id()},
              {"person_id", Id()},
              {"date", DateStr()},
              {"year", Int()},
              {"category", Ref("Category")},
              {"form", Ref("Form")},
              {"hours", HoursNum()},
              {"provider_code", Str()},
              {"provider_name", Str()},
              {"title", Str()},
              {"status", Ref("RecordStatus")},
              {"reject_reason", Str()},
              {"origin", Ref("Origin")},
              {"course_code", Str()},
              {"editable", Bool()}});
}

json Records() {
  const json file = Obj({{"sha256", Str()}, {"mime", Str()}, {"size", Int()}, {"filename", Str()}});
  return json{
      {"EvidenceFile", file},
      {"LearningRecord", Extend(RecordBase(), {{"review_stage?", Nullable(Ref("ReviewStage"))},
                                               {"needs_authority?", Bool()},
                                               {"evidence?", Array(Ref("EvidenceFile"))},
                                               {"replaces?", Id()}})},
      {"RecordListItem", Extend(RecordBase(), {{"person_name", Str()},
                                               {"employer_code", Str()},
                                               {"review_stage", Nullable(Ref("ReviewStage"))}})},
      {"ReviewQueueItem", Extend(RecordBase(), {{"person_name", Str()},
                                                {"review_stage", Nullable(Ref("ReviewStage"))}})},
      {"DeclarationRules", Obj({{"policy_id", Str()},
                                {"today", DateStr()},
                                {"max_hours_per_day", MapOf(HoursNum())},
                                {"evidence_forms", Array(Ref("Form"))}})},
      {"Declaration", Body({{"date", DateStr()},
                            {"category", Ref("Category")},
                            {"form", Ref("Form")},
                            {"hours", HoursIn()},
                            {"title", Str()},
                            {"provider_name", Str()},
                            {"source_id?", Str("a client's key: the same source_id again declares nothing")},
                            {"course_code?", Str()},
                            {"evidence?", Array(Body({{"sha256", Str()}, {"filename?", Str()}}))}})},
  };
}

json YearResultBase() {
  return Obj({{"year", Int()},
              {"policy", Str("policy id")},
              {"required_hours", HoursNum()},
              {"professional_hours", HoursNum()},
              {"public_hours", HoursNum()},
              {"counted_hours", HoursNum()},
              {"shortfall_hours", HoursNum()},
              {"status", Ref("ComplianceStatus")},
              {"carry_in", HoursNum()},
              {"carry_out", HoursNum()},
              {"sentence_zh", Str()},
              {"sentence_en", Str()},
              {"required_credits?", HoursNum()},
              {"counted_credits?", HoursNum()},
              {"shortfall_credits?", HoursNum()},
              {"notes", Array(Obj({{"rule", Str()}, {"before", HoursNum()}, {"after", HoursNum()},
                                   {"zh", Str()}, {"en", Str()}}))},
              {"unmet", Array(Obj({{"rule", Str()}, {"zh", Str()}, {"en", Str()}}))}});
}

json Compliance() {
  return json{
      {"Compliance", YearResultBase()},
      {"PersonCompliance", Extend(YearResultBase(), {{"person_id", Id()}})},
      {"EmployerComplianceRow", Extend(Without(YearResultBase(), {"notes"}),
                                       {{"person_id", Id()}, {"name", Str()}, {"id_number", Str("masked")},
                                        {"field", Str()}, {"title_level", Ref("TitleLevel")}})},
      {"ScopeComplianceRow", Extend(Without(YearResultBase(), {"notes", "unmet", "sentence_en"}),
                                    {{"person_id", Id()}, {"name", Str()}, {"id_number", Str("masked")},
                                     {"region_code", RegionCode()}, {"region_name", Str()},
                                     {"field", Str()}, {"title_level", Ref("TitleLevel")},
                                     {"employer_code", Str()}, {"employer_id", Nullable(Id())},
                                     {"employer_name", Str()}})},
      {"StatusCounts", MapOf(Int())},
      {"ComplianceHistory", Obj({{"person_id", Id()}, {"from", Int()}, {"to", Int()},
                                 {"years", Array(Ref("Compliance"))}})},
      {"PromotionCheck", Obj({{"person_id", Id()},
                              {"year", Int()},
                              {"eligible", Bool()},
                              {"from_year", Int()},
                              {"to_year", Int()},
                              {"blocking_years", Array(Int())},
                              {"years", Array(Ref("Compliance"))},
                              {"sentence_zh", Str()},
                              {"sentence_en", Str()}})},
      {"EmployerCompliance", Extend(ListOf(Ref("EmployerComplianceRow")),
                                    {{"employer", Ref("Employer")}, {"year", Int()}, {"counts", Ref("StatusCounts")}})},
      {"PersonsCompliance", Extend(ListOf(Ref("ScopeComplianceRow")), {{"year", Int()}, {"counts", Ref("StatusCounts")}})},
  };
}

json Organisations() {
  return json{
      {"Employer", EmployerObject()},
      {"Provider", ProviderObject()},
      {"Course", Obj({{"id", Id()},
                      {"provider_code", Str()},
                      {"code", Str()},
                      {"title", Str()},
                      {"category", Ref("Category")},
                      {"form", Ref("Form")},
                      {"hours", HoursNum()},
                      {"published", Bool()},
                      {"description", Str()},
                      {"field", Str()},
                      {"teachers", Str()},
                      {"provider_name", Str()},
                      {"public_subject_id", Nullable(Id())},
                      {"textbook_ids", Array(Id())}})},
      {"Class", Obj({{"id", Id()},
                     {"provider_code", Str()},
                     {"course_id", Id()},
                     {"name", Str()},
                     {"starts_on", DateStr()},
                     {"ends_on", DateStr()},
                     {"hours", HoursNum()},
                     {"capacity", Int()},
                     {"enrolled", Int()},
                     {"completed", Int()}})},
      {"Enrolment", Obj({{"person_id", Id()},
                         {"name", Str()},
                         {"id_number", Str("masked")},
                         {"enrolled_at", Instant()},
                         {"completed", Bool()},
                         {"completed_at", Nullable(Instant())},
                         {"record_id", Nullable(Id())},
                         {"certificate_serial", Nullable(Str())}})},
  };
}

}  // namespace

json EmployerObject() {
  return Obj({{"id", Id()},
              {"code", Str("unified social credit code")},
              {"name", Str()},
              {"region_code", RegionCode()},
              {"type", Ref("EmployerType")},
              {"industry", Str()}});
}

json ProviderObject() {
  return Obj({{"id", Id()},
              {"code", Str("unified social credit code")},
              {"name", Str()},
              {"region_code", RegionCode()},
              {"type", Ref("ProviderType")},
              {"approved", Bool()},
              {"status?", Ref("ProviderStatus")}});
}

json Schemas() {
  json all = json::object();
  for (const json& part : {Enums(), Problems(), Accounts(), People(), Records(), Compliance(),
                           Organisations(), MoreSchemas(), NotifySchemas()}) {
    for (const auto& [k, v] : part.items()) all[k] = v;
  }
  return all;
}

}  // namespace jixu::http::openapi
