// Learning: evidence that merges exactly and ignores row direction, a model
// file that round-trips, and the decisions the learned rules exist for.
#include "flowclean/learn.h"

#include <random>
#include <sstream>

#include <catch2/catch.hpp>

#include "flowclean/error.h"
#include "learn/model_file.h"
#include "learn/model_parse.h"
#include "report/learn_report.h"
#include "test_support.h"

using flowclean::CleanOptions;
using flowclean::Evidence;
using flowclean::Model;

namespace {

/// A VAST row with payload counts: 0 and 0 make a probe.
std::string flow(int protocol, const std::string& src, const std::string& dst,
                 int src_port, int dst_port, int src_payload = 700,
                 int dst_payload = 9000) {
  const char* code = protocol == 6 ? "TCP" : protocol == 17 ? "UDP" : "OTHER";
  return "1365582000.5,2013-04-10 08:20:00,20130410082000.5," +
         std::to_string(protocol) + "," + code + "," + src + "," + dst + "," +
         std::to_string(src_port) + "," + std::to_string(dst_port) + ",0,0,2," +
         std::to_string(src_payload) + "," + std::to_string(dst_payload) +
         ",900,9300,5,6,0\n";
}

std::string reversed(int protocol, const std::string& src,
                     const std::string& dst, int src_port, int dst_port,
                     int src_payload = 700, int dst_payload = 9000) {
  return flow(protocol, dst, src, dst_port, src_port, dst_payload, src_payload);
}

/// Web and DNS clients, a proxy on 8080, and a scanner sending from port 53.
std::vector<std::string> traffic_rows(bool inverted) {
  std::vector<std::string> rows;
  auto add = [&](int protocol, const std::string& src, const std::string& dst,
                 int sp, int dp, int up = 700, int down = 9000) {
    rows.push_back(inverted ? reversed(protocol, src, dst, sp, dp, up, down)
                            : flow(protocol, src, dst, sp, dp, up, down));
  };
  for (int i = 0; i < 60; ++i) {
    const std::string client = "172.10.1." + std::to_string(2 + i % 30);
    add(6, client, "172.10.0.4", 40000 + i * 7, 80);
    add(6, client, "172.10.0.20", 50000 + i * 11, 8080);
    add(17, client, "172.10.0.2", 30000 + i * 13, 53, 40, 90);
  }
  for (int i = 0; i < 80; ++i) {
    add(6, "10.66.6.6", "172.10.0." + std::to_string(30 + i % 40), 53,
        1 + (i * 37) % 1024, 0, 0);
  }
  return rows;
}

/// traffic_rows() with every third row recorded backwards.
std::vector<std::string> partly_inverted_rows() {
  std::vector<std::string> rows = traffic_rows(false);
  const auto inverted = traffic_rows(true);
  for (std::size_t i = 0; i < rows.size(); i += 3) rows[i] = inverted[i];
  return rows;
}

std::string join(const std::vector<std::string>& rows, std::size_t from,
                 std::size_t to) {
  std::string text = flowclean::test::kHeader;
  for (std::size_t i = from; i < to && i < rows.size(); ++i) text += rows[i];
  return text;
}

Evidence learned_from(const std::vector<std::string>& inputs,
                      CleanOptions options = {}) {
  std::vector<std::unique_ptr<flowclean::ByteSource>> sources;
  std::vector<flowclean::ByteSource*> pointers;
  for (const auto& text : inputs) {
    sources.push_back(flowclean::memory_source("in.csv", text));
    pointers.push_back(sources.back().get());
  }
  return flowclean::learn(pointers, nullptr, options).evidence;
}

/// The model of traffic_rows() and options that clean and annotate with it.
struct Learned {
  Model model{learned_from({join(traffic_rows(false), 0, 1000)})};
  CleanOptions options() const {
    CleanOptions o;
    o.rows.model = &model;
    o.rows.annotate = true;
    return o;
  }
};

std::string model_text(const Evidence& evidence) {
  return flowclean::render_model(evidence);
}

/// The model without the as-recorded source/destination counts of ports,
/// the only direction-dependent numbers in it (they are for `stats`).
std::string without_recorded_counts(const Evidence& evidence) {
  Evidence copy = evidence;
  for (const bool udp : {false, true}) {
    for (unsigned p = 0; p < 65536; ++p) {
      auto& port = copy.port(udp, static_cast<flowclean::Port>(p));
      port.as_dst += port.as_src;
      port.as_src = 0;
    }
  }
  return model_text(copy);
}

}  // namespace

