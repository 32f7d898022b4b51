#include "app/xlsx_package.hpp"

#include <cstring>
#include <filesystem>
#include <functional>
#include <unordered_map>

namespace jixu::app::xlsx {
namespace {

constexpr size_t kChunkBytes = 64 * 1024;
/// A part may inflate this far before the ratio cap applies: small parts of real files
/// (an empty sheet, a styles part) compress far better than their content ever will.
constexpr uint64_t kRatioGraceBytes = uint64_t{1} << 20;
constexpr size_t kMinBlockBytes = size_t{1} << 20;

[[noreturn]] void Bad(const std::string& what) { throw MalformedXlsx(what, 0); }

/// A non-negative decimal attribute, clamped to int; `fallback` if absent or not a number.
int IntAttr(const char* text, int fallback) {
  if (text == nullptr) return fallback;
  char* end = nullptr;
  const long long v = std::strtoll(text, &end, 10);
  if (end == text || v < 0) return fallback;
  return v > INT32_MAX ? INT32_MAX : static_cast<int>(v);
}

/// Element callbacks for a whole part; an exception thrown by one is kept and rethrown after
/// the parser has stopped (it must not unwind through expat's C frames).
struct XmlHandlers {
  std::function<void(const char*, const char**)> start;
  std::function<void(const char*)> end;
  std::function<void(std::string_view)> chars;
  std::unique_ptr<MalformedXlsx> error;
};

XmlHandlers& HandlersOf(void* parser) {
  return *static_cast<XmlHandlers*>(XML_GetUserData(static_cast<XML_Parser>(parser)));
}

template <typename Fn>
void Guarded(void* parser, Fn&& fn) {
  auto& h = HandlersOf(parser);
  if (h.error) return;
  try {
    fn(h);
  } catch (const MalformedXlsx& e) {
    h.error = std::make_unique<MalformedXlsx>(e);
    XML_StopParser(static_cast<XML_Parser>(parser), XML_FALSE);
  }
}

/// Streams a part through expat with `h`; false if the part does not exist.
bool ParsePart(XlsxReader::Impl& impl, const std::string& name, XmlHandlers& h, bool required) {
  auto part = PartStream::Open(impl.zip, name, impl.limits.max_part_bytes, impl.limits,
                               impl.archive_bytes);
  if (!part) {
    if (required) Bad("missing part " + name);
    return false;
  }
  XML_Parser p = NewParser(&h);
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> owner(p, XML_ParserFree);
  XML_SetElementHandler(
      p,
      [](void* u, const char* n, const char** a) {
        Guarded(u, [&](XmlHandlers& h) { h.start(Local(n), a); });
      },
      [](void* u, const char* n) {
        Guarded(u, [&](XmlHandlers& h) {
          if (h.end) h.end(Local(n));
        });
      });
  XML_SetCharacterDataHandler(p, [](void* u, const char* s, int len) {
    Guarded(u, [&](XmlHandlers& h) {
      if (h.chars) h.chars(std::string_view(s, static_cast<size_t>(len)));
    });
  });
  std::vector<char> buf(kChunkBytes);
  for (;;) {
    const size_t n = part->Read(buf.data(), buf.size());
    if (XML_Parse(p, buf.data(), static_cast<int>(n), n == 0) != XML_STATUS_OK) {
      if (h.error) throw *h.error;
      Bad("broken XML in " + name + ": " + XmlError(p));
    }
    if (n == 0) return true;
  }
}

void ReadSharedStrings(XlsxReader::Impl& impl) {
  const XlsxLimits& lim = impl.limits;
  bool in_t = false;
  int phonetic = 0;  // <rPh> runs hold furigana/pinyin guides, not cell text
  XmlHandlers h;
  h.start = [&](const char* n, const char** a) {
    if (std::strcmp(n, "sst") == 0) {
      // The declared count only sizes a reservation (address space, not memory touched).
      const int declared = IntAttr(Attr(a, "uniqueCount"), 0);
      impl.shared.Reserve(std::min<uint64_t>(static_cast<uint64_t>(declared), lim.max_shared_strings));
    } else if (std::strcmp(n, "si") == 0) {
      if (impl.shared.size() >= lim.max_shared_strings) {
        LimitExceeded("共享字符串条数", "shared strings", lim.max_shared_strings, "条", "entries",
                      0);
      }
      impl.shared.Begin();
    } else if (std::strcmp(n, "rPh") == 0) {
      ++phonetic;
    } else if (std::strcmp(n, "t") == 0) {
      in_t = true;
    }
  };
  h.end = [&](const char* n) {
    if (std::strcmp(n, "rPh") == 0) --phonetic;
    if (std::strcmp(n, "t") == 0) in_t = false;
  };
  h.chars = [&](std::string_view s) {
    if (!in_t || phonetic != 0 || impl.shared.size() == 0) return;
    if (impl.shared.last_size() + s.size() > lim.max_cell_bytes) {
      LimitExceeded("共享字符串第" + std::to_string(impl.shared.size()) + "条的长度",
                    "shared string " + std::to_string(impl.shared.size()), lim.max_cell_bytes,
                    "字节", "bytes", 0);
    }
    if (impl.shared.bytes() + s.size() > lim.max_shared_string_bytes) {
      LimitExceeded("共享字符串总长度", "shared strings in total", lim.max_shared_string_bytes,
                    "字节", "bytes", 0);
    }
    impl.shared.Append(s);
  };
  ParsePart(impl, "xl/sharedStrings.xml", h, false);
}

bool IsDateFormatCode(const char* code) {
  bool quoted = false;
  bool bracket = false;
  for (; *code != '\0'; ++code) {
    const char c = *code;
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '[') bracket = true;
    if (!quoted && c == ']') bracket = false;
    if (!quoted && !bracket && (c == 'y' || c == 'Y' || c == 'd' || c == 'D')) return true;
  }
  return false;
}

void ReadStyles(XlsxReader::Impl& impl) {
  std::unordered_map<int, bool> custom;  // numFmtId → is a date; a later entry wins
  bool in_xfs = false;
  XmlHandlers h;
  h.start = [&](const char* n, const char** a) {
    if (std::strcmp(n, "numFmt") == 0) {
      const char* code = Attr(a, "formatCode");
      const int id = IntAttr(Attr(a, "numFmtId"), -1);
      if (id >= 0 && code != nullptr) custom[id] = IsDateFormatCode(code);
    } else if (std::strcmp(n, "cellXfs") == 0) {
      in_xfs = true;
    } else if (in_xfs && std::strcmp(n, "xf") == 0) {
      const int id = IntAttr(Attr(a, "numFmtId"), 0);
      // Built-in date formats (ECMA-376 §18.8.30), including the CJK ones 27–36 and 50–58.
      bool date = (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
                  (id >= 50 && id <= 58);
      if (auto it = custom.find(id); it != custom.end()) date = it->second;
      impl.date_style.push_back(date);
    }
  };
  h.end = [&](const char* n) {
    if (std::strcmp(n, "cellXfs") == 0) in_xfs = false;
  };
  ParsePart(impl, "xl/styles.xml", h, false);
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
  ParsePart(impl, "xl/workbook.xml", wb, true);
  if (rel_id.empty()) Bad("the workbook has no sheet");
  std::string target;
  XmlHandlers rels;
  rels.start = [&](const char* n, const char** a) {
    const char* id = Attr(a, "Id");
    if (std::strcmp(n, "Relationship") == 0 && id != nullptr && rel_id == id) {
      target = Attr(a, "Target") != nullptr ? Attr(a, "Target") : "";
    }
  };
  ParsePart(impl, "xl/_rels/workbook.xml.rels", rels, true);
  if (target.empty()) Bad("the first sheet's part is not named");
  return target[0] == '/' ? target.substr(1) : "xl/" + target;
}

void OpenParts(XlsxReader::Impl& impl) {
  const std::string sheet = FirstSheetPath(impl);
  ReadSharedStrings(impl);
  ReadStyles(impl);
  impl.sheet = PartStream::Open(impl.zip, sheet, impl.limits.max_sheet_bytes, impl.limits,
                                impl.archive_bytes);
  if (!impl.sheet) Bad("missing part " + sheet);
}

}  // namespace

void LimitExceeded(const std::string& what_zh, const std::string& what_en, uint64_t limit,
                   const char* unit_zh, const char* unit_en, int64_t line) {
  throw MalformedXlsx("xlsx_limit_exceeded",
                      "Excel文件超出限制：" + what_zh + "超过" + std::to_string(limit) + unit_zh,
                      "the Excel file exceeds a limit: " + what_en + " over " +
                          std::to_string(limit) + " " + unit_en,
                      line);
}

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

XML_Parser NewParser(void* user_data) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  if (p == nullptr) throw std::bad_alloc();
  XML_SetUserData(p, user_data);
  XML_UseParserAsHandlerArg(p);
  XML_SetStartDoctypeDeclHandler(p, [](void* parser, const char*, const char*, const char*, int) {
    XML_StopParser(static_cast<XML_Parser>(parser), XML_FALSE);
  });
  return p;
}

