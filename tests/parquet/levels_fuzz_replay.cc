// Runs the levels fuzzer's entry point without libFuzzer, so g++ builds test
// it in ctest: over the files given as arguments (a corpus or a crash to
// reproduce), or else over a few thousand deterministic inputs. Those start
// as valid row groups: random rows of the fuzzer's schemas, shredded into
// levels by a small generator here (independent of strata's shredder),
// encoded as pages in the fuzzer's input layout. A third are kept valid and
// must assemble back to exactly the generated rows; the rest get their
// levels or row count changed before encoding, their bytes flipped, cut or
// inserted after it, or are random bytes. With --write-corpus DIR the
// generated inputs are also written to DIR, a seed corpus for libFuzzer;
// --messages lists how often each error occurred (a coverage hint);
// --generate N runs N generated inputs instead of the default 5000.
// When an input aborts, it is saved to levels_fuzz_crash.bin.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "columnar/json_writer.h"
#include "columnar/vector.h"
#include "common/buffer.h"
#include "common/result.h"
#include "parquet/encoding/bit_util.h"
#include "parquet/encoding/rle_bit_packed.h"
#include "parquet/schema_read.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

// Defined in levels_fuzzer.cc.
namespace strata::parquet::levels_fuzz {
const std::vector<InterpretedSchema>& Schemas();
Result<std::vector<VectorPtr>> CheckedAssemble(std::span<const uint8_t> input);
std::string NullWhereNotNullable(const ColumnVector& field, const LevelNode& layout);
}  // namespace strata::parquet::levels_fuzz

namespace strata::parquet::levels_fuzz {
namespace {

using Bytes = std::vector<uint8_t>;

// The fuzzer reads level counts modulo kMaxLevels + 1 (levels_fuzzer.cc);
// generated chunks stay well below.
constexpr size_t kMaxLevels = 4096;
constexpr int kMaxRows = 24;

// ------------------------------------------------------------ crash capture

// The input being run, saved by the SIGABRT handler (async-signal-safe
// calls only) so that a failure can be replayed from the file.
const Bytes* g_current = nullptr;

void SaveCurrentInput(int) {
  if (g_current != nullptr) {
    const int fd = open("levels_fuzz_crash.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      [[maybe_unused]] ssize_t written = write(fd, g_current->data(), g_current->size());
      close(fd);
      constexpr char kNote[] = "levels fuzz replay: input saved to levels_fuzz_crash.bin\n";
      [[maybe_unused]] ssize_t noted = write(STDERR_FILENO, kNote, sizeof(kNote) - 1);
    }
  }
  std::signal(SIGABRT, SIG_DFL);
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "levels fuzz replay: %s\n", what.c_str());
  std::abort();
}

// ------------------------------------------------------------ row generator

// One leaf's levels, with a PLAIN value for every slot (nulls included, so
// that a level changed to the maximum still finds a value).
struct LeafSlots {
  std::vector<int16_t> def;
  std::vector<int16_t> rep;
  std::vector<std::string> values;
};

int LeafCount(const LevelNode& node) {
  if (node.kind == LevelNode::Kind::kLeaf) return 1;
  int count = 0;
  for (const LevelNode& child : node.children) count += LeafCount(child);
  return count;
}

// Shreds random rows of a schema into per-leaf levels (Dremel's algorithm
// over the reader's LevelNode layouts) and renders each row as the JSON
// AppendJsonValue writes for it.
class RowGenerator {
 public:
  RowGenerator(const InterpretedSchema& schema, std::mt19937_64* rng)
      : schema_(schema), rng_(*rng), leaves_(schema.schema.leaves.size()) {}

  // Appends one row to every field; json[f] gets field f's row.
  void Row(std::vector<std::vector<std::string>>* json) {
    for (size_t f = 0; f < schema_.layouts.size(); ++f) {
      std::string text;
      Value(schema_.layouts[f], 0, /*map_key=*/false, &text);
      (*json)[f].push_back(std::move(text));
    }
  }

  std::vector<LeafSlots>& leaves() { return leaves_; }

 private:
  size_t ListLength() {
    static constexpr size_t kLengths[] = {0, 0, 1, 1, 1, 2, 2, 3};
    return kLengths[rng_() % 8];
  }

