#pragma once
// The catalogue's pure helpers (issue 11 item 6): the search terms a course or textbook is
// indexed under and a query is split into, and ISBN checking. No I/O.
//
// Why terms and not LIKE '%…%': a substring LIKE reads every row, and the catalogue must answer
// tens of thousands of courses in milliseconds on both backends without extensions. Chinese has
// no spaces, so text is cut into overlapping pairs of characters (bigrams: 急诊急救 → 急诊 诊急
// 急救); a run of ASCII letters and digits is one lower-cased word. A query matches a document
// when every one of its terms is among the document's, which the term index answers directly.
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.hpp"

namespace jixu::market {

/// The distinct terms of `text` (sorted): bigrams of each run of non-ASCII characters (a run of
/// one character gives that character), lower-cased ASCII words of letters and digits.
/// Punctuation (ASCII and the common CJK marks) separates runs.
std::vector<std::string> SearchTerms(std::string_view text);

/// The terms of a query; empty if it has none (only punctuation or spaces).
inline std::vector<std::string> QueryTerms(std::string_view q) { return SearchTerms(q); }

/// A well-formed ISBN-13 (hyphens and spaces allowed; 978/979 prefix, check digit) or ISBN-10
/// (check digit, X allowed), returned as the 13 digits; an Error naming `field` otherwise.
Result<std::string> ValidateIsbn(std::string_view text, std::string_view field = "isbn");

}  // namespace jixu::market
