// JSON batching (POST /v1.0/$batch) in the Graph emulator, graph-api.md 6:
// whole-batch validation, items through the normal pipeline, dependsOn,
// per-item throttling and faults, response order and the ledger.
#include <map>
#include <vector>

#include "tests/unit/emulator_test_support.h"

namespace guestinvitation::emulator::testing {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

class EmulatorBatchTest : public EmulatorTest {
 protected:
  void Use(const std::string& config_json) {
    Make(Config(config_json));
    Token();
  }

  static json::object Item(const std::string& id, const std::string& method,
                           const std::string& url) {
    return json::object{{"id", id}, {"method", method}, {"url", url}};
  }
  static json::object InviteItem(const std::string& id,
                                 const std::string& email) {
    json::object item = Item(id, "POST", "/invitations");
    item["headers"] = json::object{{"Content-Type", "application/json"}};
    item["body"] = json::parse(InviteBody(email));
    return item;
  }
  static json::object AddMemberItem(const std::string& id,
                                    const std::string& group,
                                    const std::string& user_id) {
    json::object item =
        Item(id, "POST", absl::StrCat("/groups/", group, "/members/$ref"));
    item["headers"] = json::object{{"Content-Type", "application/json"}};
    item["body"] = json::parse(MemberRef(user_id));
    return item;
  }
  static json::object DependsOn(json::object item,
                                std::vector<std::string> ids) {
    json::array deps;
    for (const std::string& id : ids) deps.emplace_back(id);
    item["dependsOn"] = std::move(deps);
    return item;
  }

  ServerResponse Batch(const std::vector<json::object>& items,
                       http::Headers headers = {}) {
    json::array requests;
    for (const json::object& item : items) requests.emplace_back(item);
    return BatchText(json::serialize(json::object{{"requests", requests}}),
                     std::move(headers));
  }
  ServerResponse BatchText(const std::string& body,
                           http::Headers headers = {}) {
    return Graph("POST", "/v1.0/$batch", body, std::move(headers));
  }

  // The envelope's responses by id (fails the test on a bad envelope).
  static std::map<std::string, json::object> ById(const ServerResponse& r) {
    std::map<std::string, json::object> out;
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return out;
    json::value body = Json(r);
    for (const json::value& v : body.at("responses").as_array()) {
      out[Str(v.at("id"))] = v.as_object();
    }
    return out;
  }
  static std::vector<std::string> Ids(const ServerResponse& r) {
    std::vector<std::string> ids;
    json::value body = Json(r);
    for (const json::value& v : body.at("responses").as_array()) {
      ids.push_back(Str(v.at("id")));
    }
    return ids;
  }
  static int64_t Status(const json::object& item) {
    return item.at("status").as_int64();
  }
  static std::string ItemHeader(const json::object& item, const char* name) {
    const json::value* v = item.at("headers").as_object().if_contains(name);
    return v == nullptr ? "" : Str(*v);
  }
  static std::string ItemErrorCode(const json::object& item) {
    return Str(item.at("body").at("error").at("code"));
  }

  int UserCount() {
    return static_cast<int>(emu_->Ledger().at("users").as_array().size());
  }
  int64_t Requests(const std::string& route, const std::string& outcome) {
    json::object ledger = emu_->Ledger();
    const json::value* r = ledger.at("requests").as_object().if_contains(route);
    if (r == nullptr) return 0;
    const json::value* n = r->as_object().if_contains(outcome);
    return n == nullptr ? 0 : n->as_int64();
  }
  int64_t LedgerInt(const char* key) {
    return emu_->Ledger().at(key).as_int64();
  }

