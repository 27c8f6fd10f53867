#include "server/http/request_builder.h"

#include <string>

namespace guestinvitation::http {
namespace beast_http = boost::beast::http;

namespace {

// Methods whose requests carry a body by definition: they get a
// Content-Length even when the body is empty, so servers need not wait for
// one.
bool MethodExpectsBody(absl::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

std::string_view Std(absl::string_view s) { return {s.data(), s.size()}; }

}  // namespace

BeastRequest BuildBeastRequest(const HttpRequest& request, const ParsedUrl& url,
                               absl::string_view user_agent) {
  BeastRequest out;
  out.version(11);
  out.method_string(request.method);
  out.target(url.target);
  for (const auto& [name, value] : request.headers) {
    out.insert(name, value);
  }
  out.set(beast_http::field::host, url.origin.HostHeader());
  out.set(beast_http::field::connection, "keep-alive");
  if (out.find(beast_http::field::user_agent) == out.end()) {
    out.set(beast_http::field::user_agent, Std(user_agent));
  }
  out.erase(beast_http::field::content_length);
  out.body() = request.body;
  if (!request.body.empty() || MethodExpectsBody(request.method)) {
    out.content_length(request.body.size());
  }
  return out;
}

HttpResponse ToHttpResponse(BeastResponse&& response) {
  HttpResponse out;
  out.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    out.headers.emplace_back(std::string(field.name_string()),
                             std::string(field.value()));
  }
  out.body = std::move(response.body());
  return out;
}

bool IsIdempotentMethod(absl::string_view method) {
  return method == "GET" || method == "HEAD" || method == "PUT" ||
         method == "DELETE" || method == "OPTIONS";
}

}  // namespace guestinvitation::http
