#include "cli/parquet_options.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

#include "parquet/codec/codec.h"

namespace strata::cli {
namespace {

std::string Lower(std::string_view text) {
  std::string out;
  for (char c : text) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

// nullopt means auto.
Result<std::optional<parquet::Encoding>> ParseEncoding(std::string_view name) {
  using parquet::Encoding;
  static constexpr std::pair<std::string_view, Encoding> kNames[] = {
      {"plain", Encoding::kPlain},
      {"dictionary", Encoding::kRleDictionary},
      {"rle_dictionary", Encoding::kRleDictionary},
      {"delta_binary_packed", Encoding::kDeltaBinaryPacked},
      {"delta", Encoding::kDeltaBinaryPacked},
      {"delta_length_byte_array", Encoding::kDeltaLengthByteArray},
      {"delta_byte_array", Encoding::kDeltaByteArray},
      {"byte_stream_split", Encoding::kByteStreamSplit},
  };
  std::string lower = Lower(name);
  if (lower == "auto") return std::optional<Encoding>();
  for (const auto& [n, e] : kNames) {
    if (lower == n) return std::optional<Encoding>(e);
  }
  return Status::Invalid(
      "unknown encoding '{}' (expected auto, plain, dictionary, delta_binary_packed, "
      "delta_length_byte_array, delta_byte_array or byte_stream_split)",
      name);
}

Status ApplyEncoding(const std::string& spec, parquet::WriterOptions* out) {
  size_t eq = spec.find('=');
  if (eq == std::string::npos) {
    ASSIGN_OR_RETURN(out->column.encoding, ParseEncoding(spec));
    return Status::OK();
  }
  ASSIGN_OR_RETURN(auto encoding, ParseEncoding(spec.substr(eq + 1)));
  const std::string column = spec.substr(0, eq);
  if (encoding) {
    out->column_encodings[column] = *encoding;
  } else {
    out->column_encodings.erase(column);
  }
  return Status::OK();
}

// One --compression value: the default codec, or one column's.
Status ApplyCompression(const std::string& spec, bool* default_level, parquet::WriterOptions* out) {
  const size_t eq = spec.find('=');
  if (eq == std::string::npos) {
    Result<parquet::WriterOptions::ColumnCodec> codec = ParseCodecSpec(spec);
    if (!codec.ok()) return codec.status().WithContext(fmt::format("--compression '{}'", spec));
    out->column.codec = codec->codec;
    out->column.compression_level = codec->level;
    *default_level = codec->level.has_value();
    return Status::OK();
  }
  const std::string column = spec.substr(0, eq);
  if (column.empty()) return Status::Invalid("--compression '{}': empty column name", spec);
  Result<parquet::WriterOptions::ColumnCodec> codec = ParseCodecSpec(spec.substr(eq + 1));
  if (!codec.ok()) {
    return codec.status().WithContext(fmt::format("--compression '{}': column '{}'", spec, column));
  }
  out->column_codecs[column] = *codec;
  return Status::OK();
}

// --compression's values, then --level for the default codec.
Status ApplyCompressions(const ParquetCliOptions& o, parquet::WriterOptions* out) {
  bool default_level = false;  // Whether a CODEC:LEVEL set the default's level.
  for (const std::string& spec : o.compression) {
    RETURN_NOT_OK(ApplyCompression(spec, &default_level, out));
  }
  if (o.level == 0) return Status::OK();
  if (default_level) {
    return Status::Invalid("--level {} and a --compression CODEC:LEVEL both set the level",
                           o.level);
  }
  out->column.compression_level = o.level;
  Result<std::unique_ptr<parquet::Codec>> codec =
      parquet::Codec::Make(out->column.codec, out->column.compression_level);
  return codec.status().WithContext(fmt::format("--level {}", o.level));
}

}  // namespace

// The level is checked by making the codec, so the ranges live in one place.
Result<parquet::WriterOptions::ColumnCodec> ParseCodecSpec(std::string_view text) {
  parquet::WriterOptions::ColumnCodec out;
  const size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  if (!parquet::ParseCompressionCodec(name, &out.codec)) {
    return Status::Invalid(
        "unknown codec '{}' (expected zstd, snappy, gzip, lz4, brotli or uncompressed)", name);
  }
  if (colon == std::string_view::npos) return out;
  const std::string_view level = text.substr(colon + 1);
  int value = 0;
  auto [end, ec] = std::from_chars(level.data(), level.data() + level.size(), value);
  if (level.empty() || ec != std::errc() || end != level.data() + level.size()) {
    return Status::Invalid("invalid level '{}' (expected an integer)", level);
  }
  out.level = value;
  RETURN_NOT_OK(parquet::Codec::Make(out.codec, out.level).status());
  return out;
}

Result<int64_t> ParseByteSize(std::string_view text) {
  int64_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || number < 0) return Status::Invalid("invalid size '{}'", text);
  static constexpr std::pair<std::string_view, int64_t> kUnits[] = {
      {"", 1},          {"b", 1},           {"k", 1 << 10},   {"kb", 1000},
      {"kib", 1 << 10}, {"m", 1 << 20},     {"mb", 1000000},  {"mib", 1 << 20},
      {"g", 1 << 30},   {"gb", 1000000000}, {"gib", 1 << 30},
  };
  std::string unit = Lower(std::string_view(end, text.data() + text.size() - end));
  for (const auto& [name, scale] : kUnits) {
    if (unit == name) return number * scale;
  }
  return Status::Invalid("invalid size '{}' (use e.g. 64KB, 1MB, 128MiB)", text);
}

void AddParquetWriteOptions(CLI::App* cmd, ParquetCliOptions* o) {
  // One value per occurrence, so `--compression zstd INPUT` leaves INPUT positional.
  cmd->add_option("--compression", o->compression,
                  "CODEC[:LEVEL] or COLUMN=CODEC[:LEVEL] (repeatable, comma-separated): zstd "
                  "(default), snappy, gzip, lz4, brotli, uncompressed (COLUMN: a top-level "
                  "name, or a nested leaf's path)")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("--level", o->level,
                  "Compression level of the default codec (zstd 1-22, gzip 1-9, brotli 0-11)");
  cmd->add_option("--row-group-rows", o->row_group_rows, "Rows per row group at most")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--row-group-size", o->row_group_size, "Bytes per row group at most (128MB)");
  cmd->add_option("--page-size", o->page_size, "Target bytes per data page (1MB)");
  cmd->add_option("--dictionary-page-size", o->dictionary_page_size,
                  "Dictionary bytes before falling back to a direct encoding (1MB)");
  cmd->add_option("--data-page-version", o->data_page_version, "1 (default) or 2")
      ->check(CLI::IsMember({1, 2}));
  cmd->add_option("--encoding", o->encodings,
                  "ENCODING or COLUMN=ENCODING: auto, plain, dictionary, delta_binary_packed, "
                  "delta_length_byte_array, delta_byte_array, byte_stream_split (COLUMN: a "
                  "top-level name, or a nested leaf's path such as tags.list.element; "
                  "repeatable, comma-separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("--bloom-filter", o->bloom_filter_columns,
                  "Columns (or nested leaf paths) that get a bloom filter (comma-separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_flag("!--no-page-index", o->page_index, "Do not write the page index");
  cmd->add_flag("!--no-checksums", o->checksums, "Do not write page CRCs");
}

Result<parquet::WriterOptions> ToWriterOptions(const ParquetCliOptions& o) {
  parquet::WriterOptions out;
  RETURN_NOT_OK(ApplyCompressions(o, &out));
  out.row_group_rows = o.row_group_rows;
  ASSIGN_OR_RETURN(out.row_group_bytes, ParseByteSize(o.row_group_size));
  ASSIGN_OR_RETURN(out.column.page_bytes, ParseByteSize(o.page_size));
  ASSIGN_OR_RETURN(out.column.dictionary_page_bytes, ParseByteSize(o.dictionary_page_size));
  if (out.row_group_bytes <= 0 || out.column.page_bytes <= 0) {
    return Status::Invalid("--row-group-size and --page-size must be positive");
  }
  out.column.data_page_version = o.data_page_version;
  for (const std::string& spec : o.encodings) {
    RETURN_NOT_OK(ApplyEncoding(spec, &out).WithContext("--encoding"));
  }
  out.bloom_filter_columns.insert(o.bloom_filter_columns.begin(), o.bloom_filter_columns.end());
  out.column.write_page_index = o.page_index;
  out.column.write_checksums = o.checksums;
  return out;
}

}  // namespace strata::cli
