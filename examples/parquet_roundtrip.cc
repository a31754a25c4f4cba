// Embedding strata's Parquet API: write a small table, read it back with a
// projection, print it. Built and run by ctest (examples.parquet_roundtrip).
//
//   parquet_roundtrip OUTPUT.parquet
#include <fmt/format.h>

#include "columnar/builder.h"
#include "columnar/pretty_print.h"
#include "io/local_file_system.h"
#include "parquet/file_reader.h"
#include "parquet/file_writer.h"

namespace {

using strata::Result;
using strata::Status;

Result<strata::RecordBatchPtr> MakeCities() {
  auto schema = strata::MakeSchema({{"city", strata::String(), false},
                                    {"population", strata::Int64(), true},
                                    {"area_km2", strata::Float64(), true}});
  strata::BinaryBuilder city(strata::String());
  strata::Int64Builder population;
  strata::Float64Builder area;
  RETURN_NOT_OK(city.Append("Chiang Mai"));
  RETURN_NOT_OK(population.Append(127240));
  RETURN_NOT_OK(area.Append(40.2));
  RETURN_NOT_OK(city.Append("Hat Yai"));
  RETURN_NOT_OK(population.AppendNull());
  RETURN_NOT_OK(area.Append(21.0));
  ASSIGN_OR_RETURN(auto c, city.Finish());
  ASSIGN_OR_RETURN(auto p, population.Finish());
  ASSIGN_OR_RETURN(auto a, area.Finish());
  return strata::RecordBatch::Make(schema, {c, p, a}, 2);
}

Status Run(const std::string& path) {
  auto fs = strata::NewLocalFileSystem();
  ASSIGN_OR_RETURN(auto batch, MakeCities());
  strata::parquet::WriterOptions options;
  options.column.codec = strata::parquet::CompressionCodec::kZstd;
  ASSIGN_OR_RETURN(auto writer,
                   strata::parquet::ParquetWriter::Open(fs.get(), path, batch->schema(), options));
  RETURN_NOT_OK(writer->Write(*batch));
  RETURN_NOT_OK(writer->Close());

  ASSIGN_OR_RETURN(auto reader, strata::parquet::ParquetReader::Open(fs.get(), path));
  // Columns 0 and 1 only: the area column's bytes are never read.
  ASSIGN_OR_RETURN(auto read, reader->ReadRowGroup(0, {0, 1}));
  fmt::print("{}", strata::FormatTable(*read));
  return Status::OK();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: {} OUTPUT.parquet\n", argv[0]);
    return 2;
  }
  Status st = Run(argv[1]);
  if (!st.ok()) {
    fmt::print(stderr, "error: {}\n", st.ToString());
    return 1;
  }
  return 0;
}
