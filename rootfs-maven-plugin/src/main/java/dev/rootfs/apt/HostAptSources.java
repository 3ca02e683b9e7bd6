package dev.rootfs.apt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host's apt sources: deb822 sources.list.d/*.sources and one-line sources.list and sources.list.d/*.list, in
 * apt's order (sources.list first, then sources.list.d by file name). Only binary "deb" entries that are enabled are
 * kept; each keeps its Signed-By and the architectures it is limited to.
 */
public final class HostAptSources {

  private final Path etcApt;

  /** @param etcApt apt's configuration directory, normally /etc/apt (a temp dir in tests) */
  public HostAptSources(Path etcApt) {
    this.etcApt = etcApt;
  }

  /** Where the sources are read from, for messages. */
  public Path location() {
    return etcApt;
  }

  public static HostAptSources system() {
    return new HostAptSources(Path.of("/etc/apt"));
  }

  /** Every enabled deb source of the host. */
  public List<AptSource> sources() throws SourcesFileException {
    return entries().stream().map(SourceSpec::source).toList();
  }

  /** The deb sources that apply to {@code architecture} (no arch= / Architectures limit, or one naming it). */
  public List<AptSource> sources(String architecture) throws SourcesFileException {
    return entries().stream()
        .filter(e -> e.architectures().isEmpty() || e.architectures().contains(architecture))
        .map(SourceSpec::source)
        .toList();
  }

  /** Every enabled deb entry, with its options. */
  public List<SourceSpec> entries() throws SourcesFileException {
    List<SourceSpec> out = new ArrayList<>();
    Path list = etcApt.resolve("sources.list");
    if (Files.isRegularFile(list)) {
      readOneLine(list, out);
    }
    Path dir = etcApt.resolve("sources.list.d");
    if (Files.isDirectory(dir)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.sorted().toList();
      } catch (IOException e) {
        throw new SourcesFileException("cannot list " + dir + ": " + e.getMessage(), e);
      }
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(".list")) {
          readOneLine(f, out);
        } else if (name.endsWith(".sources")) {
          readDeb822(f, out);
        }
      }
    }
    return out.stream().filter(e -> e.type().equals("deb")).toList();
  }

  private static void readOneLine(Path file, List<SourceSpec> out) throws SourcesFileException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new SourcesFileException("cannot read " + file + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (!text.isEmpty()) {
        out.add(SourceSpec.parseLine(text, file + ":" + (i + 1), false));
      }
    }
  }

  private static void readDeb822(Path file, List<SourceSpec> out) throws SourcesFileException {
    List<Deb822Paragraph> paragraphs;
    try (InputStream in = Files.newInputStream(file)) {
      paragraphs = new Deb822Parser(file.toString()).parseAll(in);
    } catch (IOException | Deb822Exception e) {
      throw new SourcesFileException("cannot read " + file + ": " + e.getMessage(), e);
    }
    int n = 0;
    for (Deb822Paragraph p : paragraphs) {
      n++;
      String where = file + " entry " + n;
      if (p.get("Enabled", "yes").strip().equalsIgnoreCase("no")) {
        continue;
      }
      List<String> types = words(p, "Types");
      List<String> uris = words(p, "URIs");
      List<String> suites = words(p, "Suites");
      List<String> components = words(p, "Components");
      if (types.isEmpty() || uris.isEmpty() || suites.isEmpty()) {
        throw new SourcesFileException(where + ": needs Types, URIs and Suites");
      }
      Optional<String> signedBy = p.get("Signed-By").map(String::strip).filter(s -> !s.isEmpty());
      String arches = String.join(",", words(p, "Architectures"));
      for (String type : types) {
        for (String uri : uris) {
          for (String suite : suites) {
            StringBuilder line = new StringBuilder(type).append(" [");
            if (!arches.isEmpty()) {
              line.append("arch=").append(arches);
            }
            line.append("] ").append(uri).append(' ').append(suite).append(' ')
                .append(String.join(" ", components));
            SourceSpec spec = SourceSpec.parseLine(line.toString(), where, false);
            // Signed-By may be an inline key block with spaces and newlines: set it directly, not as an option.
            AptSource s = spec.source();
            out.add(new SourceSpec(spec.type(), spec.options(),
                new AptSource(s.mirror(), s.suite(), s.components(), signedBy)));
          }
        }
      }
    }
  }

  private static List<String> words(Deb822Paragraph p, String field) {
    String v = p.get(field, "").strip();
    return v.isEmpty() ? List.of() : Arrays.asList(v.split("\\s+"));
  }
}
