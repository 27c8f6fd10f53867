// The exit code for responses that carry per-group outcomes (invite,
// groups add): a group add that failed does not fail the RPC, but a script
// must still notice it.
#ifndef GUESTINVITATION_CLIENT_GUESTCTL_GROUP_RESULTS_H_
#define GUESTINVITATION_CLIENT_GUESTCTL_GROUP_RESULTS_H_

#include "client/guestctl/printer.h"
#include "client/guestctl/text_format.h"

namespace guestinvitation::guestctl {

// kExitOk when no group add failed; otherwise a note on stderr and
// kExitFailure. The results themselves are already printed.
int ExitForGroupResults(Printer& printer, const GroupResults& results);

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_CLIENT_GUESTCTL_GROUP_RESULTS_H_
