#!/bin/sh
# Rewrites /boot/extlinux/extlinux.conf, which U-Boot reads, now that the overlay's /etc/fstab (the root device) and
# /etc/default/u-boot (the kernel command line) are in place: u-boot-menu first wrote it with its defaults while the
# kernel was configured. Kernel updates on the board rewrite it by themselves.
set -eu
u-boot-update
