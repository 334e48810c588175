#!/bin/sh
# zeek_to_vast.sh CONN_LOG SEED MODE OUT_CSV OUT_TRUTH
# Converts a Zeek conn.log (TSV with #fields, or JSON lines; *.zst is read
# through zstd -dc) to the VAST 2013 MC3 layout, IPv4 only, and inverts a
# share of the rows as a collector would, in one of inversion.awk's modes.
# Deterministic for a given SEED (no awk rand(): mawk and gawk differ).
# OUT_TRUTH gets one line per row: 1 inverted, 0 not, - unknown, then the
# row's payload class (inversion.awk's payload_class). The true
# direction is known for TCP whose history starts with S (the originator
# sent the SYN) and has no ^ (Zeek did not flip the record itself).
set -eu
[ $# -eq 5 ] || { echo "usage: $0 CONN_LOG SEED MODE OUT_CSV OUT_TRUTH" >&2; exit 2; }
case $1 in
  *.zst) read_log() { zstd -dc -- "$1"; } ;;
  *) read_log() { cat -- "$1"; } ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
read_log "$1" | awk -v seed="$2" -v mode="$3" -v truth="$5" "$(cat "$here/inversion.awk")"'
function json(key,   m) {
  if (!match($0, "\"" key "\":(\"[^\"]*\"|[^,}]*)")) return "-"
  m = substr($0, RSTART + length(key) + 3, RLENGTH - length(key) - 3)
  gsub(/"/, "", m)
  return m
}
function field(name) {
  if (is_json) return json(name)
  return (name in col) ? $(col[name]) : "-"
}
function num(v) { return (v == "-" || v == "") ? 0 : v }
BEGIN {
  FS = "\t"
  print "TimeSeconds,parsedDate,dateTimeStr,ipLayerProtocol,ipLayerProtocolCode,firstSeenSrcIp,firstSeenDestIp,firstSeenSrcPort,firstSeenDestPort,moreFragments,contFragments,durationSeconds,firstSeenSrcPayloadBytes,firstSeenDestPayloadBytes,firstSeenSrcTotalBytes,firstSeenDestTotalBytes,firstSeenSrcPacketCount,firstSeenDestPacketCount,recordForceOut"
}
/^#fields/ { for (i = 2; i <= NF; i++) col[$i] = i - 1; next }
/^#/ { next }
{
  is_json = ($0 ~ /^[ \t]*\{/)
  if (!is_json) { line = $0; sub(/^\t/, "", line) }
  sh = field("id.orig_h"); dh = field("id.resp_h")
  if (sh !~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/ || dh !~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/) next
  proto = field("proto"); hist = field("history")
  sp = num(field("id.orig_p")); dp = num(field("id.resp_p"))
  if (proto == "tcp") { pn = 6; pc = "TCP" }
  else if (proto == "udp") { pn = 17; pc = "UDP" }
  else { pn = 1; pc = "OTHER"; sp = 0; dp = 0 }
  sb = num(field("orig_bytes")); db = num(field("resp_bytes"))
  st = num(field("orig_ip_bytes")); dt = num(field("resp_ip_bytes"))
  sk = num(field("orig_pkts")); dk = num(field("resp_pkts"))
  known = (pn == 6 && hist ~ /^S/ && hist !~ /\^/)
  rows++
  flip = inverted(rows, dh, dp)
  if (flip) {
    t = sh; sh = dh; dh = t; t = sp; sp = dp; dp = t
    t = sb; sb = db; db = t; t = st; st = dt; dt = t; t = sk; sk = dk; dk = t
  }
  printf "%s,,,%d,%s,%s,%s,%d,%d,0,0,%s,%d,%d,%d,%d,%d,%d,0\n", field("ts"), pn, pc, sh, dh, sp, dp, num(field("duration")), sb, db, st, dt, sk, dk
  print (known ? (flip ? 1 : 0) " " payload_class(sb, db) : "-") > truth
}' > "$4"
