#include "server/config/server_config.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/common/logger.h"

namespace guestinvitation {
namespace {

using Setter = std::function<absl::Status(ServerConfig&, const std::string&)>;
using Getter = std::function<std::string(const ServerConfig&)>;

struct Setting {
  std::string name;          // flag name without dashes
  std::string default_value;
  std::string help;
  Setter set;
  Getter get;
  bool is_bool = false;
};

absl::Status Invalid(const std::string& name, const std::string& why) {
  return absl::InvalidArgumentError(absl::StrCat("--", name, ": ", why));
}

Setting Str(std::string name, std::string def, std::string help,
            std::string ServerConfig::*field) {
  return {name, def, help,
          [field](ServerConfig& c, const std::string& v) {
            c.*field = v;
            return absl::OkStatus();
          },
          [field](const ServerConfig& c) { return c.*field; }};
}

Setting Bool(std::string name, std::string def, std::string help,
             bool ServerConfig::*field) {
  Setting s{name, def, help,
            [name, field](ServerConfig& c, const std::string& v) {
              std::string l = absl::AsciiStrToLower(v);
              if (l == "true" || l == "1" || l == "yes") c.*field = true;
              else if (l == "false" || l == "0" || l == "no") c.*field = false;
              else return Invalid(name, "expected true or false, got '" + v + "'");
              return absl::OkStatus();
            },
            [field](const ServerConfig& c) {
              return std::string(c.*field ? "true" : "false");
            }};
  s.is_bool = true;
  return s;
}

Setting Int(std::string name, std::string def, std::string help,
            int ServerConfig::*field, int min, int max) {
  return {name, def, help,
          [=](ServerConfig& c, const std::string& v) {
            int n = 0;
            if (!absl::SimpleAtoi(v, &n) || n < min || n > max) {
              return Invalid(name, absl::StrCat("expected an integer in [", min,
                                                ", ", max, "], got '", v, "'"));
            }
            c.*field = n;
            return absl::OkStatus();
          },
          [field](const ServerConfig& c) { return std::to_string(c.*field); }};
}

Setting Dur(std::string name, std::string def, std::string help,
            absl::Duration ServerConfig::*field) {
  return {name, def, help,
          [=](ServerConfig& c, const std::string& v) {
            absl::Duration d;
            if (!absl::ParseDuration(v, &d) || d <= absl::ZeroDuration() ||
                d == absl::InfiniteDuration()) {
              return Invalid(name, "expected a positive duration such as 30s or "
                                   "5m, got '" + v + "'");
            }
            c.*field = d;
            return absl::OkStatus();
          },
          [field](const ServerConfig& c) {
            return absl::FormatDuration(c.*field);
          }};
}

// The one place where every setting and its default is declared.
const std::vector<Setting>& Settings() {
  static const auto* settings = new std::vector<Setting>{
      Str("listen", "127.0.0.1:50051",
          "gRPC listen address HOST:PORT (port 0 picks a free port; use "
          "0.0.0.0:50051 in a container)",
          &ServerConfig::listen),
      Bool("dev", "false",
           "run against an embedded, in-process Graph emulator with generated "
           "credentials (never for production)",
           &ServerConfig::dev),
      Str("tenant-id", "", "Entra tenant id (GUID) or domain",
          &ServerConfig::tenant_id),
      Str("client-id", "", "application (client) id of the app registration",
          &ServerConfig::client_id),
      Str("client-secret-file", "",
          "file holding the client secret (alternatively set the secret in "
          "GUESTINV_CLIENT_SECRET)",
          &ServerConfig::client_secret_file),
      Str("client-certificate-file", "",
          "PEM certificate + key for certificate credentials (not supported "
          "yet in this version)",
          &ServerConfig::client_certificate_file),
      Str("graph-base-url", "https://graph.microsoft.com/v1.0",
          "Microsoft Graph root including the version (national clouds: "
          "https://graph.microsoft.us/v1.0, ...)",
          &ServerConfig::graph_base_url),
      Str("authority-host", "https://login.microsoftonline.com/",
          "Entra token authority (national clouds: "
          "https://login.microsoftonline.us/, ...)",
          &ServerConfig::authority_host),
      Str("ca-file", "",
          "extra PEM CA bundle trusted for Graph and the authority (added to "
          "the system store; verification is never disabled)",
          &ServerConfig::ca_file),
      Str("config", "", "optional config file: 'name = value' lines",
          &ServerConfig::config_file),
      Str("port-file", "",
          "write the bound gRPC port to this file once serving RPCs",
          &ServerConfig::port_file),
      Str("log-level", "info", "debug, info, warning or error",
          &ServerConfig::log_level),
      Int("io-threads", "2", "threads running outbound HTTPS work",
          &ServerConfig::io_threads, 1, 64),
      Bool("enable-reflection", "true",
           "register gRPC server reflection (grpcurl list/describe)",
           &ServerConfig::enable_reflection),
      Int("graph-max-connections", "32",
          "max open HTTPS connections per Graph/authority host",
          &ServerConfig::graph_max_connections, 1, 1024),
      Dur("graph-attempt-timeout", "30s",
          "timeout of one HTTP attempt to Graph (the caller's deadline also "
          "bounds it)",
          &ServerConfig::graph_attempt_timeout),
      Int("graph-max-attempts", "4",
          "attempts per Graph call, first included (429/503/504 retries)",
          &ServerConfig::graph_max_attempts, 1, 10),
      Dur("replication-wait", "30s",
          "how long group adds retry while a new guest replicates",
          &ServerConfig::replication_wait),
      Dur("default-deadline", "60s",
          "deadline applied to RPCs whose caller set none",
          &ServerConfig::default_deadline),
      Dur("idempotency-window", "60m",
          "how long a request_id's answer is remembered (AIP-155)",
          &ServerConfig::idempotency_window),
      Int("idempotency-max-entries", "100000",
          "max remembered request_ids (oldest evicted first)",
          &ServerConfig::idempotency_max_entries, 1, 10000000),
      Dur("shutdown-grace", "20s",
          "on SIGTERM/SIGINT, how long in-flight RPCs may finish",
          &ServerConfig::shutdown_grace),
  };
  return *settings;
}

const Setting* FindSetting(const std::string& name) {
  for (const auto& s : Settings()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string EnvName(const std::string& name) {
  std::string env = "GUESTINV_";
  for (char c : name) env.push_back(c == '-' ? '_' : absl::ascii_toupper(c));
  return env;
}

// Parses "--name=value", "--name value" and bare "--flag" for booleans.
absl::Status ParseArgs(const std::vector<std::string>& args,
                       std::map<std::string, std::string>* flags, bool* help) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      *help = true;
      continue;
    }
    if (!absl::StartsWith(arg, "--")) {
      return absl::InvalidArgumentError("unexpected argument '" + arg + "'");
    }
    std::string body = arg.substr(2);
    std::string name = body, value;
    bool has_value = false;
    if (auto eq = body.find('='); eq != std::string::npos) {
      name = body.substr(0, eq);
      value = body.substr(eq + 1);
      has_value = true;
    }
    const Setting* s = FindSetting(name);
    if (s == nullptr) {
      return absl::InvalidArgumentError("unknown flag --" + name +
                                        " (see --help)");
    }
    if (!has_value) {
      if (s->is_bool) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return Invalid(name, "missing value");
      }
    }
    (*flags)[name] = value;
  }
  return absl::OkStatus();
}

