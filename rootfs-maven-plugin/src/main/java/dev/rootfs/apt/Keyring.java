package dev.rootfs.apt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * The OpenPGP public keys a Release may be signed with: apt's Signed-By. Read from a binary keyring (.gpg), an
 * armored file (.asc) or an armored key block given inline; Debian's archive keyring ships inside the plugin and is
 * the default, so no host keyring (and no gpgv) is needed.
 */
public final class Keyring {

  /** The bundled copy of debian-archive-keyring's /usr/share/keyrings/debian-archive-keyring.gpg. */
  public static final String DEBIAN_ARCHIVE_RESOURCE = "debian-archive-keyring.gpg";

  private static final String ARMOR_BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

  private final String name;
  private final List<PGPPublicKeyRing> rings;

  private Keyring(String name, List<PGPPublicKeyRing> rings) {
    this.name = name;
    this.rings = List.copyOf(rings);
  }

  /** Debian's archive keyring as bundled with the plugin. */
  public static Keyring debianArchive() throws KeyringException {
    try (InputStream in = Keyring.class.getResourceAsStream(DEBIAN_ARCHIVE_RESOURCE)) {
      if (in == null) {
        throw new KeyringException("bundled keyring " + DEBIAN_ARCHIVE_RESOURCE + " is missing from the plugin");
      }
      return parse(in.readAllBytes(), "bundled " + DEBIAN_ARCHIVE_RESOURCE);
    } catch (IOException e) {
      throw new KeyringException("cannot read bundled keyring " + DEBIAN_ARCHIVE_RESOURCE, e);
    }
  }

  /** True for the keyring {@link #debianArchive()} returns: the target's debian-archive-keyring holds the same keys. */
  public boolean isDebianArchive() {
    return name().equals("bundled " + DEBIAN_ARCHIVE_RESOURCE);
  }

  /** A keyring file, binary or armored (detected from its content, not its name). */
  public static Keyring read(Path file) throws KeyringException {
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KeyringException("cannot read keyring " + file + ": " + e.getMessage(), e);
    }
    return parse(data, file.toString());
  }

  /** An armored key block given as text (apt allows one inline in a deb822 Signed-By field). */
  public static Keyring armored(String text, String name) throws KeyringException {
    return parse(text.getBytes(StandardCharsets.UTF_8), name);
  }

  /**
   * Interprets apt's Signed-By value: an inline armored key block, a list of fingerprints (which select keys of
   * {@code defaults}), or keyring paths.
   */
  public static Keyring forSignedBy(String signedBy, Keyring defaults) throws KeyringException {
    String value = signedBy.strip();
    if (value.contains(ARMOR_BEGIN)) {
      return armored(value, "inline Signed-By key");
    }
    List<String> words = List.of(value.split("[\\s,]+"));
    if (words.stream().allMatch(w -> w.matches("(?i)[0-9a-f]{40}!?"))) {
      return defaults.restrictTo(words.stream().map(w -> w.replace("!", "")).collect(Collectors.toSet()));
    }
    List<Keyring> files = new ArrayList<>();
    for (String path : words) {
      files.add(read(Path.of(path)));
    }
    return files.size() == 1 ? files.get(0) : merge(files);
  }

  /** All keys of several keyrings (apt's Signed-By may name several files). */
  public static Keyring merge(List<Keyring> keyrings) {
    List<PGPPublicKeyRing> all = new ArrayList<>();
    keyrings.forEach(k -> all.addAll(k.rings));
    return new Keyring(keyrings.stream().map(Keyring::name).collect(Collectors.joining(" + ")), all);
  }

  /** Parses binary or armored keyring bytes; {@code name} is used in messages. */
  public static Keyring parse(byte[] data, String name) throws KeyringException {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    String text = new String(data, StandardCharsets.ISO_8859_1);
    if (text.contains(ARMOR_BEGIN)) {
      // One armored file may hold several blocks; the decoder stream only reads the first.
      int at = text.indexOf(ARMOR_BEGIN);
      while (at >= 0) {
        int next = text.indexOf(ARMOR_BEGIN, at + ARMOR_BEGIN.length());
        String block = next < 0 ? text.substring(at) : text.substring(at, next);
        readRings(block.getBytes(StandardCharsets.ISO_8859_1), name, rings);
        at = next;
      }
    } else {
      readRings(data, name, rings);
    }
    if (rings.isEmpty()) {
      throw new KeyringException("keyring " + name + " holds no OpenPGP public key");
    }
    return new Keyring(name, rings);
  }

  private static void readRings(byte[] data, String name, List<PGPPublicKeyRing> into) throws KeyringException {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(data))) {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
      Object o;
      while ((o = factory.nextObject()) != null) {
        if (o instanceof PGPPublicKeyRing ring) {
          into.add(ring);
        } else if (!(o instanceof PGPMarker)) {
          throw new KeyringException("keyring " + name + " holds a " + o.getClass().getSimpleName()
              + " where public keys were expected");
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new KeyringException("keyring " + name + " is not an OpenPGP keyring: " + e.getMessage(), e);
    }
  }

  /** The keys whose primary fingerprint is one of {@code fingerprints} (hex, any case). */
  public Keyring restrictTo(Set<String> fingerprints) throws KeyringException {
    Set<String> wanted = fingerprints.stream().map(f -> f.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    List<PGPPublicKeyRing> kept = rings.stream()
        .filter(r -> wanted.contains(fingerprint(r.getPublicKey())))
        .toList();
    if (kept.isEmpty()) {
      throw new KeyringException("none of the fingerprints " + wanted + " is in keyring " + name);
    }
    return new Keyring(name + " restricted to " + wanted, kept);
  }

  /** The key (primary or subkey) with this key id, with the ring it belongs to. */
  public Optional<KeyInRing> find(long keyId) {
    for (PGPPublicKeyRing ring : rings) {
      PGPPublicKey key = ring.getPublicKey(keyId);
      if (key != null) {
        return Optional.of(new KeyInRing(ring, key));
      }
    }
    return Optional.empty();
  }

  /** The key with this v4 fingerprint (hex), when the signature names one. */
  public Optional<KeyInRing> find(byte[] fingerprint) {
    for (PGPPublicKeyRing ring : rings) {
      PGPPublicKey key = ring.getPublicKey(fingerprint);
      if (key != null) {
        return Optional.of(new KeyInRing(ring, key));
      }
    }
    return Optional.empty();
  }

  /**
   * The keys as one armored block without headers, as apt takes inline in a deb822 Signed-By field. No Version
   * header, so the text depends only on the keys (reproducible images).
   */
  public String toArmored() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
      for (PGPPublicKeyRing ring : rings) {
        ring.encode(armor, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory armoring of keyring " + name + " failed", e);
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }

  /** Primary key fingerprints, upper-case hex, in keyring order. */
  public List<String> fingerprints() {
    return rings.stream().map(r -> fingerprint(r.getPublicKey())).toList();
  }

  public List<PGPPublicKeyRing> rings() {
    return rings;
  }

  public String name() {
    return name;
  }

  static String fingerprint(PGPPublicKey key) {
    return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
  }

  static String keyId(long keyId) {
    return String.format(Locale.ROOT, "%016X", keyId);
  }

  /** A key and the ring (primary key, user ids, subkeys) holding it. */
  public record KeyInRing(PGPPublicKeyRing ring, PGPPublicKey key) {
    public PGPPublicKey primary() {
      return ring.getPublicKey();
    }

    public String fingerprint() {
      return Keyring.fingerprint(key);
    }
  }

  @Override
  public String toString() {
    return "keyring " + name + " " + fingerprints();
  }
}
