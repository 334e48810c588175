// `flowclean formats`: the formats flowclean reads, and each one's
// description, which --format-file reads back once edited.
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/commands.h"
#include "flowclean/error.h"
#include "formats/builtin.h"

namespace flowclean {

namespace {

/// `words` after `first`, wrapped at 78 columns under `indent`.
std::string wrapped(std::string first, const std::vector<std::string>& words,
                    const std::string& indent) {
  std::string text;
  for (const std::string& word : words) {
    if (first.size() + 1 + word.size() > 78) {
      text += first + "\n";
      first = indent;
    }
    first += " " + word;
  }
  return text + first + "\n";
}

/// A format's line, the columns of its roles, and how many more it needs.
std::string listing(const Format& format) {
  const std::string protocol =
      !format.protocol_number.empty() && !format.protocol_name.empty()
          ? format.protocol_number + " or " + format.protocol_name
          : format.protocol_number + format.protocol_name;
  const std::size_t more = format.required().size() - 4;
  std::vector<std::string> words = {
      format.src_address + ",", format.dst_address + ",", format.src_port + ",",
      format.dst_port + ",", protocol};
  if (more > 0) {
    words.back() += ";";
    for (const char* word : {"and", "more", "that", "a", "flip", "changes"})
      words.emplace_back(word);
    words.insert(words.end() - 5, std::to_string(more));
  }
  // Names longer than the column (cic-ids2017) put the line below them.
  const char* const name_line =
      format.name.size() <= 8 ? "{:<8} {}\n" : "{}\n         {}\n";
  return fmt::format(name_line, format.name, format.about) +
         wrapped("         columns:", words, "                 ");
}

}  // namespace

int run_formats(const FormatsCommand& command) {
  if (!command.show.empty()) {
    std::fputs(builtin_format(command.show, "formats show").text.c_str(),
               stdout);
    return static_cast<int>(ExitCode::kSuccess);
  }
  for (const Format& format : builtin_formats())
    std::fputs(listing(format).c_str(), stdout);
  std::fputs(
      "'flowclean formats show NAME' prints one whole, to copy and edit for "
      "--format-file.\n",
      stdout);
  return static_cast<int>(ExitCode::kSuccess);
}

}  // namespace flowclean