TEST_CASE("learning gives the same model whichever way the rows point",
          "[learn]") {
  const auto rows = traffic_rows(false);
  const auto flipped = traffic_rows(true);
  const Evidence forward = learned_from({join(rows, 0, rows.size())});
  const Evidence backward = learned_from({join(flipped, 0, flipped.size())});
  CHECK(model_text(forward) != model_text(backward));
  CHECK(without_recorded_counts(forward) == without_recorded_counts(backward));
}

TEST_CASE("models of separate chunks merge into the model of one pass",
          "[learn]") {
  const auto rows = traffic_rows(false);
  const std::string whole =
      model_text(learned_from({join(rows, 0, rows.size())}));
  const std::size_t n = rows.size();
  Evidence merged = learned_from({join(rows, 2 * n / 3, n)});
  merged.merge(learned_from({join(rows, 0, n / 3)}));
  merged.merge(learned_from({join(rows, n / 3, 2 * n / 3)}));
  CHECK(model_text(merged) == whole);
  SECTION("and through the model file, in any order") {
    Evidence from_files = flowclean::parse_model(
        model_text(learned_from({join(rows, n / 3, n)})), "b.model");
    from_files.merge(flowclean::parse_model(
        model_text(learned_from({join(rows, 0, n / 3)})), "a.model"));
    CHECK(model_text(from_files) == whole);
  }
  SECTION("and whatever the threads and block size") {
    CleanOptions options;
    options.threads = 3;
    options.block_bytes = 4096;
    CHECK(model_text(learned_from({join(rows, 0, n)}, options)) == whole);
  }
}

TEST_CASE("a model file that does not parse is an error naming the line",
          "[learn]") {
  CHECK_THROWS_WITH(
      flowclean::parse_model(
          flowclean::with_model_trailer(
              "flowclean-model 2\nrows 3\nport tcp 99999 1 1 1 -\n"),
          "week.model"),
      Catch::Contains("week.model:3") && Catch::Contains("99999"));
  CHECK_THROWS_WITH(flowclean::parse_model("rows 3\n", "x.model"),
                    Catch::Contains("not a flowclean model"));
  // A sketch is comma-separated lower-case hex of at most 8 digits.
  const auto port_line = [](const std::string& sketch) {
    return flowclean::with_model_trailer(
        "flowclean-model 2\nrows 3\n"
        "port tcp 80 1 1 1 " +
        sketch + "\n");
  };
  CHECK_NOTHROW(flowclean::parse_model(port_line("1a,ff,ffffffff"), "m"));
  for (const char* bad : {"1,,2", "1,", ",1", "123456789", "1G", "1A", ""}) {
    INFO(bad);
    CHECK_THROWS_WITH(flowclean::parse_model(port_line(bad), "m"),
                      Catch::Contains("m:3"));
  }
  // 'talk' lines, read by a fast path, still get the general checks.
  const auto talk = [](const std::string& lines) {
    return flowclean::with_model_trailer("flowclean-model 2\nrows 3\n" + lines);
  };
  const Evidence talked =
      flowclean::parse_model(talk("talk 5 7\ntalk 6 0012\n"), "m");
  CHECK(talked.host_conversations(5) == 7);
  CHECK(talked.host_conversations(6) == 12);
  CHECK_THROWS_WITH(flowclean::parse_model(talk("talk 5 7\ntalk 5 1\n"), "m"),
                    Catch::Contains("m:4") && Catch::Contains("second 'talk'"));
  for (const char* bad : {"talk 5\n", "talk 5 x\n", "talk 5 1 2\n",
                          "talk 99999999 1\n", "talk  5 1\n"}) {
    INFO(bad);
    CHECK_THROWS_WITH(flowclean::parse_model(talk(bad), "m"),
                      Catch::Contains("m:3"));
  }
  const Evidence read = flowclean::parse_model(port_line("1a,ff,3"), "m");
  CHECK(read.port(false, 80).peer_ports.size() == 3);
  CHECK(read.port(false, 80).peer_ports.value(0) == 0x3);
  CHECK(read.port(false, 80).peer_ports.value(2) == 0xff);
}

