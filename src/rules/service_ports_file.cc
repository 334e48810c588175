#include "rules/service_ports_file.h"

#include <limits>  // csv.h needs it and does not include it

#include <fmt/format.h>
#include <libfccp/csv.h>

#include "flowclean/error.h"

namespace flowclean {

std::vector<Port> read_service_ports_file(const std::string& path) {
  std::vector<Port> ports;
  try {
    // A small side input: fast-cpp-csv-parser's LineReader serves it well.
    io::LineReader reader(path);
    while (const char* line = reader.next_line()) {
      std::string_view text(line);
      text = trim_blanks(text.substr(0, text.find('#')));
      if (text.empty())
        continue;
      const auto port = parse_port(text);
      if (!port) {
        throw Error(path, reader.get_file_line(),
                    fmt::format("'{}' is not a port (0-65535)", text));
      }
      ports.push_back(*port);
    }
  } catch (const io::error::can_not_open_file&) {
    throw Error(path, 0, "cannot open");
  } catch (const io::error::base& error) {
    throw Error(path, 0, error.what());
  }
  return ports;
}

}  // namespace flowclean
