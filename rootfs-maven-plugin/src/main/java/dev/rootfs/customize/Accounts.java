package dev.rootfs.customize;

import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.TreeFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The image's own account files (/etc/passwd, /etc/group, /etc/shadow, /etc/gshadow), edited as text the way
 * useradd would, but in Java on the staging tree: names resolve against the target's accounts, never the host's.
 */
public final class Accounts {

  /** Debian's adduser range for ordinary users. */
  private static final int FIRST_UID = 1000;
  private static final int LAST_UID = 59999;

  private final TreeFiles files;
  private final List<String[]> passwd;
  private final List<String[]> group;
  private final List<String[]> shadow;
  private final List<String[]> gshadow;

  private Accounts(TreeFiles files, List<String[]> passwd, List<String[]> group, List<String[]> shadow,
      List<String[]> gshadow) {
    this.files = files;
    this.passwd = passwd;
    this.group = group;
    this.shadow = shadow;
    this.gshadow = gshadow;
  }

  public static Accounts read(TreeFiles files) throws IOException, ModelConflictException {
    return new Accounts(files, table(files, "etc/passwd"), table(files, "etc/group"), table(files, "etc/shadow"),
        table(files, "etc/gshadow"));
  }

  public OptionalInt uid(String nameOrId) {
    return lookup(passwd, nameOrId, 2);
  }

  public OptionalInt gid(String nameOrId) {
    return lookup(group, nameOrId, 2);
  }

  /** The primary gid of a user. */
  public OptionalInt primaryGid(String user) {
    return find(passwd, user).map(r -> OptionalInt.of(Integer.parseInt(r[3]))).orElse(OptionalInt.empty());
  }

  public Optional<String> home(String user) {
    return find(passwd, user).map(r -> r[5]);
  }

  /**
   * Adds a user with a group of the same name, as Debian's adduser does (USERGROUPS=yes), the first free id from 1000.
   *
   * @param passwordHash crypt(3) hash, or null for a locked account ("!")
   * @param daysSinceEpoch the shadow "last change" day, from the build timestamp so the file is reproducible
   */
  public int addUser(String name, String shell, String passwordHash, long daysSinceEpoch) throws CustomizeException {
    if (!name.matches("[a-z_][a-z0-9_-]*[$]?") || name.length() > 32) {
      throw new CustomizeException("user name '" + name + "' is not valid (lower case letters, digits, '_' and '-')");
    }
    if (find(passwd, name).isPresent()) {
      throw new CustomizeException("user '" + name + "' exists already in the image's /etc/passwd");
    }
    int id = freeId();
    passwd.add(new String[] {name, "x", "" + id, "" + id, name, "/home/" + name, shell});
    shadow.add(new String[] {name, passwordHash == null ? "!" : passwordHash, "" + daysSinceEpoch, "0", "99999", "7",
        "", "", ""});
    if (find(group, name).isEmpty()) {
      group.add(new String[] {name, "x", "" + id, ""});
      gshadow.add(new String[] {name, "!", "", ""});
    }
    return id;
  }

  /** Sets the password hash of an existing account in /etc/shadow. */
  public void setPassword(String user, String passwordHash, long daysSinceEpoch) throws CustomizeException {
    String[] row = find(shadow, user).orElseThrow(() -> new CustomizeException("user '" + user
        + "' has no line in the image's /etc/shadow"));
    row[1] = passwordHash;
    row[2] = "" + daysSinceEpoch;
  }

  /** Adds a user to supplementary groups, which must exist in the image. */
  public void addToGroups(String user, List<String> groups) throws CustomizeException {
    for (String g : groups) {
      String[] row = find(group, g).orElseThrow(() -> new CustomizeException("group '" + g + "' for user '" + user
          + "' does not exist in the image's /etc/group"));
      Set<String> members = new LinkedHashSet<>(row[3].isEmpty() ? List.of() : Arrays.asList(row[3].split(",")));
      members.add(user);
      row[3] = String.join(",", members);
      find(gshadow, g).ifPresent(r -> {
        Set<String> m = new LinkedHashSet<>(r[3].isEmpty() ? List.of() : Arrays.asList(r[3].split(",")));
        m.add(user);
        r[3] = String.join(",", m);
      });
    }
  }

  /** Writes the four files back, keeping their owners and modes (shadow stays root:shadow 0640). */
  public void write(long mtime) throws IOException, ModelConflictException {
    files.writeString("etc/passwd", format(passwd), null, mtime, "customize");
    files.writeString("etc/group", format(group), null, mtime, "customize");
    if (!shadow.isEmpty()) {
      files.writeString("etc/shadow", format(shadow), null, mtime, "customize");
    }
    if (!gshadow.isEmpty()) {
      files.writeString("etc/gshadow", format(gshadow), null, mtime, "customize");
    }
  }

  private int freeId() throws CustomizeException {
    Set<Integer> used = new java.util.HashSet<>();
    for (String[] r : passwd) {
      used.add(Integer.parseInt(r[2]));
    }
    for (String[] r : group) {
      used.add(Integer.parseInt(r[2]));
    }
    for (int id = FIRST_UID; id <= LAST_UID; id++) {
      if (!used.contains(id)) {
        return id;
      }
    }
    throw new CustomizeException("no free user id between " + FIRST_UID + " and " + LAST_UID);
  }

  private static OptionalInt lookup(List<String[]> table, String nameOrId, int idColumn) {
    if (nameOrId.chars().allMatch(Character::isDigit)) {
      return OptionalInt.of(Integer.parseInt(nameOrId));
    }
    return find(table, nameOrId).map(r -> OptionalInt.of(Integer.parseInt(r[idColumn]))).orElse(OptionalInt.empty());
  }

  private static Optional<String[]> find(List<String[]> table, String name) {
    return table.stream().filter(r -> r[0].equals(name)).findFirst();
  }

  private static List<String[]> table(TreeFiles files, String path) throws IOException, ModelConflictException {
    List<String[]> rows = new ArrayList<>();
    for (String line : files.readString(path).orElse("").split("\n")) {
      if (!line.isBlank()) {
        rows.add(line.split(":", -1));
      }
    }
    return rows;
  }

  private static String format(List<String[]> rows) {
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      sb.append(String.join(":", r)).append('\n');
    }
    return sb.toString();
  }
}
