# Which rows the Zeek converters invert (zeek_to_vast.sh, zeek_native.sh):
# one copy, so both choose the same rows for the same seed and mode.
# Deterministic for a given `seed` (no awk rand(): mawk and gawk differ).
# `mode` random: 100 per mille of all rows; clustered: 900 per mille of the
# rows of 3 in 10 server endpoints (responder address and port), 10 of the
# rest.
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
function inverted(n, dh, dp,   per_mille) {
  if (mode == "clustered")
    per_mille = (endpoint_hash(dh, dp) % 10 < 3) ? 900 : 10
  else
    per_mille = 100
  return dh !~ /^(22[4-9]|23[0-9])\./ && dh != "255.255.255.255" && chance(n, per_mille)
}