absl::Status ParseConfigFile(const std::string& path, const std::string& text,
                             std::map<std::string, std::string>* values) {
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    auto eq = line.find('=');
    if (eq == absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", line_no, ": expected 'name = value'"));
    }
    std::string name(absl::StripAsciiWhitespace(line.substr(0, eq)));
    std::string value(absl::StripAsciiWhitespace(line.substr(eq + 1)));
    if (FindSetting(name) == nullptr || name == "config") {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_no, ": unknown setting '", name, "'"));
    }
    (*values)[name] = value;
  }
  return absl::OkStatus();
}

absl::Status LoadSecret(ServerConfig& c, const EnvLookup& env,
                        const FileReader& read_file) {
  if (!c.client_certificate_file.empty()) {
    return Invalid("client-certificate-file",
                   "certificate credentials are not supported yet; use "
                   "--client-secret-file");
  }
  if (!c.client_secret_file.empty()) {
    auto secret = read_file(c.client_secret_file);
    if (!secret.ok()) {
      return Invalid("client-secret-file",
                     "cannot read the secret file: " +
                         std::string(secret.status().message()));
    }
    c.client_secret = std::string(absl::StripTrailingAsciiWhitespace(*secret));
  } else if (auto s = env("GUESTINV_CLIENT_SECRET"); s.has_value()) {
    c.client_secret = *s;
  }
  if (c.dev) return absl::OkStatus();  // --dev brings its own credentials
  if (c.tenant_id.empty()) return Invalid("tenant-id", "required (or --dev)");
  if (c.client_id.empty()) return Invalid("client-id", "required (or --dev)");
  if (c.client_secret.empty()) {
    return Invalid("client-secret-file",
                   "no client secret: set --client-secret-file or "
                   "GUESTINV_CLIENT_SECRET (or use --dev)");
  }
  return absl::OkStatus();
}

