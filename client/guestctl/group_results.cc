#include "client/guestctl/group_results.h"

#include "absl/strings/str_cat.h"

namespace guestinvitation::guestctl {

int ExitForGroupResults(Printer& printer, const GroupResults& results) {
  int failed = 0;
  for (const auto& result : results) {
    if (result.status() == v1::GROUP_RESULT_STATUS_FAILED) ++failed;
  }
  if (failed == 0) return kExitOk;
  printer.Note(absl::StrCat("error: ", failed, " of ", results.size(),
                            " group adds failed"));
  return kExitFailure;
}

}  // namespace guestinvitation::guestctl
