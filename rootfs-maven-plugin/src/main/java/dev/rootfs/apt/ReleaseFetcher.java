package dev.rootfs.apt;

import dev.rootfs.event.EventListener;
import dev.rootfs.fetch.Downloader;
import dev.rootfs.fetch.FetchException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Gets a suite's Release and proves it genuine: InRelease (clearsigned), or, when the mirror has none, Release with
 * its detached Release.gpg; then the checks apt makes on the content: it is the suite asked for, and it has not
 * passed its Valid-Until.
 */
public final class ReleaseFetcher {

  private final Downloader downloader;
  private final Clock clock;
  private final boolean checkValidUntil;
  private final EventListener events;

  /**
   * @param clock the build's one time source; Valid-Until is compared to it
   * @param checkValidUntil false only for snapshot mirrors whose Releases are expired by design (apt's
   *     check-valid-until=no)
   */
  public ReleaseFetcher(Downloader downloader, Clock clock, boolean checkValidUntil, EventListener events) {
    this.downloader = downloader;
    this.clock = clock;
    this.checkValidUntil = checkValidUntil;
    this.events = events;
  }

  public ReleaseFile fetch(AptSource source, Keyring keyring) throws FetchException, ReleaseVerificationException {
    ReleaseSignatureVerifier verifier = new ReleaseSignatureVerifier(keyring);
    URI inReleaseUrl = source.distFile("InRelease");
    byte[] inRelease = downloader.fetchUnverified(inReleaseUrl);
    URI url;
    String text;
    if (inRelease != null) {
      url = inReleaseUrl;
      text = verifier.verifyInRelease(url, inRelease);
    } else {
      url = source.distFile("Release");
      byte[] release = downloader.fetchUnverified(url);
      if (release == null) {
        throw new ReleaseMissingException(inReleaseUrl, "the mirror has neither InRelease nor Release for suite '"
            + source.suite() + "'; check the mirror URL (the directory holding dists/) and the suite name");
      }
      URI gpgUrl = source.distFile("Release.gpg");
      byte[] signature = downloader.fetchUnverified(gpgUrl);
      if (signature == null) {
        throw new BadSignatureException(url, "is not signed: the mirror has neither InRelease nor " + gpgUrl);
      }
      verifier.verifyDetached(url, release, signature);
      text = new String(release, StandardCharsets.UTF_8);
    }
    ReleaseFile parsed = ReleaseFile.parse(url, text);
    checkSuite(source, parsed);
    checkValidUntil(parsed);
    events.info("Verified " + url + " (" + parsed.suite().orElse("?") + "/" + parsed.codename().orElse("?")
        + ", " + parsed.date().map(Instant::toString).orElse("no Date") + ") with " + keyring.name());
    return parsed;
  }

  private static void checkSuite(AptSource source, ReleaseFile release) throws WrongSuiteException {
    String asked = source.suite();
    boolean named = release.suite().isPresent() || release.codename().isPresent();
    if (named && !asked.equals(release.suite().orElse(null)) && !asked.equals(release.codename().orElse(null))) {
      throw new WrongSuiteException(release.url(), "is for Suite '" + release.suite().orElse("") + "', Codename '"
          + release.codename().orElse("") + "', not the requested '" + asked + "'");
    }
  }

  private void checkValidUntil(ReleaseFile release) throws ReleaseExpiredException {
    if (!checkValidUntil || release.validUntil().isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    if (now.isAfter(release.validUntil().get())) {
      throw new ReleaseExpiredException(release.url(), "expired: Valid-Until " + release.validUntil().get()
          + " is before now (" + now + "); the mirror serves stale metadata (for a snapshot mirror, disable the "
          + "Valid-Until check)");
    }
  }
}
