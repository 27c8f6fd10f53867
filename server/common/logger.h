// Structured, one-line-per-event JSON logging to stderr.
//
// Every line is a JSON object with "ts", "level", "event" and the fields the
// caller passes. Values are escaped, so no caller input can forge a line
// (control characters, CR/LF and quotes are escaped). Never pass secrets,
// tokens or redeem URLs: there is deliberately no "raw" field type.
#ifndef GUESTINVITATION_SERVER_COMMON_LOGGER_H_
#define GUESTINVITATION_SERVER_COMMON_LOGGER_H_

#include <cstdint>
#include <functional>
#include <string>
#include "absl/strings/string_view.h"
#include <utility>
#include <variant>
#include <vector>

namespace guestinvitation {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

using LogValue = std::variant<std::string, int64_t, double, bool>;
using LogFields = std::vector<std::pair<std::string, LogValue>>;

// Writes one line. Thread-safe.
void Log(LogLevel level, absl::string_view event, const LogFields& fields);

// Lines below this level are dropped. Default kInfo.
void SetMinLogLevel(LogLevel level);
LogLevel MinLogLevel();

// Redirects output (tests capture log lines with it). nullptr restores stderr.
using LogSink = std::function<void(absl::string_view line)>;
void SetLogSink(LogSink sink);

// Renders the JSON line without writing it (used by Log and tests).
std::string FormatLogLine(LogLevel level, absl::string_view event,
                          const LogFields& fields);

// Hides the local part of an email address: "bob@contoso.com" ->
// "b***@contoso.com". Email addresses are personal data; logs keep only
// enough to correlate.
std::string RedactEmail(absl::string_view email);

bool ParseLogLevel(absl::string_view text, LogLevel* level);

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_COMMON_LOGGER_H_
