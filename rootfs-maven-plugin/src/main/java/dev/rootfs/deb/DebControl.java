package dev.rootfs.deb;

import dev.rootfs.apt.Deb822Paragraph;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The control.tar of a .deb: the {@code control} stanza and every other member by name (conffiles, md5sums,
 * maintainer scripts, templates, triggers, shlibs, symbols, ...), byte for byte, with their modes.
 *
 * @param paragraph the parsed {@code control} file
 * @param files every regular member of control.tar except {@code control}, by file name
 * @param modes the permission bits of each member in {@code files}
 */
public record DebControl(Deb822Paragraph paragraph, Map<String, byte[]> files, Map<String, Integer> modes) {

  /** Maintainer scripts dpkg runs; kept executable in its database. */
  public static final List<String> SCRIPTS = List.of("preinst", "postinst", "prerm", "postrm", "config");

  public DebControl {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
    modes = Collections.unmodifiableMap(new TreeMap<>(modes));
  }

  public String packageName() {
    return paragraph.get("Package").orElseThrow();
  }

  public String version() {
    return paragraph.get("Version").orElseThrow();
  }

  public String architecture() {
    return paragraph.get("Architecture").orElseThrow();
  }

  /** "same", "foreign", "allowed" or "no". */
  public String multiArch() {
    return paragraph.get("Multi-Arch", "no");
  }

  /** dpkg's name for the package's files in its info directory: "libc6:amd64" for Multi-Arch: same, else "bash". */
  public String infoName() {
    return multiArch().equals("same") ? packageName() + ":" + architecture() : packageName();
  }

  public Optional<byte[]> file(String name) {
    return Optional.ofNullable(files.get(name));
  }

  /** One line of the conffiles member: an absolute path, with dpkg's flag ("remove-on-upgrade") or null. */
  public record Conffile(String path, String flag) {}

  /** Every line of the conffiles member, flagged ones included, in order. */
  public List<Conffile> conffileEntries() {
    List<Conffile> result = new ArrayList<>();
    for (String line : lines("conffiles")) {
      String l = line.strip();
      int space = l.indexOf(' ');
      if (l.startsWith("/")) {
        result.add(new Conffile(l, null));
      } else if (space > 0) {
        result.add(new Conffile(l.substring(space + 1).strip(), l.substring(0, space)));
      }
    }
    return result;
  }

  /**
   * The conffiles as absolute paths, in the order the package lists them, without flagged entries such as
   * "remove-on-upgrade /etc/x" (those name files the package no longer ships).
   */
  public List<String> conffiles() {
    List<String> result = new ArrayList<>();
    for (String line : lines("conffiles")) {
      String l = line.strip();
      if (l.startsWith("/")) {
        result.add(l);
      }
    }
    return result;
  }

  /** The md5sums member as a map from normalized path ("usr/bin/bash") to hex digest, in file order. */
  public Map<String, String> md5sums() {
    Map<String, String> result = new LinkedHashMap<>();
    for (String line : lines("md5sums")) {
      int space = line.indexOf(' ');
      if (space > 0) {
        String name = line.substring(space).strip();
        result.put(name.startsWith("/") ? name.substring(1) : name, line.substring(0, space));
      }
    }
    return result;
  }

  private List<String> lines(String member) {
    byte[] b = files.get(member);
    if (b == null) {
      return List.of();
    }
    return new String(b, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
  }

  @Override
  public String toString() {
    return packageName() + " " + version() + " (" + architecture() + ")";
  }
}
