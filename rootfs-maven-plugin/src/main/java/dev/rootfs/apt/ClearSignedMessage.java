package dev.rootfs.apt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An OpenPGP cleartext signed message (RFC 4880 section 7) as InRelease uses it, split into the text that was signed
 * and the armored signature block. Parsing is strict the way apt's is: nothing but blank lines may precede the
 * BEGIN line or follow the END line, the only armor header is "Hash", and no second message may hide inside the
 * text, so the text we verify is exactly the text we later parse.
 *
 * @param text the dash-unescaped text as it is parsed: lines without trailing whitespace, each ending in '\n'
 * @param signedBytes the canonical form the signature covers: the same lines joined by CRLF, no final line end
 * @param hashHeaders the digest names of the "Hash:" header, upper-case (empty when absent)
 * @param signatureArmor the "-----BEGIN PGP SIGNATURE-----" block
 */
public record ClearSignedMessage(String text, byte[] signedBytes, Set<String> hashHeaders, String signatureArmor) {

  private static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
  private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
  private static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";

  /** Splits an InRelease file; {@code url} is named in the error when it is not a cleartext signed message. */
  public static ClearSignedMessage parse(URI url, byte[] data) throws BadSignatureException {
    String[] lines = new String(data, StandardCharsets.UTF_8).split("\n", -1);
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    if (i == lines.length || !stripTrailing(lines[i]).equals(BEGIN_MESSAGE)) {
      throw new BadSignatureException(url, "not a clearsigned message: it does not start with " + BEGIN_MESSAGE);
    }
    i++;
    Set<String> hashes = new LinkedHashSet<>();
    for (; i < lines.length && !stripTrailing(lines[i]).isEmpty(); i++) {
      String header = stripTrailing(lines[i]);
      if (!header.startsWith("Hash:")) {
        throw new BadSignatureException(url, "unexpected armor header '" + header + "' in clearsigned message");
      }
      for (String h : header.substring(5).split(",")) {
        hashes.add(h.strip().toUpperCase(Locale.ROOT));
      }
    }
    if (i == lines.length) {
      throw new BadSignatureException(url, "clearsigned message ends inside its armor headers");
    }
    i++; // the blank line after the headers
    List<String> text = new ArrayList<>();
    for (; i < lines.length && !stripTrailing(lines[i]).equals(BEGIN_SIGNATURE); i++) {
      String line = stripTrailing(lines[i]);
      if (line.startsWith("-----BEGIN PGP") || line.startsWith("-----END PGP")) {
        throw new BadSignatureException(url, "unexpected '" + line + "' inside the signed text");
      }
      text.add(line.startsWith("- ") ? line.substring(2) : line);
    }
    if (i == lines.length) {
      throw new BadSignatureException(url, "clearsigned message has no " + BEGIN_SIGNATURE + " block");
    }
    StringBuilder armor = new StringBuilder();
    for (; i < lines.length; i++) {
      String line = stripTrailing(lines[i]);
      armor.append(line).append('\n');
      if (line.equals(END_SIGNATURE)) {
        break;
      }
    }
    if (i == lines.length) {
      throw new BadSignatureException(url, "clearsigned message has no " + END_SIGNATURE + " line");
    }
    for (i++; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        throw new BadSignatureException(url, "content after " + END_SIGNATURE + ": '" + lines[i].strip() + "'");
      }
    }
    String signed = String.join("\r\n", text);
    String parsed = text.isEmpty() ? "" : String.join("\n", text) + "\n";
    return new ClearSignedMessage(parsed, signed.getBytes(StandardCharsets.UTF_8), Set.copyOf(hashes),
        armor.toString());
  }

  /** RFC 4880 7.1: trailing spaces and tabs (and the CR of a CRLF) are not part of the signed text. */
  private static String stripTrailing(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    return line.substring(0, end);
  }
}
