#!/usr/bin/env bash
# Builds the same root filesystem with rootfs-maven-plugin, mmdebstrap and debootstrap in one run, each with a
# warm .deb cache (one untimed warm-up run each), and prints the wall and CPU (user+sys) times, our ratios against
# the peers and whether issue 4's target is met.
#
#   bench/rootfs-vs-peers.sh [ARCH] [SUITE] [VARIANT] [SECOND_STAGE]
#   e.g. bench/rootfs-vs-peers.sh arm64 bookworm minbase auto
#
# Run as root (debootstrap needs it; mmdebstrap then uses its root mode); our second stage uses the same user
# namespace + fakeroot path as root as it does for an ordinary user. Needs bc. The mirror comes from the host's apt
# sources. Targets (issue 4): arm64 minbase <= 1/3 of mmdebstrap's time, amd64 <= 1/2.
#
# Environment: BENCH_WORK (default /tmp/rootfs-bench), BENCH_SKIP_INSTALL=1 to use the plugin already installed,
# BENCH_MAVEN_ARGS for every mvn call (e.g. -Dmaven.repo.local=/tmp/m2 to leave ~/.m2 alone), BENCH_PEERS to pick
# the peers (default "mmdebstrap debootstrap"; mmdebstrap of a foreign arch runs under qemu and is slow), BENCH_RUNS
# (default 1) timed runs of each tool, the fastest counts, BENCH_JVM_CONFIG to replace our project's .mvn/jvm.config
# (by default the archetype's, bench/project/.mvn/jvm.config; e.g. "-XX:TieredStopAtLevel=1": a tar build spends ~3 s
# of CPU in the C2 compiler; a SquashFS or tar.xz build wants C2). Like the peers, ours fetches and verifies InRelease on
# every run; its warm cache also holds the resolution of the unchanged signed indices (see ResolutionCache).
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
PEERS=${BENCH_PEERS:-mmdebstrap debootstrap}
RUNS=${BENCH_RUNS:-1}
read -r -a MVN_ARGS <<< "${BENCH_MAVEN_ARGS:-}"
mkdir -p "$WORK"
# Maven 3.8 colours even -B output: strip the escape sequences.
VERSION=$(cd "$ROOT" && mvn -q -B "${MVN_ARGS[@]}" help:evaluate -Dexpression=project.version -DforceStdout \
  2>/dev/null | sed 's/\x1b\[[0-9;]*m//g')
VERSION=${VERSION:-0.1.0-SNAPSHOT}

if [ "${BENCH_SKIP_INSTALL:-}" != 1 ]; then
  (cd "$ROOT" && mvn -q -B "${MVN_ARGS[@]}" install -DskipTests)
fi

# Our project: a minimal rootfs POM with the same suite, arch and variant, plain tar output.
PROJECT="$WORK/ours"
rm -rf "$PROJECT" && mkdir -p "$PROJECT"
sed -e "s/@VERSION@/$VERSION/" -e "s/@SUITE@/$SUITE/" -e "s/@ARCH@/$ARCH/" -e "s/@VARIANT@/$VARIANT/" \
    -e "s|@MIRROR@|$MIRROR|" -e "s/@SECOND_STAGE@/$SECOND_STAGE/" "$HERE/project/pom.xml" > "$PROJECT/pom.xml"
# The same .mvn/jvm.config the archetype gives every generated project, unless BENCH_JVM_CONFIG replaces it.
mkdir -p "$PROJECT/.mvn" && cp "$HERE/project/.mvn/jvm.config" "$PROJECT/.mvn/jvm.config"
if [ -n "${BENCH_JVM_CONFIG:-}" ]; then
  echo "$BENCH_JVM_CONFIG" > "$PROJECT/.mvn/jvm.config"
