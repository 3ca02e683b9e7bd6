package dev.rootfs.build;

import dev.rootfs.api.RootfsException;
import dev.rootfs.fs.ModelStore;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
