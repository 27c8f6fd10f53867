#include "client/guestctl/request_id.h"

#include "absl/strings/str_cat.h"
#include "server/common/ids.h"

namespace guestinvitation::guestctl {

FlagSpec RequestIdFlag() {
  return {"request-id", "UUID",
          "Idempotency key; a retry with the same one is not done twice "
          "(default: a new UUID, printed on stderr)"};
}

std::string NewRandomRequestId() { return NewUuid(); }

std::string TakeRequestId(CommandContext& context) {
  if (context.flags.Has("request-id")) {
    return context.flags.Value("request-id");
  }
  std::string id = context.new_request_id();
  context.printer.Note(absl::StrCat(
      "request_id: ", id, " (to retry safely, pass --request-id=", id, ")"));
  return id;
}

}  // namespace guestinvitation::guestctl
