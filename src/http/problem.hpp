#pragma once
// The one place errors become HTTP answers (RFC 9457 application/problem+json). Handlers throw
// ApiError for expected refusals; InvalidInput (a list of field errors from the core or app)
// becomes 422 listing every field; any Fault is a 500 whose detail is logged, never sent.
#include <functional>
#include <stdexcept>
#include <string>

#include "core/common/error.hpp"
#include "http/request.hpp"

namespace jixu::http {

class ApiError : public std::exception {
 public:
  ApiError(int status, Errors errors) : status_(status), errors_(std::move(errors)) {}
  int status() const { return status_; }
  const Errors& errors() const { return errors_; }
  const char* what() const noexcept override {
    return errors_.empty() ? "api error" : errors_.front().message_en.c_str();
  }

 private:
  int status_;
  Errors errors_;
};

/// 404 that reveals nothing: the same body whether the thing is absent or outside the scope.
[[noreturn]] void ThrowNotFound();
/// 401: no valid session.
[[noreturn]] void ThrowUnauthorized();
/// 403: the caller's role may not use this route at all (its existence is public).
[[noreturn]] void ThrowForbidden();
/// 400 for a malformed request (bad JSON, bad parameter), naming the field.
[[noreturn]] void ThrowBadRequest(std::string field, std::string zh, std::string en,
                                  std::string code = "invalid_parameter");
/// 409 for a state conflict (already reviewed, duplicate username…).
[[noreturn]] void ThrowConflict(std::string code, std::string zh, std::string en);

/// The problem+json response for a status and its errors.
Response ProblemResponse(int status, const Errors& errors);

/// Runs `fn`, turning every exception into its problem response. `log_fault` receives the
/// internal message of a Fault or unexpected exception (for the server log only).
Response Guard(const std::function<Response()>& fn,
               const std::function<void(const std::string&)>& log_fault);

}  // namespace jixu::http
