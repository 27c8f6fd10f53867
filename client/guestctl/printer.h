// Writes a subcommand's outcome in the chosen format and returns the exit
// code that goes with it, so every subcommand reports the same way.
#ifndef GUESTINVITATION_CLIENT_GUESTCTL_PRINTER_H_
#define GUESTINVITATION_CLIENT_GUESTCTL_PRINTER_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "client/guestctl/global_options.h"
#include "google/protobuf/message.h"

namespace guestinvitation::guestctl {

// Documented in `guestctl --help`; scripts depend on them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the RPC (or part of it) failed
inline constexpr int kExitUsage = 2;    // bad flags or arguments

class Printer {
 public:
  Printer(std::ostream& out, std::ostream& err, OutputFormat format)
      : out_(out), err_(err), format_(format) {}

  OutputFormat format() const { return format_; }

  // Prints `message` as JSON, or `text` in text mode, on stdout.
  void Result(const google::protobuf::Message& message, absl::string_view text);
  // A failed call: the text form on stderr always, and in JSON mode the
  // JSON error object on stdout as well. Returns kExitFailure.
  int RpcFailure(const absl::Status& status);
  // "error: <command>: <message>" and a pointer to the help. Returns
  // kExitUsage.
  int UsageError(absl::string_view command, absl::string_view message);
  // A remark for the person at the terminal (stderr, any format).
  void Note(absl::string_view text);

 private:
  std::ostream& out_;
  std::ostream& err_;
  OutputFormat format_;
};

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_CLIENT_GUESTCTL_PRINTER_H_
