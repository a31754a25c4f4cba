// libFuzzer entry point for nested Parquet columns: the repetition and
// definition levels of data pages as LeafColumnBuilder decodes and keeps
// them, and the record assembly (AssembleField) that rebuilds struct, list
// and map values from them. Input layout:
//   byte 0   the schema (index into Schemas(), below)
//   byte 1   the row group's row count
//   then one chunk per leaf of the schema, in leaf order:
//     u16 LE   the levels the chunk holds (mod kMaxLevels + 1)
//     pages, while the chunk lacks levels, input is left and at most
//     kMaxPages were read:
//       u8       flags: bit 0 repetition levels BIT_PACKED (else RLE),
//                bit 1 definition levels BIT_PACKED (else RLE)
//       u16 LE   num_values (mod kMaxLevels + 1)
//       3 u16 LE the byte lengths of the repetition level, definition level
//                and PLAIN value sections (each cut to the input left)
//       the three sections: bare hybrid runs or legacy packed bits, values
// Every outcome must be OK, Corruption or Invalid (never a crash, hang or
// out-of-bounds access: run under ASan). When OK, every top-level field has
// the row count, its layout's type, passes ValidateFull() and holds no null
// where its type says not null.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "columnar/json_writer.h"
#include "columnar/vector.h"
#include "common/buffer.h"
#include "common/result.h"
#include "parquet/assemble.h"
#include "parquet/column_builder.h"
#include "parquet/column_reader.h"
#include "parquet/page_reader.h"
#include "parquet/schema_read.h"
#include "parquet/value_decoder.h"

namespace strata::parquet::levels_fuzz {

// Bounds that keep every input cheap: levels per chunk (and values per
// page), and pages per chunk.
constexpr int64_t kMaxLevels = 4096;
constexpr int kMaxPages = 8;

namespace {

SchemaElement Group(std::string name, Repetition repetition, int32_t children,
                    std::optional<ConvertedType> converted = std::nullopt) {
  SchemaElement e{.repetition_type = repetition, .name = std::move(name), .num_children = children};
  e.converted_type = converted;
  return e;
}

SchemaElement Leaf(std::string name, PhysicalType type, Repetition repetition,
                   std::optional<ConvertedType> converted = std::nullopt) {
  SchemaElement e{.type = type, .repetition_type = repetition, .name = std::move(name)};
  e.converted_type = converted;
  return e;
}

constexpr Repetition kRequired = Repetition::kRequired;
constexpr Repetition kOptional = Repetition::kOptional;
constexpr Repetition kRepeated = Repetition::kRepeated;

std::vector<std::vector<SchemaElement>> SchemaElements() {
  const ConvertedType utf8 = ConvertedType::kUtf8;
  const ConvertedType list = ConvertedType::kList;
  return {
      // The Dremel paper's Document: a flat field, a struct of two lists
      // (different first leaves), and lists of structs of lists.
      {Group("Document", kRequired, 3), Leaf("DocId", PhysicalType::kInt64, kRequired),
       Group("Links", kOptional, 2), Leaf("Backward", PhysicalType::kInt64, kRepeated),
       Leaf("Forward", PhysicalType::kInt64, kRepeated), Group("Name", kRepeated, 2),
       Group("Language", kRepeated, 2), Leaf("Code", PhysicalType::kByteArray, kRequired, utf8),
       Leaf("Country", PhysicalType::kByteArray, kOptional, utf8),
       Leaf("Url", PhysicalType::kByteArray, kOptional, utf8)},
      // optional list<optional int32>
      {Group("schema", kRequired, 1), Group("l", kOptional, 1, list), Group("list", kRepeated, 1),
       Leaf("element", PhysicalType::kInt32, kOptional)},
      // optional list<optional list<int32>>
      {Group("schema", kRequired, 1), Group("a", kOptional, 1, list), Group("list", kRepeated, 1),
       Group("element", kOptional, 1, list), Group("list", kRepeated, 1),
       Leaf("element", PhysicalType::kInt32, kRequired)},
      // optional map<string, optional list<optional int32>>. The key is
      // optional, as some old writers declare it: the map type makes it
      // non-null, so levels giving it a null must fail.
      {Group("schema", kRequired, 1), Group("m", kOptional, 1, ConvertedType::kMap),
       Group("key_value", kRepeated, 2), Leaf("key", PhysicalType::kByteArray, kOptional, utf8),
       Group("value", kOptional, 1, list), Group("list", kRepeated, 1),
       Leaf("element", PhysicalType::kInt32, kOptional)},
      // optional struct<a: optional list<int32>, b: optional struct<c:
      // optional int32, d: bool not null>>
      {Group("schema", kRequired, 1), Group("s", kOptional, 2), Group("a", kOptional, 1, list),
       Group("list", kRepeated, 1), Leaf("element", PhysicalType::kInt32, kRequired),
       Group("b", kOptional, 2), Leaf("c", PhysicalType::kInt32, kOptional),
       Leaf("d", PhysicalType::kBoolean, kRequired)},
      // Four repetition levels, eight definition levels: a list of structs
      // holding an unannotated repeated group of lists of structs whose
      // first field is an unannotated repeated leaf.
      {Group("schema", kRequired, 1), Group("l1", kOptional, 1, list), Group("list", kRepeated, 1),
       Group("element", kOptional, 1), Group("r2", kRepeated, 1), Group("l3", kOptional, 1, list),
       Group("list", kRepeated, 1), Group("s4", kOptional, 2),
       Leaf("r5", PhysicalType::kByteArray, kRepeated, utf8),
       Leaf("x", PhysicalType::kInt32, kOptional)},
      // A legacy two-level list beside a flat column.
      {Group("schema", kRequired, 2), Group("arr", kOptional, 1, list),
       Leaf("array", PhysicalType::kInt32, kRepeated),
       Leaf("tag", PhysicalType::kByteArray, kOptional, utf8)},
  };
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "levels fuzzer: %s\n", what.c_str());
  std::abort();
}

std::vector<InterpretedSchema> InterpretAll() {
  std::vector<InterpretedSchema> schemas;
  for (const std::vector<SchemaElement>& elements : SchemaElements()) {
    Result<InterpretedSchema> schema = InterpretParquetSchema(elements);
    if (!schema.ok()) Fail("schema: " + schema.status().ToString());
    for (const Status& status : schema->field_status) {
      if (!status.ok()) Fail("schema field: " + status.ToString());
    }
    schemas.push_back(std::move(schema).value());
  }
  return schemas;
}

// Reads the input front to back; reads past the end yield zeros and empty
// sections.
class InputReader {
 public:
  explicit InputReader(std::span<const uint8_t> data) : data_(data) {}

