// The model file is refused whole when it is damaged: cut short, edited,
// a line given twice, counts that would wrap. A model that is accepted
// wrongly changes the flips of every chunk cleaned with it.
#include "learn/model_file.h"

#include <catch2/catch.hpp>

#include "flowclean/error.h"
#include "learn/model_parse.h"

using flowclean::Evidence;
using flowclean::parse_model;
using flowclean::with_model_trailer;

namespace {

/// A small model of every kind of line.
std::string sample_body() {
  return "# flowclean model\n"
         "flowclean-model 2\n"
         "rows 40\n"
         "port tcp 80 3 30 20 1f,2a\n"
         "port udp 53 1 9 9 -\n"
         "host 12 a,b - - - - - 10.66.6.6\n"
         "endpoint tcp 80 20 5,6 172.10.0.4\n"
         "talk 17 3\n"
         "ports 9 4d\n";
}

}  // namespace

TEST_CASE("a model as written reads back to the same text", "[model]") {
  const std::string text = flowclean::render_model(
      parse_model(with_model_trailer(sample_body()), "m"));
  CHECK(flowclean::render_model(parse_model(text, "m")) == text);
  CHECK(text.find("port udp 53 1 9 9 -\n") != std::string::npos);
}

TEST_CASE("a model cut anywhere is refused", "[model]") {
  const std::string text = with_model_trailer(sample_body());
  for (const double share : {0.1, 0.5, 0.9}) {
    const auto cut = static_cast<std::size_t>(share * double(text.size()));
    CHECK_THROWS_AS(parse_model(text.substr(0, cut), "m"), flowclean::Error);
  }
  // Cut at a line end: every line whole, but not the model.
  const std::string short_lines =
      text.substr(0, text.find("talk"));  // ends with '\n'
  CHECK_THROWS_WITH(parse_model(short_lines, "m"),
                    Catch::Contains("no 'end' line"));
  CHECK_THROWS_WITH(parse_model(text.substr(0, text.size() - 3), "m"),
                    Catch::Contains("cut short"));
}

TEST_CASE("an edited model is refused, naming the end line", "[model]") {
  std::string text = with_model_trailer(sample_body());
  text.replace(text.find("rows 40"), 7, "rows 41");
  CHECK_THROWS_WITH(parse_model(text, "week.model"),
                    Catch::Contains("week.model:10") &&
                        Catch::Contains("checksum does not match"));
  std::string dropped = with_model_trailer(sample_body());
  const std::string line = "talk 17 3\n";
  dropped.erase(dropped.find(line), line.size());
  CHECK_THROWS_AS(parse_model(dropped, "m"), flowclean::Error);
}

TEST_CASE("a line given twice is refused even with a good checksum",
          "[model]") {
  for (const std::string twice :
       {"rows 40\n", "port tcp 80 3 30 20 1f,2a\n",
        "host 12 a,b - - - - - 10.66.6.6\n",
        "endpoint tcp 80 20 5,6 172.10.0.4\n", "talk 17 3\n", "ports 9 4d\n"}) {
    const std::string text = with_model_trailer(sample_body() + twice);
    CHECK_THROWS_WITH(parse_model(text, "m"),
                      Catch::Contains("m:10: a second"));
  }
}

TEST_CASE("a model of the older format is refused with a reason", "[model]") {
  CHECK_THROWS_WITH(
      parse_model("flowclean-model 1\nrows 3\n", "old.model"),
      Catch::Contains("old.model:1") && Catch::Contains("learn it again"));
  CHECK_THROWS_WITH(parse_model("", "e.model"),
                    Catch::Contains("not a flowclean model"));
}

TEST_CASE("merging models whose counts pass 2^64 is an error, not a wrap",
          "[model]") {
  const std::string text =
      with_model_trailer("flowclean-model 2\nrows 9999999999999999999\n");
  Evidence evidence = parse_model(text, "m");
  CHECK_THROWS_WITH(evidence.merge(parse_model(text, "m")),
                    Catch::Contains("passes 2^64"));
  const std::string ports = with_model_trailer(
      "flowclean-model 2\nrows 1\nport tcp 80 9999999999999999999 0 0 -\n");
  Evidence with_port = parse_model(ports, "m");
  CHECK_THROWS_AS(with_port.merge(parse_model(ports, "m")), flowclean::Error);
}
