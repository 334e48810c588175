#include "flowclean/block_reader.h"

#include <catch2/catch.hpp>

#include "flowclean/error.h"

namespace {

// A source that hands out at most `step` bytes per read, like a pipe.
class TrickleSource : public flowclean::ByteSource {
 public:
  TrickleSource(std::string text, int step)
      : ByteSource("trickle"), text_(std::move(text)), step_(step) {}
  int read(char* buffer, int size) override {
    const auto n =
        std::min({static_cast<std::size_t>(size),
                  static_cast<std::size_t>(step_), text_.size() - at_});
    std::copy_n(text_.data() + at_, n, buffer);
    at_ += n;
    return static_cast<int>(n);
  }

 private:
  std::string text_;
  int step_;
  std::size_t at_ = 0;
};

}  // namespace

TEST_CASE("blocks hold whole records whatever the read sizes",
          "[block_reader]") {
  std::string text = "h1,h2\n";
  std::string rows;
  for (int i = 0; i < 5000; ++i)
    rows += std::to_string(i) + ",\"q\n" + std::to_string(i) + "\"\n";
  text += rows;
  const int step = GENERATE(1, 7, 4096, 1 << 20);
  TrickleSource source(text, step);
  flowclean::BlockReader reader(source, 1024, 1 << 20);
  CHECK(reader.read_header() == "h1,h2\n");
  std::string joined;
  flowclean::Block block;
  while (reader.next(block)) {
    REQUIRE(block.kind == flowclean::Block::Kind::kRows);
    const std::string data(block.buffer.data(), block.size);
    CHECK(data.back() == '\n');
    joined += data;
  }
  CHECK(joined == rows);
}

TEST_CASE("records longer than a block but within the row limit stay whole",
          "[block_reader]") {
  const std::string row = std::string(3000, 'r') + "\n";
  TrickleSource source("h\n" + row + row, 512);
  flowclean::BlockReader reader(source, 256, 4096);
  CHECK(reader.read_header() == "h\n");
  flowclean::Block block;
  std::string joined;
  while (reader.next(block)) {
    CHECK(block.kind == flowclean::Block::Kind::kRows);
    joined.append(block.buffer.data(), block.size);
  }
  CHECK(joined == row + row);
}

TEST_CASE("a header longer than the limit is an error at line 1",
          "[block_reader]") {
  const std::string text(5000, 'a');
  TrickleSource source(text, 100);
  flowclean::BlockReader reader(source, 1024, 1000);
  CHECK_THROWS_WITH(reader.read_header(),
                    "trickle:1: header is longer than the limit of 1000 bytes");
}
