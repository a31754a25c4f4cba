// A fixture shared by the JSON reader and inference tests: files in a temp
// directory, reading every row back as JSON Lines.
#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <string_view>

#include "columnar/json_writer.h"
#include "compress_test_util.h"
#include "formats/json_reader.h"
#include "io/local_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::formats {

class JsonTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, std::string_view text) {
    std::string path = dir_.Join(name);
    CHECK_OK(WriteWholeFile(fs_.get(), path, AsBytes(text)));
    return path;
  }

  // Every row read, rendered as JSON Lines.
  static Result<std::string> ReadAll(JsonReader* reader) {
    std::string out;
    for (;;) {
      ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->Next());
      if (batch == nullptr) return out;
      WriteJsonLines(*batch, &out);
    }
  }

  Result<std::unique_ptr<JsonReader>> Open(const std::string& path, SchemaPtr schema,
                                           JsonReadOptions options = {}) {
    return JsonReader::Open(fs_.get(), path, std::move(schema), std::move(options));
  }

  Result<SchemaPtr> Infer(const std::string& path, const JsonReadOptions& options = {},
                          InferOptions infer = {}) {
    return InferJsonSchema(fs_.get(), path, options, infer);
  }

  // Infers, then reads everything with the inferred schema.
  Result<std::string> InferAndRead(const std::string& path, const JsonReadOptions& options = {}) {
    ASSIGN_OR_RETURN(SchemaPtr schema, Infer(path, options));
    ASSIGN_OR_RETURN(auto reader, Open(path, schema, options));
    return ReadAll(reader.get());
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

}  // namespace strata::formats
