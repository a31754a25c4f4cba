// ParsePredicate: a hand-written lexer and recursive-descent parser for the
// small --where language, with 1-based column positions in every error.
#include <cctype>
#include <string>

#include "parquet/predicate.h"

namespace strata::parquet {
namespace {

enum class TokenKind : uint8_t {
  kIdentifier,  // Bare word: a column name or a keyword.
  kQuoted,      // "double quoted" column name.
  kNumber,
  kString,
  kOperator,  // = == != <> < <= > >=
  kSign,      // + or - not followed by a digit (as in -inf).
  kLParen,
  kRParen,
  kComma,
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // Unescaped for quoted forms.
  int position = 0;  // 1-based.
};

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

bool EqualsKeyword(std::string_view word, std::string_view keyword) {
  if (word.size() != keyword.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(word[i])) != keyword[i]) return false;
  }
  return true;
}

// What a token looks like in messages.
std::string Describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd: return "end of input";
    case TokenKind::kString: return fmt::format("'{}'", token.text);
    case TokenKind::kQuoted: return fmt::format("\"{}\"", token.text);
    default: return fmt::format("'{}'", token.text);
  }
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      ASSIGN_OR_RETURN(Token token, Next());
      const bool end = token.kind == TokenKind::kEnd;
      tokens.push_back(std::move(token));
      if (end) return tokens;
    }
  }

 private:
  int Column() const { return static_cast<int>(pos_) + 1; }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  Result<Token> Next() {
    const int column = Column();
    if (pos_ >= text_.size()) return Token{TokenKind::kEnd, "", column};
    const char c = Peek();
    if (IsIdentStart(c)) return Identifier();
    if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) return Number("");
    if ((c == '+' || c == '-') && (IsDigit(Peek(1)) || (Peek(1) == '.' && IsDigit(Peek(2))))) {
      ++pos_;
      return Number(std::string(1, c));
    }
    if (c == '\'') return Quoted('\'', TokenKind::kString, "string");
    if (c == '"') return Quoted('"', TokenKind::kQuoted, "column name");
    return Punctuation();
  }

  // Dots join the names of a struct member path ("s.a.b").
  Token Identifier() {
    const size_t start = pos_;
    while (IsIdentChar(Peek()) || (Peek() == '.' && IsIdentStart(Peek(1)))) ++pos_;
    return {TokenKind::kIdentifier, std::string(text_.substr(start, pos_ - start)),
            static_cast<int>(start) + 1};
  }

  // digits [. digits] [e [+-] digits], or . digits ...; `sign` already consumed.
  Result<Token> Number(const std::string& sign) {
    const int column = Column() - static_cast<int>(sign.size());
    const size_t start = pos_;
    while (IsDigit(Peek())) ++pos_;
    if (Peek() == '.') {
      ++pos_;
      while (IsDigit(Peek())) ++pos_;
    }
    if ((Peek() == 'e' || Peek() == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
      pos_ += 2;
      while (IsDigit(Peek())) ++pos_;
    }
    if (IsIdentChar(Peek()) || Peek() == '.') {
      return Status::Invalid("malformed number '{}' at column {}",
                             sign + std::string(text_.substr(start, pos_ - start + 1)), column);
    }
    return Token{TokenKind::kNumber, sign + std::string(text_.substr(start, pos_ - start)), column};
  }

  // A quoted string or name; a doubled quote stands for one quote.
  Result<Token> Quoted(char quote, TokenKind kind, std::string_view what) {
    const int column = Column();
    std::string out;
    ++pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c != quote) {
        out.push_back(c);
      } else if (Peek() == quote) {
        out.push_back(quote);
        ++pos_;
      } else {
        return Token{kind, std::move(out), column};
      }
    }
    return Status::Invalid("unterminated {} starting at column {}", what, column);
  }

  Result<Token> Punctuation() {
    const int column = Column();
    const char c = Peek();
    const char next = Peek(1);
    const std::string two{c, next};
    if (two == "<=" || two == ">=" || two == "!=" || two == "<>" || two == "==") {
      pos_ += 2;
      return Token{TokenKind::kOperator, two, column};
    }
    ++pos_;
    switch (c) {
      case '=':
      case '<':
      case '>': return Token{TokenKind::kOperator, std::string(1, c), column};
      case '+':
      case '-': return Token{TokenKind::kSign, std::string(1, c), column};
      case '(': return Token{TokenKind::kLParen, "(", column};
      case ')': return Token{TokenKind::kRParen, ")", column};
      case ',': return Token{TokenKind::kComma, ",", column};
      default: break;
    }
    return Status::Invalid("unexpected character '{}' at column {}", c, column);
  }

  std::string_view text_;
  size_t pos_ = 0;
};

