#include "tools/graph_emulator/json_util.h"

#include <cmath>
#include <limits>

namespace guestinvitation::emulator {

absl::StatusOr<boost::json::value> ParseJson(absl::string_view text) {
  boost::json::parse_options options;
  options.max_depth = 32;  // request bodies here are shallow
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(
      JsonView(text), ec, boost::json::storage_ptr(), options);
  if (ec) return absl::InvalidArgumentError(ec.message());
  return value;
}

std::optional<int64_t> AsInt64(const boost::json::value& v) {
  if (const int64_t* i = v.if_int64()) return *i;
  if (const uint64_t* u = v.if_uint64()) {
    if (*u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<int64_t>(*u);
  }
  if (const double* d = v.if_double()) {
    // 2^63 is exactly representable; anything at or above it would overflow.
    if (!std::isfinite(*d) || std::trunc(*d) != *d ||
        *d >= 9.2233720368547758e18 || *d < -9.2233720368547758e18) {
      return std::nullopt;
    }
    return static_cast<int64_t>(*d);
  }
  return std::nullopt;
}

std::optional<double> AsDouble(const boost::json::value& v) {
  if (const int64_t* i = v.if_int64()) return static_cast<double>(*i);
  if (const uint64_t* u = v.if_uint64()) return static_cast<double>(*u);
  if (const double* d = v.if_double()) return *d;
  return std::nullopt;
}

std::string Serialize(const boost::json::value& v) {
  return boost::json::serialize(v);
}

}  // namespace guestinvitation::emulator
