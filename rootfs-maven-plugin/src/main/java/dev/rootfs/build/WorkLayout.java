package dev.rootfs.build;

import dev.rootfs.api.RootfsException;
import dev.rootfs.fs.ModelStore;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.image.ManifestEntry;
import dev.rootfs.image.ManifestWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one project's build keeps its work: the staging tree, the saved model beside it, and the record of what the
 * last build was made from (for the up-to-date check). The goals of a build hand the tree to each other through
 * these files.
 *
 * @param workDir usually target/rootfs
 */
public record WorkLayout(Path workDir) {

  public Path stagingDir() {
    return workDir.resolve("tree");
  }

  public Path modelFile() {
    return workDir.resolve("model.bin");
  }

  /** Records which images were written from the tree, and from which inputs; not a stage of the tree itself. */
  public Path imagesStampFile() {
    return workDir.resolve("images.done");
  }

  public boolean imagesUpToDate(String fingerprint) {
    try {
      return Files.exists(imagesStampFile())
          && Files.readString(imagesStampFile(), StandardCharsets.UTF_8).strip().equals(fingerprint);
    } catch (IOException e) {
      return false;
    }
  }

  public void markImagesDone(String fingerprint) throws RootfsException {
    writeAtomically(imagesStampFile(), fingerprint + "\n");
  }

  /** Forgets which images were written: the tree changed after them (a persisted rootfs:exec). */
  public void forgetImages() throws RootfsException {
    try {
      Files.deleteIfExists(imagesStampFile());
    } catch (IOException e) {
      throw new RootfsException("cannot delete " + imagesStampFile() + ": " + e.getMessage(), e);
    }
  }

  /** Records which stages completed for the tree now staged, and from which inputs. */
  public Path stampFile(String stage) {
    return workDir.resolve(stage + ".stamp");
  }

  /** Loads the tree a previous goal left, or fails saying which goal must run first. */
  public RootfsTree load(String neededGoal) throws RootfsException {
    if (!Files.exists(modelFile()) || !Files.isDirectory(stagingDir())) {
      throw new RootfsException("no rootfs in " + workDir + ": run rootfs:" + neededGoal + " first (or mvn package)");
    }
    try {
      RootfsModel model = ModelStore.load(modelFile());
      return new RootfsTree(stagingDir(), model);
    } catch (IOException e) {
      throw new RootfsException("cannot read " + modelFile() + ": " + e.getMessage(), e);
    }
  }

  public void save(RootfsTree tree) throws RootfsException {
    try {
      ModelStore.save(tree.model(), modelFile());
    } catch (IOException e) {
      throw new RootfsException("cannot write " + modelFile() + ": " + e.getMessage(), e);
    }
  }

  /** Empties the staging directory (an earlier build's tree may hold read-only directories) and returns it. */
  public Path freshStagingDir() throws RootfsException {
    Path dir = stagingDir();
    try {
      if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        StagingCleaner.delete(dir);
      }
      Files.createDirectories(dir);
      Files.deleteIfExists(modelFile());
      return dir;
    } catch (IOException e) {
      throw new RootfsException("cannot empty the staging directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The installed packages, as the manifest attached beside the image lists them. */
  public Path manifestFile() {
    return workDir.resolve("packages.manifest");
  }

  public void writeManifest(List<ManifestEntry> entries) throws RootfsException {
    try {
      ManifestWriter.write(entries, manifestFile());
    } catch (IOException e) {
      throw new RootfsException("cannot write " + manifestFile() + ": " + e.getMessage(), e);
    }
  }

  /** The target-arch fakeroot .debs the second stage borrows, as paths in the download cache. */
  public Path stage2DebsFile() {
    return workDir.resolve("stage2-debs.txt");
  }

  public void writeStage2Debs(List<Path> debs) throws RootfsException {
    List<String> lines = debs.stream().map(p -> p.toAbsolutePath().toString()).toList();
    writeAtomically(stage2DebsFile(), String.join("\n", lines) + "\n");
  }

  public List<Path> readStage2Debs() throws RootfsException {
    try {
      List<Path> out = new ArrayList<>();
      for (String line : Files.readAllLines(stage2DebsFile())) {
        if (!line.isBlank()) {
          out.add(Path.of(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new RootfsException("cannot read " + stage2DebsFile() + " (run rootfs:bootstrap first): " + e.getMessage(),
          e);
    }
  }

  private void writeAtomically(Path file, String text) throws RootfsException {
    try {
      Files.createDirectories(workDir);
      Path tmp = Files.createTempFile(workDir, file.getFileName().toString(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new RootfsException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** True when {@code stage} last completed from exactly these inputs and the tree it left is still there. */
  public boolean isUpToDate(String stage, String fingerprint) {
    try {
      Path stamp = stampFile(stage);
      return Files.exists(modelFile()) && Files.exists(stamp)
          && Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(fingerprint);
    } catch (IOException e) {
      return false;
    }
  }

  /** Records that {@code stage} started changing the tree; a build that dies now leaves the mark behind. */
  public void begin(String stage) throws RootfsException {
    writeAtomically(workDir.resolve(stage + ".running"), "");
  }

  /** Records that {@code stage} completed from these inputs. */
  public void markDone(String stage, String fingerprint) throws RootfsException {
    writeAtomically(stampFile(stage), fingerprint + "\n");
    try {
      Files.deleteIfExists(workDir.resolve(stage + ".running"));
    } catch (IOException e) {
      throw new RootfsException("cannot write " + workDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * True when the tree can be kept: the first stage completed from these inputs, every later stage that completed
   * did too, and no stage was interrupted half-way (a half-customized tree cannot be customized again).
   */
  public boolean canKeep(String firstStage, String fingerprint) {
    if (!isUpToDate(firstStage, fingerprint)) {
      return false;
    }
    try (var files = Files.list(workDir)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".running")) {
          return false;
        }
        if (name.endsWith(".stamp") && !isUpToDate(name.substring(0, name.length() - 6), fingerprint)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Forgets every stage's record: the next goals must redo their work. */
  public void invalidate() throws RootfsException {
    try (var files = Files.list(workDir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".stamp")
          || f.getFileName().toString().endsWith(".running") || f.equals(imagesStampFile())).toList()) {
        Files.delete(p);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw new RootfsException("cannot reset " + workDir + ": " + e.getMessage(), e);
    }
  }
}
