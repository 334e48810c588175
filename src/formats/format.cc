// The format description language, one directive a line (doc/formats.md):
//   format NAME              about TEXT
//   source-address COLUMN    destination-address COLUMN
//   source-port COLUMN       destination-port COLUMN
//   protocol-number COLUMN   protocol-name COLUMN
//   source-payload COLUMN    destination-payload COLUMN
//   swap COLUMN COLUMN       complement SHARE TOTAL
//   arrows COLUMN            halves COLUMN SEPARATOR
//   swap-case COLUMN         exchange COLUMN VALUE VALUE [VALUE VALUE]...
//   flow-id COLUMN           unchecked-ports
//   handshake zeek-history|argus-state COLUMN
//   separator comma|tab|pipe|json... quoting on|off
//   padded                   comment PREFIX
//   header-line PREFIX       trailer LINE
//   columns NAME...          unidirectional
//   payload-estimate SRC_BYTES SRC_PACKETS DST_BYTES DST_PACKETS
//   payload-estimate SRC_BYTES SRC_PACKETS from-totals TOTAL_BYTES
//                    TOTAL_PACKETS
// `optional` before a flip directive applies it only where the header has
// its columns. A column name with spaces is written in double quotes; '#'
// starts a comment line.
#include "formats/format.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "flowclean/error.h"
#include "formats/format_check.h"
#include "io/source.h"

namespace flowclean {

/// The directives that name one column, and where each goes.
const std::map<std::string_view, FormatField>& column_directives() {
  static const std::map<std::string_view, FormatField> directives = {
      {"source-address", &Format::src_address},
      {"destination-address", &Format::dst_address},
      {"source-port", &Format::src_port},
      {"destination-port", &Format::dst_port},
      {"protocol-number", &Format::protocol_number},
      {"protocol-name", &Format::protocol_name},
      {"source-payload", &Format::src_payload},
      {"destination-payload", &Format::dst_payload},
  };
  return directives;
}

namespace {

/// The words of a line: blanks separate them, double quotes keep blanks in.
std::vector<std::string> words_of(std::string_view line,
                                  const std::string& file,
                                  std::uint64_t number) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t') {
      ++i;
      continue;
    }
    if (line[i] == '"') {
      const std::size_t close = line.find('"', i + 1);
      if (close == std::string_view::npos)
        throw Error(file, number, "a quoted column name has no closing '\"'");
      words.emplace_back(line.substr(i + 1, close - i - 1));
      i = close + 1;
      continue;
    }
    const std::size_t end = line.find_first_of(" \t", i);
    words.emplace_back(line.substr(
        i, end == std::string_view::npos ? std::string_view::npos : end - i));
    i = end == std::string_view::npos ? line.size() : end;
  }
  return words;
}

void set_once(std::string& field, const std::vector<std::string>& words,
              const std::string& file, std::uint64_t number) {
  if (words.size() != 2)
    throw Error(file, number, fmt::format("{} takes one column", words[0]));
  if (!field.empty())
    throw Error(file, number, fmt::format("{} is given twice", words[0]));
  field = words[1];
}

/// The flip directives other than a required swap, with their arity.
struct FlipVerb {
  std::string_view verb;
  FieldFlip::Kind kind;
  std::size_t arguments;
  const char* usage;
};
constexpr FlipVerb kFlipVerbs[] = {
    {"swap", FieldFlip::Kind::kSwap, 2, "two columns"},
    {"complement", FieldFlip::Kind::kComplement, 2,
     "a column and the column of its total"},
    {"arrows", FieldFlip::Kind::kArrows, 1, "one column"},
    {"halves", FieldFlip::Kind::kHalves, 2, "a column and a separator"},
    {"swap-case", FieldFlip::Kind::kSwapCase, 1, "one column"},
    {"exchange", FieldFlip::Kind::kExchange, 3, "a column and pairs of values"},
    {"flow-id", FieldFlip::Kind::kFlowId, 1, "one column"},
};

/// A flip directive (after `optional`, if any); false when `words` is not
/// one.
bool flip_directive(Format& format, std::vector<std::string> words,
                    bool optional, const std::string& file,
                    std::uint64_t number) {
  for (const FlipVerb& flip : kFlipVerbs) {
    if (words[0] != flip.verb)
      continue;
    const bool exchange = flip.kind == FieldFlip::Kind::kExchange;
    const bool arity_ok = exchange ? words.size() >= 4 && words.size() % 2 == 0
                                   : words.size() == flip.arguments + 1;
    if (!arity_ok)
      throw Error(file, number,
                  fmt::format("{} takes {}", words[0], flip.usage));
    if (flip.kind == FieldFlip::Kind::kSwap && !optional) {
      format.swaps.emplace_back(words[1], words[2]);
      return true;
    }
    if (flip.kind == FieldFlip::Kind::kHalves && words[2].size() != 1)
      throw Error(file, number, "halves takes a separator of one byte");
    FieldFlip added{flip.kind, words[1], {}, {}, {}, optional};
    if (exchange) {
      added.values.assign(words.begin() + 2, words.end());
    } else if (words.size() > 2) {
      added.other = words[2];
    }
    format.flips.push_back(std::move(added));
    return true;
  }
  return false;
}