  void Value(const LevelNode& node, int16_t rep, bool map_key, std::string* json) {
    if (node.nullable && !map_key && rng_() % 5 == 0) {
      Absent(node, rep, static_cast<int16_t>(node.def_level - 1));
      json->append("null");
      return;
    }
    switch (node.kind) {
      case LevelNode::Kind::kLeaf: {
        const LeafColumn& leaf = schema_.schema.leaves[static_cast<size_t>(node.leaf)];
        if (leaf.max_definition_level != node.def_level) Fail("generator: leaf level mismatch");
        Emit(node.leaf, rep, node.def_level, json);
        return;
      }
      case LevelNode::Kind::kStruct:
        json->push_back('{');
        for (size_t i = 0; i < node.children.size(); ++i) {
          if (i > 0) json->push_back(',');
          AppendJsonString(node.children[i].name, json);
          json->push_back(':');
          Value(node.children[i], rep, false, json);
        }
        json->push_back('}');
        return;
      case LevelNode::Kind::kList:
      case LevelNode::Kind::kMap: {
        const bool map = node.kind == LevelNode::Kind::kMap;
        const size_t length = ListLength();
        json->push_back(map ? '{' : '[');
        if (length == 0) Absent(node, rep, static_cast<int16_t>(node.element_def - 1));
        for (size_t i = 0; i < length; ++i) {
          const int16_t element_rep = i == 0 ? rep : node.rep_level;
          if (i > 0) json->push_back(',');
          if (map) {
            const LevelNode& entries = node.children[0];
            Value(entries.children[0], element_rep, /*map_key=*/true, json);
            json->push_back(':');
            Value(entries.children[1], element_rep, false, json);
          } else {
            Value(node.children[0], element_rep, false, json);
          }
        }
        json->push_back(map ? '}' : ']');
        return;
      }
    }
  }

  // No value at this node: every leaf under it gets one level `def`.
  void Absent(const LevelNode& node, int16_t rep, int16_t def) {
    const int count = LeafCount(node);
    for (int leaf = node.first_leaf; leaf < node.first_leaf + count; ++leaf) {
      Emit(leaf, rep, def, nullptr);
    }
  }

  // A slot of `leaf`; with `json`, a value whose JSON is appended there.
  void Emit(int leaf_index, int16_t rep, int16_t def, std::string* json) {
    const LeafColumn& leaf = schema_.schema.leaves[static_cast<size_t>(leaf_index)];
    LeafSlots& slots = leaves_[static_cast<size_t>(leaf_index)];
    slots.def.push_back(def);
    slots.rep.push_back(rep);
    std::string raw;
    std::string text;
    switch (leaf.physical_type) {
      case PhysicalType::kBoolean: {
        const bool value = rng_() % 2 == 0;
        raw.push_back(value ? 1 : 0);
        text = value ? "true" : "false";
        break;
      }
      case PhysicalType::kInt32: {
        const auto value = static_cast<int32_t>(rng_() % 2001) - 1000;
        raw.assign(reinterpret_cast<const char*>(&value), sizeof(value));
        text = std::to_string(value);
        break;
      }
      case PhysicalType::kInt64: {
        const auto value = static_cast<int64_t>(rng_());
        raw.assign(reinterpret_cast<const char*>(&value), sizeof(value));
        text = std::to_string(value);
        break;
      }
      case PhysicalType::kByteArray: {
        raw.resize(rng_() % 6);
        for (char& c : raw) c = static_cast<char>('a' + rng_() % 5);
        AppendJsonString(raw, &text);
        break;
      }
      default: Fail("generator: unexpected physical type");
    }
    slots.values.push_back(std::move(raw));
    if (json != nullptr) json->append(text);
  }

