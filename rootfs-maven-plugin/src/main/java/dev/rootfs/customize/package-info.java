/**
 * Customization after the second stage: overlays with owners and modes from configuration, accounts, hostname,
 * locale, timezone and services — done in Java on the staging directory and the model, so it needs no root and no
 * emulator, and works on an unfinished ({@code secondStage=none}) tree too.
 */
package dev.rootfs.customize;
