// ParseType and ParseField: a recursive-descent parser for the spelling that
// DataType::ToString and Field::ToString produce.
#include <fmt/format.h>

#include <cctype>
#include <charconv>

#include "columnar/types.h"

namespace strata {
namespace {

// Nested types deeper than this are rejected rather than risking the stack on
// hostile schema text.
constexpr int kMaxDepth = 64;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

class TypeParser {
 public:
  explicit TypeParser(std::string_view text) : text_(text) {}

  Result<TypePtr> ParseWholeType() {
    ASSIGN_OR_RETURN(TypePtr type, ParseType());
    RETURN_NOT_OK(ExpectEnd());
    return type;
  }

  Result<Field> ParseWholeField() {
    ASSIGN_OR_RETURN(Field field, ParseNamedField());
    RETURN_NOT_OK(ExpectEnd());
    return field;
  }

 private:
  Status Error(std::string_view what) const {
    return Status::Invalid("cannot parse type '{}': {} at offset {}", text_, what, pos_);
  }

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool Consume(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  Status Expect(char c) {
    if (Consume(c)) return Status::OK();
    return Error(fmt::format("expected '{}'", c));
  }

  Status ExpectEnd() {
    SkipSpace();
    return pos_ == text_.size() ? Status::OK() : Error("unexpected trailing text");
  }

  std::string_view Identifier() {
    SkipSpace();
    const size_t start = pos_;
    while (pos_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (!std::isalnum(c) && c != '_') break;
      ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }

  Result<int32_t> Integer() {
    SkipSpace();
    int32_t value = 0;
    auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), value);
    if (ec != std::errc()) return Error("expected an integer");
    pos_ = static_cast<size_t>(end - text_.data());
    return value;
  }

  Result<TimeUnit> Unit() {
    std::string_view word = Identifier();
    for (TimeUnit unit : {TimeUnit::kMilli, TimeUnit::kMicro, TimeUnit::kNano}) {
      if (EqualsIgnoreCase(word, TimeUnitName(unit))) return unit;
    }
    return Error("expected a time unit (ms, us or ns)");
  }

  Result<TypePtr> ParseType() {
    if (++depth_ > kMaxDepth) return Error("type nested too deeply");
    std::string_view word = Identifier();
    if (word.empty()) return Error("expected a type name");
    auto result = ParseTypeNamed(word);
    --depth_;
    return result;
  }

  Result<TypePtr> ParseTypeNamed(std::string_view word) {
    static constexpr TypePtr (*kSimple[])() = {Bool,   Int8,   Int16,  Int32,   Int64,   UInt8,
                                               UInt16, UInt32, UInt64, Float32, Float64, String,
                                               Binary, Date,   Uuid,   Json};
    for (auto factory : kSimple) {
      TypePtr type = factory();
      if (EqualsIgnoreCase(word, TypeIdName(type->id()))) return type;
    }
    if (EqualsIgnoreCase(word, "decimal")) return ParseDecimal();
    if (EqualsIgnoreCase(word, "fixed_size_binary")) return ParseFixedSizeBinary();
    if (EqualsIgnoreCase(word, "time")) return ParseTime();
    if (EqualsIgnoreCase(word, "timestamp")) return ParseTimestamp();
    if (EqualsIgnoreCase(word, "struct")) return ParseStruct();
    if (EqualsIgnoreCase(word, "list")) return ParseList();
    if (EqualsIgnoreCase(word, "map")) return ParseMap();
    return Error(fmt::format("unknown type '{}'", word));
  }

  Result<TypePtr> ParseDecimal() {
    RETURN_NOT_OK(Expect('('));
    ASSIGN_OR_RETURN(int32_t precision, Integer());
    RETURN_NOT_OK(Expect(','));
    ASSIGN_OR_RETURN(int32_t scale, Integer());
    RETURN_NOT_OK(Expect(')'));
    auto type = Decimal(precision, scale);
    if (!type.ok()) return Error(type.status().message());
    return type;
  }

