// The built-in formats, each written in the description language that
// --format-file reads (formats/format.cc), so a user can print one with
// `flowclean formats show NAME` and edit it.
#include "formats/builtin.h"

#include <fmt/format.h>

#include "common/text.h"
#include "flowclean/error.h"

namespace flowclean {

namespace {

constexpr const char* kVast =
    R"(# VAST Challenge 2013 MC3 netflow (nf-chunk*.csv, nf-week2.csv), 19 columns.
format vast
about VAST 2013 MC3 netflow CSV (nf-chunk*.csv)
source-address firstSeenSrcIp
destination-address firstSeenDestIp
source-port firstSeenSrcPort
destination-port firstSeenDestPort
# The number is read when both are there; the code (TCP, UDP, OTHER) alone
# serves too.
protocol-number ipLayerProtocol
protocol-name ipLayerProtocolCode
source-payload firstSeenSrcPayloadBytes
destination-payload firstSeenDestPayloadBytes
swap firstSeenSrcIp firstSeenDestIp
swap firstSeenSrcPort firstSeenDestPort
swap firstSeenSrcPayloadBytes firstSeenDestPayloadBytes
swap firstSeenSrcTotalBytes firstSeenDestTotalBytes
swap firstSeenSrcPacketCount firstSeenDestPacketCount
)";

constexpr const char* kArgus =
    R"(# Argus ra CSV in the CTU-13 / IoT-23 .binetflow layout, comma- or
# TAB-separated (ra -c ','  or  ra -c '\t'):
# StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,
# TotPkts,TotBytes,SrcBytes[,SrcPkts],Label
format argus
about Argus binetflow CSV or TSV (CTU-13, IoT-23)
separator comma tab
source-address SrcAddr
destination-address DstAddr
source-port Sport
destination-port Dport
protocol-name Proto
# ICMP rows hold type and code in hex there, ARP rows nothing.
unchecked-ports
swap SrcAddr DstAddr
swap Sport Dport
# Bytes count headers: learn estimates the payload from bytes and packets,
# the destination's being the rest of the totals.
payload-estimate SrcBytes SrcPkts from-totals TotBytes TotPkts
# Argus counts the source's share of a total: the destination's is the rest.
complement SrcBytes TotBytes
optional complement SrcPkts TotPkts
optional swap sTos dTos
# "->" turns round to "<-"; "<->", "<?>" and "who" stay.
optional arrows Dir
# TCP flags seen from each side, source first: SRPA_SPA becomes SPA_SRPA.
optional halves State _
# A side that sent SYN and never ACK sent the first SYN: decides before
# the ports.
handshake argus-state State
)";

constexpr const char* kCic =
    R"(# CICFlowMeter-4 CSV (Flow ID,Src IP,Src Port,Dst IP,Dst Port,Protocol,...).
# Forward is the source's direction: a flip exchanges every Fwd/Bwd pair.
# Fwd Act Data Pkts, Fwd Seg Size Min and Down/Up Ratio have no backward
# twin: a flip cannot make them true, and leaves them as they are.
format cic
about CICFlowMeter-4 CSV, as its 4.0 release names the columns
source-address "Src IP"
destination-address "Dst IP"
source-port "Src Port"
destination-port "Dst Port"
protocol-number Protocol
source-payload "Total Length of Fwd Packet"
destination-payload "Total Length of Bwd Packet"
swap "Src IP" "Dst IP"
swap "Src Port" "Dst Port"
swap "Total Length of Fwd Packet" "Total Length of Bwd Packet"
swap "Total Fwd Packet" "Total Bwd packets"
swap "Fwd Packet Length Max" "Bwd Packet Length Max"
swap "Fwd Packet Length Min" "Bwd Packet Length Min"
swap "Fwd Packet Length Mean" "Bwd Packet Length Mean"
swap "Fwd Packet Length Std" "Bwd Packet Length Std"
swap "Fwd IAT Total" "Bwd IAT Total"
swap "Fwd IAT Mean" "Bwd IAT Mean"
swap "Fwd IAT Std" "Bwd IAT Std"
swap "Fwd IAT Max" "Bwd IAT Max"
swap "Fwd IAT Min" "Bwd IAT Min"
swap "Fwd PSH Flags" "Bwd PSH Flags"
swap "Fwd URG Flags" "Bwd URG Flags"
swap "Fwd Header Length" "Bwd Header Length"
swap "Fwd Packets/s" "Bwd Packets/s"
swap "Fwd Segment Size Avg" "Bwd Segment Size Avg"
swap "Fwd Bytes/Bulk Avg" "Bwd Bytes/Bulk Avg"
swap "Fwd Packet/Bulk Avg" "Bwd Packet/Bulk Avg"
swap "Fwd Bulk Rate Avg" "Bwd Bulk Rate Avg"
swap "Subflow Fwd Packets" "Subflow Bwd Packets"
swap "Subflow Fwd Bytes" "Subflow Bwd Bytes"
swap "FWD Init Win Bytes" "Bwd Init Win Bytes"
flow-id "Flow ID"
)";

