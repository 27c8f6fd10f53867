// Shared fixture for the emulator unit tests: a GraphEmulator with a fake
// clock, called directly (no sockets, no sleeps).
#ifndef GUESTINVITATION_TESTS_UNIT_EMULATOR_TEST_SUPPORT_H_
#define GUESTINVITATION_TESTS_UNIT_EMULATOR_TEST_SUPPORT_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "tools/graph_emulator/graph_emulator.h"

namespace guestinvitation::emulator::testing {

inline constexpr char kHost[] = "127.0.0.1:4443";
inline constexpr char kBase[] = "https://127.0.0.1:4443";
inline constexpr char kGroup1[] = "5f1c3a2e-8b4d-4e6f-9a10-1b2c3d4e5f01";
inline constexpr char kGroup2[] = "5f1c3a2e-8b4d-4e6f-9a10-1b2c3d4e5f02";

class EmulatorTest : public ::testing::Test {
 protected:
  EmulatorTest() { Make(DefaultEmulatorConfig()); }

  void Make(EmulatorConfig config) {
    creds_ = {"0b1c2d3e-1111-4222-8333-444455556666",
              "7a8b9c0d-aaaa-4bbb-8ccc-ddddeeeeffff", "s3cr~et.val_ue-1"};
    emu_ = std::make_unique<GraphEmulator>(GraphEmulatorOptions{
        creds_, std::move(config), [this] { return now_; }});
    token_.clear();
  }

  // Parses a config JSON text or fails the test.
  static EmulatorConfig Config(const std::string& json) {
    absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(json);
    EXPECT_TRUE(config.ok()) << config.status();
    return config.ok() ? *config : DefaultEmulatorConfig();
  }

  ServerResponse Send(const std::string& method, const std::string& target,
                      const std::string& body = "",
                      http::Headers headers = {}) {
    ServerRequest request;
    request.method = method;
    request.target = target;
    request.headers = std::move(headers);
    request.headers.emplace_back("Host", kHost);
    request.body = body;
    return emu_->Handle(request);
  }

  std::string TokenForm(const std::string& secret) const {
    return absl::StrCat("grant_type=client_credentials&client_id=",
                        creds_.client_id, "&client_secret=", Encode(secret),
                        "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
  }
  static std::string Encode(const std::string& s) {
    std::string out;
    for (char c : s) {
      if (isalnum(static_cast<unsigned char>(c))) {
        out.push_back(c);
      } else {
        out += absl::StrCat("%", absl::BytesToHexString(std::string(1, c)));
      }
    }
    return out;
  }
  ServerResponse PostToken(const std::string& form,
                           http::Headers headers = {}) {
    headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return Send("POST",
                absl::StrCat("/", creds_.tenant_id, "/oauth2/v2.0/token"), form,
                std::move(headers));
  }
  const std::string& Token() {
    if (token_.empty()) {
      ServerResponse r = PostToken(TokenForm(creds_.client_secret));
      EXPECT_EQ(r.status, 200) << r.body;
      token_ = std::string(Json(r).at("access_token").as_string());
    }
    return token_;
  }

  // A Graph call with a valid bearer token.
  ServerResponse Graph(const std::string& method, const std::string& target,
                       const std::string& body = "",
                       http::Headers headers = {}) {
    headers.emplace_back("Authorization", absl::StrCat("Bearer ", Token()));
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return Send(method, target, body, std::move(headers));
  }

  static boost::json::value Json(const ServerResponse& r) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(r.body, ec);
    EXPECT_FALSE(ec) << "not JSON: " << r.body;
    return v;
  }
  static std::string Str(const boost::json::value& v) {
    return std::string(v.as_string());
  }
  static std::string ErrorCode(const ServerResponse& r) {
    return Str(Json(r).at("error").at("code"));
  }
  static std::string ErrorMessage(const ServerResponse& r) {
    return Str(Json(r).at("error").at("message"));
  }
  static std::string HeaderOf(const ServerResponse& r, const char* name) {
    return http::FindHeader(r.headers, name).value_or("");
  }

  static std::string InviteBody(const std::string& email,
                                const std::string& extra = "") {
    return absl::StrCat(R"({"invitedUserEmailAddress":")", email,
                        R"(","inviteRedirectUrl":"https://myapp.contoso.com")",
                        extra, "}");
  }
  ServerResponse Invite(const std::string& email,
                        const std::string& extra = "") {
    return Graph("POST", "/v1.0/invitations", InviteBody(email, extra));
  }
  // Invites and returns invitedUser.id.
  std::string InviteUser(const std::string& email,
                         const std::string& extra = "") {
    ServerResponse r = Invite(email, extra);
    EXPECT_EQ(r.status, 201) << r.body;
    return Str(Json(r).at("invitedUser").at("id"));
  }
  static std::string MemberRef(const std::string& user_id) {
    return absl::StrCat(
        R"({"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/)",
        user_id, R"("})");
  }
  ServerResponse AddMember(const std::string& group,
                           const std::string& user_id) {
    return Graph("POST", absl::StrCat("/v1.0/groups/", group, "/members/$ref"),
                 MemberRef(user_id));
  }

  absl::Time now_ = absl::FromUnixSeconds(1767225600);  // 2026-01-01
  EmulatorCredentials creds_;
  std::unique_ptr<GraphEmulator> emu_;
  std::string token_;
};

}  // namespace guestinvitation::emulator::testing

#endif  // GUESTINVITATION_TESTS_UNIT_EMULATOR_TEST_SUPPORT_H_
