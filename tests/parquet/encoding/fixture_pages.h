// Test-only: walks the pages of a small uncompressed fixture file so the
// encoding tests can decode real page bodies written by parquet-mr. It reads
// just enough of the compact protocol to skip fields; the real metadata
// reader lives in parquet/thrift.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace strata::parquet::testing {

struct FixturePage {
  int32_t type = -1;  // PageType.
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t encoding = -1;
  int32_t definition_levels_byte_length = 0;  // v2 only.
  int32_t repetition_levels_byte_length = 0;  // v2 only.
  std::span<const uint8_t> body;
};

class CompactWalker {
 public:
  CompactWalker(const uint8_t* p, const uint8_t* end) : p_(p), end_(end) {}
  const uint8_t* position() const { return p_; }
  bool ok() const { return ok_; }

  uint64_t Uleb() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64 && p_ < end_; shift += 7) {
      const uint8_t byte = *p_++;
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    ok_ = false;
    return 0;
  }
  int64_t ZigZag() {
    const uint64_t v = Uleb();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }

  // Reads the fields of a struct, calling on_field(id, type) for each; the
  // callback consumes the value (returning true) or leaves it to Skip.
  template <typename F>
  void Struct(F on_field) {
    int16_t last = 0;
    while (ok_ && p_ < end_) {
      const uint8_t header = *p_++;
      if (header == 0) return;
      const int type = header & 0x0F;
      const int delta = header >> 4;
      const auto id = static_cast<int16_t>(delta != 0 ? last + delta : ZigZag());
      last = id;
      if (!on_field(id, type)) Skip(type);
    }
    ok_ = false;
  }

  void Skip(int type) {
    switch (type) {
      case 1:
      case 2: return;
      case 3: ++p_; return;
      case 4:
      case 5:
      case 6: Uleb(); return;
      case 7: p_ += 8; return;
      case 8: p_ += Uleb(); return;
      case 9:
      case 10: {
        const uint8_t header = *p_++;
        uint64_t size = header >> 4;
        if (size == 15) size = Uleb();
        for (uint64_t i = 0; i < size && ok_; ++i) Skip(header & 0x0F);
        return;
      }
      case 12: Struct([](int16_t, int) { return false; }); return;
      default: ok_ = false;
    }
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
  bool ok_ = true;
};

inline void ReadDataPageHeader(CompactWalker* w, bool v2, FixturePage* page) {
  w->Struct([&](int16_t id, int type) {
    if (type != 5) return false;
    const auto value = static_cast<int32_t>(w->ZigZag());
    if (id == 1) page->num_values = value;
    if (v2 && id == 2) page->num_nulls = value;
    if ((v2 && id == 4) || (!v2 && id == 2)) page->encoding = value;
    if (v2 && id == 5) page->definition_levels_byte_length = value;
    if (v2 && id == 6) page->repetition_levels_byte_length = value;
    return true;
  });
}

// Pages from after the leading magic to the footer; nullopt when the file
// does not parse as a plain sequence of pages.
inline std::optional<std::vector<FixturePage>> ReadFixturePages(const std::string& file) {
  const auto* begin = reinterpret_cast<const uint8_t*>(file.data());
  if (file.size() < 12) return std::nullopt;
  uint32_t footer_length = 0;
  std::memcpy(&footer_length, begin + file.size() - 8, 4);
  const uint8_t* footer = begin + file.size() - 8 - footer_length;
  std::vector<FixturePage> pages;
  const uint8_t* p = begin + 4;
  while (p < footer) {
    FixturePage page;
    int32_t compressed_size = -1;
    CompactWalker w(p, footer);
    w.Struct([&](int16_t id, int type) {
      if (id == 1 && type == 5)
        page.type = static_cast<int32_t>(w.ZigZag());
      else if (id == 3 && type == 5)
        compressed_size = static_cast<int32_t>(w.ZigZag());
      else if ((id == 5 || id == 8) && type == 12)
        ReadDataPageHeader(&w, id == 8, &page);
      else
        return false;
      return true;
    });
    if (!w.ok() || compressed_size < 0 || compressed_size > footer - w.position()) {
      return std::nullopt;
    }
    page.body = {w.position(), static_cast<size_t>(compressed_size)};
    pages.push_back(page);
    p = w.position() + compressed_size;
  }
  return pages;
}

// Splits one CSV line; a field that is empty and unquoted is null.
inline std::vector<std::optional<std::string>> SplitCsvLine(const std::string& line) {
  std::vector<std::optional<std::string>> fields;
  size_t i = 0;
  while (i <= line.size()) {
    if (i < line.size() && line[i] == '"') {
      std::string field;
      for (++i; i < line.size(); ++i) {
        if (line[i] == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (line[i] == '"') {
          ++i;
          break;
        } else {
          field += line[i];
        }
      }
      fields.emplace_back(std::move(field));
    } else {
      const size_t comma = std::min(line.find(',', i), line.size());
      if (comma == i) {
        fields.emplace_back(std::nullopt);
      } else {
        fields.emplace_back(line.substr(i, comma - i));
      }
      i = comma;
    }
    ++i;  // The comma.
  }
  return fields;
}

}  // namespace strata::parquet::testing