  const InterpretedSchema& schema_;
  std::mt19937_64& rng_;
  std::vector<LeafSlots> leaves_;
};

// ------------------------------------------------------------ page encoding

void AppendU16(size_t value, Bytes* out) {
  if (value > 0xFFFF) Fail("generator: a section outgrows its u16 length");
  out->push_back(static_cast<uint8_t>(value));
  out->push_back(static_cast<uint8_t>(value >> 8));
}

// RLE/bit-packed hybrid runs, or the legacy MSB-first packed bits.
Bytes EncodeLevels(std::span<const int16_t> levels, int16_t max_level, bool bit_packed) {
  const int width = BitWidthOf(static_cast<uint64_t>(max_level));
  Bytes out;
  if (bit_packed) {
    out.resize((levels.size() * static_cast<size_t>(width) + 7) / 8);
    size_t bit = 0;
    for (int16_t level : levels) {
      for (int b = width - 1; b >= 0; --b, ++bit) {
        if ((level >> b) & 1) out[bit / 8] |= static_cast<uint8_t>(0x80 >> (bit % 8));
      }
    }
    return out;
  }
  RleBitPackedEncoder encoder(width);
  Buffer runs;
  CHECK_OK(encoder.Put(levels.data(), static_cast<int64_t>(levels.size())));
  CHECK_OK(encoder.Flush(&runs));
  return {runs.data(), runs.data() + runs.size()};
}

// The PLAIN values of the slots [begin, end) whose level is the maximum.
Bytes EncodeValues(const LeafColumn& leaf, const LeafSlots& slots, size_t begin, size_t end) {
  Bytes out;
  size_t bools = 0;
  for (size_t j = begin; j < end; ++j) {
    if (slots.def[j] != leaf.max_definition_level) continue;
    const std::string& raw = slots.values[j];
    if (leaf.physical_type == PhysicalType::kBoolean) {
      if (bools % 8 == 0) out.push_back(0);
      if (raw[0] != 0) out.back() |= static_cast<uint8_t>(1 << (bools % 8));
      ++bools;
      continue;
    }
    if (leaf.physical_type == PhysicalType::kByteArray) {
      const auto length = static_cast<uint32_t>(raw.size());
      for (int b = 0; b < 4; ++b) out.push_back(static_cast<uint8_t>(length >> (8 * b)));
    }
    out.insert(out.end(), raw.begin(), raw.end());
  }
  return out;
}

// One leaf's chunk in the fuzzer's layout, cut into one to three pages
// (sometimes after an empty one), each level section in a random encoding.
void EncodeChunk(const LeafColumn& leaf, const LeafSlots& slots, std::mt19937_64& rng, Bytes* out) {
  const size_t n = slots.def.size();
  AppendU16(n, out);
  if (n == 0) return;
  std::vector<size_t> ends;
  if (rng() % 8 == 0) ends.push_back(0);
  const size_t pages = 1 + rng() % 3;
  for (size_t begin = 0, p = 0; begin < n; ++p) {
    const size_t end = p + 1 == pages ? n : begin + 1 + rng() % (n - begin);
    ends.push_back(end);
    begin = end;
  }
  size_t begin = 0;
  for (const size_t end : ends) {
    const bool rep_packed = rng() % 4 == 0;
    const bool def_packed = rng() % 4 == 0;
    const std::span<const int16_t> rep(slots.rep.data() + begin, end - begin);
    const std::span<const int16_t> def(slots.def.data() + begin, end - begin);
    const Bytes rep_bytes = leaf.max_repetition_level > 0
                                ? EncodeLevels(rep, leaf.max_repetition_level, rep_packed)
                                : Bytes();
    const Bytes def_bytes = leaf.max_definition_level > 0
                                ? EncodeLevels(def, leaf.max_definition_level, def_packed)
                                : Bytes();
    const Bytes values = EncodeValues(leaf, slots, begin, end);
    out->push_back(static_cast<uint8_t>((rep_packed ? 1 : 0) | (def_packed ? 2 : 0)));
    AppendU16(end - begin, out);
    AppendU16(rep_bytes.size(), out);
    AppendU16(def_bytes.size(), out);
    AppendU16(values.size(), out);
    out->insert(out->end(), rep_bytes.begin(), rep_bytes.end());
    out->insert(out->end(), def_bytes.begin(), def_bytes.end());
    out->insert(out->end(), values.begin(), values.end());
    begin = end;
  }
}

// ------------------------------------------------------------ mutations

// Changes a level (possibly beyond its maximum, within its bit width),
// drops a slot or repeats one: levels that still decode but may no longer
// describe rows, or describe other rows.
void MutateLevels(const InterpretedSchema& schema, std::mt19937_64& rng,
                  std::vector<LeafSlots>* leaves) {
  const size_t index = rng() % leaves->size();
  const LeafColumn& leaf = schema.schema.leaves[index];
  LeafSlots& slots = (*leaves)[index];
  if (slots.def.empty()) return;
  const size_t j = rng() % slots.def.size();
  const auto within_width = [&](int16_t max_level) {
    const int width = BitWidthOf(static_cast<uint64_t>(max_level));
    return static_cast<int16_t>(rng() % (uint64_t{1} << width));
  };
  switch (rng() % 4) {
    case 0: slots.def[j] = within_width(leaf.max_definition_level); break;
    case 1: slots.rep[j] = within_width(leaf.max_repetition_level); break;
    case 2:
      slots.def.erase(slots.def.begin() + static_cast<std::ptrdiff_t>(j));
      slots.rep.erase(slots.rep.begin() + static_cast<std::ptrdiff_t>(j));
      slots.values.erase(slots.values.begin() + static_cast<std::ptrdiff_t>(j));
      break;
    default:
      slots.def.insert(slots.def.begin() + static_cast<std::ptrdiff_t>(j), slots.def[j]);
      slots.rep.insert(slots.rep.begin() + static_cast<std::ptrdiff_t>(j),
                       static_cast<int16_t>(rng() % (leaf.max_repetition_level + 1)));
      slots.values.insert(slots.values.begin() + static_cast<std::ptrdiff_t>(j), slots.values[j]);
      break;
  }
}

void MutateBytes(std::mt19937_64& rng, Bytes* bytes) {
  if (bytes->empty()) return;
  switch (rng() % 4) {
    case 0: (*bytes)[rng() % bytes->size()] ^= static_cast<uint8_t>(1 + rng() % 255); break;
    case 1: bytes->resize(rng() % bytes->size()); break;
    case 2:
      bytes->insert(bytes->begin() + static_cast<std::ptrdiff_t>(rng() % bytes->size()),
                    static_cast<uint8_t>(rng()));
      break;
    default: {
      const size_t from = rng() % bytes->size();
      const size_t length = 1 + rng() % std::min<size_t>(16, bytes->size() - from);
      const Bytes copy(bytes->begin() + static_cast<std::ptrdiff_t>(from),
                       bytes->begin() + static_cast<std::ptrdiff_t>(from + length));
      bytes->insert(bytes->begin() + static_cast<std::ptrdiff_t>(rng() % bytes->size()),
                    copy.begin(), copy.end());
      break;
    }
  }
}

// ------------------------------------------------------------ driver

struct Counts {
  int random = 0;  // Random bytes, through the entry point (outcome not counted).
  int exact = 0;   // Valid inputs that assembled to exactly their rows.
  int ok = 0;
  int corruption = 0;
  int invalid = 0;
  // --messages: how often each error occurred, numbers masked.
  std::map<std::string, int>* messages = nullptr;
};

Result<std::vector<VectorPtr>> Run(const Bytes& input, Counts* counts) {
  g_current = &input;
  Result<std::vector<VectorPtr>> result = CheckedAssemble(input);
  g_current = nullptr;
  if (result.ok()) {
    ++counts->ok;
  } else if (result.status().IsCorruption()) {
    ++counts->corruption;
  } else {
    ++counts->invalid;
  }
  if (!result.ok() && counts->messages != nullptr) {
    std::string message = result.status().ToString();
    std::string masked;
    for (const char c : message) {
      const bool digit = c >= '0' && c <= '9';
      if (!digit || masked.empty() || masked.back() != '#') masked.push_back(digit ? '#' : c);
    }
    message = std::move(masked);
    ++(*counts->messages)[message];
  }
  return result;
}

std::string CorpusPath(const char* dir, int index) {
  return std::string(dir) + "/generated-" + std::to_string(index);
}

void WriteFile(const std::string& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) Fail("cannot write " + path);
}

