// gMock TokenProvider. By default it hands out "token-1" inline, so tests
// that do not care about tokens need no setup.
#ifndef GUESTINVITATION_TESTS_TESTING_MOCK_TOKEN_PROVIDER_H_
#define GUESTINVITATION_TESTS_TESTING_MOCK_TOKEN_PROVIDER_H_

#include <string>

#include "gmock/gmock.h"
#include "server/auth/token_provider.h"

namespace guestinvitation::testing {

class MockTokenProvider : public auth::TokenProvider {
 public:
  MockTokenProvider() {
    ON_CALL(*this, GetToken)
        .WillByDefault([this](absl::Time, auth::TokenCallback done) {
          auth::AccessToken token;
          token.value = current_token;
          token.expires_at = absl::InfiniteFuture();
          token.refresh_at = absl::InfiniteFuture();
          done(token);
        });
  }
  MOCK_METHOD(void, GetToken, (absl::Time deadline, auth::TokenCallback done),
              (override));
  MOCK_METHOD(void, InvalidateToken, (const std::string& value), (override));

  // What the default GetToken hands out; tests change it to simulate a
  // refresh.
  std::string current_token = "token-1";
};

}  // namespace guestinvitation::testing

#endif  // GUESTINVITATION_TESTS_TESTING_MOCK_TOKEN_PROVIDER_H_