std::string XmlError(XML_Parser p) {
  if (XML_GetErrorCode(p) == XML_ERROR_ABORTED) return "a DOCTYPE is not allowed";
  return XML_ErrorString(XML_GetErrorCode(p));
}

std::unique_ptr<PartStream> PartStream::Open(zip_t* zip, const std::string& name,
                                             uint64_t max_bytes, const XlsxLimits& limits,
                                             uint64_t archive_bytes) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip, name.c_str(), 0, &st) != 0) return nullptr;
  zip_file_t* f = zip_fopen(zip, name.c_str(), 0);
  if (f == nullptr) Bad("cannot open part " + name);
  std::unique_ptr<PartStream> part(new PartStream());
  part->file_ = f;
  part->name_ = name;
  part->max_bytes_ = max_bytes;
  part->max_ratio_ = limits.max_ratio;
  const uint64_t declared = (st.valid & ZIP_STAT_COMP_SIZE) != 0 ? st.comp_size : archive_bytes;
  part->compressed_ = std::max<uint64_t>(1, std::min(declared, archive_bytes));
  return part;
}

PartStream::~PartStream() {
  if (file_ != nullptr) zip_fclose(file_);
}

size_t PartStream::Read(char* buf, size_t n, int64_t line) {
  const zip_int64_t got = zip_fread(file_, buf, n);
  if (got < 0) throw MalformedXlsx("the part " + name_ + " cannot be decompressed", line);
  inflated_ += static_cast<uint64_t>(got);
  if (inflated_ > max_bytes_) {
    const bool mib = max_bytes_ % (uint64_t{1} << 20) == 0;
    LimitExceeded("部件" + name_ + "解压后的大小", "the inflated size of " + name_,
                  mib ? max_bytes_ >> 20 : max_bytes_, mib ? "MiB" : "字节", mib ? "MiB" : "bytes",
                  line);
  }
  if (inflated_ > kRatioGraceBytes && inflated_ / compressed_ > max_ratio_) {
    LimitExceeded("部件" + name_ + "的压缩比", "the compression ratio of " + name_, max_ratio_,
                  "倍", "to 1", line);
  }
  return static_cast<size_t>(got);
}