  Result<TypePtr> ParseFixedSizeBinary() {
    RETURN_NOT_OK(Expect('('));
    ASSIGN_OR_RETURN(int32_t width, Integer());
    RETURN_NOT_OK(Expect(')'));
    auto type = FixedSizeBinary(width);
    if (!type.ok()) return Error(type.status().message());
    return type;
  }

  Result<TypePtr> ParseTime() {
    RETURN_NOT_OK(Expect('('));
    ASSIGN_OR_RETURN(TimeUnit unit, Unit());
    RETURN_NOT_OK(Expect(')'));
    return strata::Time(unit);
  }

  Result<TypePtr> ParseTimestamp() {
    RETURN_NOT_OK(Expect('('));
    ASSIGN_OR_RETURN(TimeUnit unit, Unit());
    bool utc = false;
    if (Consume(',')) {
      if (!EqualsIgnoreCase(Identifier(), "utc")) {
        return Error("expected UTC (the only supported time zone)");
      }
      utc = true;
    }
    RETURN_NOT_OK(Expect(')'));
    return strata::Timestamp(unit, utc);
  }

  Result<TypePtr> ParseStruct() {
    RETURN_NOT_OK(Expect('<'));
    std::vector<Field> fields;
    if (!Consume('>')) {
      do {
        ASSIGN_OR_RETURN(Field field, ParseNamedField());
        fields.push_back(std::move(field));
      } while (Consume(','));
      RETURN_NOT_OK(Expect('>'));
    }
    return strata::Struct(std::move(fields));
  }

  Result<TypePtr> ParseList() {
    RETURN_NOT_OK(Expect('<'));
    ASSIGN_OR_RETURN(Field element, ParseElement("element"));
    RETURN_NOT_OK(Expect('>'));
    return strata::List(std::move(element));
  }

  Result<TypePtr> ParseMap() {
    RETURN_NOT_OK(Expect('<'));
    // Keys are never null; a redundant "not null" on the key is accepted.
    ASSIGN_OR_RETURN(Field key, ParseElement("key"));
    RETURN_NOT_OK(Expect(','));
    ASSIGN_OR_RETURN(Field value, ParseElement("value"));
    RETURN_NOT_OK(Expect('>'));
    return strata::Map(std::move(key), std::move(value));
  }

  // A type followed by an optional "not null".
  Result<Field> ParseElement(std::string name) {
    ASSIGN_OR_RETURN(TypePtr type, ParseType());
    ASSIGN_OR_RETURN(bool not_null, NotNull());
    return Field{std::move(name), std::move(type), !not_null};
  }

  Result<bool> NotNull() {
    const size_t start = pos_;
    if (!EqualsIgnoreCase(Identifier(), "not")) {
      pos_ = start;
      return false;
    }
    if (!EqualsIgnoreCase(Identifier(), "null")) return Error("expected NULL after NOT");
    return true;
  }

  Result<Field> ParseNamedField() {
    ASSIGN_OR_RETURN(std::string name, FieldName());
    RETURN_NOT_OK(Expect(':'));
    return ParseElement(std::move(name));
  }

  Result<std::string> FieldName() {
    SkipSpace();
    if (pos_ >= text_.size() || text_[pos_] != '"') {
      std::string_view word = Identifier();
      if (word.empty()) return Error("expected a field name");
      return std::string(word);
    }
    std::string name;
    for (++pos_; pos_ < text_.size(); ++pos_) {
      if (text_[pos_] == '"') {
        // A doubled quote stands for one quote inside the name.
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          name.push_back('"');
          ++pos_;
          continue;
        }
        ++pos_;
        return name;
      }
      name.push_back(text_[pos_]);
    }
    return Error("unterminated quoted field name");
  }

  std::string_view text_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

Result<TypePtr> ParseType(std::string_view text) { return TypeParser(text).ParseWholeType(); }

Result<Field> ParseField(std::string_view text) { return TypeParser(text).ParseWholeField(); }

}  // namespace strata
