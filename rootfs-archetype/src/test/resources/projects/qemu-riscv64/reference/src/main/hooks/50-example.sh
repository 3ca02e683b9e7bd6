#!/bin/sh
# A customize hook. Every executable file in src/main/hooks runs once the overlay (src/main/rootfs) is in place,
# in name order:
#   NAME          runs inside the image (chroot; qemu-user runs it for a foreign architecture), as root of the image;
#   NAME.host.sh  runs on the build host, with the path of the image's directory as $1.
# A failing hook fails the build.
#
# This example is not executable, so it does not run: `chmod +x src/main/hooks/50-example.sh` to enable it.
set -eu

# echo "Welcome to qemu-riscv64-rootfs 1.0-SNAPSHOT" > /etc/motd
# systemctl mask apt-daily.timer apt-daily-upgrade.timer