  bool empty() const { return data_.empty(); }

  uint8_t U8() {
    if (data_.empty()) return 0;
    const uint8_t byte = data_[0];
    data_ = data_.subspan(1);
    return byte;
  }

  uint16_t U16() {
    const uint16_t low = U8();
    const uint16_t high = U8();
    return static_cast<uint16_t>(low | high << 8);
  }

  // The next `n` bytes (fewer at the end) copied to their own allocation,
  // so that ASan catches a decoder reading past its section.
  std::vector<uint8_t> Section(size_t n) {
    n = std::min(n, data_.size());
    std::vector<uint8_t> out(data_.begin(), data_.begin() + static_cast<std::ptrdiff_t>(n));
    data_ = data_.subspan(n);
    return out;
  }

 private:
  std::span<const uint8_t> data_;
};

// Decodes one leaf's chunk as the reader does (ChunkDecoder in
// column_reader.cc), keeping its levels.
Result<LeveledChunk> DecodeChunk(const LeafColumn& leaf, InputReader* in) {
  const int64_t num_levels = in->U16() % (kMaxLevels + 1);
  ASSIGN_OR_RETURN(std::unique_ptr<ValueDecoder> decoder,
                   ValueDecoder::Make(leaf.physical_type, leaf.type_length));
  LeafColumnBuilder builder(leaf, decoder.get(), num_levels, /*keep_levels=*/true);
  RETURN_NOT_OK(builder.Reserve());
  for (int pages = 0; builder.rows() < num_levels && pages < kMaxPages && !in->empty(); ++pages) {
    const uint8_t flags = in->U8();
    DataPage page;
    page.num_values = static_cast<int32_t>(in->U16() % (kMaxLevels + 1));
    page.encoding = Encoding::kPlain;
    page.repetition_level_encoding = (flags & 1) != 0 ? Encoding::kBitPacked : Encoding::kRle;
    page.definition_level_encoding = (flags & 2) != 0 ? Encoding::kBitPacked : Encoding::kRle;
    const uint16_t rep_size = in->U16();
    const uint16_t def_size = in->U16();
    const uint16_t values_size = in->U16();
    const std::vector<uint8_t> rep = in->Section(rep_size);
    const std::vector<uint8_t> def = in->Section(def_size);
    const std::vector<uint8_t> values = in->Section(values_size);
    page.repetition_levels = rep;
    page.definition_levels = def;
    page.values = values;
    RETURN_NOT_OK(builder.AddPage(page));
  }
  LeveledChunk chunk;
  ASSIGN_OR_RETURN(chunk.slots, builder.Finish());
  chunk.def_levels = std::make_shared<Buffer>(builder.TakeDefinitionLevels());
  if (leaf.max_repetition_level > 0) {
    chunk.rep_levels = std::make_shared<Buffer>(builder.TakeRepetitionLevels());
  }
  return chunk;
}

// The path of a value below `vector` that is null although its field is
// not nullable (nulls under a null parent do not count), or "".
std::string NullBelow(const ColumnVector& vector, const std::string& path) {
  const DataType& type = *vector.type();
  if (type.id() == TypeId::kStruct) {
    for (int k = 0; k < vector.num_children(); ++k) {
      const ColumnVector& child = *vector.child(k);
      const std::string child_path = path + "." + type.field(k).name;
      for (int64_t i = 0; !type.field(k).nullable && i < vector.length(); ++i) {
        if (vector.IsValid(i) && child.IsNull(i)) return child_path;
      }
      std::string below = NullBelow(child, child_path);
      if (!below.empty()) return below;
    }
  } else if (type.id() == TypeId::kList || type.id() == TypeId::kMap) {
    const ColumnVector& child = *vector.child(0);
    const std::string child_path = path + "[]";
    if (!type.field(0).nullable && child.null_count() > 0) return child_path;
    return NullBelow(child, child_path);
  }
  return "";
}

}  // namespace