fi
ours() {
  (cd "$PROJECT" && rm -rf target && mvn -B -q "${MVN_ARGS[@]}" package -Drootfs.cacheDirectory="$WORK/cache") \
    >"$WORK/ours.log" 2>&1
}
mmdebstrap() {
  rm -f "$WORK/mm.tar"
  command mmdebstrap --quiet --variant="$VARIANT" --arch="$ARCH" --skip=download/empty --skip=essential/unlink \
    --setup-hook="mkdir -p $WORK/mmcache \"\$1\"/var/cache/apt/archives/" \
    --setup-hook="sync-in $WORK/mmcache /var/cache/apt/archives/" \
    --customize-hook="sync-out /var/cache/apt/archives $WORK/mmcache" \
    "$SUITE" "$WORK/mm.tar" "$MIRROR" >"$WORK/mm.log" 2>&1
}
debootstrap() {
  rm -rf "$WORK/db" && mkdir -p "$WORK/dbcache"
  command debootstrap --variant="$VARIANT" --arch="$ARCH" --cache-dir="$WORK/dbcache" "$SUITE" "$WORK/db" "$MIRROR" \
    >"$WORK/db.log" 2>&1
}
# Runs "$@" and prints "WALL CPU" in seconds; CPU is user+sys of every process it waited for (the machine may be
# shared, so CPU time is the steadier number).
timed() {
  local f="$WORK/time.$$"
  /usr/bin/time -o "$f" -f '%e %U %S' bash -c "$(declare -f "$1"); $(declare -p WORK PROJECT MVN_ARGS VARIANT \
    ARCH SUITE MIRROR); $1" || { echo "$1 failed; see $WORK/*.log" >&2; exit 1; }
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$f"
  rm -f "$f"
}

(cd "$PROJECT" && mvn -B -q "${MVN_ARGS[@]}" package -Drootfs.cacheDirectory="$WORK/cache") \
  >"$WORK/ours-warmup.log" 2>&1 || { tail -30 "$WORK/ours-warmup.log" >&2; exit 1; }
for p in $PEERS; do "$p"; done

declare -A WALL CPU ALL
for _ in $(seq "$RUNS"); do
  for tool in ours $PEERS; do
    t=$(timed "$tool")
    ALL[$tool]="${ALL[$tool]:-}${ALL[$tool]:+ }${t% *}"
    if [ -z "${WALL[$tool]:-}" ] || [ "$(echo "${t% *} < ${WALL[$tool]}" | bc -l)" = 1 ]; then
      WALL[$tool]=${t% *}; CPU[$tool]=${t#* }
    fi
  done
done

case $ARCH in amd64) target=0.5 ;; arm64) target=0.3334 ;; *) target="" ;; esac
printf '%s %s %s (second stage: %s), warm caches, fastest of %s run(s), our JVM options: %s\n' "$SUITE" "$ARCH" \
  "$VARIANT" "$SECOND_STAGE" "$RUNS" "${BENCH_JVM_CONFIG:-bench/project/.mvn/jvm.config, as the archetype}"
printf '  %-20s %9s %9s   %s\n' tool 'wall s' 'cpu s' 'every run (wall s)'
for t in ours $PEERS; do
  printf '  %-20s %9.1f %9.1f   %s\n' "$([ "$t" = ours ] && echo rootfs-maven-plugin || echo "$t")" "${WALL[$t]}" \
    "${CPU[$t]}" "${ALL[$t]}"
done
for p in $PEERS; do
  ratio=$(echo "${WALL[ours]} / ${WALL[$p]}" | bc -l)
  printf '  ratio ours/%-12s wall %.2f  cpu %.2f' "$p" "$ratio" "$(echo "${CPU[ours]} / ${CPU[$p]}" | bc -l)"
  if [ "$p" = mmdebstrap ] && [ -n "$target" ]; then
    printf '  (target <= %.2f: %s)' "$target" "$([ "$(echo "$ratio <= $target" | bc -l)" = 1 ] && echo met \
      || echo MISSED)"
  fi
  printf '\n'
done
