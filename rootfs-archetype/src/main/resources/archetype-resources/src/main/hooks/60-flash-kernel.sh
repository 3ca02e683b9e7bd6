#!/bin/sh
# Rewrites /boot/boot.scr and /boot/dtbs now that the overlay's /etc/flash-kernel/machine and
# /etc/default/flash-kernel are in place: when the kernel was configured, flash-kernel could not tell the machine
# (an image build has no BeagleBone device tree to read). Kernel updates on the board run it again by themselves.
set -eu
flash-kernel