size_t StringTable::BlockSize(uint64_t max_entry) {
  return std::max<size_t>(kMinBlockBytes, static_cast<size_t>(max_entry));
}

void StringTable::Begin() {
  const uint64_t at = blocks_.empty() ? 0 : (blocks_.size() - 1) * block_size_ + used_;
  start_.push_back(at);
  size_.push_back(0);
}

void StringTable::Append(std::string_view s) {
  const size_t len = size_.back();
  if (blocks_.empty() || used_ + s.size() > block_size_) {
    // The entry moves whole into a fresh block (entries never straddle blocks).
    auto block = std::make_unique<char[]>(block_size_);
    if (len > 0) std::memcpy(block.get(), Get(start_.size() - 1).data(), len);
    blocks_.push_back(std::move(block));
    used_ = len;
    start_.back() = (blocks_.size() - 1) * block_size_;
  }
  std::memcpy(blocks_.back().get() + used_, s.data(), s.size());
  used_ += s.size();
  size_.back() = static_cast<uint32_t>(len + s.size());
  bytes_ += s.size();
}

std::string_view StringTable::Get(size_t i) const {
  if (size_[i] == 0) return {};
  const uint64_t at = start_[i];
  return {blocks_[at / block_size_].get() + at % block_size_, size_[i]};
}

std::unique_ptr<XlsxReader::Impl> OpenSheet(const std::string& path, const XlsxLimits& limits) {
  auto impl = std::make_unique<XlsxReader::Impl>(limits);
  int err = 0;
  impl->zip = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (impl->zip == nullptr) {
    if (err == ZIP_ER_NOENT || err == ZIP_ER_OPEN) Bad("cannot open " + path);
    Bad("not a ZIP package");
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  impl->archive_bytes = ec ? UINT64_MAX : size;
  OpenParts(*impl);
  return impl;
}

std::unique_ptr<XlsxReader::Impl> OpenSheetFromBytes(std::string bytes, const XlsxLimits& limits) {
  auto impl = std::make_unique<XlsxReader::Impl>(limits);
  impl->bytes = std::move(bytes);
  impl->archive_bytes = impl->bytes.size();
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(impl->bytes.data(), impl->bytes.size(), 0, &error);
  if (src != nullptr) impl->zip = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (impl->zip == nullptr) {
    if (src != nullptr) zip_source_free(src);
    zip_error_fini(&error);
    Bad("not a ZIP package");
  }
  zip_error_fini(&error);
  OpenParts(*impl);
  return impl;
}

}  // namespace jixu::app::xlsx
