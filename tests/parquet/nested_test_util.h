// Nested column vectors from one-line literals, for the nested Parquet tests:
//   VectorFromText(List(Int32()), "[[1, null], [], null]")
// null, integers, decimals, true/false, "strings" (no escapes), [a, b] for
// lists, {"field": v} for structs (fields in order; a missing field is
// null) and {key: value} for maps (keys written as values of the key type).
#pragma once

#include <cctype>
#include <cstdlib>
#include <string>
#include <string_view>

#include "columnar/builder.h"
#include "columnar/vector.h"
#include "common/result.h"

namespace strata::parquet::testing {

class TextVectorParser {
 public:
  explicit TextVectorParser(std::string_view text) : text_(text) {}

  Status Append(const DataType& type, VectorBuilder* builder) {
    SkipSpace();
    if (text_.substr(pos_).starts_with("null")) {
      pos_ += 4;
      return builder->AppendNull();
    }
    switch (type.id()) {
      case TypeId::kStruct: return AppendStruct(type, static_cast<StructBuilder*>(builder));
      case TypeId::kList: return AppendList(type, static_cast<ListBuilder*>(builder));
      case TypeId::kMap: return AppendMap(type, static_cast<MapBuilder*>(builder));
      case TypeId::kString: return static_cast<BinaryBuilder*>(builder)->Append(QuotedString());
      case TypeId::kBool: return static_cast<BoolBuilder*>(builder)->Append(Word() == "true");
      case TypeId::kInt32:
        return static_cast<Int32Builder*>(builder)->Append(std::stoi(std::string(Word())));
      case TypeId::kInt64:
        return static_cast<Int64Builder*>(builder)->Append(std::stoll(std::string(Word())));
      case TypeId::kFloat64:
        return static_cast<Float64Builder*>(builder)->Append(std::stod(std::string(Word())));
      default: return Status::NotImplemented("literal of type {}", type.ToString());
    }
  }

  Status Finish() {
    SkipSpace();
    if (pos_ != text_.size()) return Status::Invalid("trailing text at {}", pos_);
    return Status::OK();
  }

 private:
  Status AppendStruct(const DataType& type, StructBuilder* builder) {
    RETURN_NOT_OK(Expect('{'));
    RETURN_NOT_OK(builder->Append(true));
    for (int i = 0; i < type.num_fields(); ++i) {
      SkipSpace();
      const size_t saved = pos_;
      if (Peek() == '"' && QuotedString() == type.field(i).name) {
        RETURN_NOT_OK(Expect(':'));
        RETURN_NOT_OK(Append(*type.field(i).type, builder->child(i)));
        Consume(',');
      } else {
        pos_ = saved;
        RETURN_NOT_OK(builder->child(i)->AppendNull());
      }
    }
    return Expect('}');
  }

  Status AppendList(const DataType& type, ListBuilder* builder) {
    RETURN_NOT_OK(Expect('['));
    RETURN_NOT_OK(builder->Append(true));
    while (!Consume(']')) {
      RETURN_NOT_OK(Append(*type.field(0).type, builder->value_builder()));
      Consume(',');
    }
    return Status::OK();
  }

  Status AppendMap(const DataType& type, MapBuilder* builder) {
    const DataType& entries = *type.field(0).type;
    RETURN_NOT_OK(Expect('{'));
    RETURN_NOT_OK(builder->Append(true));
    while (!Consume('}')) {
      RETURN_NOT_OK(Append(*entries.field(0).type, builder->key_builder()));
      RETURN_NOT_OK(Expect(':'));
      RETURN_NOT_OK(Append(*entries.field(1).type, builder->item_builder()));
      Consume(',');
    }
    return Status::OK();
  }

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool Consume(char c) {
    SkipSpace();
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  Status Expect(char c) {
    if (Consume(c)) return Status::OK();
    return Status::Invalid("expected '{}' at {} in {}", c, pos_, text_);
  }
  std::string_view QuotedString() {
    SkipSpace();
    const size_t begin = ++pos_;
    while (pos_ < text_.size() && text_[pos_] != '"') ++pos_;
    return text_.substr(begin, pos_++ - begin);
  }
  std::string_view Word() {
    SkipSpace();
    const size_t begin = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '-' || text_[pos_] == '.')) {
      ++pos_;
    }
    return text_.substr(begin, pos_ - begin);
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// The rows of `text`, a list literal, as a vector of `type`.
inline Result<VectorPtr> VectorFromText(const TypePtr& type, std::string_view text) {
  ASSIGN_OR_RETURN(auto builder, MakeBuilder(type));
  TextVectorParser parser(text);
  ListBuilder rows(List(type), std::move(builder));
  RETURN_NOT_OK(parser.Append(*List(type), &rows));
  RETURN_NOT_OK(parser.Finish());
  ASSIGN_OR_RETURN(VectorPtr list, rows.Finish());
  return list->child(0);
}

}  // namespace strata::parquet::testing
