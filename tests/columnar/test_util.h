// Helpers shared by the columnar tests: status assertions and one-line
// vector construction.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "columnar/record_batch.h"
#include "common/result.h"
#include "testing/status_matchers.h"

namespace strata::testing {

template <typename T>
using Opt = std::optional<T>;

// A fixed-width vector of T from values, std::nullopt meaning null.
template <typename T>
VectorPtr MakeVector(const std::vector<Opt<T>>& values, TypePtr type = CTypeTraits<T>::type()) {
  NumericBuilder<T> builder(std::move(type));
  for (const auto& v : values) CHECK_OK(v ? builder.Append(*v) : builder.AppendNull());
  return builder.Finish().ValueOrDie();
}

inline VectorPtr MakeBools(const std::vector<Opt<bool>>& values) {
  BoolBuilder builder;
  for (const auto& v : values) CHECK_OK(v ? builder.Append(*v) : builder.AppendNull());
  return builder.Finish().ValueOrDie();
}

inline VectorPtr MakeStrings(const std::vector<Opt<std::string>>& values, TypePtr type = String()) {
  BinaryBuilder builder(std::move(type));
  for (const auto& v : values) CHECK_OK(v ? builder.Append(*v) : builder.AppendNull());
  return builder.Finish().ValueOrDie();
}

// A list<int32> vector; an outer nullopt is a null list.
inline VectorPtr MakeIntLists(const std::vector<Opt<std::vector<Opt<int32_t>>>>& lists) {
  ListBuilder builder(List(Int32()), std::make_unique<Int32Builder>());
  auto* values = static_cast<Int32Builder*>(builder.value_builder());
  for (const auto& list : lists) {
    CHECK_OK(builder.Append(list.has_value()));
    if (!list) continue;
    for (const auto& v : *list) CHECK_OK(v ? values->Append(*v) : values->AppendNull());
  }
  return builder.Finish().ValueOrDie();
}

// A batch whose schema has one nullable field per column, named by `names`.
inline RecordBatchPtr MakeBatch(const std::vector<std::string>& names,
                                std::vector<VectorPtr> columns) {
  std::vector<Field> fields;
  for (size_t i = 0; i < names.size(); ++i) fields.emplace_back(names[i], columns[i]->type());
  const int64_t rows = columns.empty() ? 0 : columns[0]->length();
  return RecordBatch::Make(MakeSchema(std::move(fields)), std::move(columns), rows).ValueOrDie();
}

inline BufferPtr BufferOf(std::span<const uint8_t> bytes) {
  return Buffer::CopyOf(bytes).ValueOrDie();
}

template <typename T>
BufferPtr BufferOfValues(const std::vector<T>& values) {
  return BufferOf({reinterpret_cast<const uint8_t*>(values.data()), values.size() * sizeof(T)});
}

}  // namespace strata::testing