  void ExpectBatch400(const ServerResponse& r, const std::string& message) {
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(ErrorCode(r), "BadRequest");
    EXPECT_EQ(ErrorMessage(r), message);
    EXPECT_FALSE(
        Str(Json(r).at("error").at("innerError").at("request-id")).empty());
  }
};

TEST_F(EmulatorBatchTest, MixesInvitationGetUsersAndGroupAdd) {
  std::string existing = InviteUser("existing@fabrikam.com");
  ServerResponse r =
      Batch({InviteItem("1", "new@fabrikam.com"),
             Item("2", "GET", "/users?$filter=userType eq 'Guest'"),
             AddMemberItem("3", kGroup1, existing)});
  std::map<std::string, json::object> items = ById(r);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(HeaderOf(r, "Content-Type").find("application/json"), 0u);

  ASSERT_EQ(Status(items["1"]), 201);
  const json::object& invited = items["1"].at("body").as_object();
  EXPECT_EQ(Str(invited.at("invitedUserEmailAddress")), "new@fabrikam.com");
  EXPECT_EQ(Str(invited.at("status")), "PendingAcceptance");
  EXPECT_THAT(ItemHeader(items["1"], "Content-Type"),
              HasSubstr("application/json"));

  ASSERT_EQ(Status(items["2"]), 200);
  EXPECT_GE(items["2"].at("body").at("value").as_array().size(), 1u);

  EXPECT_EQ(Status(items["3"]), 204);
  EXPECT_FALSE(items["3"].contains("body"));  // 204: no body

  json::object ledger = emu_->Ledger();
  EXPECT_EQ(ledger.at("users").as_array().size(), 2u);
  ASSERT_EQ(ledger.at("memberships").as_array().size(), 1u);
  EXPECT_EQ(Str(ledger.at("memberships").at(0).at("user_id")), existing);
  EXPECT_EQ(ledger.at("batches").as_int64(), 1);
  EXPECT_EQ(ledger.at("batch_items").as_int64(), 3);
  EXPECT_EQ(ledger.at("batch_applied_but_429").as_int64(), 0);
  // Each item under its own route, the envelope under $batch.
  EXPECT_EQ(Requests("POST /v1.0/invitations", "201"), 2);
  EXPECT_EQ(Requests("GET /v1.0/users", "200"), 1);
  EXPECT_EQ(Requests("POST /v1.0/groups/{id}/members/$ref", "204"), 1);
  EXPECT_EQ(Requests("POST /v1.0/$batch", "200"), 1);
  EXPECT_EQ(ledger.at("invitation_posts").at("new@fabrikam.com").as_int64(), 1);
}

TEST_F(EmulatorBatchTest, EnvelopeIs200EvenWhenEveryItemFails) {
  ServerResponse r =
      Batch({Item("a", "GET", "/users/nobody"), Item("b", "GET", "/nothing")});
  std::map<std::string, json::object> items = ById(r);
  EXPECT_EQ(Status(items["a"]), 404);
  EXPECT_EQ(ItemErrorCode(items["a"]), "Request_ResourceNotFound");
  EXPECT_EQ(Status(items["b"]), 404);
  EXPECT_EQ(Requests("GET /v1.0/users/{id}", "404"), 1);
  EXPECT_EQ(Requests("GET /v1.0/(unknown)", "404"), 1);
}

TEST_F(EmulatorBatchTest, MoreThanTwentyItemsIs400ForTheWholeBatch) {
  std::vector<json::object> items;
  for (int i = 0; i < 20; ++i) {
    items.push_back(Item(absl::StrCat(i), "GET", "/users"));
  }
  EXPECT_EQ(Batch(items).status, 200);
  items.push_back(InviteItem("20", "late@fabrikam.com"));
  ServerResponse r = Batch(items);
  ExpectBatch400(r, "Number of requests inside batch exceeds the limit.");
  EXPECT_EQ(UserCount(), 0);
  EXPECT_EQ(LedgerInt("batches"), 1);
  EXPECT_EQ(LedgerInt("batch_items"), 20);
  EXPECT_EQ(Requests("POST /v1.0/$batch", "400"), 1);
  EXPECT_EQ(Requests("POST /v1.0/invitations", "201"), 0);
}

TEST_F(EmulatorBatchTest, MaxRequestsIsConfigurable) {
  Use(R"({"batch":{"max_requests":2}})");
  EXPECT_EQ(
      Batch({Item("1", "GET", "/users"), Item("2", "GET", "/users")}).status,
      200);
  EXPECT_EQ(Batch({Item("1", "GET", "/users"), Item("2", "GET", "/users"),
                   Item("3", "GET", "/users")})
                .status,
            400);
}

TEST_F(EmulatorBatchTest, MalformedBatchesAre400AndApplyNothing) {
  const std::string invite = json::serialize(InviteItem("ok", "m@x.com"));
  const std::string cases[] = {
      "not json",
      "[]",
      "{}",
      R"({"requests":{}})",
      R"({"requests":[]})",
      absl::StrCat(R"({"requests":[)", invite, R"(,"x"]})"),
      absl::StrCat(R"({"requests":[)", invite,
                   R"(,{"method":"GET","url":"/users"}]})"),
      R"({"requests":[{"id":"","method":"GET","url":"/users"}]})",
      R"({"requests":[{"id":1,"method":"GET","url":"/users"}]})",
      R"({"requests":[{"id":"1","url":"/users"}]})",
      R"({"requests":[{"id":"1","method":"G E T","url":"/users"}]})",
      R"({"requests":[{"id":"1","method":"GET"}]})",
      R"({"requests":[{"id":"1","method":"GET","url":""}]})",
      R"({"requests":[{"id":"1","method":"GET","url":"/users","headers":[]}]})",
      R"({"requests":[{"id":"1","method":"GET","url":"/users","headers":{"a":1}}]})",
      R"({"requests":[{"id":"1","method":"GET","url":"/users","headers":{"a":"x\ny"}}]})",
      R"({"requests":[{"id":"1","method":"GET","url":"/users","dependsOn":"2"}]})",
      R"({"requests":[{"id":"1","method":"GET","url":"/users","dependsOn":[2]}]})",
  };
  for (const std::string& body : cases) {
    ServerResponse r = BatchText(body);
    ExpectBatch400(r, "Invalid batch payload format.");
  }
  EXPECT_EQ(UserCount(), 0);
  EXPECT_EQ(LedgerInt("batches"), 0);
  EXPECT_EQ(Requests("POST /v1.0/invitations", "201"), 0);
}

TEST_F(EmulatorBatchTest, DuplicateIdsAre400) {
  ServerResponse r =
      Batch({InviteItem("1", "a@x.com"), Item("2", "GET", "/users"),
             InviteItem("1", "b@x.com")});
  ExpectBatch400(r, "Batch request id '1' is used more than once.");
  EXPECT_EQ(UserCount(), 0);
}

TEST_F(EmulatorBatchTest, UrlsAreRelativeToTheVersionRoot) {
  // Absolute URLs refuse the whole batch.
  for (const char* url : {"https://graph.microsoft.com/v1.0/users",
                          "http://127.0.0.1/users", "//graph/users"}) {
    ExpectBatch400(Batch({Item("1", "GET", url)}),
                   "Invalid batch payload format.");
  }
  // Without a leading slash is fine; a query may hold "://" and spaces.
  std::map<std::string, json::object> items = ById(Batch(
      {Item("1", "GET", "users"),
       Item("2", "GET", "/users?$filter=mail eq 'https://x'"),
       Item("3", "GET", "/v1.0/users"), Item("4", "GET", "/beta/users")}));
  EXPECT_EQ(Status(items["1"]), 200);
  EXPECT_EQ(Status(items["2"]), 200);
  // A version segment is just an unknown segment under the version root.
  EXPECT_EQ(Status(items["3"]), 400);
  EXPECT_EQ(ItemErrorCode(items["3"]), "BadRequest");
  EXPECT_EQ(Str(items["3"].at("body").at("error").at("message")),
            "Resource not found for the segment 'v1.0'.");
  EXPECT_EQ(Status(items["4"]), 400);
  EXPECT_EQ(Requests("GET /v1.0/users", "200"), 2);
  EXPECT_EQ(Requests("GET /v1.0/(unknown)", "400"), 2);
}

TEST_F(EmulatorBatchTest, BodyNeedsContentTypeAndWritesNeedABody) {
  json::object no_type = InviteItem("1", "a@x.com");
  no_type.erase("headers");
  ExpectBatch400(Batch({Item("0", "GET", "/users"), no_type}),
                 "Write request id : 1 does not contain Content-Type header "
                 "or body.");
  json::object no_body = InviteItem("7", "a@x.com");
  no_body.erase("body");
  ExpectBatch400(Batch({no_body}),
                 "Write request id : 7 does not contain Content-Type header "
                 "or body.");
  EXPECT_EQ(UserCount(), 0);
  // Reads and deletes need neither.
  std::string id = InviteUser("d@x.com");
  std::map<std::string, json::object> items = ById(Batch(
      {Item("r", "GET", absl::StrCat("/users/", id)),
       Item("d", "DELETE",
            absl::StrCat("/groups/", kGroup1, "/members/", id, "/$ref"))}));
  EXPECT_EQ(Status(items["r"]), 200);
  EXPECT_EQ(Status(items["d"]), 404);  // not a member
}

TEST_F(EmulatorBatchTest, ItemHeadersArePassedThrough) {
  std::string id = InviteUser("h@x.com");
  json::object item = Item("1", "GET", absl::StrCat("/users/", id));
  item["headers"] = json::object{{"client-request-id", "item-corr-1"}};
  json::object missing = Item("2", "GET", "/users/nobody");
  std::map<std::string, json::object> items =
      ById(Batch({item, missing}, {{"client-request-id", "outer-corr"}}));
  EXPECT_EQ(Status(items["1"]), 200);
  // Items without their own id inherit the outer client-request-id.
  EXPECT_EQ(Str(items["2"]
                    .at("body")
                    .at("error")
                    .at("innerError")
                    .at("client-request-id")),
            "outer-corr");
}

TEST_F(EmulatorBatchTest, DependsOnRunsDependenciesFirst) {
  // "a" is listed first but needs "b": it sees the user "b" created.
  std::map<std::string, json::object> items = ById(Batch(
      {DependsOn(Item("a", "GET", "/users?$filter=mail eq 'dep@x.com'"), {"b"}),
       InviteItem("b", "dep@x.com")}));
  EXPECT_EQ(Status(items["b"]), 201);
  ASSERT_EQ(Status(items["a"]), 200);
  EXPECT_EQ(items["a"].at("body").at("value").as_array().size(), 1u);
}

TEST_F(EmulatorBatchTest, FailedDependencyGives424DownTheChain) {
  json::object bad = InviteItem("1", "not-an-address");
  std::map<std::string, json::object> items =
      ById(Batch({bad, DependsOn(Item("2", "GET", "/users"), {"1"}),
                  DependsOn(InviteItem("3", "c@x.com"), {"2"})}));
  EXPECT_EQ(Status(items["1"]), 400);
  EXPECT_EQ(Status(items["2"]), 424);
  EXPECT_EQ(ItemErrorCode(items["2"]), "FailedDependency");
  EXPECT_THAT(Str(items["2"].at("body").at("error").at("message")),
              HasSubstr("'1'"));
  EXPECT_EQ(Status(items["3"]), 424);
  EXPECT_EQ(UserCount(), 0);  // 3 was never run
  EXPECT_EQ(Requests("GET /v1.0/users", "424"), 1);
  EXPECT_EQ(Requests("POST /v1.0/invitations", "424"), 1);
  EXPECT_EQ(Requests("POST /v1.0/invitations", "400"), 1);
}

TEST_F(EmulatorBatchTest, BadDependenciesAre400) {
  ExpectBatch400(Batch({Item("1", "GET", "/users"),
                        DependsOn(Item("2", "GET", "/users"), {"9"})}),
                 "Request id '2' depends on an invalid request id.");
  ExpectBatch400(Batch({DependsOn(Item("1", "GET", "/users"), {"1"})}),
                 "Request id '1' depends on an invalid request id.");
  // 3 depends on 1 and 2: neither a chain nor a star.
  const std::string mixed_message =
      "Batch should be either fully sequential or fully parallel.";
  std::vector<json::object> mixed = {
      Item("1", "GET", "/users"), DependsOn(Item("2", "GET", "/users"), {"1"}),
      DependsOn(Item("3", "GET", "/users"), {"1", "2"})};
  ExpectBatch400(Batch(mixed), mixed_message);
  // 1 and 3 run first, then 2: mixed too.
  ExpectBatch400(Batch({Item("1", "GET", "/users"),
                        DependsOn(Item("2", "GET", "/users"), {"1"}),
                        Item("3", "GET", "/users")}),
                 mixed_message);
  // A star (all on one) and a chain listed out of order are fine.
  EXPECT_EQ(Batch({Item("1", "GET", "/users"),
                   DependsOn(Item("2", "GET", "/users"), {"1"}),
                   DependsOn(Item("3", "GET", "/users"), {"1"})})
                .status,
            200);
  EXPECT_EQ(Batch({DependsOn(Item("3", "GET", "/users"), {"2"}),
                   DependsOn(Item("2", "GET", "/users"), {"1"}),
                   Item("1", "GET", "/users")})
                .status,
            200);

  Use(R"({"batch":{"require_sequential_or_parallel":false}})");
  EXPECT_EQ(Batch(mixed).status, 200);
  ExpectBatch400(Batch({Item("0", "GET", "/users"),
                        DependsOn(Item("1", "GET", "/users"), {"2"}),
                        DependsOn(Item("2", "GET", "/users"), {"1"})}),
                 "The dependsOn of the batch requests form a cycle.");
}

TEST_F(EmulatorBatchTest, ThrottledItemIs429InsideA200AndNotApplied) {
  Use(R"({"throttling":{"enabled":true,"app_tenant_writes":2,
          "app_tenant_write_window_s":10}})");
  ServerResponse r =
      Batch({InviteItem("1", "t1@x.com"), InviteItem("2", "t2@x.com"),
             InviteItem("3", "t3@x.com")});
  // The envelope itself is not charged.
  EXPECT_EQ(HeaderOf(r, "x-ms-resource-unit"), "");
  std::map<std::string, json::object> items = ById(r);
  EXPECT_EQ(Status(items["1"]), 201);
  EXPECT_EQ(ItemHeader(items["1"], "x-ms-resource-unit"), "1");
  EXPECT_EQ(Status(items["2"]), 201);
  ASSERT_EQ(Status(items["3"]), 429);
  // Short one write plus its own debit, at 2 writes per 10 s.
  EXPECT_EQ(ItemHeader(items["3"], "retry-after"), "10");
  EXPECT_EQ(ItemHeader(items["3"], "Retry-After"), "");
  EXPECT_EQ(ItemHeader(items["3"], "x-ms-throttle-information"),
            "WriteLimitExceeded");
  EXPECT_EQ(ItemErrorCode(items["3"]), "TooManyRequests");
  EXPECT_EQ(Str(items["3"].at("body").at("error").at("innerError").at("code")),
            "429");
  EXPECT_EQ(UserCount(), 2);
  EXPECT_EQ(LedgerInt("throttled"), 1);
  EXPECT_EQ(Requests("POST /v1.0/invitations", "429"), 1);
  EXPECT_EQ(Requests("POST /v1.0/invitations", "201"), 2);
  // The buckets are shared with top-level calls.
  EXPECT_EQ(Invite("t4@x.com").status, 429);
}

