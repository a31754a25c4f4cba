// Type inference for text values: each column keeps the narrowest type
// that every value it has seen fits, on a lattice
//   null < bool | int64 < decimal(p,s) < float64 | date < timestamp |
//   timestamp(UTC) | time | uuid < string
// where unrelated types meet at string. Integers with a leading zero
// ("007") are codes and stay strings; ambiguous day/month orders
// ("03/04/2025" with no day above 12 anywhere) are an error unless a
// date format is given.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "columnar/types.h"
#include "common/result.h"
#include "formats/value_options.h"

namespace strata::formats {

// Thread safety: none. Merge() combines inferences made in parallel.
class ColumnInference {
 public:
  // REQUIRES: `options` outlives this object.
  explicit ColumnInference(const ValueOptions* options);
  ~ColumnInference();
  ColumnInference(ColumnInference&&) noexcept;
  ColumnInference& operator=(ColumnInference&&) noexcept;

  // Widens the column's candidate type so that `text` fits.
  void Observe(std::string_view text, bool quoted);
  void Merge(const ColumnInference& other);
  // The inferred type: string when nothing narrower fits all values, and
  // also string for a column that held only nulls. Fails with Invalid when
  // the values are dates in an ambiguous order, naming an example value.
  // Also fails with Invalid for a malformed date or timestamp format.
  Result<TypePtr> Type() const;
  // The strptime format the column's dates are read with: options.date_format
  // when given; for dates written a/b/YYYY, the order inference proved
  // ("%d/%m/%Y" or "%m/%d/%Y", with the separator seen); "" for ISO dates.
  // Callers put it into the column's ValueOptions::date_format before
  // making its ColumnParser, since the parser reads exactly one form.
  std::string date_format() const;
  bool saw_null() const;
  // Every Observe() call, nulls included.
  int64_t values_seen() const;

 private:
  struct State;
  const ValueOptions* options_;
  std::unique_ptr<State> state_;
};

}  // namespace strata::formats
