// Reading the model file (its format is in model_file.h). Strict: a model
// that does not parse is an error naming the line, never a partial model.
#include "learn/model_parse.h"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "flowclean/error.h"
#include "io/source.h"
#include "learn/model_binary.h"
#include "learn/model_file.h"

namespace flowclean {

namespace {

/// The words of a line. A fixed array, not a vector: a model has a line per
/// conversation cell (a million), and an allocation each was a third of the
/// time `clean --model` took to read one.
struct Words {
  static constexpr std::size_t kMax = 10;  ///< one more than any kind has
  std::array<std::string_view, kMax> items;
  std::size_t count = 0;

  [[nodiscard]] std::size_t size() const { return count; }
  std::string_view operator[](std::size_t i) const { return items[i]; }
};

/// A character's value as a lower-case hex digit, 255 if it is not one:
/// a table, since the branches of a range test mispredicted on every
/// other digit (perf annotate).
constexpr std::array<std::uint8_t, 256> kHexDigit = [] {
  std::array<std::uint8_t, 256> table{};
  for (auto& entry : table) entry = 255;
  for (std::uint8_t d = 0; d < 10; ++d) table['0' + d] = d;
  for (std::uint8_t d = 0; d < 6; ++d)
    table['a' + d] = static_cast<std::uint8_t>(10 + d);
  return table;
}();

struct LineParser {
  const std::string& name;
  std::uint64_t line;
  Words words;

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(name, line, what);
  }

  std::uint64_t count(std::size_t i) const {
    const auto value = parse_count(words[i]);
    if (!value)
      fail(fmt::format("'{}' is not a count", words[i]));
    return *value;
  }

  bool udp(std::size_t i) const {
    if (words[i] != transport_name(false) && words[i] != transport_name(true))
      fail(fmt::format("'{}' is not tcp or udp", words[i]));
    return words[i] == transport_name(true);
  }

  Port port(std::size_t i) const {
    const auto port = parse_port(words[i]);
    if (!port)
      fail(fmt::format("'{}' is not a port (0-65535)", words[i]));
    return *port;
  }

  // One pass over the characters: the hex values of a model's million
  // sketches were read through find(',') and a loop per value, a third of
  // loading one (perf, 27 MB model).
  DistinctSketch sketch(std::size_t i) const {
    DistinctSketch sketch;
    const std::string_view text = words[i];
    if (text == "-")
      return sketch;
    std::uint32_t value = 0;
    std::size_t digits = 0;
    for (std::size_t k = 0; k <= text.size(); ++k) {
      const char c = k < text.size() ? text[k] : ',';
      if (c == ',') {
        if (digits == 0)
          fail(fmt::format("'{}' is not a sketch", text));
        sketch.add(value);
        value = 0;
        digits = 0;
        continue;
      }
      const std::uint8_t digit = kHexDigit[static_cast<unsigned char>(c)];
      if (digit > 15 || ++digits > 8)
        fail(fmt::format("'{}' is not a sketch", text));
      value = value * 16 + digit;
    }
    return sketch;
  }

  std::string address(std::size_t i) const {
    std::string out;
    const std::string_view text = words[i];
    for (std::size_t k = 0; k < text.size(); ++k) {
      if (text[k] != '%') {
        out.push_back(text[k]);
        continue;
      }
      unsigned byte = 0;
      if (k + 2 >= text.size() + 0 ||
          std::sscanf(std::string(text.substr(k + 1, 2)).c_str(), "%2X",
                      &byte) != 1) {
        fail(fmt::format("bad escape in address '{}'", text));
      }
      out.push_back(static_cast<char>(byte));
      k += 2;
    }
    return out;
  }

  std::size_t cell(std::size_t i, std::size_t cells) const {
    const std::uint64_t index = count(i);
    if (index >= cells)
      fail(fmt::format("cell {} is out of range", index));
    return static_cast<std::size_t>(index);
  }

