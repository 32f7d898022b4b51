#pragma once
// Checks every imported field passes before its column's own rules (CSV and .xlsx alike): the
// text is UTF-8, and holds no control character but tab. Kept apart from the importer so the
// fuzz harness of the readers can run them without a store.
#include <optional>
#include <string_view>

namespace jixu::app {

/// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF.
bool ValidUtf8(std::string_view s);

/// The first control character of `s` (valid UTF-8) as its code point: C0 but tab, DEL, or C1
/// (U+0080–U+009F); nullopt if none. A NUL or an escape sequence stored in a name would cut or
/// colour whatever later prints it (reports, certificates, terminals).
std::optional<unsigned> ControlChar(std::string_view s);

}  // namespace jixu::app