TEST_F(EmulatorBatchTest, AppliedButReported429) {
  Use(R"({"batch":{"applied_but_429_probability":1}})");
  std::map<std::string, json::object> items =
      ById(Batch({InviteItem("w", "ab@x.com"), Item("r", "GET", "/users")}));
  ASSERT_EQ(Status(items["w"]), 429);
  EXPECT_EQ(ItemHeader(items["w"], "retry-after"), "1");
  EXPECT_EQ(ItemErrorCode(items["w"]), "TooManyRequests");
  EXPECT_EQ(Status(items["r"]), 200);  // reads are never affected
  EXPECT_EQ(UserCount(), 1);           // but it was applied
  EXPECT_EQ(LedgerInt("batch_applied_but_429"), 1);
  EXPECT_EQ(Requests("POST /v1.0/invitations", "201"), 1);
  EXPECT_EQ(LedgerInt("throttled"), 0);
}

TEST_F(EmulatorBatchTest, AppliedBut429IsOffByDefault) {
  std::map<std::string, json::object> items =
      ById(Batch({InviteItem("w", "ok@x.com")}));
  EXPECT_EQ(Status(items["w"]), 201);
}

TEST_F(EmulatorBatchTest, ResponseOrderOptions) {
  std::vector<json::object> batch;
  std::vector<std::string> sent;
  for (int i = 0; i < 10; ++i) {
    sent.push_back(absl::StrCat("id", i));
    batch.push_back(Item(sent.back(), "GET", "/users"));
  }
  Use(R"({"batch":{"response_order":"request"}})");
  EXPECT_EQ(Ids(Batch(batch)), sent);
  Use(R"({"batch":{"response_order":"reversed"}})");
  EXPECT_EQ(Ids(Batch(batch)),
            std::vector<std::string>(sent.rbegin(), sent.rend()));
  // Default: a seeded shuffle, the same for the same seed.
  Use(R"({"seed":7})");
  std::vector<std::string> first = Ids(Batch(batch));
  EXPECT_NE(first, sent);
  std::vector<std::string> sorted = first;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, sent);
  Use(R"({"seed":7})");
  EXPECT_EQ(Ids(Batch(batch)), first);
}

