// The command line: options as plain structs, bound by setup_cli. The only
// code that includes CLI11.
#pragma once

#include <string>
#include <vector>

#include "pipeline/row_policy.h"

namespace CLI {
class App;
}

namespace flowclean {

struct CleanCommand {
  std::vector<std::string> inputs;
  std::string format = "auto";  ///< --format: auto or a built-in name
  std::string format_file;      ///< --format-file: a described format
  std::string output;
  std::string out_dir;
  std::string summary_json;
  std::string report;  ///< the HTML report of the run (flowclean report)
  std::string rejects;
  std::string service_ports;
  std::string service_ports_file;
  unsigned ephemeral_min = kDefaultEphemeralMin;
  unsigned threads = 0;
  std::string on_error = "fail";  ///< fail, skip or pass
  bool quiet = false;
  bool progress = false;
  bool annotate = false;
  bool learn = false;  ///< learn over all inputs first, then clean with it
  std::string model;   ///< clean with this saved model
};

struct LearnCommand {
  std::vector<std::string> inputs;
  std::string format = "auto";     ///< --format: auto or a built-in name
  std::string format_file;         ///< --format-file: a described format
  std::vector<std::string> merge;  ///< model files to add in
  std::string output;              ///< the ranked service-port list
  std::string model;               ///< the full model
  std::string binary_model;        ///< the full model, binary
  std::string rejects;
  unsigned threads = 0;
  std::string on_error = "fail";
  bool quiet = false;
  bool progress = false;
};

struct StatsCommand {
  std::vector<std::string> inputs;
  std::string format = "auto";  ///< --format: auto or a built-in name
  std::string format_file;      ///< --format-file: a described format
  std::string model;  ///< judge "after" with this model, not one learned
  unsigned top = 10;
  unsigned threads = 0;
  std::string on_error = "fail";
  std::string rejects;
  bool progress = false;
};

struct CombineCommand {
  std::vector<std::string> inputs;  ///< --summary-json files
  std::string output;               ///< the total, as JSON; empty: stdout
  bool quiet = false;
};

struct ReportCommand {
  std::vector<std::string> inputs;  ///< --summary-json files
  std::string model;                ///< adds what it learned; may be empty
  std::string output;               ///< the HTML page
};

struct FormatsCommand {
  std::string show;  ///< a format to print whole; empty: list them
};

struct CliOptions {
  CleanCommand clean;
  LearnCommand learn;
  StatsCommand stats;
  CombineCommand combine;
  ReportCommand report;
  FormatsCommand formats;
  bool clean_chosen = false;
  bool formats_chosen = false;
  bool learn_chosen = false;
  bool stats_chosen = false;
  bool rules_chosen = false;
  bool combine_chosen = false;
  bool report_chosen = false;
};

/// Binds `options` to `app`; call app.parse() afterwards.
void setup_cli(CLI::App& app, CliOptions& options);

}  // namespace flowclean
