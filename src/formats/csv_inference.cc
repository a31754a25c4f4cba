// InferCsvSchema: names from the header, types from a sample of the rows.
// A full pass (--sample all) tokenizes chunks in parallel and merges the
// per-chunk inferences.
#include <fmt/format.h>

#include <set>

#include "formats/csv_block.h"
#include "formats/csv_chunker.h"
#include "formats/csv_reader.h"
#include "formats/input_stream.h"
#include "formats/value_inference.h"

namespace strata::formats {
namespace {

using Inferences = std::vector<ColumnInference>;

Inferences MakeInferences(size_t num_columns, const ValueOptions* options) {
  Inferences inferences;
  inferences.reserve(num_columns);
  for (size_t i = 0; i < num_columns; ++i) inferences.emplace_back(options);
  return inferences;
}

// Observes up to `limit` well-formed rows of `block`; returns how many.
int64_t Observe(const CsvBlock& block, int64_t limit, Inferences* inferences) {
  const auto num_columns = static_cast<int32_t>(inferences->size());
  int64_t observed = 0;
  for (int64_t row = 0; row < block.num_rows() && observed < limit; ++row) {
    if (!block.error(row).empty() || block.num_fields(row) != num_columns) continue;
    for (int32_t col = 0; col < num_columns; ++col) {
      (*inferences)[static_cast<size_t>(col)].Observe(block.field(row, col),
                                                      block.quoted(row, col));
    }
    ++observed;
  }
  return observed;
}

// Unique, non-empty column names.
std::vector<std::string> ColumnNames(std::vector<std::string> names) {
  std::set<std::string> seen;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) names[i] = fmt::format("column_{}", i + 1);
    std::string name = names[i];
    for (int k = 2; seen.contains(name); ++k) name = fmt::format("{}_{}", names[i], k);
    names[i] = name;
    seen.insert(name);
  }
  return names;
}

// Sequential sampling of the first `sample_rows` rows. Without a header the
// first record fixes the column count.
Status SampleSequential(CsvChunker* chunker, const CsvReadOptions& options, int64_t sample_rows,
                        std::vector<std::string>* names, std::unique_ptr<Inferences>* out) {
  int64_t remaining = sample_rows;
  while (remaining > 0) {
    ASSIGN_OR_RETURN(std::optional<CsvChunk> chunk, chunker->Next());
    if (!chunk.has_value()) break;
    CsvBlock block;
    RETURN_NOT_OK(TokenizeCsv(std::move(chunk->text), options.dialect, options.limits,
                              chunk->first_line, &block));
    if (*out == nullptr) {
      if (names->empty() && block.num_rows() > 0) names->resize(block.num_fields(0));
      *out = std::make_unique<Inferences>(MakeInferences(names->size(), &options.values));
    }
    remaining -= Observe(block, remaining, out->get());
  }
  return Status::OK();
}

// A full pass: chunks are tokenized and observed in parallel, a few at a
// time so memory stays bounded, and merged in order.
Status SampleAll(CsvChunker* chunker, const CsvReadOptions& options,
                 std::vector<std::string>* names, std::unique_ptr<Inferences>* out) {
  ThreadPool* pool = options.pool != nullptr ? options.pool : ThreadPool::Default();
  for (bool done = false; !done;) {
    std::vector<CsvChunk> chunks;
    while (static_cast<int>(chunks.size()) < pool->num_threads() + 1) {
      ASSIGN_OR_RETURN(std::optional<CsvChunk> chunk, chunker->Next());
      if (!chunk.has_value()) {
        done = true;
        break;
      }
      chunks.push_back(std::move(*chunk));
    }
    if (chunks.empty()) break;
    if (*out == nullptr) {
      CsvBlock first;
      RETURN_NOT_OK(TokenizeCsv(chunks[0].text, options.dialect, options.limits,
                                chunks[0].first_line, &first));
      if (names->empty() && first.num_rows() > 0) names->resize(first.num_fields(0));
      *out = std::make_unique<Inferences>(MakeInferences(names->size(), &options.values));
    }
    std::vector<Inferences> partial(chunks.size());
    Status observed = ParallelFor(pool, static_cast<int64_t>(chunks.size()), [&](int64_t i) {
      const auto index = static_cast<size_t>(i);
      partial[index] = MakeInferences(names->size(), &options.values);
      CsvBlock block;
      RETURN_NOT_OK(TokenizeCsv(std::move(chunks[index].text), options.dialect, options.limits,
                                chunks[index].first_line, &block));
      Observe(block, INT64_MAX, &partial[index]);
      return Status::OK();
    });
    RETURN_NOT_OK(observed);
    for (const Inferences& part : partial) {
      for (size_t c = 0; c < part.size(); ++c) (**out)[c].Merge(part[c]);
    }
  }
  return Status::OK();
}

}  // namespace

Result<SchemaPtr> InferCsvSchema(FileSystem* fs, const std::string& path,
                                 const CsvReadOptions& options, const InferOptions& infer) {
  ASSIGN_OR_RETURN(auto input, InputStream::Open(fs, path));
  ASSIGN_OR_RETURN(auto chunker,
                   CsvChunker::Open(std::move(input), options.dialect, options.limits));
  std::vector<std::string> names = chunker->header();
  std::unique_ptr<Inferences> inferences;
  Status sampled = infer.sample_rows < 0 ? SampleAll(chunker.get(), options, &names, &inferences)
                                         : SampleSequential(chunker.get(), options,
                                                            infer.sample_rows, &names, &inferences);
  if (!sampled.ok()) return sampled.WithContext(path);
  if (names.empty()) return Status::Invalid("{}: no header and no rows: nothing to infer", path);
  names = ColumnNames(std::move(names));
  std::vector<Field> fields;
  for (size_t i = 0; i < names.size(); ++i) {
    TypePtr type = String();
    KeyValueMetadata metadata;
    if (inferences != nullptr) {
      const ColumnInference& inference = (*inferences)[i];
      Result<TypePtr> inferred = inference.Type();
      if (!inferred.ok()) {
        return inferred.status().WithContext(fmt::format("{}: column '{}'", path, names[i]));
      }
      type = *inferred;
      // A day/month order inference proved must reach this column's parser.
      const std::string date_format = inference.date_format();
      if (!date_format.empty() && date_format != options.values.date_format) {
        metadata.emplace_back(std::string(kDateFormatKey), date_format);
      }
    }
    fields.emplace_back(names[i], std::move(type), true, std::move(metadata));
  }
  return std::make_shared<Schema>(std::move(fields));
}

}  // namespace strata::formats
