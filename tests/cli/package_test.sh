#!/usr/bin/env bash
# The install and the Debian package: `cmake --install` puts the binary and
# man page in the usual places; `cpack -G DEB` makes a .deb whose contents,
# dependencies and binary work when unpacked into a scratch root.
# Usage: package_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$(realpath "$1") source=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0 passed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name"; failures=$((failures + 1)); fi
}

cmake --install "$build" --prefix "$work/prefix" > /dev/null
check "install puts the binary in bin/" test -x "$work/prefix/bin/flowclean"
check "install puts flowclean-slurm beside it" test -x "$work/prefix/bin/flowclean-slurm"
check "the installed flowclean-slurm prints its help" bash -c "'$work/prefix/bin/flowclean-slurm' --help | grep -q -- '--work DIR'"
check "install puts the man page in share/man/man1/" test -s "$work/prefix/share/man/man1/flowclean.1.gz"
check "install puts the docs the README links to beside it" \
  test -s "$work/prefix/share/doc/flowclean/doc/bad-input.md" -a -s "$work/prefix/share/doc/flowclean/README.md"
check "the man page is made from --help" bash -c "zcat '$work/prefix/share/man/man1/flowclean.1.gz' | grep -q -- '--ephemeral-min'"
check "the man page has flowclean-slurm's help" bash -c "zcat '$work/prefix/share/man/man1/flowclean.1.gz' | grep -q -- '--max-tasks'"
if command -v man > /dev/null; then
  check "the man page renders" bash -c "MANWIDTH=80 man -l '$work/prefix/share/man/man1/flowclean.1.gz' 2>/dev/null | grep -q 'FLOWCLEAN(1)'"
fi

(cd "$work" && cpack -G DEB -B "$work/deb" --config "$build/CPackConfig.cmake" > "$work/cpack.log" 2>&1)
deb=$(ls "$work"/deb/flowclean_*.deb 2> /dev/null | head -n 1)
check "cpack makes a .deb" test -n "$deb"
[ -n "$deb" ] || tail -n 20 "$work/cpack.log"
if [ -n "$deb" ]; then
  dpkg-deb -c "$deb" > "$work/contents.txt"
  check "the .deb holds /usr/bin/flowclean" grep -q ' ./usr/bin/flowclean$' "$work/contents.txt"
  check "the .deb holds /usr/bin/flowclean-slurm" grep -q ' ./usr/bin/flowclean-slurm$' "$work/contents.txt"
  check "the .deb holds the man page" grep -q ' ./usr/share/man/man1/flowclean.1.gz$' "$work/contents.txt"
  depends=$(dpkg-deb -f "$deb" Depends)
  check "the .deb depends on its libraries ($depends)" bash -c "[[ '$depends' == *libfmt9* && '$depends' == *libzstd1* && '$depends' == *libisal2* && '$depends' == *zlib1g* ]]"
  for package in $(echo "$depends" | tr ',' '\n' | sed 's/(.*//; s/ //g'); do
    # Named with this machine's architecture: where arm64 libraries are
    # installed too (the cross build), a bare name is ambiguous to dpkg.
    check "dependency $package is installed here" \
      dpkg -s "$package:$(dpkg --print-architecture)" > /dev/null
  done
  dpkg -x "$deb" "$work/root"
  check "the unpacked binary runs" bash -c "'$work/root/usr/bin/flowclean' --version | grep -q ."
  "$work/root/usr/bin/flowclean" clean -q "$source/data/nf-sample-chunk1.csv" > "$work/out.csv"
  check "the unpacked binary cleans the sample" cmp -s "$work/out.csv" "$source/data/expected/nf-sample-chunk1.csv"
fi
echo "$passed passed, $failures failed"
[ "$failures" = 0 ]
