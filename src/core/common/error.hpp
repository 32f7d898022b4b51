#pragma once
// Two kinds of error (docs/architecture.md): expected outcomes such as a bad field are values of
// type Error; faults and broken invariants throw Fault (or a subclass). The HTTP and CLI edges map
// both into one shape: a stable code, the field, and a Chinese and an English message.
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace jixu {

struct Error {
  std::string code;        ///< stable machine code, e.g. "invalid_id_number"
  std::string field;       ///< the input field at fault, e.g. "id_number"; empty if none
  std::string message_zh;  ///< Chinese message shown to users
  std::string message_en;  ///< English message
};

using Errors = std::vector<Error>;

/// A fault the caller cannot fix by changing its input (storage failure, broken invariant).
class Fault : public std::runtime_error {
 public:
  Fault(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

/// Thrown when a whole operation is refused for input reasons; carries every error found.
class InvalidInput : public std::runtime_error {
 public:
  explicit InvalidInput(Errors errors)
      : std::runtime_error(errors.empty() ? "invalid input" : errors.front().message_en),
        errors_(std::move(errors)) {}
  const Errors& errors() const { return errors_; }

 private:
  Errors errors_;
};

/// Either a value or an Error. Small on purpose: we need has_value/value/error and nothing else.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

inline Error MakeError(std::string code, std::string field, std::string zh, std::string en) {
  return Error{std::move(code), std::move(field), std::move(zh), std::move(en)};
}

}  // namespace jixu