CompareOp OperatorOp(std::string_view text) {
  if (text == "=" || text == "==") return CompareOp::kEq;
  if (text == "!=" || text == "<>") return CompareOp::kNe;
  if (text == "<") return CompareOp::kLt;
  if (text == "<=") return CompareOp::kLe;
  if (text == ">") return CompareOp::kGt;
  return CompareOp::kGe;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<Predicate> Run() {
    Predicate predicate;
    while (true) {
      ASSIGN_OR_RETURN(Comparison comparison, ParseComparison());
      predicate.conjuncts.push_back(std::move(comparison));
      if (Peek().kind == TokenKind::kEnd) return predicate;
      if (IsKeyword(Peek(), "OR")) {
        return Status::NotImplemented(
            "OR at column {} is not supported yet: only comparisons joined by AND are",
            Peek().position);
      }
      if (!IsKeyword(Peek(), "AND")) {
        return Status::Invalid("expected AND or the end at column {}, found {}", Peek().position,
                               Describe(Peek()));
      }
      ++next_;
    }
  }

 private:
  const Token& Peek() const { return tokens_[next_]; }
  const Token& Take() { return tokens_[next_ < tokens_.size() - 1 ? next_++ : next_]; }
  static bool IsKeyword(const Token& token, std::string_view keyword) {
    return token.kind == TokenKind::kIdentifier && EqualsKeyword(token.text, keyword);
  }
  static bool IsReserved(const Token& token) {
    for (std::string_view word : {"AND", "OR", "NOT", "IN", "IS", "NULL", "TRUE", "FALSE"}) {
      if (IsKeyword(token, word)) return true;
    }
    return false;
  }

  Result<Comparison> ParseComparison() {
    const Token& name = Take();
    if (IsKeyword(name, "NOT")) {
      return Status::NotImplemented("NOT at column {} is not supported yet", name.position);
    }
    if ((name.kind != TokenKind::kIdentifier || IsReserved(name)) &&
        name.kind != TokenKind::kQuoted) {
      return Status::Invalid("expected a column name at column {}, found {}", name.position,
                             Describe(name));
    }
    Comparison comparison{.column = name.text, .position = name.position};
    RETURN_NOT_OK(ParseOperation(&comparison));
    return comparison;
  }

  Status ParseOperation(Comparison* comparison) {
    const Token& op = Take();
    if (op.kind == TokenKind::kOperator) {
      comparison->op = OperatorOp(op.text);
      ASSIGN_OR_RETURN(Literal value, ParseValue(fmt::format("'{}'", op.text)));
      comparison->values.push_back(std::move(value));
      return Status::OK();
    }
    if (IsKeyword(op, "IS")) return ParseIsNull(comparison);
    if (IsKeyword(op, "IN")) {
      comparison->op = CompareOp::kIn;
      return ParseList(comparison);
    }
    if (IsKeyword(op, "NOT") && IsKeyword(Peek(), "IN")) {
      ++next_;
      comparison->op = CompareOp::kNotIn;
      return ParseList(comparison);
    }
    return Status::Invalid(
        "expected a comparison (=, !=, <>, <, <=, >, >=, IN, IS [NOT] NULL) after column '{}' "
        "at column {}, found {}",
        comparison->column, op.position, Describe(op));
  }

  Status ParseIsNull(Comparison* comparison) {
    comparison->op = CompareOp::kIsNull;
    if (IsKeyword(Peek(), "NOT")) {
      ++next_;
      comparison->op = CompareOp::kIsNotNull;
    }
    const Token& null = Take();
    if (!IsKeyword(null, "NULL")) {
      return Status::Invalid("expected NULL at column {}, found {}", null.position, Describe(null));
    }
    return Status::OK();
  }

  Status ParseList(Comparison* comparison) {
    const Token& open = Take();
    if (open.kind != TokenKind::kLParen) {
      return Status::Invalid("expected '(' after IN at column {}, found {}", open.position,
                             Describe(open));
    }
    std::string after = "'('";
    while (true) {
      ASSIGN_OR_RETURN(Literal value, ParseValue(after));
      comparison->values.push_back(std::move(value));
      const Token& sep = Take();
      if (sep.kind == TokenKind::kRParen) return Status::OK();
      if (sep.kind != TokenKind::kComma) {
        return Status::Invalid("expected ',' or ')' in the IN list at column {}, found {}",
                               sep.position, Describe(sep));
      }
      after = "','";
    }
  }

  Result<Literal> ParseValue(std::string_view after) {
    const Token& token = Take();
    switch (token.kind) {
      case TokenKind::kNumber: return Literal{LiteralKind::kNumber, token.text, token.position};
      case TokenKind::kString: return Literal{LiteralKind::kString, token.text, token.position};
      case TokenKind::kSign: return ParseSignedWord(token, after);
      case TokenKind::kIdentifier: return ParseWordValue(token, "", after);
      default: break;
    }
    return ExpectedValue(token, after);
  }

  static Status ExpectedValue(const Token& token, std::string_view after) {
    return Status::Invalid("expected a value after {} at column {}, found {}", after,
                           token.position, Describe(token));
  }

  Result<Literal> ParseSignedWord(const Token& sign, std::string_view after) {
    const Token& word = Take();
    if (word.kind != TokenKind::kIdentifier) return ExpectedValue(word, after);
    ASSIGN_OR_RETURN(Literal literal, ParseWordValue(word, sign.text, after));
    if (literal.kind != LiteralKind::kNumber) return ExpectedValue(sign, after);
    literal.position = sign.position;
    return literal;
  }

  // TRUE, FALSE, NaN, Inf, Infinity; NULL gets a hint towards IS NULL.
  Result<Literal> ParseWordValue(const Token& word, const std::string& sign,
                                 std::string_view after) {
    if (IsKeyword(word, "TRUE") || IsKeyword(word, "FALSE")) {
      return Literal{LiteralKind::kBool, IsKeyword(word, "TRUE") ? "true" : "false", word.position};
    }
    if (IsKeyword(word, "NAN")) return Literal{LiteralKind::kNumber, sign + "nan", word.position};
    if (IsKeyword(word, "INF") || IsKeyword(word, "INFINITY")) {
      return Literal{LiteralKind::kNumber, sign + "inf", word.position};
    }
    if (IsKeyword(word, "NULL")) {
      return Status::Invalid(
          "a comparison with NULL at column {} is never true: use IS NULL or IS NOT NULL",
          word.position);
    }
    return Status::Invalid(
        "expected a value after {} at column {}, found {} (quote text as 'text'; columns "
        "cannot be compared with columns)",
        after, word.position, Describe(word));
  }

  std::vector<Token> tokens_;
  size_t next_ = 0;
};

}  // namespace

Result<Predicate> ParsePredicate(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<Token> tokens, Lexer(text).Run());
  if (tokens.size() == 1) return Status::Invalid("empty predicate");
  return Parser(std::move(tokens)).Run();
}

}  // namespace strata::parquet