constexpr const char* kCic2017 =
    R"(# CIC-IDS2017's CSV files (TrafficLabelling, *.pcap_ISCX.csv), written by an
# earlier CICFlowMeter: longer names, most after a space (" Source IP"),
# which header matching ignores. A flip exchanges every Fwd/Backward pair
# and rewrites Flow ID. The header names "Fwd Header Length" a second time
# (a copy of the first, CICFlowMeter's slip): that copy, act_data_pkt_fwd,
# min_seg_size_forward and Down/Up Ratio have no twin and stay as they are.
format cic-ids2017
about CIC-IDS2017 CSV (" Source IP", " Destination Port", ...)
source-address "Source IP"
destination-address "Destination IP"
source-port "Source Port"
destination-port "Destination Port"
protocol-number Protocol
source-payload "Total Length of Fwd Packets"
destination-payload "Total Length of Bwd Packets"
swap "Source IP" "Destination IP"
swap "Source Port" "Destination Port"
swap "Total Length of Fwd Packets" "Total Length of Bwd Packets"
swap "Total Fwd Packets" "Total Backward Packets"
swap "Fwd Packet Length Max" "Bwd Packet Length Max"
swap "Fwd Packet Length Min" "Bwd Packet Length Min"
swap "Fwd Packet Length Mean" "Bwd Packet Length Mean"
swap "Fwd Packet Length Std" "Bwd Packet Length Std"
swap "Fwd IAT Total" "Bwd IAT Total"
swap "Fwd IAT Mean" "Bwd IAT Mean"
swap "Fwd IAT Std" "Bwd IAT Std"
swap "Fwd IAT Max" "Bwd IAT Max"
swap "Fwd IAT Min" "Bwd IAT Min"
swap "Fwd PSH Flags" "Bwd PSH Flags"
swap "Fwd URG Flags" "Bwd URG Flags"
swap "Fwd Header Length" "Bwd Header Length"
swap "Fwd Packets/s" "Bwd Packets/s"
swap "Avg Fwd Segment Size" "Avg Bwd Segment Size"
swap "Fwd Avg Bytes/Bulk" "Bwd Avg Bytes/Bulk"
swap "Fwd Avg Packets/Bulk" "Bwd Avg Packets/Bulk"
swap "Fwd Avg Bulk Rate" "Bwd Avg Bulk Rate"
swap "Subflow Fwd Packets" "Subflow Bwd Packets"
swap "Subflow Fwd Bytes" "Subflow Bwd Bytes"
swap Init_Win_bytes_forward Init_Win_bytes_backward
flow-id "Flow ID"
)";

constexpr const char* kZeek =
    R"(# Zeek conn.log as Zeek writes it: TAB-separated, its header the '#' lines
# before the rows (#separator, #fields, #types, ...), #close after them.
# '-' is an unset value, '(empty)' an empty set. Or as JSON lines
# (LogAscii::use_json): no header, one object a line, unset fields left
# out; a flip gives a member whose twin is left out the twin's name.
format zeek
about Zeek conn.log (TSV with its # lines, or JSON lines)
separator tab json
comment #
header-line #fields
source-address id.orig_h
destination-address id.resp_h
source-port id.orig_p
destination-port id.resp_p
protocol-name proto
# Application bytes, from TCP sequence numbers: the evidence learn uses.
source-payload orig_bytes
destination-payload resp_bytes
swap id.orig_h id.resp_h
swap id.orig_p id.resp_p
swap orig_bytes resp_bytes
optional swap orig_pkts resp_pkts
optional swap orig_ip_bytes resp_ip_bytes
optional swap local_orig local_resp
optional swap orig_l2_addr resp_l2_addr
# Upper case letters are the originator's, lower case the responder's.
optional swap-case history
# Who sent the first SYN, where history tells: decides before the ports.
handshake zeek-history history
# The states that name a side (Zeek's conn.log documentation): S2 and S3
# are close attempts by the originator and the responder, RSTO and RSTR
# resets, SH and SHR half-open closes, RSTOS0 and RSTRH a reset after one
# side's SYN (or SYN-ACK) alone.
optional exchange conn_state S2 S3 RSTO RSTR SH SHR RSTOS0 RSTRH
)";

constexpr const char* kNfdump =
    R"(# nfdump -o csv, best with -b or -B (both directions in one row: in is
# the source's, out the destination's). Without them each row is one
# direction and out is 0: a flip moves its counts to the out side, which
# stays true (the server sent them). The Summary block at the end is kept.
format nfdump
about nfdump -o csv (ts,te,td,sa,da,sp,dp,pr,...)
trailer Summary
source-address sa
destination-address da
source-port sp
destination-port dp
protocol-name pr
# ICMP rows hold type*256+code in dp.
unchecked-ports
# Bytes count headers: learn estimates the payload from bytes and packets.
payload-estimate ibyt ipkt obyt opkt
swap sa da
swap sp dp
swap ipkt opkt
swap ibyt obyt
# What nfdump -B itself swaps (SwapFlow: AS numbers, in and out
# interfaces), with the per-side masks, ToS, VLANs and MAC addresses.
optional swap sas das
optional swap in out
optional swap smk dmk
optional swap stos dtos
optional swap svln dvln
# MACs: in source / in destination, out source / out destination.
optional swap ismc idmc
optional swap osmc odmc
)";

