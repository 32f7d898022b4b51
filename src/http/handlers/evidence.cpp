// Evidence files of declared records: PDF, JPEG or PNG (recognised by their first bytes, not
// their name or Content-Type), at most ApiConfig::max_evidence_bytes, stored once per SHA-256.
#include "app/crypto.hpp"
#include "http/handlers/common.hpp"

namespace jixu::http {

std::string SniffMime(std::string_view b) {
  if (b.substr(0, 5) == "%PDF-") return "application/pdf";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF &&
      static_cast<unsigned char>(b[1]) == 0xD8 && static_cast<unsigned char>(b[2]) == 0xFF) {
    return "image/jpeg";
  }
  if (b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "image/png";
  return "";
}

storage::EvidenceFile ReadUploadedFile(Call& call, const char* default_name) {
  const std::string& body = call.req.body;
  if (body.empty()) ThrowBadRequest("body", "文件为空", "the file is empty", "empty_file");
  if (body.size() > call.api.config.max_evidence_bytes) {
    const std::string mib = std::to_string(call.api.config.max_evidence_bytes >> 20);
    throw ApiError(413, {MakeError("file_too_large", "body", "文件过大（上限 " + mib + " MiB）",
                                   "file too large (at most " + mib + " MiB)")});
  }
  const std::string mime = SniffMime(body);
  if (mime.empty()) {
    throw ApiError(415, {MakeError("unsupported_file", "body", "仅接受 PDF、JPEG 或 PNG 文件",
                                   "only PDF, JPEG or PNG files are accepted")});
  }
  std::string filename = QueryStr(call.req, "filename");
  if (filename.empty()) filename = default_name;
  if (filename.size() > 200) filename.resize(200);
  return {app::Sha256Hex(body), mime, static_cast<int64_t>(body.size()), filename, call.now};
}

namespace {

json FileJson(const storage::EvidenceFile& f) {
  return json{{"sha256", f.sha256}, {"mime", f.mime}, {"size", f.size}, {"filename", f.filename}};
}

Response Upload(Call& call) {
  const auto rec = LoadRecord(call, call.req.Param("id"));
  if (rec.origin != records::Origin::kSelf || call.caller.user.person_id != rec.person_id) {
    ThrowConflict("not_a_declaration", "只能为本人申报的记录上传证明材料",
                  "evidence is attached to your own declarations only");
  }
  const storage::EvidenceFile file = ReadUploadedFile(call, "evidence");
  call.api.writes.Run([&](storage::Store& s) {
    s.evidence().PutBlob(file.sha256, file.mime, call.req.body);
    s.evidence().Attach(rec.id, file);
    auto person = s.persons().FindById(rec.person_id);
    Audit(s, call, "evidence.attach", "record", call.api.ids.Encode(kRecordId, rec.id),
          person ? PlaceOfPerson(s, *person) : AuditPlace{}, nullptr, FileJson(file));
  });
  return JsonResponse(201, FileJson(file));
}

/// A file for a declaration not made yet (POST /records names it by sha256): stored, attached
/// to nothing until the declaration is.
Response UploadBeforeDeclaring(Call& call) {
  const storage::EvidenceFile file = ReadUploadedFile(call, "evidence");
  call.api.writes.Run([&](storage::Store& s) { s.evidence().PutBlob(file.sha256, file.mime, call.req.body); });
  return JsonResponse(201, FileJson(file));
}

Response List(Call& call) {
  const auto rec = LoadRecord(call, call.req.Param("id"));
  json items = json::array();
  for (const auto& e : call.store.evidence().ListForRecord(rec.id)) {
    items.push_back({{"sha256", e.sha256}, {"mime", e.mime}, {"size", e.size}, {"filename", e.filename}});
  }
  const int64_t n = static_cast<int64_t>(items.size());
  return ListResponse(std::move(items), n, {0, std::max<int64_t>(n, 1)});
}

Response Download(Call& call) {
  const auto rec = LoadRecord(call, call.req.Param("id"));
  const std::string& sha = call.req.Param("sha256");
  bool attached = false;
  for (const auto& e : call.store.evidence().ListForRecord(rec.id)) attached = attached || e.sha256 == sha;
  if (!attached) ThrowNotFound();
  auto blob = call.store.evidence().GetBlob(sha);
  if (!blob) ThrowNotFound();
  Response r;
  r.content_type = blob->second;
  r.body = std::move(blob->first);
  r.headers.emplace_back("Content-Disposition", "attachment");
  return r;
}

}  // namespace

void AddEvidenceRoutes(Router& r) {
  r.Add({"POST", "/api/v1/records/{id}/evidence", Upload, "evidence",
         "attach a PDF/JPEG/PNG to one's own declaration (raw body)", false, {Role::kPerson},
         {"filename"}, "binary"});
  r.Add({"POST", "/api/v1/evidence", UploadBeforeDeclaring, "evidence",
         "upload a PDF/JPEG/PNG for a declaration about to be made (raw body); name it in "
         "POST /records evidence[]", false, {Role::kPerson}, {"filename"}, "binary"});
  r.Add({"GET", "/api/v1/records/{id}/evidence", List, "evidence", "a record's evidence files"});
  r.Add({"GET", "/api/v1/records/{id}/evidence/{sha256}", Download, "evidence", "download one file"});
}

}  // namespace jixu::http