TEST_F(EmulatorBatchTest, NestedBatchIsRefused) {
  json::object nested = Item("1", "POST", "/$batch");
  nested["headers"] = json::object{{"Content-Type", "application/json"}};
  nested["body"] = json::object{{"requests", json::array{}}};
  ExpectBatch400(Batch({nested}),
                 "A batch request cannot contain another batch request.");
  nested["url"] = "/%24batch";
  EXPECT_EQ(Batch({nested}).status, 400);
  EXPECT_EQ(LedgerInt("batches"), 0);
}

TEST_F(EmulatorBatchTest, StatusFaultHitsTheItem) {
  Use(R"({"faults":[{"method":"POST","path_prefix":"/v1.0/invitations",
          "status":503,"count":1}]})");
  std::map<std::string, json::object> items =
      ById(Batch({InviteItem("1", "f1@x.com"), Item("2", "GET", "/users")}));
  EXPECT_EQ(Status(items["1"]), 503);
  EXPECT_EQ(ItemErrorCode(items["1"]), "serviceNotAvailable");
  EXPECT_EQ(Status(items["2"]), 200);
  EXPECT_EQ(UserCount(), 0);
  EXPECT_EQ(Requests("POST /v1.0/invitations", "503"), 1);
}

TEST_F(EmulatorBatchTest, SocketFaultOfAnItemBreaksTheBatchConnection) {
  Use(R"({"faults":[{"method":"POST","path_prefix":"/v1.0/invitations",
          "kind":"reset_after_apply","count":1},
          {"method":"GET","path_prefix":"/v1.0/users","kind":"delay",
           "delay_ms":300}]})");
  ServerResponse r =
      Batch({InviteItem("1", "f1@x.com"), Item("2", "GET", "/users")});
  EXPECT_EQ(r.fault, ResponseFault::kResetConnection);
  EXPECT_EQ(r.delay, absl::Milliseconds(300));
  EXPECT_EQ(UserCount(), 1);  // applied before the reset
  EXPECT_EQ(Requests("POST /v1.0/invitations", "reset_after_apply"), 1);
  // The envelope's own ledger line says how its connection ended.
  EXPECT_EQ(Requests("POST /v1.0/$batch", "reset"), 1);
  EXPECT_EQ(Requests("POST /v1.0/$batch", "200"), 0);
}