const std::vector<InterpretedSchema>& Schemas() {
  static const std::vector<InterpretedSchema> schemas = InterpretAll();
  return schemas;
}

// The path of a value of `field` (laid out by `layout`) that is null
// although its type says not null, or "" when there is none.
std::string NullWhereNotNullable(const ColumnVector& field, const LevelNode& layout) {
  if (!layout.nullable && field.null_count() > 0) return layout.name;
  return NullBelow(field, layout.name);
}

// Decodes every leaf chunk of the input, then assembles each top-level
// field of its schema.
Result<std::vector<VectorPtr>> Assemble(std::span<const uint8_t> input) {
  if (input.size() < 2) return Status::Invalid("the input has no header");
  const InterpretedSchema& schema = Schemas()[input[0] % Schemas().size()];
  const int64_t num_rows = input[1];
  InputReader in(input.subspan(2));
  std::vector<LeveledChunk> chunks;
  for (const LeafColumn& leaf : schema.schema.leaves) {
    ASSIGN_OR_RETURN(LeveledChunk chunk, DecodeChunk(leaf, &in));
    chunks.push_back(std::move(chunk));
  }
  std::vector<VectorPtr> fields;
  for (size_t i = 0; i < schema.layouts.size(); ++i) {
    const LevelNode& layout = schema.layouts[i];
    const auto leaves = static_cast<size_t>(std::count_if(
        schema.schema.leaves.begin(), schema.schema.leaves.end(),
        [&](const LeafColumn& leaf) { return leaf.field_index == static_cast<int>(i); }));
    const std::span<const LeveledChunk> field_chunks =
        std::span<const LeveledChunk>(chunks).subspan(static_cast<size_t>(layout.first_leaf),
                                                      leaves);
    ASSIGN_OR_RETURN(VectorPtr field, AssembleField(layout, field_chunks, num_rows));
    fields.push_back(std::move(field));
  }
  return fields;
}

// Assemble() plus the fuzzer's checks: aborts on an error other than
// Corruption or Invalid, or on a field that is not a valid vector of the
// row group's rows and its layout's type.
Result<std::vector<VectorPtr>> CheckedAssemble(std::span<const uint8_t> input) {
  Result<std::vector<VectorPtr>> fields = Assemble(input);
  if (!fields.ok()) {
    if (!fields.status().IsCorruption() && !fields.status().IsInvalid()) {
      Fail("unexpected error: " + fields.status().ToString());
    }
    return fields;
  }
  const InterpretedSchema& schema = Schemas()[input[0] % Schemas().size()];
  const int64_t num_rows = input[1];
  if (fields->size() != schema.layouts.size()) Fail("a field is missing");
  for (size_t i = 0; i < fields->size(); ++i) {
    const ColumnVector& field = *(*fields)[i];
    const LevelNode& layout = schema.layouts[i];
    if (field.length() != num_rows) {
      Fail("field '" + layout.name + "' has " + std::to_string(field.length()) + " rows, not " +
           std::to_string(num_rows));
    }
    if (!field.type()->Equals(*layout.type)) {
      Fail("field '" + layout.name + "' is a " + field.type()->ToString() + ", not a " +
           layout.type->ToString());
    }
    const Status valid = field.ValidateFull();
    if (!valid.ok()) Fail("field '" + layout.name + "' is invalid: " + valid.ToString());
    // Levels that contradict each other are Corruption, never a null in a
    // member the type says is not nullable.
    const std::string null_at = NullWhereNotNullable(field, layout);
    if (!null_at.empty()) Fail(null_at + " is null but not nullable");
    // Reads every value, which ASan watches.
    std::string json;
    for (int64_t row = 0; row < field.length(); ++row) AppendJsonValue(field, row, &json);
  }
  return fields;
}

}  // namespace strata::parquet::levels_fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  (void)strata::parquet::levels_fuzz::CheckedAssemble(std::span(data, size));
  return 0;
}
