#include "dataset/manifest.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <memory>

#include "columnar/json_writer.h"

namespace strata::dataset {
namespace {

std::string InputsDir(const std::string& dir) { return dir + "/_strata/inputs"; }

std::string ToJson(const ManifestEntry& entry) {
  std::string out = "{\"input\": ";
  AppendJsonString(entry.input, &out);
  out += ", \"checksum\": ";
  AppendJsonString(entry.checksum, &out);
  out += fmt::format(", \"input_bytes\": {}, \"rows\": {}, \"rejected\": {}, \"files\": [",
                     entry.input_bytes, entry.rows, entry.rejected);
  for (size_t i = 0; i < entry.files.size(); ++i) {
    if (i > 0) out += ", ";
    AppendJsonString(entry.files[i], &out);
  }
  out += "], \"committed_at\": ";
  AppendJsonString(entry.committed_at, &out);
  out += "}\n";
  return out;
}

// simdjson reports errors as codes; any of them makes the entry corrupt.
Result<ManifestEntry> ParseEntry(const std::string& path, const Buffer& bytes) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  const auto text = std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  auto corrupt = [&](simdjson::error_code error) {
    return Status::Corruption("{}: malformed manifest entry: {}", path,
                              simdjson::error_message(error));
  };
  if (auto error = parser.parse(simdjson::padded_string(text)).get(doc)) return corrupt(error);
  ManifestEntry entry;
  std::string_view input, checksum, committed_at;
  simdjson::dom::array files;
  if (auto error = doc["input"].get(input)) return corrupt(error);
  if (auto error = doc["checksum"].get(checksum)) return corrupt(error);
  if (auto error = doc["input_bytes"].get(entry.input_bytes)) return corrupt(error);
  if (auto error = doc["rows"].get(entry.rows)) return corrupt(error);
  if (auto error = doc["rejected"].get(entry.rejected)) return corrupt(error);
  if (auto error = doc["committed_at"].get(committed_at)) return corrupt(error);
  if (auto error = doc["files"].get(files)) return corrupt(error);
  for (simdjson::dom::element file : files) {
    std::string_view name;
    if (auto error = file.get(name)) return corrupt(error);
    entry.files.emplace_back(name);
  }
  entry.input = input;
  entry.checksum = checksum;
  entry.committed_at = committed_at;
  return entry;
}

Result<bool> AllFilesExist(FileSystem* fs, const std::string& dir, const ManifestEntry& entry) {
  for (const std::string& file : entry.files) {
    Result<FileInfo> info = fs->GetFileInfo(dir + "/" + file);
    if (info.status().code() == StatusCode::kNotFound) return false;
    RETURN_NOT_OK(info.status());
  }
  return true;
}

}  // namespace

Result<Manifest> Manifest::Load(FileSystem* fs, const std::string& dir) {
  Manifest manifest;
  Result<std::vector<FileInfo>> listing = fs->ListDir(InputsDir(dir), /*recursive=*/false);
  if (listing.status().code() == StatusCode::kNotFound) return manifest;
  RETURN_NOT_OK(listing.status());
  for (const FileInfo& info : *listing) {
    if (info.type != FileType::kFile || !info.path.ends_with(".json")) continue;
    ASSIGN_OR_RETURN(auto bytes, ReadWholeFile(fs, info.path));
    ASSIGN_OR_RETURN(ManifestEntry entry, ParseEntry(info.path, *bytes));
    ASSIGN_OR_RETURN(const bool complete, AllFilesExist(fs, dir, entry));
    (complete ? manifest.entries_ : manifest.incomplete_).push_back(std::move(entry));
  }
  return manifest;
}

bool Manifest::HasInputOfSize(int64_t bytes) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [bytes](const ManifestEntry& entry) { return entry.input_bytes == bytes; });
}

const ManifestEntry* Manifest::Find(const std::string& checksum) const {
  for (const ManifestEntry& entry : entries_) {
    if (entry.checksum == checksum) return &entry;
  }
  return nullptr;
}

// The entry's file name: the checksum's hex digits.
std::string Manifest::EntryPath(const std::string& dir, const std::string& checksum) {
  const size_t colon = checksum.find(':');
  return InputsDir(dir) + "/" + checksum.substr(colon + 1) + ".json";
}

Status Manifest::Record(FileSystem* fs, const std::string& dir, const ManifestEntry& entry) {
  RETURN_NOT_OK(fs->CreateDir(InputsDir(dir), /*recursive=*/true));
  return fs->CreateIfAbsent(EntryPath(dir, entry.checksum), AsBytes(ToJson(entry)));
}

Status Manifest::Remove(FileSystem* fs, const std::string& dir, const ManifestEntry& entry) {
  for (const std::string& file : entry.files) {
    Status status = fs->DeleteFile(dir + "/" + file);
    if (!status.ok() && status.code() != StatusCode::kNotFound) return status;
  }
  return fs->DeleteFile(EntryPath(dir, entry.checksum));
}

}  // namespace strata::dataset
