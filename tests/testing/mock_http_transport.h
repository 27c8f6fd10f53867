// gMock HttpTransport, plus a recorder that keeps each sent request and its
// callback so a test can answer them later (the transport contract is that
// callbacks never run inline).
#ifndef GUESTINVITATION_TESTS_TESTING_MOCK_HTTP_TRANSPORT_H_
#define GUESTINVITATION_TESTS_TESTING_MOCK_HTTP_TRANSPORT_H_

#include <deque>
#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "server/http/http_transport.h"

namespace guestinvitation::testing {

class MockHttpTransport : public http::HttpTransport {
 public:
  MOCK_METHOD(void, Send,
              (http::HttpRequest request, http::ResponseCallback done),
              (override));
};

struct PendingExchange {
  http::HttpRequest request;
  http::ResponseCallback done;
};

// Makes `mock` record every Send into a queue; Respond() answers the oldest.
class RecordingTransport {
 public:
  explicit RecordingTransport(MockHttpTransport& mock) {
    ON_CALL(mock, Send)
        .WillByDefault(
            [this](http::HttpRequest request, http::ResponseCallback done) {
              pending_.push_back({std::move(request), std::move(done)});
              sent_.push_back(pending_.back().request);
            });
  }

  size_t pending() const { return pending_.size(); }
  const std::deque<http::HttpRequest>& sent() const { return sent_; }
  const http::HttpRequest& front() const { return pending_.front().request; }

  void Respond(absl::StatusOr<http::HttpResponse> response) {
    PendingExchange exchange = std::move(pending_.front());
    pending_.pop_front();
    exchange.done(std::move(response));
  }
  void Respond(int status, std::string body = "", http::Headers headers = {}) {
    http::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    Respond(absl::StatusOr<http::HttpResponse>(std::move(r)));
  }

 private:
  std::deque<PendingExchange> pending_;
  std::deque<http::HttpRequest> sent_;
};

}  // namespace guestinvitation::testing

#endif  // GUESTINVITATION_TESTS_TESTING_MOCK_HTTP_TRANSPORT_H_
