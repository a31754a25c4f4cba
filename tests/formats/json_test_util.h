// A fixture shared by the JSON reader and inference tests: files in a temp
// directory, reading every row back as JSON Lines.
#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <string_view>

#include "columnar/json_writer.h"
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

  static std::string Gzip(std::string_view data) {
    z_stream z{};
    EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    std::string out(deflateBound(&z, data.size()) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

}  // namespace strata::formats