TEST_CASE("the learned list holds unlisted services and no scanner port",
          "[learn]") {
  const auto rows = traffic_rows(false);
  const Model model(learned_from({join(rows, 0, rows.size())}));
  const std::string list = flowclean::render_service_ports_file(model);
  CHECK(list.find("\n8080 ") != std::string::npos);
  CHECK(list.find("\n80 ") != std::string::npos);
  CHECK(list.find("# scanner 10.66.6.6") != std::string::npos);
  for (const auto& port : model.service_ports()) {
    CHECK(port.port != 0);
    CHECK(port.port < 1024 + 8080);
  }
}

TEST_CASE("a scanner's probes from port 53 are kept, real DNS is flipped",
          "[learn]") {
  const Learned learned;
  const CleanOptions options = learned.options();
  const std::string probe = flow(6, "10.66.6.6", "172.10.0.31", 53, 22, 0, 0);
  const std::string reply =
      reversed(17, "172.10.1.5", "172.10.0.2", 33333, 53, 40, 90);
  const auto run = flowclean::test::run_clean(
      flowclean::test::kHeader + probe + reply, options);
  CHECK(run.output.find("10.66.6.6,172.10.0.31,53,22") != std::string::npos);
  CHECK(run.output.find(",kept,scanner-source") != std::string::npos);
  CHECK(run.output.find("172.10.1.5,172.10.0.2,33333,53") != std::string::npos);
}

TEST_CASE("an SSH session into a host that also scans is turned round",
          "[learn]") {
  std::vector<std::string> rows = traffic_rows(false);
  for (int i = 0; i < 12; ++i) {
    rows.push_back(flow(6, "172.10.1." + std::to_string(2 + i), "10.66.6.6",
                        45000 + i, 22, 3000, 40000));
  }
  const Model model(learned_from({join(rows, 0, rows.size())}));
  CleanOptions options;
  options.rows.model = &model;
  options.rows.annotate = true;
  // Recorded from the server's side: the scanner verdict kept it so.
  const std::string inverted =
      reversed(6, "172.10.1.40", "10.66.6.6", 45100, 22, 3000, 40000);
  const auto run =
      flowclean::test::run_clean(flowclean::test::kHeader + inverted, options);
  CHECK(run.output.find("172.10.1.40,10.66.6.6,45100,22") != std::string::npos);
  CHECK(run.output.find(",flipped,server-source") != std::string::npos);
  // Its probes are still the scanner's.
  const auto probe = flowclean::test::run_clean(
      flowclean::test::kHeader +
          flow(6, "10.66.6.6", "172.10.0.31", 53, 22, 0, 0),
      options);
  CHECK(probe.output.find(",kept,scanner-source") != std::string::npos);
}

TEST_CASE("a known web server wins over a client port that is a service port",
          "[learn]") {
  const Learned learned;
  const CleanOptions options = learned.options();
  // 80 -> 1984: both on the default list, so the default rule keeps it.
  const std::string inverted = flow(6, "172.10.0.4", "172.10.1.9", 80, 1984);
  const auto plain = flowclean::test::run_clean(
      flowclean::test::kHeader + inverted, CleanOptions{});
  CHECK(plain.summary.rows_flipped == 0);
  const auto run =
      flowclean::test::run_clean(flowclean::test::kHeader + inverted, options);
  CHECK(run.output.find("172.10.1.9,172.10.0.4,1984,80") != std::string::npos);
  CHECK(run.output.find(",flipped,server-source") != std::string::npos);
}

TEST_CASE(
    "with a model, cleaning twice changes nothing and threads do not "
    "matter",
    "[learn]") {
  const std::vector<std::string> rows = partly_inverted_rows();
  const std::string input = join(rows, 0, rows.size());
  const Model model(learned_from({input}));
  CleanOptions one;
  one.rows.model = &model;
  one.threads = 1;
  CleanOptions many = one;
  many.threads = 3;
  many.block_bytes = 2048;
  const auto first = flowclean::test::run_clean(input, one);
  CHECK(first.summary.rows_flipped > 0);
  CHECK(flowclean::test::run_clean(input, many).output == first.output);
  const auto second = flowclean::test::run_clean(first.output, one);
  CHECK(second.output == first.output);
  CHECK(second.summary.rows_flipped == 0);
}

