package dev.rootfs.apt;

import dev.rootfs.event.EventListener;
import dev.rootfs.fetch.DigestMismatchException;
import dev.rootfs.fetch.DownloadRequest;
import dev.rootfs.fetch.Downloader;
import dev.rootfs.fetch.FetchException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gets one Packages index (component, architecture) of a verified Release: the best compression the Release lists
 * (xz, then gz, then plain), by hash when the Release says Acquire-By-Hash, verified by size and SHA256 through the
 * Downloader. A form that does not match its signed digest is never used; the next one is tried, and when none
 * matches (a form the mirror lacks is skipped) the failure names the file and every expected and actual hash.
 */
public final class PackageIndexFetcher {

  private final Downloader downloader;
  private final EventListener events;

  public PackageIndexFetcher(Downloader downloader, EventListener events) {
    this.downloader = downloader;
    this.events = events;
  }

  /** The packages of SUITE/COMPONENT/binary-ARCH, each carrying its origin. */
  public List<BinaryPackage> packages(PackageIndex index)
      throws FetchException, IndexVerificationException, IndexMissingException, IndexFormatException {
    AptSource source = index.source();
    ReleaseFile release = index.release();
    String component = index.component();
    String architecture = index.architecture();
    String base = index.basePath();
    String indexName = source.suite() + "/" + base;
    List<ReleaseFile.IndexFile> forms = new ArrayList<>();
    for (String suffix : IndexDecompressor.SUFFIXES) {
      release.file(base + suffix).ifPresent(forms::add);
    }
    if (forms.isEmpty()) {
      throw new IndexMissingException(indexName, release.url() + " lists no " + base + "{.xz,.gz,} although "
          + "component " + component + " and architecture " + architecture + " were asked for");
    }
    List<String> mismatches = new ArrayList<>();
    List<FetchException> unavailable = new ArrayList<>();
    for (ReleaseFile.IndexFile form : forms) {
      Optional<Path> file;
      try {
        file = fetchVerified(source, release, form, mismatches);
      } catch (FetchException e) {
        // Debian lists the uncompressed Packages in Release but does not serve it: try the remaining forms.
        unavailable.add(e);
        continue;
      }
      if (file.isPresent()) {
        BinaryPackage.PackageOrigin origin = new BinaryPackage.PackageOrigin(source.mirror(), source.suite(),
            component);
        List<BinaryPackage> packages = parse(file.get(), source.distFile(form.path()), form.path(),
            source.suite() + "/" + form.path(), origin);
        events.info(source.suite() + "/" + form.path() + ": " + packages.size() + " packages");
        return packages;
      }
    }
    if (mismatches.isEmpty()) {
      throw unavailable.get(0); // nothing was wrong, only missing or unreachable: a fetch problem
    }
    List<String> problems = new ArrayList<>(mismatches);
    unavailable.forEach(e -> problems.add("not available: " + e.getMessage()));
    throw new IndexVerificationException(indexName, indexName + " does not match the signed Release "
        + release.url() + " in any compression: " + String.join("; ", problems));
  }

  private Optional<Path> fetchVerified(AptSource source, ReleaseFile release, ReleaseFile.IndexFile form,
      List<String> mismatches) throws FetchException {
    URI byName = source.distFile(form.path());
    URI uri = release.acquireByHash() ? byHash(source, form) : byName;
    try {
      return Optional.of(fetch(uri, form));
    } catch (DigestMismatchException e) {
      mismatches.add(mismatch(form, e));
      return Optional.empty();
    } catch (FetchException e) {
      if (uri.equals(byName)) {
        throw e;
      }
      // Partial mirrors may lack by-hash/ files; apt then falls back to the name, and so do we.
      events.warn(uri + " failed (" + e.getMessage() + "); trying " + byName);
    }
    try {
      return Optional.of(fetch(byName, form));
    } catch (DigestMismatchException e) {
      mismatches.add(mismatch(form, e));
      return Optional.empty();
    }
  }

  private Path fetch(URI uri, ReleaseFile.IndexFile form) throws FetchException {
    return downloader.fetch(new DownloadRequest(uri, form.digest(), form.path()));
  }

  private static URI byHash(AptSource source, ReleaseFile.IndexFile form) {
    String dir = form.path().substring(0, form.path().lastIndexOf('/') + 1);
    return source.distFile(dir + "by-hash/SHA256/" + form.sha256());
  }

  private static String mismatch(ReleaseFile.IndexFile form, DigestMismatchException e) {
    return form.path() + " (" + e.uri() + ") expected SHA256 " + e.expected().sha256() + " (" + e.expected().size()
        + " bytes), got " + e.actual().sha256() + " (" + e.actual().size() + " bytes)";
  }

  private static List<BinaryPackage> parse(Path file, URI url, String releaseName, String indexName,
      BinaryPackage.PackageOrigin origin) throws IndexFormatException {
    List<Deb822Paragraph> paragraphs = new ArrayList<>();
    try (InputStream in = IndexDecompressor.open(file, releaseName)) {
      new Deb822Parser(url.toString()).parse(in, paragraphs::add);
    } catch (IOException | Deb822Exception e) {
      throw new IndexFormatException(indexName, url + " matches its signed digest but cannot be read: "
          + e.getMessage(), e);
    }
    List<BinaryPackage> packages = new ArrayList<>(paragraphs.size());
    for (Deb822Paragraph p : paragraphs) {
      for (String field : new String[] {"Package", "Version", "Architecture"}) {
        if (!p.has(field)) {
          throw new IndexFormatException(indexName, url + ": a stanza has no " + field + " field: "
              + p.get("Package", p.names().toString()));
        }
      }
      packages.add(new BinaryPackage(p, origin));
    }
    return packages;
  }
}