  void expect_words(std::size_t n) const {
    if (words.size() != n) {
      fail(fmt::format("'{}' line has {} fields, expected {}", words[0],
                       words.size(), n));
    }
  }
};

Words split_words(std::string_view text) {
  Words words;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    if (words.count < Words::kMax)
      words.items[words.count] = text.substr(0, space);
    ++words.count;  // counted past kMax too, so the error says how many
    if (space == std::string_view::npos)
      break;
    text.remove_prefix(space + 1);
  }
  return words;
}

/// Which facts a model has given: each may be given once.
struct Seen {
  bool rows = false;
  bool dropped = false;
  std::vector<bool> ports = std::vector<bool>(std::size_t{2} * 65536);
  std::vector<bool> talk = std::vector<bool>(kHostCells);
  std::vector<bool> port_cells = std::vector<bool>(kHostPortCells);

  static void once(const LineParser& p, std::vector<bool>::reference seen) {
    if (seen)
      p.fail(fmt::format("a second '{}' line for the same {}", p.words[0],
                         p.words[0] == "host" || p.words[0] == "endpoint"
                             ? "address"
                             : "key"));
    seen = true;
  }
};

/// A host cell's conversations, as many as the cell holds.
void set_talk(Evidence& evidence, std::size_t cell, std::uint64_t count) {
  evidence.conversation_cells()[cell] =
      static_cast<std::uint32_t>(std::min<std::uint64_t>(count, UINT32_MAX));
}

void parse_fact(const LineParser& p, Evidence& evidence, Seen& seen) {
  const std::string_view kind = p.words[0];
  if (kind == "rows") {
    p.expect_words(2);
    if (seen.rows)
      p.fail("a second 'rows' line");
    seen.rows = true;
    evidence.set_rows(p.count(1));
  } else if (kind == "dropped") {
    p.expect_words(5);
    if (seen.dropped)
      p.fail("a second 'dropped' line");
    seen.dropped = true;
    evidence.dropped() = {p.count(1), p.count(2), p.count(3), p.count(4)};
  } else if (kind == "port") {
    p.expect_words(7);
    const bool udp = p.udp(1);
    const Port port = p.port(2);
    Seen::once(p, seen.ports[(udp ? 65536U : 0U) + port]);
    PortEvidence& e = evidence.port(udp, port);
    e.as_src = p.count(3);
    e.as_dst = p.count(4);
    e.conversations = p.count(5);
    e.peer_ports = p.sketch(6);
  } else if (kind == "host") {
    p.expect_words(9);
    HostEvidence h{p.address(8), p.count(1),  p.sketch(2), p.sketch(3),
                   p.sketch(4),  p.sketch(5), p.sketch(6), p.sketch(7)};
    if (!evidence.hosts.try_emplace(hash_text(h.address), std::move(h)).second)
      p.fail("a second 'host' line for the same address");
  } else if (kind == "endpoint") {
    p.expect_words(6);
    EndpointEvidence e{p.address(5), p.udp(1), p.port(2), p.count(3),
                       p.sketch(4)};
    auto [entry, added] = evidence.endpoints.try_emplace(
        endpoint_key(hash_text(e.address), e.udp, e.port));
    if (!added)
      p.fail("a second 'endpoint' line for the same address and port");
    *entry = std::move(e);
  } else if (kind == "talk") {
    p.expect_words(3);
    const std::size_t cell = p.cell(1, kHostCells);
    Seen::once(p, seen.talk[cell]);
    set_talk(evidence, cell, p.count(2));
  } else if (kind == "ports") {
    p.expect_words(3);
    const std::size_t cell = p.cell(1, kHostPortCells);
    Seen::once(p, seen.port_cells[cell]);
    evidence.port_cells()[cell] = p.sketch(2);
  } else {
    p.fail(fmt::format("unknown line kind '{}'", kind));
  }
}