int RunGenerated(int count, const char* corpus_dir, std::map<std::string, int>* messages) {
  std::mt19937_64 rng(20240611);
  const std::vector<InterpretedSchema>& schemas = Schemas();
  Counts counts;
  counts.messages = messages;
  for (int i = 0; i < count; ++i) {
    Bytes input;
    const int kind = i % 6;  // 0: random bytes; 1, 2: valid; 3, 4: levels; 5: bytes
    if (kind == 0) {
      input.resize(2 + rng() % 200);
      for (auto& b : input) b = static_cast<uint8_t>(rng());
      if (corpus_dir != nullptr) WriteFile(CorpusPath(corpus_dir, i), input);
      g_current = &input;
      LLVMFuzzerTestOneInput(input.data(), input.size());
      g_current = nullptr;
      ++counts.random;
      continue;
    }
    const size_t schema_index = rng() % schemas.size();
    const InterpretedSchema& schema = schemas[schema_index];
    const int num_rows = static_cast<int>(rng() % (kMaxRows + 1));
    RowGenerator generator(schema, &rng);
    std::vector<std::vector<std::string>> expected(schema.layouts.size());
    for (int row = 0; row < num_rows; ++row) generator.Row(&expected);
    std::vector<LeafSlots>& leaves = generator.leaves();
    int input_rows = num_rows;
    if (kind == 3 || kind == 4) {
      const int mutations = 1 + static_cast<int>(rng() % 3);
      for (int m = 0; m < mutations; ++m) MutateLevels(schema, rng, &leaves);
      if (rng() % 8 == 0) input_rows = std::max(0, num_rows + (rng() % 2 == 0 ? 1 : -1));
    }
    input = {static_cast<uint8_t>(schema_index), static_cast<uint8_t>(input_rows)};
    for (size_t leaf = 0; leaf < leaves.size(); ++leaf) {
      if (leaves[leaf].def.size() > kMaxLevels) Fail("generator: too many levels");
      EncodeChunk(schema.schema.leaves[leaf], leaves[leaf], rng, &input);
    }
    if (kind == 5) {
      const int mutations = 1 + static_cast<int>(rng() % 3);
      for (int m = 0; m < mutations; ++m) MutateBytes(rng, &input);
    }
    if (corpus_dir != nullptr) WriteFile(CorpusPath(corpus_dir, i), input);
    Result<std::vector<VectorPtr>> fields = Run(input, &counts);
    if (kind != 1 && kind != 2) continue;
    // Unchanged: the rows must come back exactly.
    if (!fields.ok()) {
      g_current = &input;
      Fail("input " + std::to_string(i) + " is valid but fails: " + fields.status().ToString());
    }
    for (size_t f = 0; f < fields->size(); ++f) {
      const ColumnVector& field = *(*fields)[f];
      for (int64_t row = 0; row < field.length(); ++row) {
        std::string text;
        AppendJsonValue(field, row, &text);
        if (text != expected[f][static_cast<size_t>(row)]) {
          g_current = &input;
          Fail("input " + std::to_string(i) + ", field '" + schema.layouts[f].name + "', row " +
               std::to_string(row) + ": got " + text + ", expected " +
               expected[f][static_cast<size_t>(row)]);
        }
      }
    }
    ++counts.exact;
  }
  std::printf(
      "levels fuzz replay: %d generated inputs passed (%d random; %d ok, %d of them valid and "
      "exact; %d corruption, %d invalid)\n",
      count, counts.random, counts.ok, counts.exact, counts.corruption, counts.invalid);
  return 0;
}

