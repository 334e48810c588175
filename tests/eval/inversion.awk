# Which rows the Zeek converters invert (zeek_to_vast.sh, zeek_native.sh):
# one copy, so both choose the same rows for the same seed and mode.
# Deterministic for a given `seed` (no awk rand(): mawk and gawk differ).
# `mode`, as a collector that misses first packets might:
#   random:       100 per mille of all rows;
#   random-25:    250 per mille of all rows;
#   clustered:    900 per mille of the rows of 3 in 10 server endpoints
#                 (responder address and port), 10 of the rest;
#   clustered-10: 900 per mille of the rows of 1 in 10 server endpoints,
#                 10 of the rest;
#   clustered-20: 700 per mille of the rows of 2 in 10 server endpoints,
#                 10 of the rest.
# The last three are the issue "accuracy on traffic we have not seen"'s.
function chance(n, per_mille,   h) {
  h = (n * 2654435761 + seed * 40503) % 4294967296
  h = (h * 69069 + 1) % 4294967296
  h = (h * 69069 + 1) % 4294967296
  return int(h / 4294967296 * 1000) < per_mille
}
function endpoint_hash(addr, port,   h, p, n, i) {
  n = split(addr, p, ".")
  h = port * 7919
  for (i = 1; i <= n; i++) h = (h * 257 + p[i]) % 1000003
  return h
}
# Whether the n-th IPv4 row, to dh:dp, is inverted: never one to a group
# address, which no collector records as a source.
function inverted(n, dh, dp,   per_mille, bucket) {
  bucket = endpoint_hash(dh, dp) % 10
  if (mode == "clustered") per_mille = bucket < 3 ? 900 : 10
  else if (mode == "clustered-10") per_mille = bucket < 1 ? 900 : 10
  else if (mode == "clustered-20") per_mille = bucket < 2 ? 700 : 10
  else if (mode == "random-25") per_mille = 250
  else if (mode == "random") per_mille = 100
  else { print "inversion.awk: unknown mode " mode > "/dev/stderr"; exit 2 }
  return dh !~ /^(22[4-9]|23[0-9])\./ && dh != "255.255.255.255" && chance(n, per_mille)
}
# What a row carried, for the tables split by payload class (score.sh):
# conversation (payload both ways), one-way (payload one way), none (no
# payload: failed connections, probes, scans).
function payload_class(a, b) {
  if (a > 0 && b > 0) return "conversation"
  return (a > 0 || b > 0) ? "one-way" : "none"
}
