#pragma once
// The import template of each kind (导入模板): the columns the importer reads, by their Chinese
// headers (required ones marked "*", which the importer strips), the values each enumerated
// column accepts, a sample row; and the .xlsx a clerk fills in, with drop-down lists for the
// enumerations, code columns formatted as text and a sheet of instructions.
#include <string>
#include <vector>

#include "app/importer.hpp"

namespace jixu::app::import {

struct TemplateColumn {
  std::string name;                     ///< canonical ("id_number")
  std::string zh;                       ///< Chinese header ("身份证号")
  bool required = false;
  std::vector<std::string> values_zh;   ///< accepted values (Chinese) of an enumeration; empty: free
  std::string hint_zh;                  ///< how to fill it in
  std::string sample;                   ///< the sample row's value
};

/// The columns of `kind`, in the importer's order.
std::vector<TemplateColumn> TemplateColumns(ImportKind kind);

/// "导入模板-人员" etc.: the Chinese name of the kind, for file names and titles.
std::string KindNameZh(ImportKind kind);

/// Writes the template of `kind` to `path` (.xlsx). Throws Fault if it cannot.
void WriteTemplate(ImportKind kind, const std::string& path);

}  // namespace jixu::app::import
