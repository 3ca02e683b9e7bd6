package dev.rootfs.image.tar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of a POSIX.1-2001 extended header: records "LEN KEY=VALUE\n" where LEN counts the whole record, itself
 * included. Values are bytes, not strings, because xattr values (security.capability) are binary and must reach
 * the archive unchanged — which is why this writer builds PAX headers itself instead of letting Commons Compress do it.
 * Records keep the order they were added in, so the same entry always gives the same bytes.
 */
final class PaxRecords {

  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  PaxRecords add(String key, String value) {
    return add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  PaxRecords add(String key, long value) {
    return add(key, Long.toString(value));
  }

  PaxRecords add(String key, byte[] value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int rest = 1 + k.length + 1 + value.length + 1; // ' ' key '=' value '\n'
    int len = rest + Integer.toString(rest).length();
    if (Integer.toString(len).length() != Integer.toString(rest).length()) {
      len++; // the length grew a digit by counting itself
    }
    body.writeBytes(Integer.toString(len).getBytes(StandardCharsets.US_ASCII));
    body.write(' ');
    body.writeBytes(k);
    body.write('=');
    body.writeBytes(value);
    body.write('\n');
    return this;
  }

  boolean isEmpty() {
    return body.size() == 0;
  }

  byte[] toByteArray() {
    return body.toByteArray();
  }
}