/// 'talk CELL COUNT', three in four of a model's lines (717,659 of 916,218
/// in a 27 MB one), read without splitting it into words: 20% less time to
/// load. The numbers are read as parse_fact reads them; anything unusual, a
/// repeated cell included, is left to parse_fact, which names the problem.
bool read_talk(std::string_view line, Evidence& evidence, Seen& seen) {
  constexpr std::string_view kTalk = "talk ";
  if (line.substr(0, kTalk.size()) != kTalk)
    return false;
  line.remove_prefix(kTalk.size());
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos)
    return false;
  const auto cell = parse_count(line.substr(0, space));
  const auto count = parse_count(line.substr(space + 1));
  if (!cell || !count || *cell >= kHostCells || seen.talk[*cell])
    return false;
  seen.talk[*cell] = true;
  set_talk(evidence, static_cast<std::size_t>(*cell), *count);
  return true;
}

std::uint64_t count_lines(std::string_view text) {
  return static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
}

/// Where the facts begin: past the first line that is not blank or a
/// comment, which must name the format. `line` is that line's number.
std::size_t after_magic(std::string_view text, const std::string& name,
                        std::uint64_t& line) {
  std::size_t at = 0;
  line = 0;
  while (at < text.size()) {
    const std::string_view content = text.substr(at, text.find('\n', at) - at);
    at = std::min(text.size(), at + content.size() + 1);
    ++line;
    if (content.empty() || content.front() == '#')
      continue;
    if (content == kModelMagic)
      return at;
    if (content == "flowclean-model 1")
      throw Error(name, line,
                  "a model in format 1, from an older flowclean, which has no "
                  "checksum: learn it again");
    throw Error(
        name, line,
        fmt::format("not a flowclean model (no '{}' line)", kModelMagic));
  }
  throw Error(name, 0, "not a flowclean model (empty)");
}

/// The lines before the `end` line, once it vouches for them.
std::string_view checked_body(std::string_view text, const std::string& name) {
  if (text.back() != '\n')
    throw Error(name, count_lines(text) + 1,
                "the model ends mid-line: it was cut short");
  const std::size_t last_end = text.rfind('\n', text.size() - 2);
  const std::size_t start =
      last_end == std::string_view::npos ? 0 : last_end + 1;
  const std::string_view body = text.substr(0, start);
  const std::uint64_t line = count_lines(body) + 1;
  const Words words = split_words(text.substr(start, text.size() - start - 1));
  const LineParser p{name, line, words};
  if (words.size() != 3 || words[0] != "end")
    p.fail("the model has no 'end' line at its end: it was cut short");
  if (p.count(1) != line - 1)
    p.fail(
        fmt::format("{} lines stand before the 'end' line, which says {}: "
                    "lines were lost or added",
                    line - 1, words[1]));
  if (words[2] != fmt::format("{:08x}", model_checksum(body)))
    p.fail(
        "the checksum does not match the lines above it: the model was "
        "edited or damaged");
  return body;
}

}  // namespace

Evidence parse_model(std::string_view text, const std::string& name) {
  std::uint64_t line = 0;
  const std::size_t facts = after_magic(text, name, line);
  text = checked_body(text, name).substr(facts);
  Evidence evidence;
  Seen seen;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view content = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line;
    if (content.empty() || content.front() == '#' ||
        read_talk(content, evidence, seen))
      continue;
    parse_fact(LineParser{name, line, split_words(content)}, evidence, seen);
  }
  return evidence;
}

Evidence read_model_file(const std::string& path) {
  // A binary model is read into its tables as it comes; a text model whole.
  {
    const auto source = open_source(path);
    std::array<char, kBinaryModelMagic.size()> start{};
    std::size_t got = 0;
    while (got < start.size()) {
      const int n = source->read(start.data() + got,
                                 static_cast<int>(start.size() - got));
      if (n <= 0)
        break;
      got += static_cast<std::size_t>(n);
    }
    if (is_binary_model({start.data(), got}))
      return read_binary_model(*open_source(path));
  }
  const HugeVector<char> text = read_large_file(path);
  return parse_model({text.data(), text.size()}, path);
}

}  // namespace flowclean
