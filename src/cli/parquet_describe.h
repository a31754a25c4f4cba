// Human-readable descriptions of Parquet metadata for `schema` and `meta`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/context.h"
#include "parquet/file_reader.h"

namespace strata::cli {

// Adds a subcommand `name FILE` that opens FILE as Parquet and hands the
// reader to `print` (text or JSON per ctx). Shared by schema and meta.
void AddParquetInfoCommand(CLI::App* app, CliContext* ctx, Status* result, const std::string& name,
                           const std::string& description,
                           void (*print)(const parquet::ParquetReader& reader,
                                         const CliContext& ctx));

// "INT64 REQUIRED, TIMESTAMP(MICROS, UTC) / TIMESTAMP_MICROS" for the leaf
// of flat top-level field `field`; "group of N leaf columns" for a nested one.
std::string DescribeStorage(const parquet::ParquetReader& reader, int field);

// The storage of leaf `leaf_index` as above, with its maximum definition and
// repetition levels when it belongs to a nested field.
std::string DescribeLeaf(const parquet::ParquetReader& reader, int leaf_index);

// The leaf indices of top-level field `field`, in file order.
std::vector<int> LeavesOf(const parquet::ParquetReader& reader, int field);

// A statistics bound (PLAIN bytes of `leaf`'s physical type) as text: the
// decoded value for numbers (unsigned and decimal aware; decimals unscaled)
// and booleans, the string for UTF-8 strings, hex otherwise.
std::string DescribeBound(const parquet::LeafColumn& leaf, const std::string& bytes);

}  // namespace strata::cli
