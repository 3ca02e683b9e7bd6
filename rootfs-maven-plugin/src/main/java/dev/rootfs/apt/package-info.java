/**
 * APT client: sources, InRelease signatures (Bouncy Castle), Release and Packages indices, deb822 parsing.
 *
 * <p>The flow, as `apt-get update` does it and without apt, dpkg or gpgv on the host:
 * {@link dev.rootfs.apt.SourceSelection} picks the sources (configured strings parsed by
 * {@link dev.rootfs.apt.SourceSpec}, else the host's via {@link dev.rootfs.apt.HostAptSources});
 * {@link dev.rootfs.apt.AptClient} then, per source, lets {@link dev.rootfs.apt.ReleaseFetcher} get InRelease (or
 * Release + Release.gpg) and verify it with {@link dev.rootfs.apt.ReleaseSignatureVerifier} against the source's
 * {@link dev.rootfs.apt.Keyring} (Debian's, bundled, by default), parses it as a {@link dev.rootfs.apt.ReleaseFile},
 * and lets {@link dev.rootfs.apt.PackageIndexFetcher} get each Packages index verified by the Release's SHA256.
 * Every refusal has its own exception type whose message names the URL or index file.
 */
package dev.rootfs.apt;
