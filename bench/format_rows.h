// Rows of one Flow in each built-in format flowclean reads, so bench/ can
// time every format on the same flows (bench/formats.sh). The VAST layout
// is vast_rows.h's; the others write the columns flowclean reads and
// flips with real values and plausible fillers for the rest.
#pragma once

#include <cstdio>
#include <string>

#include "vast_rows.h"

namespace format_rows {

using vast_rows::Flow;
using vast_rows::kHeaderBytes;

inline const char* protocol_name(const Flow& f, bool upper) {
  if (f.protocol == 6)
    return upper ? "TCP" : "tcp";
  if (f.protocol == 17)
    return upper ? "UDP" : "udp";
  return upper ? "ICMP" : "icmp";
}

inline unsigned long total(unsigned long payload, unsigned long packets) {
  return payload + kHeaderBytes * packets;
}

// Zeek conn.log: its header lines, then TAB-separated rows.
inline constexpr const char* kZeekHeader =
    "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
    "#unset_field\t-\n#path\tconn\n#open\t2013-04-01-08-00-00\n"
    "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\t"
    "service\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\t"
    "local_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\t"
    "resp_ip_bytes\ttunnel_parents\n"
    "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\t"
    "count\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\t"
    "count\tset[string]\n";

// The flows' TCP records carry no SYN (Zeek's history without S or H,
// Argus's State without a side's bare SYN): connections seen mid-stream,
// which only the port and learned rules can turn round, as in VAST. A SYN
// would decide them by the handshake rules, whatever VAST's rules say.
inline const char* zeek_state(const Flow& f) {
  return f.dst_packets > 0 ? "SF" : "OTH";
}
inline const char* zeek_history(const Flow& f) {
  const bool reply = f.dst_packets > 0;
  return f.protocol == 6 ? (reply ? "ADadFf" : "A") : (reply ? "Dd" : "D");
}

inline int zeek_row(char* out, std::size_t size, double t,
                    unsigned long long row, const Flow& f) {
  return std::snprintf(
      out, size,
      "%.6f\tC%011llx\t%s\t%u\t%s\t%u\t%s\t-\t%u.%06u\t%lu\t%lu\t%s\tT\tT\t0\t"
      "%s\t%lu\t%lu\t%lu\t%lu\t(empty)\n",
      t, row, f.src.c_str(), f.src_port, f.dst.c_str(), f.dst_port,
      protocol_name(f, false), f.duration, static_cast<unsigned>(row % 1000000),
      f.src_payload, f.dst_payload, zeek_state(f), zeek_history(f),
      f.src_packets, total(f.src_payload, f.src_packets), f.dst_packets,
      total(f.dst_payload, f.dst_packets));
}

// Zeek's conn.log as JSON lines (LogAscii::use_json): no header; unset
// fields (service, tunnel_parents) left out, as Zeek leaves them.
inline int zeek_json_row(char* out, std::size_t size, double t,
                         unsigned long long row, const Flow& f) {
  return std::snprintf(
      out, size,
      "{\"ts\":%.6f,\"uid\":\"C%011llx\",\"id.orig_h\":\"%s\",\"id.orig_p\":%u,"
      "\"id.resp_h\":\"%s\",\"id.resp_p\":%u,\"proto\":\"%s\",\"duration\":%u.%"
      "06u,"
      "\"orig_bytes\":%lu,\"resp_bytes\":%lu,\"conn_state\":\"%s\","
      "\"local_orig\":true,\"local_resp\":true,\"missed_bytes\":0,"
      "\"history\":\"%s\",\"orig_pkts\":%lu,\"orig_ip_bytes\":%lu,"
      "\"resp_pkts\":%lu,\"resp_ip_bytes\":%lu}\n",
      t, row, f.src.c_str(), f.src_port, f.dst.c_str(), f.dst_port,
      protocol_name(f, false), f.duration, static_cast<unsigned>(row % 1000000),
      f.src_payload, f.dst_payload, zeek_state(f), zeek_history(f),
      f.src_packets, total(f.src_payload, f.src_packets), f.dst_packets,
      total(f.dst_payload, f.dst_packets));
}

// Argus binetflow (CTU-13): SrcBytes of TotBytes, SrcPkts of TotPkts.
inline constexpr const char* kArgusHeader =
    "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,"
    "TotPkts,TotBytes,SrcBytes,SrcPkts,Label\n";

inline int argus_row(char* out, std::size_t size, double t, const Flow& f) {
  const unsigned long src = total(f.src_payload, f.src_packets);
  const unsigned long dst = total(f.dst_payload, f.dst_packets);
  return std::snprintf(
      out, size,
      "%.6f,%u.000000,%s,%s,%u,   ->,%s,%u,%s,0,0,%lu,%lu,%lu,%lu,"
      "flow=Background\n",
      t, f.duration, protocol_name(f, false), f.src.c_str(), f.src_port,
      f.dst.c_str(), f.dst_port, f.dst_packets > 0 ? "FSPA_FSPA" : "FA_",
      f.src_packets + f.dst_packets, src + dst, src, f.src_packets);
}

// nfdump -o csv with -b: in is the source's, out the destination's.
inline constexpr const char* kNfdumpHeader =
    "ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt,in,out,sas,das,"
    "smk,dmk,dtos,dir,nh,nhb,svln,dvln,ismc,odmc,idmc,osmc,mpls1,mpls2,mpls3,"
    "mpls4,mpls5,mpls6,mpls7,mpls8,mpls9,mpls10,cl,sl,al,ra,eng,exid,tr\n";

inline int nfdump_row(char* out, std::size_t size, const Flow& f) {
  return std::snprintf(
      out, size,
      "2013-04-01 08:00:00,2013-04-01 08:00:%02u,%u.000,%s,%s,%u,%u,%s,"
      "...AP.S.,0,0,%lu,%lu,%lu,%lu,0,0,0,0,0,0,0,0,0.0.0.0,0.0.0.0,0,0,"
      "00:00:00:00:00:00,00:00:00:00:00:00,00:00:00:00:00:00,"
      "00:00:00:00:00:00,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,"
      "0-0-0,0-0-0,    0.000,    0.000,    0.000,127.0.0.1,0/0,1,"
      "1970-01-01 00:00:00.000\n",
      f.duration, f.duration, f.src.c_str(), f.dst.c_str(), f.src_port,
      f.dst_port, protocol_name(f, true), f.src_packets,
      total(f.src_payload, f.src_packets), f.dst_packets,
      total(f.dst_payload, f.dst_packets));
}

// UNSW-NB15 raw: no header, 49 columns.
inline int unsw_row(char* out, std::size_t size, double t, const Flow& f) {
  const auto second = static_cast<long>(t);
  return std::snprintf(
      out, size,
      "%s,%u,%s,%u,%s,%s,%u.000000,%lu,%lu,31,29,0,0,-,0.0,0.0,%lu,%lu,255,"
      "255,0,0,%lu,%lu,0,0,0,0,%ld,%ld,0.1,0.1,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,"
      ",0\n",
      f.src.c_str(), f.src_port, f.dst.c_str(), f.dst_port,
      protocol_name(f, false), f.dst_packets > 0 ? "FIN" : "INT", f.duration,
      total(f.src_payload, f.src_packets), total(f.dst_payload, f.dst_packets),
      f.src_packets, f.dst_packets,
      f.src_packets ? f.src_payload / f.src_packets : 0,
      f.dst_packets ? f.dst_payload / f.dst_packets : 0, second,
      second + f.duration);
}

// CICFlowMeter-4: 84 columns; the flow's packets and bytes per direction,
// the statistics 0 (they only need to be numbers).
inline constexpr const char* kCicHeader =
    "Flow ID,Src IP,Src Port,Dst IP,Dst Port,Protocol,Timestamp,"
    "Flow Duration,Total Fwd Packet,Total Bwd packets,"
    "Total Length of Fwd Packet,Total Length of Bwd Packet,"
    "Fwd Packet Length Max,Fwd Packet Length Min,Fwd Packet Length Mean,"
    "Fwd Packet Length Std,Bwd Packet Length Max,Bwd Packet Length Min,"
    "Bwd Packet Length Mean,Bwd Packet Length Std,Flow Bytes/s,"
    "Flow Packets/s,Flow IAT Mean,Flow IAT Std,Flow IAT Max,Flow IAT Min,"
    "Fwd IAT Total,Fwd IAT Mean,Fwd IAT Std,Fwd IAT Max,Fwd IAT Min,"
    "Bwd IAT Total,Bwd IAT Mean,Bwd IAT Std,Bwd IAT Max,Bwd IAT Min,"
    "Fwd PSH Flags,Bwd PSH Flags,Fwd URG Flags,Bwd URG Flags,"
    "Fwd Header Length,Bwd Header Length,Fwd Packets/s,Bwd Packets/s,"
    "Packet Length Min,Packet Length Max,Packet Length Mean,"
    "Packet Length Std,Packet Length Variance,FIN Flag Count,"
    "SYN Flag Count,RST Flag Count,PSH Flag Count,ACK Flag Count,"
    "URG Flag Count,CWR Flag Count,ECE Flag Count,Down/Up Ratio,"
    "Average Packet Size,Fwd Segment Size Avg,Bwd Segment Size Avg,"
    "Fwd Bytes/Bulk Avg,Fwd Packet/Bulk Avg,Fwd Bulk Rate Avg,"
    "Bwd Bytes/Bulk Avg,Bwd Packet/Bulk Avg,Bwd Bulk Rate Avg,"
    "Subflow Fwd Packets,Subflow Fwd Bytes,Subflow Bwd Packets,"
    "Subflow Bwd Bytes,FWD Init Win Bytes,Bwd Init Win Bytes,"
    "Fwd Act Data Pkts,Fwd Seg Size Min,Active Mean,Active Std,"
    "Active Max,Active Min,Idle Mean,Idle Std,Idle Max,Idle Min,Label\n";

/// A CICFlowMeter row: twelve columns, `statistics` zeros, the label.
inline int cic_row(char* out, std::size_t size, const Flow& f, int statistics) {
  static const std::string zeros = [] {
    std::string text;
    for (int i = 0; i < 72; ++i) text += ",0";
    return text;
  }();
  return std::snprintf(
      out, size,
      "%s-%s-%u-%u-%d,%s,%u,%s,%u,%d,01/04/2013 08:00:00 AM,%u,%lu,%lu,"
      "%lu,%lu%.*s,BENIGN\n",
      f.src.c_str(), f.dst.c_str(), f.src_port, f.dst_port, f.protocol,
      f.src.c_str(), f.src_port, f.dst.c_str(), f.dst_port, f.protocol,
      f.duration * 1000000, f.src_packets, f.dst_packets, f.src_payload,
      f.dst_payload, 2 * statistics, zeros.c_str());
}

// CIC-IDS2017's files: the same first twelve columns under longer names,
// most after a space, "Fwd Header Length" named twice; 85 columns.
inline constexpr const char* kCic2017Header =
    "Flow ID, Source IP, Source Port, Destination IP, Destination Port,"
    " Protocol, Timestamp, Flow Duration, Total Fwd Packets,"
    " Total Backward Packets,Total Length of Fwd Packets,"
    " Total Length of Bwd Packets, Fwd Packet Length Max,"
    " Fwd Packet Length Min, Fwd Packet Length Mean, Fwd Packet Length Std,"
    "Bwd Packet Length Max, Bwd Packet Length Min, Bwd Packet Length Mean,"
    " Bwd Packet Length Std,Flow Bytes/s, Flow Packets/s, Flow IAT Mean,"
    " Flow IAT Std, Flow IAT Max, Flow IAT Min,Fwd IAT Total, Fwd IAT Mean,"
    " Fwd IAT Std, Fwd IAT Max, Fwd IAT Min,Bwd IAT Total, Bwd IAT Mean,"
    " Bwd IAT Std, Bwd IAT Max, Bwd IAT Min,Fwd PSH Flags, Bwd PSH Flags,"
    " Fwd URG Flags, Bwd URG Flags, Fwd Header Length, Bwd Header Length,"
    "Fwd Packets/s, Bwd Packets/s, Min Packet Length, Max Packet Length,"
    " Packet Length Mean, Packet Length Std, Packet Length Variance,"
    "FIN Flag Count, SYN Flag Count, RST Flag Count, PSH Flag Count,"
    " ACK Flag Count, URG Flag Count, CWE Flag Count, ECE Flag Count,"
    " Down/Up Ratio, Average Packet Size, Avg Fwd Segment Size,"
    " Avg Bwd Segment Size, Fwd Header Length,Fwd Avg Bytes/Bulk,"
    " Fwd Avg Packets/Bulk, Fwd Avg Bulk Rate, Bwd Avg Bytes/Bulk,"
    " Bwd Avg Packets/Bulk,Bwd Avg Bulk Rate,Subflow Fwd Packets,"
    " Subflow Fwd Bytes, Subflow Bwd Packets, Subflow Bwd Bytes,"
    "Init_Win_bytes_forward, Init_Win_bytes_backward, act_data_pkt_fwd,"
    " min_seg_size_forward,Active Mean, Active Std, Active Max, Active Min,"
    "Idle Mean, Idle Std, Idle Max, Idle Min, Label\n";

// SiLK rwcut: '|'-separated, padded, a '|' after the last column.
inline constexpr const char* kSilkHeader =
    "            sIP|            dIP|sPort|dPort|pro|   packets|     bytes|\n";

inline int silk_row(char* out, std::size_t size, const Flow& f) {
  return std::snprintf(out, size, "%15s|%15s|%5u|%5u|%3d|%10lu|%10lu|\n",
                       f.src.c_str(), f.dst.c_str(), f.src_port, f.dst_port,
                       f.protocol, f.src_packets,
                       total(f.src_payload, f.src_packets));
}

/// The lines before the rows: the VAST header for "vast", nullptr for a
/// format flowgen does not write.
inline const char* header_of(const std::string& format) {
  if (format == "vast")
    return vast_rows::kHeader;
  if (format == "zeek")
    return kZeekHeader;
  if (format == "zeek-json")
    return "";
  if (format == "argus")
    return kArgusHeader;
  if (format == "nfdump")
    return kNfdumpHeader;
  if (format == "cic")
    return kCicHeader;
  if (format == "cic-ids2017")
    return kCic2017Header;
  if (format == "silk")
    return kSilkHeader;
  return format == "unsw" ? "" : nullptr;
}

/// A row of one of header_of's formats other than "vast".
inline int write_row(const std::string& format, char* out, std::size_t size,
                     double t, unsigned long long row, const Flow& f) {
  if (format == "zeek")
    return zeek_row(out, size, t, row, f);
  if (format == "zeek-json")
    return zeek_json_row(out, size, t, row, f);
  if (format == "argus")
    return argus_row(out, size, t, f);
  if (format == "nfdump")
    return nfdump_row(out, size, f);
  if (format == "cic")
    return cic_row(out, size, f, 71);
  if (format == "cic-ids2017")
    return cic_row(out, size, f, 72);
  if (format == "silk")
    return silk_row(out, size, f);
  return unsw_row(out, size, t, f);
}

/// What follows the rows: Zeek's #close, nfdump's Summary block.
inline const char* footer_of(const std::string& format) {
  if (format == "zeek")
    return "#close\t2013-04-01-09-00-00\n";
  if (format == "nfdump")
    return "Summary\nflows,bytes,packets,avg_bps,avg_pps,avg_bpp\n"
           "0,0,0,0,0,0\n";
  return "";
}

}  // namespace format_rows
