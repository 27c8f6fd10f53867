#include "server/common/logger.h"

#include <atomic>
#include <cstdio>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace guestinvitation {
namespace {

std::atomic<int> g_min_level{static_cast<int>(LogLevel::kInfo)};
std::mutex g_sink_mu;
LogSink* g_sink = nullptr;  // guarded by g_sink_mu

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

void AppendEscaped(std::string* out, absl::string_view s) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out->append(absl::StrFormat("\\u%04x", c));
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

struct ValueAppender {
  std::string* out;
  void operator()(const std::string& s) const { AppendEscaped(out, s); }
  void operator()(int64_t v) const { out->append(std::to_string(v)); }
  void operator()(double v) const { out->append(absl::StrFormat("%.3f", v)); }
  void operator()(bool v) const { out->append(v ? "true" : "false"); }
};

}  // namespace

std::string FormatLogLine(LogLevel level, absl::string_view event,
                          const LogFields& fields) {
  std::string line = "{\"ts\":";
  AppendEscaped(&line, absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(),
                                        absl::UTCTimeZone()));
  line.append(",\"level\":\"");
  line.append(LevelName(level));
  line.append("\",\"event\":");
  AppendEscaped(&line, event);
  for (const auto& [key, value] : fields) {
    line.push_back(',');
    AppendEscaped(&line, key);
    line.push_back(':');
    std::visit(ValueAppender{&line}, value);
  }
  line.push_back('}');
  return line;
}

void Log(LogLevel level, absl::string_view event, const LogFields& fields) {
  if (static_cast<int>(level) < g_min_level.load(std::memory_order_relaxed)) {
    return;
  }
  std::string line = FormatLogLine(level, event, fields);
  std::lock_guard<std::mutex> lock(g_sink_mu);
  if (g_sink != nullptr) {
    (*g_sink)(line);
    return;
  }
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

void SetMinLogLevel(LogLevel level) {
  g_min_level.store(static_cast<int>(level), std::memory_order_relaxed);
}

LogLevel MinLogLevel() { return static_cast<LogLevel>(g_min_level.load()); }

void SetLogSink(LogSink sink) {
  std::lock_guard<std::mutex> lock(g_sink_mu);
  delete g_sink;
  g_sink = sink ? new LogSink(std::move(sink)) : nullptr;
}

std::string RedactEmail(absl::string_view email) {
  auto at = email.rfind('@');
  if (at == absl::string_view::npos || at == 0) return "***";
  std::string out(email.substr(0, 1));
  out.append("***");
  absl::StrAppend(&out, email.substr(at));
  return out;
}

bool ParseLogLevel(absl::string_view text, LogLevel* level) {
  std::string t = absl::AsciiStrToLower(text);
  if (t == "debug") *level = LogLevel::kDebug;
  else if (t == "info") *level = LogLevel::kInfo;
  else if (t == "warning" || t == "warn") *level = LogLevel::kWarning;
  else if (t == "error") *level = LogLevel::kError;
  else return false;
  return true;
}

}  // namespace guestinvitation
