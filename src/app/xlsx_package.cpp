#include "app/xlsx_package.hpp"

#include <cmath>
#include <cstring>
#include <functional>

namespace jixu::app::xlsx {
namespace {

[[noreturn]] void Bad(const std::string& what) { throw Fault("malformed_xlsx", what); }

std::string ReadEntry(zip_t* zip, const std::string& name, bool required) {
  zip_stat_t st;
  if (zip_stat(zip, name.c_str(), 0, &st) != 0) {
    if (required) Bad("missing part " + name);
    return "";
  }
  zip_file_t* f = zip_fopen(zip, name.c_str(), 0);
  if (f == nullptr) Bad("cannot open part " + name);
  std::string out(st.size, '\0');
  const zip_int64_t n = zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) Bad("cannot read part " + name);
  return out;
}

/// Local name of a possibly prefixed element ("x:row" → "row").
const char* Local(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon != nullptr ? colon + 1 : name;
}

const char* Attr(const char** attrs, const char* name) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (std::strcmp(Local(attrs[i]), name) == 0) return attrs[i + 1];
  }
  return nullptr;
}

/// Parses a whole (small) XML part with element callbacks.
struct XmlHandlers {
  std::function<void(const char*, const char**)> start;
  std::function<void(const char*)> end;
  std::function<void(const char*, int)> chars;
};

void ParseWhole(const std::string& xml, XmlHandlers& h, const std::string& part) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, &h);
  XML_SetElementHandler(
      p,
      [](void* u, const char* n, const char** a) { static_cast<XmlHandlers*>(u)->start(Local(n), a); },
      [](void* u, const char* n) {
        if (static_cast<XmlHandlers*>(u)->end) static_cast<XmlHandlers*>(u)->end(Local(n));
      });
  XML_SetCharacterDataHandler(p, [](void* u, const char* s, int len) {
    if (static_cast<XmlHandlers*>(u)->chars) static_cast<XmlHandlers*>(u)->chars(s, len);
  });
  const bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(p);
  if (!ok) Bad("broken XML in " + part);
}

void ReadSharedStrings(XlsxReader::Impl& impl) {
  const std::string xml = ReadEntry(impl.zip, "xl/sharedStrings.xml", false);
  if (xml.empty()) return;
  bool in_t = false;
  int phonetic = 0;  // <rPh> runs hold furigana/pinyin guides, not cell text
  XmlHandlers h;
  h.start = [&](const char* n, const char**) {
    if (std::strcmp(n, "si") == 0) impl.shared.emplace_back();
    if (std::strcmp(n, "rPh") == 0) ++phonetic;
    if (std::strcmp(n, "t") == 0) in_t = true;
  };
  h.end = [&](const char* n) {
    if (std::strcmp(n, "rPh") == 0) --phonetic;
    if (std::strcmp(n, "t") == 0) in_t = false;
  };
  h.chars = [&](const char* s, int len) {
    if (in_t && phonetic == 0 && !impl.shared.empty()) impl.shared.back().append(s, len);
  };
  ParseWhole(xml, h, "sharedStrings.xml");
}

bool IsDateFormatCode(const std::string& code) {
  bool quoted = false;
  bool bracket = false;
  for (char c : code) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '[') bracket = true;
    if (!quoted && c == ']') bracket = false;
    if (!quoted && !bracket && (c == 'y' || c == 'Y' || c == 'd' || c == 'D')) return true;
  }
  return false;
}

void ReadStyles(XlsxReader::Impl& impl) {
  const std::string xml = ReadEntry(impl.zip, "xl/styles.xml", false);
  if (xml.empty()) return;
  std::vector<std::pair<int, bool>> custom;  // numFmtId → is a date
  bool in_xfs = false;
  XmlHandlers h;
  h.start = [&](const char* n, const char** a) {
    if (std::strcmp(n, "numFmt") == 0) {
      const char* id = Attr(a, "numFmtId");
      const char* code = Attr(a, "formatCode");
      if (id != nullptr && code != nullptr) custom.emplace_back(std::atoi(id), IsDateFormatCode(code));
    } else if (std::strcmp(n, "cellXfs") == 0) {
      in_xfs = true;
    } else if (in_xfs && std::strcmp(n, "xf") == 0) {
      const char* id_text = Attr(a, "numFmtId");
      const int id = id_text != nullptr ? std::atoi(id_text) : 0;
      // Built-in date formats (ECMA-376 §18.8.30), including the CJK ones 27–36 and 50–58.
      bool date = (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
                  (id >= 50 && id <= 58);
      for (const auto& [cid, is_date] : custom) {
        if (cid == id) date = is_date;
      }
      impl.date_style.push_back(date);
    }
  };
  h.end = [&](const char* n) {
    if (std::strcmp(n, "cellXfs") == 0) in_xfs = false;
  };
  ParseWhole(xml, h, "styles.xml");
}

/// The path of the first worksheet, from workbook.xml and its relationships.
std::string FirstSheetPath(XlsxReader::Impl& impl) {
  std::string rel_id;
  XmlHandlers wb;
  wb.start = [&](const char* n, const char** a) {
    if (std::strcmp(n, "sheet") == 0 && rel_id.empty()) {
      const char* id = Attr(a, "id");
      if (id != nullptr) rel_id = id;
    }
    if (std::strcmp(n, "workbookPr") == 0) {
      const char* d = Attr(a, "date1904");
      impl.date1904 = d != nullptr && (std::strcmp(d, "1") == 0 || std::strcmp(d, "true") == 0);
    }
  };
  ParseWhole(ReadEntry(impl.zip, "xl/workbook.xml", true), wb, "workbook.xml");
  if (rel_id.empty()) Bad("the workbook has no sheet");
  std::string target;
  XmlHandlers rels;
  rels.start = [&](const char* n, const char** a) {
    const char* id = Attr(a, "Id");
    if (std::strcmp(n, "Relationship") == 0 && id != nullptr && rel_id == id) {
      target = Attr(a, "Target") != nullptr ? Attr(a, "Target") : "";
    }
  };
  ParseWhole(ReadEntry(impl.zip, "xl/_rels/workbook.xml.rels", true), rels, "workbook.xml.rels");
  if (target.empty()) Bad("the first sheet's part is not named");
  return target[0] == '/' ? target.substr(1) : "xl/" + target;
}

}  // namespace

std::unique_ptr<XlsxReader::Impl> OpenSheet(const std::string& path) {
  auto impl = std::make_unique<XlsxReader::Impl>();
  int err = 0;
  impl->zip = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (impl->zip == nullptr) {
    if (err == ZIP_ER_NOENT || err == ZIP_ER_OPEN) Bad("cannot open " + path);
    Bad("not a ZIP package");
  }
  const std::string sheet = FirstSheetPath(*impl);
  ReadSharedStrings(*impl);
  ReadStyles(*impl);
  impl->sheet = zip_fopen(impl->zip, sheet.c_str(), 0);
  if (impl->sheet == nullptr) Bad("missing part " + sheet);
  return impl;
}

}  // namespace jixu::app::xlsx
