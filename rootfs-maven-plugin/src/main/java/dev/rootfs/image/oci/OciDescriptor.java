package dev.rootfs.image.oci;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the OCI calls a descriptor: a blob's media type, digest and size, which is how one document names another.
 *
 * @param mediaType e.g. {@link #LAYER_GZIP}
 * @param sha256 the blob's SHA-256 in lowercase hex
 * @param size the blob's length in bytes
 */
record OciDescriptor(String mediaType, String sha256, long size) {

  static final String INDEX = "application/vnd.oci.image.index.v1+json";
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  String digest() {
    return "sha256:" + sha256;
  }

  /** Where the layout keeps the blob. */
  String blobPath() {
    return "blobs/sha256/" + sha256;
  }

  /** The descriptor as JSON fields, for {@link Json}; callers may add platform and annotations. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mediaType", mediaType);
    m.put("digest", digest());
    m.put("size", size);
    return m;
  }
}
