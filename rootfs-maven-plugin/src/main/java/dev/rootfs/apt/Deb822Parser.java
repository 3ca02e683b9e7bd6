package dev.rootfs.apt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streaming deb822 reader: paragraphs separated by blank lines, "Name: value" fields, continuation lines starting
 * with a space or tab, '#' comment lines (allowed in .sources files). Memory stays at one paragraph, so the 60 MB
 * Packages file of a large architecture never sits in memory as text.
 */
public final class Deb822Parser {

  private final String sourceName;

  /** @param sourceName named in error messages (a file path or URL) */
  public Deb822Parser(String sourceName) {
    this.sourceName = sourceName;
  }

  /** Reads every paragraph of UTF-8 input and hands each to {@code sink}. */
  public void parse(InputStream in, Consumer<Deb822Paragraph> sink) throws IOException, Deb822Exception {
    parse(new InputStreamReader(in, StandardCharsets.UTF_8), sink);
  }

  public void parse(Reader reader, Consumer<Deb822Paragraph> sink) throws IOException, Deb822Exception {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
    Deb822Paragraph.Builder current = Deb822Paragraph.builder();
    String name = null;
    StringBuilder value = null;
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        if (name != null) {
          current.add(name, value.toString().stripTrailing());
          name = null;
        }
        if (!current.isEmpty()) {
          sink.accept(current.build());
          current = Deb822Paragraph.builder();
        }
        continue;
      }
      char first = line.charAt(0);
      if (first == '#') {
        continue;
      }
      if (first == ' ' || first == '\t') {
        if (name == null) {
          throw new Deb822Exception(sourceName, lineNo, "continuation line without a field");
        }
        String cont = line.substring(1);
        value.append('\n').append(cont.equals(".") ? "" : cont);
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new Deb822Exception(sourceName, lineNo, "expected 'Field: value', got '" + abbreviate(line) + "'");
      }
      if (name != null) {
        current.add(name, value.toString().stripTrailing());
      }
      name = line.substring(0, colon);
      // As dpkg: leading blanks go, and trailing ones of the whole value; a multi-line value keeps those at the end
      // of its first line (libgdbm6's synopsis ends in a space, and dpkg's status file keeps it).
      value = new StringBuilder(line.substring(colon + 1).stripLeading());
    }
    if (name != null) {
      current.add(name, value.toString().stripTrailing());
    }
    if (!current.isEmpty()) {
      sink.accept(current.build());
    }
  }

  /** Reads all paragraphs into a list; for small files (Release, status, .sources). */
  public List<Deb822Paragraph> parseAll(InputStream in) throws IOException, Deb822Exception {
    List<Deb822Paragraph> all = new ArrayList<>();
    parse(in, all::add);
    return all;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
