#!/usr/bin/env bash
# Our SquashFS writer against mksquashfs on the same minbase tree, same compressor (each of BENCH_COMPRESSORS,
# default xz,gzip,zstd,lz4), block size (128 KiB) and
# number of threads (BENCH_THREADS, default nproc), in one run; prints both wall and CPU times, sizes and the ratios
# against issue 5's targets (time <= 1.0, size <= 1.02). CPU time is the steadier number on a shared machine.
#
#   bench/squashfs-vs-mksquashfs.sh [ROOTFS.tar]
#
# Without an argument it makes the tree with `mmdebstrap --variant=minbase bookworm` from the host's mirror. Run as
# root (the tree holds root-only files). The writer runs in the test JVM (SquashfsBenchmarkTest), so the time is the
# writer's, without Maven's start-up.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WORK=${BENCH_WORK:-/tmp/rootfs-bench-squashfs}
mkdir -p "$WORK"
TAR=${1:-}
if [ -z "$TAR" ]; then
  TAR="$WORK/minbase.tar"
  if [ ! -f "$TAR" ]; then
    MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources)
    mmdebstrap --quiet --variant=minbase --format=tar bookworm "$TAR.tmp" "deb $MIRROR bookworm main"
    mv "$TAR.tmp" "$TAR"
  fi
fi
rm -rf "$WORK/tree" && mkdir -p "$WORK/tree"
tar --numeric-owner -xpf "$TAR" -C "$WORK/tree"
rm -f "$ROOT/rootfs-maven-plugin/target/squashfs-bench.txt"
(cd "$ROOT" && mvn -B -q -pl rootfs-maven-plugin test -De2e -Dtest=SquashfsBenchmarkTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsquashfs.bench="$WORK/tree" -Dsquashfs.threads="${BENCH_THREADS:-$(nproc)}" \
  -Dsquashfs.compression="${BENCH_COMPRESSORS:-xz,gzip,zstd,lz4}") \
  >"$WORK/mvn.log" 2>&1 \
  || { tail -30 "$WORK/mvn.log" >&2; exit 1; }
REPORT="$ROOT/rootfs-maven-plugin/target/squashfs-bench.txt"
cat "$REPORT"
awk '/ entries / { comp = $1; sub(/,$/, "", comp) }
  /^time ratio/ { t = $3 + 0; s = $7 + 0; c = $11 + 0;
  printf "%-5s target time <= 1.0: %s (cpu ratio %.2f); target size <= 1.02: %s\n", comp, (t <= 1.0 ? "met" : "MISSED"),
    c, (s <= 1.02 ? "met" : "MISSED") }' "$REPORT"