TEST_F(EmulatorBatchTest, SlowItemPacesTheEnvelopeWithItsOwnChunks) {
  Use(R"({"faults":[{"method":"GET","path_prefix":"/v1.0/users",
          "kind":"slow_body","chunk_bytes":64,"chunk_interval_ms":250}]})");
  ServerResponse r = Batch({Item("1", "GET", "/users")});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.fault, ResponseFault::kSlowBody);
  EXPECT_EQ(r.trickle_chunk_bytes, 64u);
  EXPECT_EQ(r.trickle_interval, absl::Milliseconds(250));
  EXPECT_EQ(Requests("POST /v1.0/$batch", "slow_body"), 1);
}

TEST_F(EmulatorBatchTest, FaultOnTheEnvelopeAppliesNoItem) {
  Use(R"({"faults":[{"path_prefix":"/v1.0/$batch","status":500}]})");
  ServerResponse r = Batch({InviteItem("1", "e@x.com")});
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(UserCount(), 0);
}

TEST_F(EmulatorBatchTest, ItemsUseTheOuterToken) {
  json::object item = InviteItem("1", "auth@x.com");
  json::array requests{item};
  std::string body = json::serialize(json::object{{"requests", requests}});
  // No outer token: 401 and nothing runs.
  ServerResponse r = Send("POST", "/v1.0/$batch", body,
                          {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(UserCount(), 0);
  EXPECT_EQ(LedgerInt("batches"), 0);
  // An item's own Authorization header is ignored in favour of the outer.
  item.at("headers").as_object()["Authorization"] = "Bearer bogus";
  std::map<std::string, json::object> items = ById(Batch({item}));
  EXPECT_EQ(Status(items["1"]), 201);
  emu_->RevokeTokens();
  EXPECT_EQ(Batch({InviteItem("2", "late@x.com")}).status, 401);
  EXPECT_EQ(UserCount(), 1);
}

TEST_F(EmulatorBatchTest, OnlyPostIsAllowed) {
  ServerResponse r = Graph("GET", "/v1.0/$batch");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(HeaderOf(r, "Allow"), "POST");
  EXPECT_EQ(Requests("GET /v1.0/$batch", "405"), 1);
}

TEST_F(EmulatorBatchTest, ResetClearsBatchCounters) {
  ById(Batch({Item("1", "GET", "/users")}));
  EXPECT_EQ(LedgerInt("batches"), 1);
  emu_->Reset();
  EXPECT_EQ(LedgerInt("batches"), 0);
  EXPECT_EQ(LedgerInt("batch_items"), 0);
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
