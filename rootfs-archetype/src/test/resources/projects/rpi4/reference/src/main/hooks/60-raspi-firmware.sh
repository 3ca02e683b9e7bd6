#!/bin/sh
# Rewrites /boot/firmware (config.txt, cmdline.txt, kernel, initramfs, device trees) now that the overlay's
# /etc/default/raspi-firmware is in place: raspi-firmware wrote them first while the kernel was configured, with
# its defaults. This is the hook the kernel package runs on every update, so later updates keep these settings.
set -eu
DEB_MAINT_PARAMS=configure /etc/kernel/postinst.d/z50-raspi-firmware