/// Zeek conn.log rows, protocols by name: services on a few hosts, their
/// clients, probes without payload, ICMP, and a third of the rows
/// recorded from the server's side.
std::string zeek_rows(std::size_t count, std::uint64_t seed) {
  std::string text =
      "#separator \\x09\n#fields\tts\tuid\tid.orig_h\tid.orig_p\t"
      "id.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\t"
      "resp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\t"
      "history\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\t"
      "tunnel_parents\n";
  std::mt19937_64 rng(seed);
  const char* protocols[] = {"tcp", "tcp", "udp", "icmp"};
  const char* histories[] = {"-", "-", "ShADadFf", "^hADadfF"};
  for (std::size_t i = 0; i < count; ++i) {
    std::string client = "10.1.0." + std::to_string(2 + rng() % 60);
    std::string server = "10.2.0." + std::to_string(2 + rng() % 6);
    int client_port = 32768 + static_cast<int>(rng() % 20000);
    int server_port = 1 + static_cast<int>(rng() % 6) * 443;
    const bool probe = rng() % 5 == 0;
    std::uint64_t up = probe ? 0 : 100 + rng() % 900;
    std::uint64_t down = probe ? 0 : 1000 + rng() % 9000;
    if (i % 3 == 0) {
      std::swap(client, server);
      std::swap(client_port, server_port);
      std::swap(up, down);
    }
    text += "1365582000.5\tC" + std::to_string(i) + "\t" + client + "\t" +
            std::to_string(client_port) + "\t" + server + "\t" +
            std::to_string(server_port) + "\t" + protocols[rng() % 4] +
            "\t-\t0.5\t" + std::to_string(up) + "\t" + std::to_string(down) +
            "\tSF\t-\t-\t0\t" + histories[rng() % 4] + "\t4\t400\t5\t9000\t-\n";
  }
  return text;
}

/// VAST rows: learned traffic, a third of it inverted, between rows the
/// static rules decide (ICMP, protocol 2, port 0, group destinations) and
/// rows the batch leaves to the row-at-a-time way (to 255.255.255.255).
std::string vast_rows_to_learn() {
  const std::vector<std::string> rows = partly_inverted_rows();
  std::string input = flowclean::test::kHeader;
  std::istringstream generated(flowclean::test::generated_rows(3000, 29));
  std::string line;
  for (std::size_t i = 0; std::getline(generated, line); ++i) {
    input += line + "\n";
    if (i % 5 == 0)
      input += rows[i / 5 % rows.size()];
    if (i % 97 == 0)
      input += flow(2, "172.10.1.7", "172.10.0.4", 80, 40000);
  }
  return input;
}

TEST_CASE(
    "rows decided sixteen at a time with a model come out as rows decided "
    "singly",
    "[learn]") {
  using flowclean::RuleId;
  // In Zeek's rows, ICMP is a name the batch leaves to the row-at-a-time
  // way, and the handshake decides some rows before the model.
  for (const std::string& input : {vast_rows_to_learn(), zeek_rows(4000, 3)}) {
    const Model model(learned_from({input}));
    for (const bool annotate : {false, true}) {
      CleanOptions batched;
      batched.rows.model = &model;
      batched.rows.annotate = annotate;
      CleanOptions single = batched;
      single.rows.batches = false;
      const auto expected = flowclean::test::run_clean(input, single);
      const auto run = flowclean::test::run_clean(input, batched);
      const auto rule = [&](RuleId id) {
        return expected.summary.by_rule[static_cast<std::size_t>(id)];
      };
      CHECK(rule(RuleId::kServerSource) + rule(RuleId::kLearnedPortSource) > 0);
      CHECK(rule(RuleId::kPortsMeaningless) > 0);
      CHECK(expected.summary.rows_flipped > 0);
      CHECK(run.output == expected.output);
      CHECK(run.summary.by_rule == expected.summary.by_rule);
      CHECK(run.summary.rows_flipped == expected.summary.rows_flipped);
      CHECK(run.summary.meaningless_by_protocol ==
            expected.summary.meaningless_by_protocol);
      CHECK(run.summary.protocol_codes == expected.summary.protocol_codes);
      CHECK(run.summary.flips_by_src_port ==
            expected.summary.flips_by_src_port);
    }
  }
}

TEST_CASE("client endpoints are not kept one by one", "[learn]") {
  std::string input = flowclean::test::kHeader;
  for (int i = 0; i < 5000; ++i) {
    input += flow(6, "172.10.1." + std::to_string(2 + i % 200), "172.10.0.4",
                  1025 + i * 11 % 60000, 80);
  }
  const Evidence evidence = learned_from({input});
  CHECK(evidence.endpoints.size() == 1);
  CHECK(evidence.rows() == 5000);
}
