#include "server/config/server_config.h"

#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace guestinvitation {
namespace {

using ::testing::HasSubstr;

class ServerConfigTest : public ::testing::Test {
 protected:
  std::map<std::string, std::string> env_;
  std::map<std::string, std::string> files_;

  absl::StatusOr<ParsedCommandLine> Load(std::vector<std::string> args) {
    return LoadServerConfig(
        args,
        [this](const std::string& n) -> std::optional<std::string> {
          auto it = env_.find(n);
          if (it == env_.end()) return std::nullopt;
          return it->second;
        },
        [this](const std::string& p) -> absl::StatusOr<std::string> {
          auto it = files_.find(p);
          if (it == files_.end()) return absl::NotFoundError("no file " + p);
          return it->second;
        });
  }
};

TEST_F(ServerConfigTest, DevNeedsNoCredentialsAndDefaultsAreFilled) {
  auto c = Load({"--dev"});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->config.dev);
  EXPECT_EQ(c->config.listen, "127.0.0.1:50051");
  EXPECT_EQ(c->config.graph_base_url, "https://graph.microsoft.com/v1.0");
  EXPECT_EQ(c->config.authority_host, "https://login.microsoftonline.com/");
  EXPECT_EQ(c->config.graph_max_attempts, 4);
  EXPECT_EQ(c->config.idempotency_window, absl::Minutes(60));
}

TEST_F(ServerConfigTest, ProductionRequiresTenantClientAndSecret) {
  auto c = Load({"--tenant-id=t"});
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("--client-id"));
  c = Load({"--tenant-id=t", "--client-id=c"});
  EXPECT_THAT(std::string(c.status().message()), HasSubstr("no client secret"));
}

TEST_F(ServerConfigTest, SecretComesFromFileTrimmedOrEnv) {
  files_["/run/secret"] = "s3cr3t\n";
  auto c = Load({"--tenant-id=t", "--client-id=c", "--client-secret-file",
                 "/run/secret"});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->config.client_secret, "s3cr3t");
  env_["GUESTINV_CLIENT_SECRET"] = "fromenv";
  c = Load({"--tenant-id=t", "--client-id=c"});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->config.client_secret, "fromenv");
}

TEST_F(ServerConfigTest, FlagBeatsEnvBeatsFileBeatsDefault) {
  files_["/etc/gi.conf"] = "# comment\nlisten = 1.1.1.1:1\nio-threads=3\nlog-level = debug\n";
  env_["GUESTINV_CONFIG"] = "/etc/gi.conf";
  env_["GUESTINV_IO_THREADS"] = "5";
  auto c = Load({"--dev", "--log-level=warning"});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->config.listen, "1.1.1.1:1");
  EXPECT_EQ(c->config.io_threads, 5);
  EXPECT_EQ(c->config.log_level, "warning");
}

TEST_F(ServerConfigTest, BadValuesNameTheSetting) {
  EXPECT_THAT(std::string(Load({"--dev", "--io-threads=0"}).status().message()),
              HasSubstr("--io-threads"));
  EXPECT_THAT(std::string(Load({"--dev", "--shutdown-grace=soon"}).status().message()),
              HasSubstr("--shutdown-grace"));
  EXPECT_THAT(std::string(Load({"--dev", "--graph-base-url=http://x"}).status().message()),
              HasSubstr("https"));
  EXPECT_THAT(std::string(Load({"--nope"}).status().message()),
              HasSubstr("unknown flag --nope"));
  files_["/c"] = "bogus = 1\n";
  EXPECT_THAT(std::string(Load({"--dev", "--config=/c"}).status().message()),
              HasSubstr("/c:1: unknown setting 'bogus'"));
}

TEST_F(ServerConfigTest, HelpListsEverySettingWithItsEnvVar) {
  auto c = Load({"--help"});
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->help);
  std::string help = HelpText();
  EXPECT_THAT(help, HasSubstr("--graph-base-url"));
  EXPECT_THAT(help, HasSubstr("GUESTINV_GRAPH_BASE_URL"));
  EXPECT_THAT(help, HasSubstr("GUESTINV_CLIENT_SECRET"));
}

TEST_F(ServerConfigTest, NormalizesUrls) {
  auto c = Load({"--dev", "--authority-host=https://login.microsoftonline.us",
                 "--graph-base-url=https://graph.microsoft.us/v1.0/"});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->config.authority_host, "https://login.microsoftonline.us/");
  EXPECT_EQ(c->config.graph_base_url, "https://graph.microsoft.us/v1.0");
}

}  // namespace
}  // namespace guestinvitation
