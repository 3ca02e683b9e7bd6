package dev.rootfs.customize;

import dev.rootfs.event.EventListener;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.fs.TreeFiles;
import java.io.IOException;
import java.util.List;

/** Applies a {@link CustomizeSpec} to a tree, in Java, after the second stage. */
public final class Customizer {

  private final RootfsTree tree;
  private final long mtime;
  private final EventListener events;

  /** @param mtime the build's output timestamp: every file written here gets it */
  public Customizer(RootfsTree tree, long mtime, EventListener events) {
    this.tree = tree;
    this.mtime = mtime;
    this.events = events;
  }

  public void apply(CustomizeSpec spec) throws IOException, ModelConflictException, CustomizeException {
    TreeFiles files = new TreeFiles(tree);
    Accounts accounts = Accounts.read(files);
    if (spec.overlay().isPresent()) {
      int n = new OverlayCopier(tree, spec.permissions(), accounts, mtime).copy(spec.overlay().get());
      if (n > 0) {
        events.info("Overlay " + spec.overlay().get() + ": " + n + " paths");
      }
      accounts = Accounts.read(files); // the overlay may ship its own account files
    }
    long day = Math.floorDiv(mtime, 86400);
    boolean accountsChanged = false;
    if (spec.rootPasswordHash().isPresent()) {
      accounts.setPassword("root", spec.rootPasswordHash().get(), day);
      accountsChanged = true;
    }
    for (UserSpec u : spec.users()) {
      int id = accounts.addUser(u.name(), u.shell(), u.passwordHash(), day);
      accounts.addToGroups(u.name(), u.groups());
      files.directory("home/" + u.name(), 0700, id, id, mtime, "customize");
      writeKeys(files, "home/" + u.name(), u.authorizedKeys(), id, id);
      accountsChanged = true;
      events.info("User " + u.name() + " (uid " + id + ")" + (u.groups().isEmpty() ? "" : " in " + u.groups()));
    }
    if (accountsChanged) {
      accounts.write(mtime);
    }
    writeKeys(files, "root", spec.rootAuthorizedKeys(), 0, 0);
    SystemSettings settings = new SystemSettings(files, mtime);
    if (spec.hostname().isPresent()) {
      settings.hostname(spec.hostname().get());
    }
    if (spec.locale().isPresent()) {
      settings.locale(spec.locale().get());
    }
    if (spec.timezone().isPresent()) {
      settings.timezone(spec.timezone().get());
    }
    ServiceEnabler services = new ServiceEnabler(files, mtime);
    for (String unit : spec.enableServices()) {
      services.enable(unit);
    }
  }

  private void writeKeys(TreeFiles files, String home, List<String> keys, int uid, int gid)
      throws IOException, ModelConflictException {
    if (keys.isEmpty()) {
      return;
    }
    files.directory(home + "/.ssh", 0700, uid, gid, mtime, "customize");
    FsEntry e = files.writeString(home + "/.ssh/authorized_keys", String.join("\n", keys) + "\n", 0600, mtime,
        "customize");
    tree.model().put(e.withOwner(uid, gid));
  }
}
