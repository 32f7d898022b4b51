// Operations on organisations and what providers run: employers, providers, courses, classes
// with enrolments and completions, and the CSV imports.
#include "http/openapi/schema.hpp"

namespace jixu::http::openapi {
namespace {

json OrgFields(const char* type_component) {
  return Body({{"code", Str("unified social credit code")},
               {"name", Str()},
               {"region_code", Str("6-digit GB/T 2260 code inside the caller's region")},
               {"type?", Ref(type_component)}});
}

json CourseFields(bool creating) {
  json body = Body({{"title", Str()},
                    {"category", Ref("Category")},
                    {"form", Ref("Form")},
                    {"hours", HoursIn()},
                    {"published?", Bool()},
                    {"description?", Str()},
                    {"field?", Str()},
                    {"teachers?", Str()},
                    {"public_subject_id?", Nullable(Id())},
                    {"textbook_ids?", Array(Id())}});
  if (creating) return Extend(body, {{"code", Str()}});
  return Optional(body, {"title", "category", "form", "hours"});
}

}  // namespace

void AddOrganisationOperations(Operations& ops) {
  Operation employers = Answers(200, ListOf(Ref("Employer")));
  employers.query = {{"region", RegionCode()}, {"q", Str("name or code")}};
  ops["GET /api/v1/employers"] = employers;
  Operation employer = Takes(Extend(OrgFields("EmployerType"), {{"industry?", Str()}}), 201, Ref("Employer"));
  employer.problems = {409};
  ops["POST /api/v1/employers"] = employer;
  ops["GET /api/v1/employers/{id}"] = Answers(200, Ref("Employer"));

  Operation providers = Answers(200, ListOf(Ref("Provider")));
  providers.query = {{"region", RegionCode()},
                     {"approved", Enum({"true", "false", "all"})}};
  ops["GET /api/v1/providers"] = providers;
  Operation provider = Takes(OrgFields("ProviderType"), 201, Ref("Provider"));
  provider.problems = {409};
  ops["POST /api/v1/providers"] = provider;
  ops["GET /api/v1/providers/{id}"] = Answers(200, Ref("Provider"));
  Operation approve = Takes(Body({{"approved?", Bool()}, {"reason?", Str("required to suspend")}}), 200,
                            Ref("Provider"));
  approve.problems = {409};
  ops["POST /api/v1/providers/{id}/approve"] = approve;

  Operation courses = Answers(200, ListOf(Ref("Course")));
  courses.query = {{"category", Ref("Category")},
                   {"form", Ref("Form")},
                   {"public_subject_id", Id()},
                   {"mine", Enum({"true"})}};
  ops["GET /api/v1/courses"] = courses;
  Operation course = Takes(CourseFields(true), 201, Ref("Course"));
  course.problems = {409};
  ops["POST /api/v1/courses"] = course;
  ops["GET /api/v1/courses/{id}"] = Answers(200, Ref("Course"));
  ops["PATCH /api/v1/courses/{id}"] = Takes(CourseFields(false), 200, Ref("Course"));

  Operation classes = Answers(200, ListOf(Ref("Class")));
  classes.query = {{"course_id", Id()}};
  ops["GET /api/v1/classes"] = classes;
  ops["POST /api/v1/classes"] = Takes(Body({{"course_id", Id()},
                                            {"name", Str()},
                                            {"starts_on", DateStr()},
                                            {"ends_on", DateStr()},
                                            {"hours?", HoursIn()},
                                            {"capacity?", Int()}}),
                                      201, Ref("Class"));
  ops["GET /api/v1/classes/{id}"] = Answers(200, Ref("Class"));
  ops["GET /api/v1/classes/{id}/enrolments"] = Answers(200, ListOf(Ref("Enrolment")));
  ops["POST /api/v1/classes/{id}/enrolments"] =
      Takes(Body({{"id_numbers", Array(Str())}}), 201, Obj({{"enrolled", Int()}, {"already", Int()}}));
  ops["POST /api/v1/classes/{id}/completions"] =
      Takes(Body({{"person_ids?", Array(Id())}, {"all?", Bool()}}), 201,
            Obj({{"inserted", Int()}, {"unchanged", Int()}}));
  Operation certificate = Answers(201, Obj({{"serial", Str()}, {"class_id", Id()}, {"person_id", Id()}}));
  certificate.problems = {409};
  ops["POST /api/v1/classes/{id}/enrolments/{person_id}/certificate"] = certificate;

  ops["GET /api/v1/imports/{kind}/columns"] = Answers(200, Ref("ImportColumns"));
  Operation xlsx;
  xlsx.responses[200] = FileContent("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                    "the .xlsx template");
  ops["GET /api/v1/imports/{kind}/template.xlsx"] = xlsx;
  Operation import = Answers(200, Ref("ImportReport"));
  // A rejected file is answered with the report (every bad line), not a problem.
  import.responses[422] = JsonContent(Ref("ImportReport"), "rejected: nothing imported; the errors by line");
  import.responses[422]["content"]["application/problem+json"] = {{"schema", Ref("Problem")}};
  ops["POST /api/v1/imports/{kind}"] = import;
}

}  // namespace jixu::http::openapi
