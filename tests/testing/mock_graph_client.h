// gMock GraphClient for use-case tests.
#ifndef GUESTINVITATION_TESTS_TESTING_MOCK_GRAPH_CLIENT_H_
#define GUESTINVITATION_TESTS_TESTING_MOCK_GRAPH_CLIENT_H_

#include "gmock/gmock.h"
#include "server/graph/graph_client.h"

namespace guestinvitation::testing {

class MockGraphClient : public graph::GraphClient {
 public:
  MOCK_METHOD(void, CreateInvitation,
              (const v1::CreateInvitationRequest&, std::optional<std::string>,
               const graph::CallOptions&, graph::Callback<v1::Invitation>),
              (override));
  MOCK_METHOD(void, AddGroupMember,
              (const std::string&, const std::string&, const graph::CallOptions&,
               graph::Callback<graph::MemberAddOutcome>),
              (override));
  MOCK_METHOD(void, GetUser,
              (const std::string&, const graph::CallOptions&,
               graph::Callback<v1::Guest>),
              (override));
  MOCK_METHOD(void, FindUserByMail,
              (const std::string&, const graph::CallOptions&,
               graph::Callback<std::optional<v1::Guest>>),
              (override));
  MOCK_METHOD(void, ListGuests,
              (const graph::ListUsersQuery&, const graph::CallOptions&,
               graph::Callback<graph::UserPage>),
              (override));
  MOCK_METHOD(void, SetAccountEnabled,
              (const std::string&, bool, const graph::CallOptions&,
               graph::StatusCallback),
              (override));
  MOCK_METHOD(void, DeleteUser,
              (const std::string&, const graph::CallOptions&,
               graph::StatusCallback),
              (override));
};

}  // namespace guestinvitation::testing

#endif  // GUESTINVITATION_TESTS_TESTING_MOCK_GRAPH_CLIENT_H_
