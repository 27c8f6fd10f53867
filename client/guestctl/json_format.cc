#include "client/guestctl/json_format.h"

#include "absl/strings/str_cat.h"
#include "boost/json.hpp"
#include "google/protobuf/util/json_util.h"

namespace guestinvitation::guestctl {

std::string MessageToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  const auto status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    // Only possible for messages with unresolvable Any fields, which the
    // API does not have; still emit valid JSON rather than nothing.
    return ErrorToJson(
        {absl::StatusCode::kInternal,
         absl::StrCat("cannot print response as JSON: ", status.ToString())});
  }
  return json;
}

std::string ErrorToJson(const client::RichError& error) {
  boost::json::object body;
  // code, reason, message and domain are always there (reason and domain
  // empty when the server sent no ErrorInfo) so scripts need no guards.
  body["code"] = client::StatusCodeName(error.code);
  body["reason"] = error.reason;
  body["message"] = error.message;
  body["domain"] = error.domain;
  if (!error.field_violations.empty()) {
    boost::json::array violations;
    for (const auto& violation : error.field_violations) {
      violations.push_back(boost::json::object{
          {"field", violation.field}, {"description", violation.description}});
    }
    body["field_violations"] = std::move(violations);
  }
  if (!error.metadata.empty()) {
    boost::json::object metadata;
    for (const auto& [key, value] : error.metadata) metadata[key] = value;
    body["metadata"] = std::move(metadata);
  }
  if (error.retry_delay.has_value()) {
    // The protobuf JSON spelling of a Duration: decimal seconds and "s".
    body["retry_delay"] =
        absl::StrCat(absl::ToDoubleSeconds(*error.retry_delay), "s");
  }
  return boost::json::serialize(boost::json::object{{"error", body}});
}

}  // namespace guestinvitation::guestctl
