// `flowclean formats`: the formats flowclean reads, and each one's
// description, which --format-file reads back once edited.
#include <cstdio>

#include <fmt/format.h>

#include "app/commands.h"
#include "flowclean/error.h"
#include "formats/builtin.h"

namespace flowclean {

int run_formats(const FormatsCommand& command) {
  if (!command.show.empty()) {
    std::fputs(builtin_format(command.show, "formats show").text.c_str(),
               stdout);
    return static_cast<int>(ExitCode::kSuccess);
  }
  for (const Format& format : builtin_formats()) {
    std::string columns;
    for (const std::string& column : format.required())
      columns += (columns.empty() ? "" : ", ") + column;
    for (const std::string* protocol :
         {&format.protocol_number, &format.protocol_name}) {
      if (!protocol->empty())
        columns += (protocol == &format.protocol_name &&
                            !format.protocol_number.empty()
                        ? " or "
                        : ", ") +
                   *protocol;
    }
    fmt::print("{:<8} {}\n{:<8} found by: {}\n", format.name, format.about, "",
               columns);
  }
  return static_cast<int>(ExitCode::kSuccess);
}

}  // namespace flowclean
