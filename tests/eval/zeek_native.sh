#!/bin/sh
# zeek_native.sh CONN_LOG SEED MODE OUT_LOG OUT_TRUTH
# Inverts a share of a Zeek conn.log's rows in Zeek's own format, as a
# collector that missed the first packet would have written them: every
# side-named field turned round (addresses, ports, bytes, packets, IP
# bytes, local_orig/local_resp, L2 addresses, history's letter case and
# the side-named conn_state values). Then the handshake evidence is removed
# from every row alike (history and conn_state become '-'), so only what
# flowclean learns can tell. The rows chosen, and the truth, are those of
# zeek_to_vast.sh for the same SEED and MODE (TSV logs only; *.zst is read
# through zstd -dc). OUT_TRUTH: one line per data row, 1 inverted, 0 not,
# - unknown (not TCP whose history starts with S and has no ^), then the
# row's payload class (inversion.awk's payload_class).
set -eu
[ $# -eq 5 ] || { echo "usage: $0 CONN_LOG SEED MODE OUT_LOG OUT_TRUTH" >&2; exit 2; }
case $1 in
  *.zst) read_log() { zstd -dc -- "$1"; } ;;
  *) read_log() { cat -- "$1"; } ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
read_log "$1" | awk -v seed="$2" -v mode="$3" -v truth="$5" "$(cat "$here/inversion.awk")"'
function swap(a, b,   t) {
  if (!(a in col) || !(b in col)) return
  t = $(col[a]); $(col[a]) = $(col[b]); $(col[b]) = t
}
function bytes(name,   v) {
  v = (name in col) ? $(col[name]) : 0
  return (v == "-" || v == "") ? 0 : v + 0
}
function swap_case(s,   out, i, c) {
  out = ""
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (c ~ /[a-z]/) c = toupper(c); else if (c ~ /[A-Z]/) c = tolower(c)
    out = out c
  }
  return out
}
BEGIN { FS = OFS = "\t"
  split("S2 S3 RSTO RSTR SH SHR RSTOS0 RSTRH", st, " ")
  for (i = 1; i <= 8; i += 2) { other[st[i]] = st[i + 1]; other[st[i + 1]] = st[i] } }
# A damaged first line may have blanks before its #.
/^[ \t]*#fields/ { for (i = 2; i <= NF; i++) col[$i] = i - 1; print; next }
/^[ \t]*#/ { print; next }
{
  sh = $(col["id.orig_h"]); dh = $(col["id.resp_h"]); dp = $(col["id.resp_p"])
  hist = ("history" in col) ? $(col["history"]) : "-"
  known = ($(col["proto"]) == "tcp" && hist ~ /^S/ && hist !~ /\^/)
  rows++
  if (sh !~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/ || dh !~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/) {
    # zeek_to_vast.sh leaves other rows (IPv6) out; here they stay, never
    # inverted (so the same IPv4 rows are chosen for the same seed), and
    # scored: flowclean must leave them as they are.
    rows--; flip = 0; known_out = known ? 0 : "-"
  } else {
    flip = inverted(rows, dh, dp)
    known_out = known ? (flip ? 1 : 0) : "-"
  }
  if (known) known_out = known_out " " payload_class(bytes("orig_bytes"), bytes("resp_bytes"))
  if (flip) {
    swap("id.orig_h", "id.resp_h"); swap("id.orig_p", "id.resp_p")
    swap("orig_bytes", "resp_bytes"); swap("orig_pkts", "resp_pkts")
    swap("orig_ip_bytes", "resp_ip_bytes"); swap("local_orig", "local_resp")
    swap("orig_l2_addr", "resp_l2_addr")
    if ("history" in col) $(col["history"]) = swap_case(hist)
    if ("conn_state" in col && ($(col["conn_state"]) in other))
      $(col["conn_state"]) = other[$(col["conn_state"])]
  }
  if ("history" in col) $(col["history"]) = "-"
  if ("conn_state" in col) $(col["conn_state"]) = "-"
  print
  print known_out > truth
}' > "$4"