// With at most kVerboseFiles files, prints each one's outcome.
int RunFiles(int argc, char** argv) {
  constexpr int kVerboseFiles = 10;
  const bool verbose = argc - 1 <= kVerboseFiles;
  Counts counts;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", argv[i]);
      return 1;
    }
    const Bytes input((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (input.size() < 2) continue;  // The fuzzer ignores these.
    Result<std::vector<VectorPtr>> fields = Run(input, &counts);
    if (!verbose) continue;
    // The outcome, and each field's rows as JSON.
    std::printf("%s: %s\n", argv[i], fields.status().ToString().c_str());
    if (!fields.ok()) continue;
    const InterpretedSchema& schema = Schemas()[input[0] % Schemas().size()];
    for (size_t f = 0; f < fields->size(); ++f) {
      std::string text;
      for (int64_t row = 0; row < (*fields)[f]->length(); ++row) {
        text += row == 0 ? "" : ", ";
        AppendJsonValue(*(*fields)[f], row, &text);
      }
      std::printf("  %s: %s\n", schema.layouts[f].name.c_str(), text.c_str());
    }
  }
  std::printf("levels fuzz replay: %d files passed (%d ok, %d corruption, %d invalid)\n", argc - 1,
              counts.ok, counts.corruption, counts.invalid);
  return 0;
}

}  // namespace
}  // namespace strata::parquet::levels_fuzz

int main(int argc, char** argv) {
  using namespace strata::parquet::levels_fuzz;  // NOLINT(build/namespaces)
  std::signal(SIGABRT, SaveCurrentInput);
  constexpr int kGenerated = 5000;
  if (argc == 3 && std::strcmp(argv[1], "--write-corpus") == 0) {
    return RunGenerated(kGenerated, argv[2], nullptr);
  }
  if (argc == 3 && std::strcmp(argv[1], "--generate") == 0) {
    return RunGenerated(std::atoi(argv[2]), nullptr, nullptr);
  }
  if (argc == 2 && std::strcmp(argv[1], "--messages") == 0) {
    std::map<std::string, int> messages;
    const int rc = RunGenerated(kGenerated, nullptr, &messages);
    for (const auto& [message, n] : messages) std::printf("%6d  %s\n", n, message.c_str());
    return rc;
  }
  if (argc > 1) return RunFiles(argc, argv);
  return RunGenerated(kGenerated, nullptr, nullptr);
}
