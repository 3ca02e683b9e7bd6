package dev.rootfs.image.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rootfs.testing.TestMirror;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A real configured Debian tree for the image writers' real-world tests: mmdebstrap's bookworm amd64 minbase
 * tarball, built once per machine (as root) into the shared test cache.
 */
public final class MmdebstrapMinbase {

  /** Fixed so the cached reference and every run agree on clamped mtimes. */
  public static final long EPOCH = 1_700_000_000L;

  private MmdebstrapMinbase() {}

  /** The cached tarball; skips the calling test when it must be built and mmdebstrap or root is missing. */
  public static Path tarball() throws Exception {
    Path ref = TestMirror.sharedCache().resolve("reference/mmdebstrap-minbase-bookworm-amd64-" + EPOCH + ".tar");
    if (Files.exists(ref)) {
      return ref;
    }
    assumeTrue(HostTools.has("mmdebstrap") && HostTools.isRoot(), "needs mmdebstrap and root to build the reference");
    Files.createDirectories(ref.getParent());
    Path part = Files.createTempFile(ref.getParent(), ".mmdebstrap", ".tar");
    ProcessBuilder pb = new ProcessBuilder("mmdebstrap", "--quiet", "--mode=root", "--variant=minbase",
        "--architectures=amd64", "bookworm", part.toString(), TestMirror.url().toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("SOURCE_DATE_EPOCH", Long.toString(EPOCH));
    Process p = pb.start();
    assertTrue(p.waitFor(30, TimeUnit.MINUTES), "mmdebstrap timed out");
    assertEquals(0, p.exitValue(), "mmdebstrap failed");
    Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rw-r--r--"));
    Files.move(part, ref, StandardCopyOption.ATOMIC_MOVE);
    return ref;
  }

  /** The tarball as a model plus a staging directory under {@code staging}. */
  public static TreeFixture load(Path staging) throws Exception {
    return TarImportFixture.load(tarball(), staging);
  }
}