constexpr const char* kUnsw =
    R"(# UNSW-NB15's raw CSV files (UNSW-NB15_1.csv ... _4.csv): no header line;
# the 49 columns of NUSW-NB15_features.csv. Copies cut to fewer columns
# are read with as many of the names as their first line has fields.
# Direction-dependent aggregates a flip cannot make true: the ct_* counts
# (connections per source or destination in the last 100), is_sm_ips_ports.
format unsw
about UNSW-NB15 raw CSV (no header; --format unsw)
columns srcip sport dstip dsport proto state dur sbytes dbytes sttl dttl sloss dloss service Sload Dload Spkts Dpkts swin dwin stcpb dtcpb smeansz dmeansz trans_depth res_bdy_len Sjit Djit Stime Ltime Sintpkt Dintpkt tcprtt synack ackdat is_sm_ips_ports ct_state_ttl ct_flw_http_mthd is_ftp_login ct_ftp_cmd ct_srv_src ct_srv_dst ct_dst_ltm ct_src_ltm ct_src_dport_ltm ct_dst_sport_ltm ct_dst_src_ltm attack_cat Label
source-address srcip
destination-address dstip
source-port sport
destination-port dsport
protocol-name proto
# ICMP and other rows hold '-' or hex there.
unchecked-ports
# Bytes count headers: learn estimates the payload from bytes and packets.
payload-estimate sbytes Spkts dbytes Dpkts
swap srcip dstip
swap sport dsport
swap sbytes dbytes
swap sttl dttl
swap sloss dloss
swap Sload Dload
swap Spkts Dpkts
swap swin dwin
swap stcpb dtcpb
swap smeansz dmeansz
swap Sjit Djit
swap Sintpkt Dintpkt
)";

constexpr const char* kSilk =
    R"(# SiLK rwcut output: '|'-separated, space-padded, a '|' after the last
# column (rwcut --fields with sIP, dIP, sPort, dPort and pro among them).
# One direction a row: packets and bytes are what the source sent, so a
# flip would give the server's bytes to the client. Rows the rules would
# flip are marked reply in flowcleanAction instead (always added), their
# bytes unchanged.
format silk
about SiLK rwcut output (|-separated; one direction a row: marked)
separator pipe
padded
unidirectional
source-address sIP
destination-address dIP
source-port sPort
destination-port dPort
protocol-number pro
swap sIP dIP
swap sPort dPort
)";

bool has(const std::vector<std::string>& names, const std::string& column) {
  return find_column(names, column).has_value();
}

}  // namespace

std::optional<std::size_t> find_column(const std::vector<std::string>& names,
                                       std::string_view name) {
  name = trim_blanks(name);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (trim_blanks(names[i]) == name)
      return i;
  }
  return std::nullopt;
}

const std::vector<Format>& builtin_formats() {
  static const std::vector<Format> formats = [] {
    std::vector<Format> list;
    for (const char* text :
         {kVast, kArgus, kZeek, kNfdump, kCic, kCic2017, kSilk, kUnsw}) {
      list.push_back(parse_format(text, "built in"));
    }
    return list;
  }();
  return formats;
}

const Format& builtin_format(const std::string& name,
                             const std::string& asked_by) {
  std::string names;
  for (const Format& format : builtin_formats()) {
    if (format.name == name)
      return format;
    names += (names.empty() ? "" : ", ") + format.name;
  }
  throw UsageError(
      fmt::format("{} {}: no such format; there are: {} (or describe one with "
                  "--format-file)",
                  asked_by, name, names));
}

std::string first_missing(const Format& format,
                          const std::vector<std::string>& names) {
  if (!has(names, format.protocol_number) &&
      !has(names, format.protocol_name)) {
    if (format.protocol_name.empty())
      return format.protocol_number;
    if (format.protocol_number.empty())
      return format.protocol_name;
    return format.protocol_number + "' or '" + format.protocol_name;
  }
  for (const std::string& column : format.required()) {
    if (!has(names, column))
      return column;
  }
  return {};
}

const Format& choose_format(const std::vector<std::string>& names,
                            const Format* forced) {
  if (forced != nullptr) {
    const std::string missing = first_missing(*forced, names);
    if (!missing.empty()) {
      throw Error(fmt::format("header has no column '{}' (format {})", missing,
                              forced->name));
    }
    return *forced;
  }
  std::string why;
  for (const Format& format : builtin_formats()) {
    const std::string missing = first_missing(format, names);
    if (missing.empty())
      return format;
    why += fmt::format("{}{} lacks column '{}'", why.empty() ? "" : "; ",
                       format.name, missing);
  }
  throw Error(fmt::format(
      "header matches no format: {}. 'flowclean formats' lists them; "
      "describe another layout with --format-file",
      why));
}

}  // namespace flowclean
