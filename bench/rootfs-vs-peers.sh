#!/usr/bin/env bash
# Builds the same root filesystem with rootfs-maven-plugin, mmdebstrap and debootstrap in one run, each with a
# warm .deb cache (one untimed warm-up run each), and prints the wall times and our ratios against the peers.
#
#   bench/rootfs-vs-peers.sh [ARCH] [SUITE] [VARIANT] [SECOND_STAGE]
#   e.g. bench/rootfs-vs-peers.sh arm64 bookworm minbase auto
#
# Run as root (debootstrap needs it; mmdebstrap then uses its root mode); our second stage uses the same user
# namespace + fakeroot path as root as it does for an ordinary user. Needs bc. The mirror comes from the host's apt
# sources. Targets (issue 4): arm64 minbase <= 1/3 of mmdebstrap's time, amd64 <= 1/2.
set -euo pipefail
ARCH=${1:-arm64}
SUITE=${2:-bookworm}
VARIANT=${3:-minbase}
SECOND_STAGE=${4:-auto}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
[ -n "$MIRROR" ] || { echo "no mirror in /etc/apt/sources.list.d/*.sources" >&2; exit 1; }
WORK=${BENCH_WORK:-/tmp/rootfs-bench}
mkdir -p "$WORK"
# Maven 3.8 colours even -B output: strip the escape sequences.
VERSION=$(cd "$ROOT" && mvn -q -B help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null \
  | sed 's/\x1b\[[0-9;]*m//g')
VERSION=${VERSION:-0.1.0-SNAPSHOT}

if [ "${BENCH_SKIP_INSTALL:-}" != 1 ]; then
  (cd "$ROOT" && mvn -q -B install -DskipTests)
fi

# Our project: a minimal rootfs POM with the same suite, arch and variant, plain tar output.
PROJECT="$WORK/ours"
rm -rf "$PROJECT" && mkdir -p "$PROJECT"
sed -e "s/@VERSION@/$VERSION/" -e "s/@SUITE@/$SUITE/" -e "s/@ARCH@/$ARCH/" -e "s/@VARIANT@/$VARIANT/" \
    -e "s|@MIRROR@|$MIRROR|" -e "s/@SECOND_STAGE@/$SECOND_STAGE/" "$HERE/project/pom.xml" > "$PROJECT/pom.xml"
ours() {
  (cd "$PROJECT" && rm -rf target && mvn -B -q -o package -Drootfs.cacheDirectory="$WORK/cache") >"$WORK/ours.log" 2>&1
}
mm() {
  rm -f "$WORK/mm.tar"
  mmdebstrap --quiet --variant="$VARIANT" --arch="$ARCH" --skip=download/empty --skip=essential/unlink \
    --setup-hook="mkdir -p $WORK/mmcache \"\$1\"/var/cache/apt/archives/" \
    --setup-hook="sync-in $WORK/mmcache /var/cache/apt/archives/" \
    --customize-hook="sync-out /var/cache/apt/archives $WORK/mmcache" \
    "$SUITE" "$WORK/mm.tar" "$MIRROR" >"$WORK/mm.log" 2>&1
}
deboot() {
  rm -rf "$WORK/db" && mkdir -p "$WORK/dbcache"
  debootstrap --variant="$VARIANT" --arch="$ARCH" --cache-dir="$WORK/dbcache" "$SUITE" "$WORK/db" "$MIRROR" \
    >"$WORK/db.log" 2>&1
}
timed() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); echo "$e - $s" | bc; }

(cd "$PROJECT" && mvn -B -q package -Drootfs.cacheDirectory="$WORK/cache") >"$WORK/ours-warmup.log" 2>&1
mm; deboot

t_ours=$(timed ours)
t_mm=$(timed mm)
t_db=$(timed deboot)
printf '%s %s %s (second stage: %s), warm .deb caches\n' "$SUITE" "$ARCH" "$VARIANT" "$SECOND_STAGE"
printf '  rootfs-maven-plugin %8.1f s\n  mmdebstrap          %8.1f s\n  debootstrap         %8.1f s\n' \
  "$t_ours" "$t_mm" "$t_db"
printf '  ratio ours/mmdebstrap  %.2f\n  ratio ours/debootstrap %.2f\n' \
  "$(echo "$t_ours / $t_mm" | bc -l)" "$(echo "$t_ours / $t_db" | bc -l)"