/// A one-word setting: "separator tab", "quoting off".
const std::string& setting(const std::vector<std::string>& words,
                           const std::string& file, std::uint64_t number) {
  if (words.size() != 2)
    throw Error(file, number, fmt::format("{} takes one word", words[0]));
  return words[1];
}

/// The directives of how lines split and which lines are not rows; false
/// when `words` is none of them.
bool line_directive(Format& format, const std::vector<std::string>& words,
                    const std::string& file, std::uint64_t number) {
  const std::string& verb = words[0];
  if (verb == "separator") {
    static const std::map<std::string_view, char> kSeparators = {
        {"comma", ','}, {"tab", '\t'}, {"pipe", '|'}, {"json", '\0'}};
    if (words.size() < 2)
      throw Error(file, number, "separator takes comma, tab, pipe or json");
    format.dialects.clear();
    for (auto word = words.begin() + 1; word != words.end(); ++word) {
      const auto it = kSeparators.find(*word);
      if (it == kSeparators.end())
        throw Error(file, number, "separator is comma, tab, pipe or json");
      // Only CSV quotes; TAB- and '|'-separated exports write '"' as text,
      // and JSON strings are found by the JSON reader.
      const char separator = it->second;
      format.dialects.push_back({separator, separator == ',', separator == 0});
    }
  } else if (verb == "quoting") {
    const std::string& value = setting(words, file, number);
    if (value != "on" && value != "off")
      throw Error(file, number, "quoting is on or off");
    // After the separators it applies to.
    for (Dialect& dialect : format.dialects)
      dialect.quoting = value == "on" && !dialect.json;
  } else if (verb == "padded") {
    format.padded = true;
  } else if (verb == "unidirectional") {
    format.unidirectional = true;
  } else if (verb == "payload-estimate") {
    const bool totals = words.size() == 6 && words[3] == "from-totals";
    if ((words.size() != 5 && !totals) || !format.payload_estimate.empty())
      throw Error(file, number,
                  "payload-estimate takes the source's bytes and packets "
                  "columns, then the destination's (or from-totals and the "
                  "totals' columns), once");
    format.payload_estimate.assign(words.begin() + 1, words.end());
    if (totals)
      format.payload_estimate.erase(format.payload_estimate.begin() + 2);
    format.estimate_from_totals = totals;
  } else if (verb == "comment") {
    set_once(format.comment, words, file, number);
  } else if (verb == "header-line") {
    set_once(format.header_line, words, file, number);
  } else if (verb == "trailer") {
    set_once(format.trailer, words, file, number);
  } else if (verb == "columns") {
    if (words.size() < 2 || !format.columns.empty())
      throw Error(file, number, "columns names the columns, once");
    format.columns.assign(words.begin() + 1, words.end());
  } else {
    return false;
  }
  return true;
}

void directive(Format& format, std::vector<std::string> words,
               std::string_view line, const std::string& file,
               std::uint64_t number) {
  const bool optional = words[0] == "optional";
  if (optional) {
    words.erase(words.begin());
    if (words.empty() || !flip_directive(format, words, true, file, number))
      throw Error(file, number, "optional comes before a flip directive");
    return;
  }
  if (flip_directive(format, words, false, file, number) ||
      line_directive(format, words, file, number))
    return;
  const std::string& verb = words[0];
  if (verb == "format") {
    set_once(format.name, words, file, number);
  } else if (verb == "about") {
    format.about = std::string(line.substr(line.find("about") + 5));
    format.about.erase(0, format.about.find_first_not_of(" \t"));
  } else if (verb == "unchecked-ports") {
    format.unchecked_ports = true;
  } else if (verb == "handshake") {
    static const std::map<std::string_view, HandshakeKind> kKinds = {
        {"zeek-history", HandshakeKind::kZeekHistory},
        {"argus-state", HandshakeKind::kArgusState}};
    const auto kind = words.size() == 3 ? kKinds.find(words[1]) : kKinds.end();
    if (kind == kKinds.end() || !format.handshake_column.empty())
      throw Error(file, number,
                  "handshake takes zeek-history or argus-state and a "
                  "column, once");
    format.handshake = kind->second;
    format.handshake_column = words[2];
  } else if (const auto it = column_directives().find(verb);
             it != column_directives().end()) {
    set_once(format.*(it->second), words, file, number);
  } else {
    throw Error(file, number,
                fmt::format("'{}' is not a directive (doc/formats.md lists "
                            "them)",
                            verb));
  }
}

}  // namespace

Format parse_format(std::string_view text, const std::string& file) {
  Format format;
  format.text = std::string(text);
  format.origin = file;
  std::uint64_t number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++number;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    std::vector<std::string> words = words_of(line, file, number);
    if (words.empty() || words[0].front() == '#')
      continue;
    directive(format, std::move(words), line, file, number);
  }
  check_complete(format, file);
  return format;
}

Format read_format_file(const std::string& path) {
  return parse_format(read_whole_file(path), path);
}

}  // namespace flowclean
