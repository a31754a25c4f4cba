// Helpers shared by the CSV tokenizer and chunker; not part of the API.
#pragma once

#include "common/status.h"
#include "formats/csv_dialect.h"

namespace strata::formats::internal {

// Invalid when the tokenizer and chunker could not agree on the dialect's
// meaning: a quote or delimiter that is a line terminator or NUL, a quote
// equal to the delimiter, an escape that is a line terminator.
Status ValidateCsvDialect(const CsvDialect& dialect);

// The escape character in effect: none ('\0') when it equals the quote,
// because then it is RFC 4180's doubled quote.
inline char EffectiveEscape(const CsvDialect& dialect) {
  return dialect.escape == dialect.quote ? '\0' : dialect.escape;
}

}  // namespace strata::formats::internal
