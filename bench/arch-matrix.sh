#!/usr/bin/env bash
# Issue 7's litmus test on every architecture, as people run it by hand: for each arch, build minbase with
# build-essential (both stages, rootless when run as an ordinary user), compile hello.c inside the image with the
# image's own gcc (rootfs:exec, qemu-user for foreign arches) and run it; it prints uname -m. Prints a table.
#
#   bench/arch-matrix.sh [ARCH...]        default: amd64 arm64 armel armhf i386 ppc64el s390x riscv64
#
# bookworm for the release arches, trixie for riscv64. The mirror is the host's (its bookworm suite alone, as
# debootstrap uses it). riscv64: while the mirror's trixie index does not match its InRelease, the build must stop
# with the hash-mismatch error; the table says which of the two happened. Needs qemu-user-static with binfmt.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WORK=${BENCH_WORK:-/tmp/rootfs-arch-matrix}
ARCHES=${*:-amd64 arm64 armel armhf i386 ppc64el s390x riscv64}
MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources)
VERSION=$(cd "$ROOT" && mvn -q -B help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null \
  | sed 's/\x1b\[[0-9;]*m//g')
VERSION=${VERSION:-0.1.0-SNAPSHOT}
[ "${BENCH_SKIP_INSTALL:-}" = 1 ] || (cd "$ROOT" && mvn -q -B install -DskipTests) || exit 1
mkdir -p "$WORK"

expected() {
  case $1 in
    amd64|i386) echo x86_64 ;; arm64) echo aarch64 ;; armel|armhf) echo armv7l ;; ppc64el) echo ppc64le ;;
    s390x) echo s390x ;; riscv64) echo riscv64 ;;
  esac
}

printf '%-8s %-8s %-10s %-44s %s\n' arch suite expected got seconds
failed=0
for arch in $ARCHES; do
  suite=bookworm; [ "$arch" = riscv64 ] && suite=trixie
  dir="$WORK/$arch"
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$ROOT/it/lib/hello.c" "$dir/"
  sed -e "s/@VERSION@/$VERSION/" -e "s/@SUITE@/$suite/" -e "s/@ARCH@/$arch/" "$HERE/arch-matrix/pom.xml" \
    > "$dir/pom.xml"
  start=$(date +%s)
  if (cd "$dir" && mvn -B -q verify -Drootfs.mirror="$MIRROR") > "$dir/build.log" 2>&1; then
    got=$(tr -d '\n' < "$dir/target/hello.out")
    [ "$got" = "hello from $(expected "$arch")" ] || failed=1
  elif [ "$arch" = riscv64 ] && grep -q 'does not match \(its\|the\) signed' "$dir/build.log"; then
    got="refused: index does not match InRelease"
  else
    got="FAILED (see $dir/build.log)"
    failed=1
  fi
  printf '%-8s %-8s %-10s %-44s %s\n' "$arch" "$suite" "$(expected "$arch")" "$got" $(( $(date +%s) - start ))
done
exit $failed
