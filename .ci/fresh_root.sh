#!/usr/bin/env bash
# The README's front door, proven: a minimal Debian 12 root made here with
# mmdebstrap (apt, git and ca-certificates, nothing else), this commit
# cloned into it, and the README's two commands run inside it (chroot, with
# /proc, /sys and /dev bound) exactly as they stand in README.md, found by
# their markers "<!-- readme-command: setup -->" and "... test -->". Fails
# if either fails. The root and its tarball live for this run only.
# Usage: bash .ci/fresh_root.sh   (as root)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d /var/tmp/flowclean-fresh-root.XXXXXX)
root=$scratch/root
mounts=()

# Unmount what was bound, innermost first, and only then remove the root:
# rm -rf through a bound /dev would delete the host's device nodes, so the
# removal stays on the root's own file system and is skipped if any mount
# is left.
cleanup() {
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount -R "${mounts[$i]}" 2> /dev/null || umount -R -l "${mounts[$i]}" || true
  done
  if grep -q " $root" /proc/mounts; then
    echo "fresh root: mounts left under $root; not removing it" >&2
    return
  fi
  rm -rf --one-file-system "$scratch"
}
trap cleanup EXIT

# The command in the fenced block after "<!-- readme-command: NAME -->".
readme_command() {
  awk -v marker="<!-- readme-command: $1 -->" '
    $0 == marker { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }' "$repo/README.md"
}
setup=$(readme_command setup)
tests=$(readme_command test)
if [ -z "$setup" ] || [ -z "$tests" ]; then
  echo "fresh root: README.md has no setup or test command block" >&2
  exit 1
fi

start=$(date +%s)
if ! command -v mmdebstrap > /dev/null; then
  apt-get install -y -qq --no-install-recommends mmdebstrap > /dev/null
fi
mmdebstrap --quiet --variant=apt --include=git,ca-certificates bookworm "$scratch/root.tar"
mkdir "$root"
tar -C "$root" -xf "$scratch/root.tar"
cp /etc/resolv.conf "$root/etc/resolv.conf"
git clone -q "$repo" "$root/work/flowclean"
git -C "$root/work/flowclean" checkout -q "$(git -C "$repo" rev-parse HEAD)"
echo "fresh root: made in $(($(date +%s) - start)) s"

mount -t proc proc "$root/proc" && mounts+=("$root/proc")
mount --rbind /sys "$root/sys" && mounts+=("$root/sys")
mount --rbind /dev "$root/dev" && mounts+=("$root/dev")

inside() {  # inside NAME COMMAND: runs the README's command in the root
  local began status=0
  began=$(date +%s)
  echo "fresh root: README command '$1':"
  echo "  $2"
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive \
    bash -c "cd /work/flowclean && $2" || status=$?
  echo "fresh root: '$1' exited $status after $(($(date +%s) - began)) s"
  return "$status"
}
inside setup "$setup" > "$scratch/setup.log" 2>&1 || { tail -n 40 "$scratch/setup.log"; exit 1; }
tail -n 3 "$scratch/setup.log"
inside test "$tests" 2>&1 | tee "$scratch/test.log" | grep -E "^fresh root|tests passed|tests failed|\(Failed\)|Failed  " || true
if ! grep -q "^fresh root: 'test' exited 0 " "$scratch/test.log"; then
  # What failed, with its output: the root is gone after this run.
  inside rerun "ctest --preset dev --rerun-failed --output-on-failure" 2>&1 | tail -n 80
  exit 1
fi
echo "fresh root: both README commands passed in $(($(date +%s) - start)) s"
