#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <unistd.h>

#include "io/mapped_file.h"
#include "io/sink.h"
#include "test_support.h"

using flowclean::test::kHeader;
using flowclean::test::row;

namespace {

// VAST rows, every fifth inverted, with what the checked path must see:
// a malformed row, a blank line, a quoted field, a CR LF row.
std::string mixed_rows(int count) {
  std::string text = kHeader;
  for (int i = 0; i < count; ++i) {
    const int client = 1025 + (i * 7919) % 60000;
    text += i % 5 == 0 ? row(6, "172.10.0.4", "10.0.0.9", 80, client)
                       : row(6, "10.0.0.9", "172.10.0.4", client, 80);
    if (i % 97 == 3)
      text += "1,2,3\n";
    if (i % 89 == 5)
      text += "\n";
    if (i % 83 == 7)
      text += row(17, "\"10.0.0.1\"", "10.0.0.2", 53, 40000);
    if (i % 79 == 9) {
      std::string crlf = row(6, "172.10.0.4", "10.0.0.9", 80, 50000);
      text += crlf.insert(crlf.size() - 1, "\r");
    }
  }
  return text;
}

std::string clean_from(flowclean::ByteSource& source,
                       const flowclean::CleanOptions& options) {
  flowclean::StringSink out;
  flowclean::StringSink rejects;
  (void)flowclean::clean({&source}, out, &rejects, options);
  return out.text + "--rejects--\n" + rejects.text;
}

}  // namespace

TEST_CASE("inputs cleaned where they lie give the bytes a pipe gives",
          "[output]") {
  const std::string text = mixed_rows(3000);
  flowclean::CleanOptions options;
  options.rows.on_error =
      GENERATE(flowclean::OnError::kSkip, flowclean::OnError::kPass);
  options.rows.annotate = GENERATE(false, true);
  options.threads = GENERATE(1u, 3u);
  // Small blocks: many of them, and rows that outgrow one.
  options.block_bytes = GENERATE(std::size_t{300}, std::size_t{4096});
  CAPTURE(options.threads, options.block_bytes, options.rows.annotate);
  flowclean::test::TrickleSource piped(text, 1000);
  const auto in_place = flowclean::memory_source("memory", text);
  REQUIRE(in_place->view().size() == text.size());
  CHECK(clean_from(*in_place, options) == clean_from(piped, options));
}

namespace {

// Flow rows, every third inverted, some with a quoted date holding line
// breaks: a few, or more than a small block holds.
std::string quoted_break_rows(int count) {
  std::string text = kHeader;
  const std::string date = "2013-04-01 09:10:28";
  for (int i = 0; i < count; ++i) {
    std::string line = i % 3 == 0
                           ? row(6, "172.10.0.4", "10.0.0.9", 80, 1025 + i)
                           : row(6, "10.0.0.9", "172.10.0.4", 1025 + i, 80);
    if (i % 7 == 2) {
      std::string broken = "\"2013-04-01\n09:10:28\"";
      for (int n = 0; i % 5 == 0 && n < 300; ++n) broken.insert(1, "x\n");
      line.replace(line.find(date), date.size(), broken);
    }
    text += line;
  }
  return text;
}

}  // namespace

TEST_CASE("quoted line breaks where one thread cuts blind stay in their rows",
          "[output]") {
  const int rows = 2000;
  const std::string text = quoted_break_rows(rows);
  flowclean::CleanOptions options;
  options.threads = 1;
  options.block_bytes = GENERATE(std::size_t{300}, std::size_t{1000},
                                 std::size_t{4096}, std::size_t{65536});
  CAPTURE(options.block_bytes);
  flowclean::test::TrickleSource piped(text, 1000);
  const auto in_place = flowclean::memory_source("memory", text);
  CHECK(clean_from(*in_place, options) == clean_from(piped, options));
  const auto again = flowclean::memory_source("memory", text);
  flowclean::StringSink out;
  const flowclean::Summary summary =
      flowclean::clean({again.get()}, out, nullptr, options);
  CHECK(summary.rows_read == rows);
  CHECK(summary.rows_malformed == 0);
  CHECK(summary.rows_flipped == (rows + 2) / 3);
}

TEST_CASE("a file sink writes many parts as the same bytes in order",
          "[output]") {
  char name[] = "/tmp/flowclean-parts-XXXXXX";
  const int fd = ::mkstemp(name);
  REQUIRE(fd >= 0);
  ::close(fd);
  // More parts than one writev takes, some of them empty.
  std::vector<std::string> texts;
  for (int i = 0; i < 2500; ++i)
    texts.push_back(i % 7 == 0 ? "" : std::to_string(i) + ",");
  const std::vector<std::string_view> parts(texts.begin(), texts.end());
  std::string expected;
  for (const std::string& text : texts) expected += text;
  {
    const auto sink = flowclean::atomic_file_sink(name);
    sink->write_parts(parts.data(), parts.size());
    sink->commit();
  }
  std::ifstream file(name, std::ios::binary);
  const std::string written((std::istreambuf_iterator<char>(file)),
                            std::istreambuf_iterator<char>());
  std::remove(name);
  CHECK(written == expected);
}

TEST_CASE("a mapped file shows the file's bytes, also after giving back pages",
          "[output]") {
  char name[] = "/tmp/flowclean-mapped-XXXXXX";
  const int fd = ::mkstemp(name);
  REQUIRE(fd >= 0);
  std::string text;
  while (text.size() < (std::size_t{70} << 20)) text += mixed_rows(100);
  REQUIRE(::write(fd, text.data(), text.size()) ==
          static_cast<ssize_t>(text.size()));
  {
    flowclean::MappedFile mapped(fd, text.size(),
                                 flowclean::MappedFile::When::kAlways);
    const std::string_view bytes = mapped.bytes();
    REQUIRE(bytes == text);
    mapped.release(text.size() / 2);  // 32 MiB given back
    CHECK(bytes == text);
    mapped.release(text.size());  // all of it
    CHECK(bytes == text);
  }
  {
    // Whether it maps is the page cache's doing (huge pages or not):
    // either way what it shows is the file.
    flowclean::MappedFile mapped(fd, text.size());
    CHECK((mapped.bytes().empty() || mapped.bytes() == text));
  }
  ::close(fd);
  std::remove(name);
}