absl::Status Validate(ServerConfig& c) {
  LogLevel level;
  if (!ParseLogLevel(c.log_level, &level)) {
    return Invalid("log-level", "expected debug, info, warning or error");
  }
  for (auto [name, url] : {std::pair<const char*, std::string*>{
                               "graph-base-url", &c.graph_base_url},
                           {"authority-host", &c.authority_host}}) {
    if (!absl::StartsWith(*url, "https://")) {
      return Invalid(name, "must be an https:// URL");
    }
  }
  if (!absl::EndsWith(c.authority_host, "/")) c.authority_host += "/";
  while (absl::EndsWith(c.graph_base_url, "/")) c.graph_base_url.pop_back();
  return absl::OkStatus();
}

}  // namespace

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

FileReader RealFileReader() {
  return [](const std::string& path) -> absl::StatusOr<std::string> {
    std::ifstream in(path, std::ios::binary);
    if (!in) return absl::NotFoundError("cannot open " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
}

absl::StatusOr<ParsedCommandLine> LoadServerConfig(
    const std::vector<std::string>& args, const EnvLookup& env,
    const FileReader& read_file) {
  ParsedCommandLine out;
  std::map<std::string, std::string> flags, file_values;
  if (auto s = ParseArgs(args, &flags, &out.help); !s.ok()) return s;
  if (out.help) return out;
  std::string config_path = flags.count("config") ? flags["config"]
                            : env("GUESTINV_CONFIG").value_or("");
  if (!config_path.empty()) {
    auto text = read_file(config_path);
    if (!text.ok()) return Invalid("config", std::string(text.status().message()));
    if (auto s = ParseConfigFile(config_path, *text, &file_values); !s.ok()) {
      return s;
    }
  }
  for (const auto& s : Settings()) {
    std::string value = s.default_value;
    if (auto it = file_values.find(s.name); it != file_values.end()) {
      value = it->second;
    }
    if (auto e = env(EnvName(s.name)); e.has_value()) value = *e;
    if (auto it = flags.find(s.name); it != flags.end()) value = it->second;
    if (auto st = s.set(out.config, value); !st.ok()) return st;
  }
  out.config.config_file = config_path;
  if (auto s = Validate(out.config); !s.ok()) return s;
  if (auto s = LoadSecret(out.config, env, read_file); !s.ok()) return s;
  return out;
}

std::string HelpText() {
  std::string out =
      "Usage: guest-invitation-server [--dev] [--listen=HOST:PORT] "
      "[--tenant-id=ID --client-id=ID --client-secret-file=PATH] [...]\n\n"
      "A gRPC service (guestinvitation.v1.GuestInvitationService) that "
      "invites B2B guests into an Entra ID tenant through Microsoft Graph.\n"
      "Every setting is a flag, an environment variable, or a line in the "
      "--config file (flag > env > file > default).\n\n";
  for (const auto& s : Settings()) {
    absl::StrAppend(&out, "  --", s.name, s.is_bool ? "" : "=VALUE", "\n      ",
                    s.help, "\n      env ", EnvName(s.name), ", default '",
                    s.default_value, "'\n");
  }
  absl::StrAppend(&out,
                  "\nThe client secret is read from --client-secret-file or "
                  "GUESTINV_CLIENT_SECRET; it is never accepted as a flag "
                  "value and never logged.\n");
  return out;
}

void LogEffectiveConfig(const ServerConfig& config) {
  LogFields fields;
  for (const auto& s : Settings()) fields.emplace_back(s.name, s.get(config));
  fields.emplace_back("client_secret_set", !config.client_secret.empty());
  Log(LogLevel::kInfo, "config", fields);
}

}  // namespace guestinvitation
